--- The park helper process: start on first use, msgpack-RPC calls, crash
--- reporting, lazy restart, stderr log.
---
--- The helper answers `rpcnotify` calls by sending Neovim the notification
--- `nvim_exec_lua` with `return require('park.helper')._on_result(...)`;
--- `M.on_result()` registers the Lua handler for each method.

-- Module definition ==========================================================
local M = {}
local H = {}

local util = require('park.util')

local uv = vim.uv or vim.loop

--- Absolute path of the plugin's root directory (the one holding lua/ and build/).
M.root = function()
  local source = debug.getinfo(1, 'S').source:gsub('^@', '')
  return vim.fn.fnamemodify(source, ':p:h:h:h')
end

--- The helper binary to run: option `helper`, else `<root>/build/park`.
M.path = function()
  local configured = require('park.config').get().helper
  if configured ~= nil then return vim.fn.expand(configured) end
  return M.root() .. '/build/park'
end

--- Channel id of the running helper, starting it if needed.
--- Raises an error (Chinese message) when it cannot be started.
M.ensure = function()
  if H.chan ~= nil then return H.chan end
  local path = M.path()
  if vim.fn.executable(path) ~= 1 then
    util.error(string.format('找不到可执行的辅助程序 %s（请在插件目录运行 make，或设置选项 helper）', path))
  end
  local chan
  chan = vim.fn.jobstart({ path, 'rpc' }, {
    rpc = true,
    on_stderr = function(_, data) H.on_stderr(data) end,
    on_exit = function(_, code) H.on_exit(chan, code) end,
  })
  if chan <= 0 then util.error(string.format('无法启动辅助程序 %s（jobstart 返回 %d）', path, chan)) end
  H.chan, H.path, H.last_notified = chan, path, nil
  H.expected_exit[chan] = nil
  return chan
end

--- Milliseconds a call may take before the helper counts as hung: it is then
--- killed, the user is told, and the next command starts a new one. 0: no limit.
M.timeout = 30000

--- Calls `method` synchronously and returns its result.
--- Raises an error with the helper's message on failure. Never use on a hot path.
--- The wait is bounded by `M.timeout` (`rpcrequest` itself has no limit on 0.7):
--- a watchdog kills a helper that does not answer, which ends the request.
M.request = function(method, ...)
  local chan = M.ensure()
  local dog = M.watchdog(chan)
  local ok, res = pcall(vim.rpcrequest, chan, method, ...)
  local hung = dog ~= nil and dog.fired
  M.unwatch(dog)
  if not ok and hung then
    H.crash_reported[chan] = true
    H.last_error = string.format('%s: no answer within %d ms', method, M.timeout)
    util.error(string.format('辅助程序在 %d 秒内没有完成 %s，已终止；下次使用时自动重启', math.ceil(M.timeout / 1000), method))
  end
  if not ok then
    local msg = H.clean_error(res)
    -- "ch 5 was closed by the client" (0.7) / "Channel was closed…": the helper died.
    if msg:lower():find('closed', 1, true) or vim.fn.jobwait({ chan }, 0)[1] ~= -1 then
      H.crash_reported[chan] = true
      util.error(string.format('辅助程序在执行 %s 时意外退出，下次使用时自动重启', method))
    end
    H.last_error = string.format('%s: %s', method, msg)
    util.error(string.format('辅助程序调用 %s 失败：%s', method, msg))
  end
  return res
end

--- Sends `method` as a notification; the answer arrives through `_on_result`.
--- Returns the channel used, or false (after a message) when the helper cannot be reached.
M.notify = function(method, ...)
  local ok, chan = pcall(M.ensure)
  if not ok then
    H.notify_once(chan)
    return false
  end
  local sent, err = pcall(vim.rpcnotify, chan, method, ...)
  if not sent then
    H.last_error = string.format('%s: %s', method, H.clean_error(err))
    return false
  end
  return chan
end

--- Starts a watchdog on helper `chan`: after `M.timeout` ms it kills the
--- helper (SIGKILL works on a stopped process too), sets `dog.fired` and calls
--- `on_fire(chan)` scheduled. It runs in libuv's timer callback, so it fires
--- even while Neovim waits inside `rpcrequest`. Returns nil when disabled.
M.watchdog = function(chan, on_fire)
  if not M.timeout or M.timeout <= 0 then return nil end
  local okpid, pid = pcall(vim.fn.jobpid, chan)
  if not okpid or type(pid) ~= 'number' or pid <= 0 then return nil end
  local dog = { timer = uv.new_timer(), fired = false }
  dog.timer:start(M.timeout, 0, function()
    dog.fired = true
    H.crash_reported[chan] = true -- whoever set the watchdog tells the user
    uv.kill(pid, 'sigkill')
    if on_fire then vim.schedule(function() on_fire(chan) end) end
  end)
  return dog
