--- The park helper process: start on first use, msgpack-RPC calls, crash
--- reporting, lazy restart, stderr log.
---
--- Nothing waits on the helper unless asked to: `M.call` sends the
--- notification `call` {id, method, params} and the helper answers with
--- `nvim_exec_lua` running `require('park.helper')._on_reply(...)`;
--- `M.request` waits for such an answer, interruptibly.

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

--- Calls `method` with the parameter list `params` asynchronously: the
--- helper answers the notification `call` through `_on_reply`, so nothing
--- waits. `on_done(err, result, kind)` then runs exactly once: `err` is nil
--- or a message; `kind` is 'helper' when the helper could not be reached,
--- died or hung (the user has been told), nil for the method's own errors.
--- A watchdog kills a helper that takes longer than `M.timeout`. With
--- `quiet`, failures of the helper itself are left to the caller to tell.
--- Returns the call's id (for `M.cancel`), or nil when nothing was sent.
M.call = function(method, params, on_done, quiet) return H.call(method, params, on_done, quiet == true) end

--- `M.call` for commands: `on_result(result)` runs only on success; a
--- failure is told to the user (with the helper's own message when the
--- helper failed, else as "调用 … 失败"). Returns the call's id.
M.ask = function(method, params, on_result)
  return M.call(method, params, function(err, res, kind)
    if err == nil then return on_result(res) end
    if kind == nil then util.notify(string.format('%s辅助程序调用 %s 失败：%s', util.prefix, method, err), vim.log.levels.ERROR) end
  end)
end

--- Forgets call `id`: its answer, when it comes, is dropped.
M.cancel = function(id)
  local p = id and H.pending[id]
  if p == nil then return end
  H.pending[id] = nil
  M.unwatch(p.dog)
end

--- Calls `method` with arguments `...` and waits for its result, for
--- commands that need it and scripts: the wait processes events, Ctrl-C
--- ends it (the answer is then dropped) and `M.timeout` bounds it.
--- Raises an error with a Chinese message on failure or interrupt.
M.request = function(method, ...)
  local done, err, res, kind
  local id = M.call(method, { ... }, function(e, r, k) done, err, res, kind = true, e, r, k end, true)
  H.wait(id, method, function() return done end, math.huge)
  if err ~= nil then
    if kind == 'helper' then util.error(err) end
    H.last_error = string.format('%s: %s', method, err)
    util.error(string.format('辅助程序调用 %s 失败：%s', method, err))
  end
  return res
end

--- `M.call`, then waits at most `ms` for the answer (interruptibly, as
--- `M.request`): for what is best done before the next key is read, such
--- as expanding a snippet while keys are typed ahead. Returns true when
--- `on_done` has run, false when it runs later (the helper is slow).
M.briefly = function(method, params, ms, on_done, quiet)
  local done = false
  local id = M.call(method, params, function(...)
    done = true
    return on_done(...)
  end, quiet)
  H.wait(id, method, function() return done end, ms)
  return done
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

--- Registers `fn(code, chan)` to run whenever a helper exits, expectedly or not.
M.on_exit = function(fn) table.insert(H.exit_handlers, fn) end

--- Entry point of the helper's replies to `call`: {id, error, result}.
M._on_reply = function(reply)
  if type(reply) ~= 'table' then return end
  local p = H.pending[reply[1]]
  if p == nil then return end
  H.pending[reply[1]] = nil
  M.unwatch(p.dog)
  local err = util.value(reply[2])
  H.finish(p, err ~= nil and tostring(err) or nil, util.value(reply[3]))
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
    pending = vim.tbl_count(H.pending) + H.unsent,
    log = vim.deepcopy(H.log_lines),
    log_file = M.log_file(),
  }
end

--- The file helper stderr is appended to.
M.log_file = function() return vim.fn.stdpath('cache') .. '/park.log' end

-- Helper data ================================================================
H.chan = nil
H.exit_handlers = {}
H.expected_exit = {}
H.crash_reported = {}
H.log_lines = {}
H.log_max = 200
H.partial = ''
H.pending = {}
H.unsent = 0
H.next_id = 0

