-- Faults around the helper: hung, killed, flooded, orphaned; and writes that
-- the disk refuses. Each ends with the user told once, the buffer untouched,
-- and the next command working again.
local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local helper = function() return require('park.helper') end
local check = function() return require('park.check') end
local uv = vim.loop
local park_bin = vim.env.PARK_BIN or (T.root .. '/build/park')

local open_checked = function()
  local _, path = T.project()
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'findings before the fault')
  return buf, path
end

-- A process is gone when kill(0) fails or it is a zombie nobody reaped yet.
local gone = function(pid)
  if uv.kill(pid, 0) ~= 0 then return true end
  local f = io.open('/proc/' .. pid .. '/stat', 'r')
  if f == nil then return true end
  local stat = f:read('*a')
  f:close()
  return stat:match('^%d+ %b() (%a)') == 'Z'
end

local snapshot = function(buf)
  return { lines = T.lines(buf), tick = vim.api.nvim_buf_get_changedtick(buf), modified = vim.bo[buf].modified }
end

local restore_timeout = function(old) helper().timeout = old end

T.case('a hung helper: ParkCheck returns at once, one message after the timeout, untouched buffer, next command restarts', function()
  local buf = open_checked()
  local old = helper().timeout
  helper().timeout = 1500
  local ok, err = pcall(function()
    local pid = helper().status().pid
    local before = snapshot(buf)
    T.messages = {}
    uv.kill(pid, 'sigstop')
    local t0 = uv.hrtime()
    vim.cmd('ParkCheck')
    local took = (uv.hrtime() - t0) / 1e6
    T.ok(took < 500, ':ParkCheck waited ' .. took .. ' ms for a stopped helper')
    T.eq(#T.messages, 0, 'messages before the timeout')
    T.wait('the hung helper to be killed', function() return gone(pid) end)
    vim.wait(300)
    T.eq(#T.messages, 1, 'messages: ' .. vim.inspect(T.messages))
    T.ok(T.messages[1].msg:find('没有完成检查', 1, true), 'message: ' .. T.messages[1].msg)
    T.eq(snapshot(buf), before, 'buffer')
    T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'diagnostics kept')
    vim.diagnostic.reset(T.ns(), buf)
    T.cmd('ParkCheck')
    T.ok(helper().status().pid ~= pid, 'a new helper')
    T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'findings after the restart')
    T.eq(#T.said('意外退出'), 0, 'no second message')
  end)
  restore_timeout(old)
  if not ok then error(err, 0) end
end)

-- A child Neovim on a project, its notifications caught in _G.said, whose
-- helper is started and then stopped (SIGSTOP): body(c, pid) runs, and the
-- helper is let go (SIGCONT) and the child stopped whatever happens.
local function with_stopped_helper(body)
  local _, path = T.project()
  local c = T.child(path)
  local pid
  local ok, err = pcall(function()
    c.lua([[
      _G.said = {}
      vim.notify = function(m) table.insert(_G.said, m) end
      require('park.helper').timeout = 60000
      require('park').info()
    ]])
    pid = c.lua("return require('park.helper').status().pid")
    uv.kill(pid, 'sigstop')
    body(c, pid)
  end)
  if pid then uv.kill(pid, 'sigcont') end
  c.stop()
  if not ok then error(err, 0) end
end

-- Types :ParkSnippet (it waits for the snippet list and the expansion) and
-- returns once it waits on the helper: <C-c> before that would only flush
-- the typeahead.
local function snippet_waits(c)
  c.input(':ParkSnippet tbzz<CR>')
  c.wait('the command to wait on the helper', function() return c.lua("return require('park.helper').status().pending") > 0 end)
end

local function interrupted(c)
  c.wait('the interrupt message', function() return c.lua("return table.concat(_G.said, '\\n')"):find('已中断', 1, true) end)
end

T.case('Ctrl-C ends a command waiting on a hung helper at once, and its late answer is dropped', function()
  with_stopped_helper(function(c, pid)
    local before = c.lines()
    snippet_waits(c)
    vim.wait(100)
    T.eq(c.lua('return #_G.said'), 0, 'messages while waiting')
    local t0 = uv.hrtime()
    c.input('<C-c>')
    interrupted(c)
    local took = (uv.hrtime() - t0) / 1e6
    T.ok(took < 1000, 'Ctrl-C took ' .. took .. ' ms')
    T.eq(c.lines(), before, 'nothing inserted')
    -- the helper wakes up and answers: the answer is dropped, nothing is inserted
    uv.kill(pid, 'sigcont')
    c.wait('the late answer', function() return c.lua("return require('park.helper').status().pending") == 0 end)
    vim.wait(200)
    T.eq(c.lines(), before, 'after the late answer')
    c.input(':ParkSnippet tbzz<CR>')
    c.wait('the snippet', function() return c.lines()[1]:find('同比增长', 1, true) ~= nil end)
  end)
end)

T.case('background work waits while a command waits on the helper, so Ctrl-C reaches the command', function()
  with_stopped_helper(function(c)
    c.lua([[
      _G.idle = 0
      require('park.buffer').subscribe(vim.api.nvim_get_current_buf(), 'test-idle', { idle = function() _G.idle = _G.idle + 1 end })
    ]])
    snippet_waits(c)
    -- an idle pause that ends during the wait: its work is put off
    c.lua("require('park.buffer').schedule(vim.api.nvim_get_current_buf(), 0)")
    vim.wait(200)
    T.eq(c.lua('return _G.idle'), 0, 'idle callbacks run during the wait')
    c.input('<C-c>')
    interrupted(c)
    c.wait('the idle work after the wait', function() return c.lua('return _G.idle') > 0 end)
  end)
end)

T.case('a hung helper during a check on save is killed after the timeout', function()
  local buf = open_checked()
  local old = helper().timeout
  helper().timeout = 1000
  local ok, err = pcall(function()
    local pid = helper().status().pid
    T.messages = {}
    uv.kill(pid, 'sigstop')
    vim.cmd('write')
    T.wait('the timeout message', function() return #T.said('没有完成检查') == 1 end, 5000)
    T.wait('the hung helper to be killed', function() return gone(pid) end)
    vim.wait(300)
    T.eq(#T.messages, 1, 'messages: ' .. vim.inspect(T.messages))
    vim.diagnostic.reset(T.ns(), buf)
    local applied = check().stats.applied
    vim.cmd('write')
    T.wait('a check after the restart', function() return check().stats.applied == applied + 1 end)
    T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'findings')
  end)
  restore_timeout(old)
  if not ok then error(err, 0) end
end)

T.case('a helper killed in the middle of ParkCheck leaves the buffer untouched', function()
  local buf = open_checked()
  local report = T.lines(buf)
  local lines = {}
  for _ = 1, 2000 do
    vim.list_extend(lines, report)
  end
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  local before = snapshot(buf)
  local pid = helper().status().pid
  T.messages = {}
  vim.fn.jobstart({ 'sh', '-c', 'sleep 0.2; kill -9 ' .. pid })
  T.cmd('ParkCheck')
  T.wait('the helper to be noticed dead', function() return not helper().status().running end)
  vim.wait(300)
  T.eq(#T.messages, 1, 'messages: ' .. vim.inspect(T.messages))
  T.eq(snapshot(buf), before, 'buffer')
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, report)
  T.cmd('ParkCheck')
  T.ok(helper().status().running and helper().status().pid ~= pid, 'restarted')
  T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'findings after the restart')
end)

T.case('checks requested faster than answered coalesce to the latest changedtick', function()
  require('park').setup({ max_diagnostics = 0 }) -- all 502 findings counted below
  local buf = open_checked()
  local sent = check().stats.sent
  for i = 1, 500 do
    vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '第' .. i .. '次修改：有效的带动' })
    check().schedule(buf)
  end
  T.ok(check().stats.sent - sent <= 2, 'sent while one was in flight: ' .. (check().stats.sent - sent))
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  T.wait('the result for the latest tick', function()
    return check().stats.last ~= nil and check().stats.last.tick == tick and check().stats.last.status == 'applied'
  end, 10000)
  T.ok(check().stats.sent - sent <= 3, 'checks sent in all: ' .. (check().stats.sent - sent))
  T.eq(#T.diags(buf, 'ptest.de-di'), 502, 'findings of the final text')
end)