end

--- Stops a watchdog from `M.watchdog` (nil is fine).
M.unwatch = function(dog)
  if dog == nil or dog.timer:is_closing() then return end
  dog.timer:stop()
  dog.timer:close()
end

--- Registers `fn(result)` for asynchronous results whose `method` field is `method`.
M.on_result = function(method, fn) H.handlers[method] = fn end

--- Registers `fn(code, chan)` to run whenever a helper exits, expectedly or not.
M.on_exit = function(fn) table.insert(H.exit_handlers, fn) end

--- Entry point of the helper's `nvim_exec_lua` notifications.
M._on_result = function(result)
  if type(result) ~= 'table' then return end
  local fn = H.handlers[result.method]
  if fn == nil then
    H.log({ string.format('unexpected result for method %s', tostring(result.method)) })
    return
  end
  local ok, err = pcall(fn, result)
  if not ok then
    H.last_error = tostring(err)
    H.log({ 'result handler failed: ' .. tostring(err) })
  end
end

--- Stops the helper (SIGTERM, then SIGKILL after 2 s). No crash message follows.
M.stop = function()
  local chan = H.chan
  if chan == nil then return end
  H.expected_exit[chan] = true
  H.chan = nil
  pcall(vim.fn.jobstop, chan)
end

--- Stops the helper and starts a new one; returns the new channel id.
M.restart = function()
  M.stop()
  return M.ensure()
end

--- State for health checks and tests.
M.status = function()
  local pid
  if H.chan ~= nil then
    local ok, res = pcall(vim.fn.jobpid, H.chan)
    pid = ok and res or nil
  end
  return {
    running = H.chan ~= nil,
    chan = H.chan,
    pid = pid,
    path = H.path or M.path(),
    last_error = H.last_error,
    last_exit = H.last_exit,
    log = vim.deepcopy(H.log_lines),
    log_file = M.log_file(),
  }
end

--- The file helper stderr is appended to.
M.log_file = function() return vim.fn.stdpath('cache') .. '/park.log' end

-- Helper data ================================================================
H.chan = nil
H.handlers = {}
H.exit_handlers = {}
H.expected_exit = {}
H.crash_reported = {}
H.log_lines = {}
H.log_max = 200
H.partial = ''

-- Helper functionality =======================================================
H.notify_once = function(msg)
  if H.last_notified == msg then return end
  H.last_notified = msg
  vim.notify(msg, vim.log.levels.ERROR)
end

-- "Vim:Error invoking 'check' on channel 3:\nboom" -> "boom"
H.clean_error = function(err)
  local msg = tostring(err)
  return (msg:match('^Vim:Error invoking .- on channel %d+:\n(.*)$') or msg:gsub('^Vim:', ''))
end

H.on_stderr = function(data)
  if type(data) ~= 'table' or #data == 0 then return end
  data[1] = H.partial .. data[1]
  H.partial = table.remove(data)
  local lines = vim.tbl_filter(function(l) return l ~= '' end, data)
  if #lines == 0 then return end
  H.last_error = lines[#lines]
  H.log(lines)
end

H.log = function(lines)
  for _, line in ipairs(lines) do
    table.insert(H.log_lines, line)
  end
  while #H.log_lines > H.log_max do
    table.remove(H.log_lines, 1)
  end
  local stamp = os.date('%Y-%m-%d %H:%M:%S ')
  local out = vim.tbl_map(function(l) return stamp .. l end, lines)
  pcall(function()
    vim.fn.mkdir(vim.fn.fnamemodify(M.log_file(), ':h'), 'p')
    vim.fn.writefile(out, M.log_file(), 'a')
  end)
end

H.on_exit = function(chan, code)
  local expected = H.expected_exit[chan]
  H.expected_exit[chan] = nil
  if H.partial ~= '' then H.on_stderr({ '' }) end
  if H.chan == chan then H.chan = nil end
  H.last_exit = { code = code, expected = expected or false, time = os.time() }
  for _, fn in ipairs(H.exit_handlers) do
    pcall(fn, code, chan)
  end
  if expected then return end
  if code == 0 or code == 143 then
    -- SIGTERM from outside (the helper then ends cleanly) or the end of its
    -- input: a stop, not a crash; the next use starts a new one
    H.log({ string.format('helper stopped (status %d)', code) })
    return
  end
  H.last_error = string.format('helper exited unexpectedly (status %d)', code)
  H.log({ H.last_error })
  vim.schedule(function()
    -- A request that failed because of this exit has already told the user.
    if H.crash_reported[chan] then
      H.crash_reported[chan] = nil
      return
    end
    vim.notify(string.format('Park：辅助程序意外退出（状态 %d），下次使用时自动重启', code), vim.log.levels.WARN)
  end)
end

return M