-- Helper functionality =======================================================
-- M.call; `sync` (quiet): the caller tells the user about helper failures.
H.call = function(method, params, on_done, sync)
  local ok, chan = pcall(M.ensure)
  if not ok then
    local msg = tostring(chan):gsub('^' .. util.prefix, '')
    if not sync then H.notify_once(util.prefix .. msg) end
    H.later({ cb = on_done, method = method }, msg)
    return nil
  end
  H.next_id = H.next_id + 1
  local id = H.next_id
  local p = { method = method, chan = chan, cb = on_done, sync = sync }
  p.dog = M.watchdog(chan, function()
    if not sync then util.notify(util.prefix .. H.hung_message(method), vim.log.levels.WARN) end
  end)
  H.pending[id] = p
  local sent, err = pcall(vim.rpcnotify, chan, 'call', id, method, params or {})
  if not sent then
    M.cancel(id)
    H.last_error = string.format('%s: %s', method, H.clean_error(err))
    H.later(p, '无法向辅助程序发送请求：' .. H.clean_error(err))
    return nil
  end
  return id
end

-- Waits until cond() or for `ms`, in slices: a wait with a condition
-- ignores Ctrl-C until its time is up on 0.7. Ctrl-C cancels call `id`.
H.wait = function(id, method, cond, ms)
  local deadline = uv.hrtime() + ms * 1e6
  H.waits = H.waits + 1
  local ok, err = pcall(function()
    while not cond() do
      local left = (deadline - uv.hrtime()) / 1e6
      if left <= 0 then return end
      local _, why = vim.wait(math.min(20, math.max(1, math.floor(left))), cond, 1)
      if why == -2 and not cond() then
        M.cancel(id)
        util.error(string.format('已中断（辅助程序仍在处理 %s，其结果将被丢弃）', method))
      end
    end
  end)
  H.waits = H.waits - 1
  if not ok then error(err, 0) end
end
H.waits = 0

--- Whether a command is waiting for the helper (M.request, M.briefly):
--- background work waits until it is done, so that Ctrl-C reaches the wait.
M.waiting = function() return H.waits > 0 end

-- Ends call `p`, which never reached the helper, on the next turn of the
-- event loop; it counts as pending until then.
H.later = function(p, msg)
  H.unsent = H.unsent + 1
  vim.schedule(function()
    H.unsent = H.unsent - 1
    H.finish(p, msg, nil, 'helper')
  end)
end

H.finish = function(p, err, result, kind)
  local ok, e = pcall(p.cb, err, result, kind)
  if ok then return end
  e = tostring(e)
  H.log({ string.format('%s callback failed: %s', p.method, e) })
  if e:sub(1, #util.prefix) ~= util.prefix then e = util.prefix .. e end
  util.notify(e, vim.log.levels.ERROR)
end

-- What each method does, for messages.
H.labels = {
  check = '检查', outline = '大纲分析', renumber = '重新编号', placeholders = '占位符分析', snippets = '读取片段',
  snippet_expand = '展开片段', allow = '写入忽略列表', allowed = '读取忽略列表', unallow = '修改忽略列表',
  rules = '读取规则', info = '读取信息', reload = '重新读取规则',
}

H.hung_message = function(method)
  return string.format('辅助程序在 %d 秒内没有完成%s，已终止；下次使用时自动重启', math.ceil(M.timeout / 1000),
    H.labels[method] or (' ' .. method))
end

-- Ends the calls pending on helper `chan`, which has exited.
H.fail_pending = function(chan)
  for id, p in pairs(H.pending) do
    if p.chan == chan then
      H.pending[id] = nil
      local hung = p.dog ~= nil and p.dog.fired
      M.unwatch(p.dog)
      if p.sync then H.crash_reported[chan] = true end
      local msg = hung and H.hung_message(p.method)
        or string.format('辅助程序在%s时意外退出，下次使用时自动重启', H.labels[p.method] or (' ' .. p.method .. ' '))
      H.finish(p, msg, nil, 'helper')
    end
  end
end

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
  -- An expected stop (often of an older helper, arriving late) does not hide
  -- the last crash from :checkhealth.
  if not expected or H.last_exit == nil or H.last_exit.expected then
    H.last_exit = { code = code, expected = expected or false, time = os.time() }
  end
  H.fail_pending(chan)
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