T.case('Neovim killed during a request: its helper exits', function()
  local dir = T.tmpdir()
  local pidfile = dir .. '/pid'
  local script = dir .. '/child.lua'
  T.write(script, string.format([[
vim.cmd('runtime! plugin/park.lua')
require('park').setup({ helper = %q })
local lines = {}
for i = 1, 200000 do lines[i] = '园区各项工作稳步推进，认真布署工作。' end
local chan = require('park.helper').ensure()
vim.fn.writefile({ tostring(vim.fn.jobpid(chan)) }, %q)
vim.rpcrequest(chan, 'check', { lines = lines })
]], park_bin, pidfile))
  local child = vim.fn.jobstart({ vim.v.progpath, '--headless', '-u', 'NONE', '-i', 'NONE', '-n', '--cmd',
    'set rtp^=' .. T.root, '-c', 'luafile ' .. script })
  T.ok(child > 0, 'child Neovim started')
  T.wait('the child helper pid', function() return vim.fn.filereadable(pidfile) == 1 end, 10000)
  local pid = tonumber(vim.fn.readfile(pidfile)[1])
  T.ok(pid ~= nil and pid > 0, 'helper pid')
  vim.wait(200)
  uv.kill(vim.fn.jobpid(child), 'sigkill')
  T.wait('the orphaned helper to exit', function() return gone(pid) end, 15000)
end)

-- A helper that cannot write in the document's directory: as root it runs as
-- nobody (root writes anywhere); otherwise the directory's mode suffices.
local readonly_project = function()
  local dir = '/tmp/park-ro-' .. uv.os_getpid() .. '-' .. math.random(1e6)
  vim.fn.mkdir(dir, 'p')
  uv.fs_chmod(dir, 493)
  T.write(dir .. '/.parkrc', T.rules)
  local path = T.copy_corpus('leadership-work-report.txt', dir, 'report.park')
  uv.fs_chmod(dir .. '/.parkrc', 420)
  uv.fs_chmod(path, 420)
  return dir, path
end

local wrapper = function(body)
  local dir = T.tmpdir()
  uv.fs_chmod(dir, 493)
  local w = dir .. '/park-wrapper'
  T.write(w, '#!/bin/sh\n' .. body .. '\n')
  uv.fs_chmod(w, 493)
  return w
end

local ignore_fails_cleanly = function(dir, path, expect)
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  local d = T.diags(buf, 'ptest.de-di')[1]
  T.ok(d ~= nil, 'a finding to ignore')
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local before = snapshot(buf)
  local rc = T.read(dir .. '/.parkrc')
  T.messages = {}
  T.cmd('ParkIgnore')
  T.eq(#T.messages, 1, 'messages: ' .. vim.inspect(T.messages))
  T.ok(T.messages[1].msg:find('原文件未改动', 1, true), 'message: ' .. T.messages[1].msg)
  T.ok(T.messages[1].msg:find(expect, 1, true), 'message names the cause: ' .. T.messages[1].msg)
  T.eq(T.read(dir .. '/.parkrc'), rc, '.parkrc')
  T.eq(snapshot(buf), before, 'buffer')
  T.eq(#vim.fn.glob(dir .. '/.parkrc.park-*', true, true), 0, 'temporary files left')
end

T.case('ParkIgnore in a read-only directory says so and changes nothing', function()
  local is_root = uv.getuid and uv.getuid() == 0
  if is_root and vim.fn.executable('setpriv') == 0 then return end -- cannot drop root here
  helper().stop()
  local dir, path = readonly_project()
  local body = string.format('exec %s "$@"', vim.fn.shellescape(park_bin))
  if is_root then body = 'exec setpriv --reuid=65534 --regid=65534 --clear-groups -- ' .. vim.fn.shellescape(park_bin) .. ' "$@"' end
  require('park').setup({ helper = wrapper(body) })
  uv.fs_chmod(dir, 365)
  local ok, err = pcall(ignore_fails_cleanly, dir, path, 'Permission denied')
  uv.fs_chmod(dir, 493)
  vim.fn.delete(dir, 'rf')
  if not ok then error(err, 0) end
end)

T.case('ParkIgnore on a full disk says so and changes nothing', function()
  helper().stop()
  local _, path = T.project()
  local dir = vim.fn.fnamemodify(path, ':h')
  -- a file size limit of 0: every write fails as on a full disk (EFBIG)
  require('park').setup({ helper = wrapper(string.format('ulimit -f 0; exec %s "$@"', vim.fn.shellescape(park_bin))) })
  ignore_fails_cleanly(dir, path, 'File too large')
end)

T.run()
