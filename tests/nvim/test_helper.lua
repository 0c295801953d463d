local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local helper = function() return require('park.helper') end

local open_checked = function()
  local _, path = T.project()
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  return buf
end

local gone = function(pid)
  return function() return vim.loop.kill(pid, 0) ~= 0 end
end

T.case('the helper starts on first use, not at startup', function()
  T.eq(package.loaded['park.helper'] ~= nil and helper().status().running, false, 'running before use')
  open_checked()
  T.eq(helper().status().running, true, 'running after ParkCheck')
end)

T.case('a killed helper gives one message and the next ParkCheck restarts it', function()
  local buf = open_checked()
  local status = helper().status()
  T.ok(status.pid ~= nil and status.pid > 0, 'pid')
  T.eq(vim.fn.jobpid(status.chan), status.pid, 'jobpid')
  T.messages = {}
  vim.loop.kill(status.pid, 'sigkill')
  T.wait('the helper to be noticed dead', function() return not helper().status().running end)
  vim.wait(300)
  T.eq(#T.messages, 1, 'messages after the crash')
  T.ok(T.messages[1].msg:find('意外退出', 1, true), 'crash message: ' .. T.messages[1].msg)
  T.eq(helper().status().last_exit.expected, false, 'exit marked unexpected')
  vim.diagnostic.reset(T.ns(), buf)
  T.cmd('ParkCheck')
  local now = helper().status()
  T.eq(now.running, true, 'running again')
  T.ok(now.pid ~= status.pid, 'a new process')
  T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'findings after the restart')
  T.eq(#T.said('意外退出'), 1, 'crash messages in total')
end)

T.case('a helper killed during a check on save does not wedge later checks', function()
  local buf = open_checked()
  local pid = helper().status().pid
  require('park.check').schedule(buf)
  vim.loop.kill(pid, 'sigkill')
  T.wait('the helper to be noticed dead', function() return not helper().status().running end)
  vim.diagnostic.reset(T.ns(), buf)
  local applied = require('park.check').stats.applied
  vim.cmd('write')
  T.wait('a check after the crash', function() return require('park.check').stats.applied == applied + 1 end)
  T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'findings')
end)

T.case('a helper dying during a request gives one message', function()
  local buf = open_checked()
  local pid = helper().status().pid
  local lines = {}
  local report = T.lines(buf)
  for _ = 1, 2500 do
    vim.list_extend(lines, report)
  end
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  T.messages = {}
  vim.fn.jobstart({ 'sh', '-c', 'sleep 0.2; kill -9 ' .. pid })
  T.cmd('ParkCheck')
  T.wait('the helper to be noticed dead', function() return not helper().status().running end)
  vim.wait(300)
  T.eq(#T.messages, 1, 'messages: ' .. vim.inspect(T.messages))
  T.ok(T.messages[1].msg:find('意外退出', 1, true), 'message: ' .. T.messages[1].msg)
end)

T.case('ParkRestart starts a new helper without a crash message', function()
  open_checked()
  local old = helper().status().pid
  T.cmd('ParkRestart')
  local now = helper().status()
  T.ok(now.running and now.pid ~= old, 'new process')
  T.wait('the old process to end', gone(old))
  vim.wait(200)
  T.eq(#T.said('意外退出'), 0, 'crash messages')
  T.eq(#T.said('已重启'), 1, 'restart message')
end)

-- Lines the log gained since `n` lines.
local log_since = function(n)
  local ok, lines = pcall(vim.fn.readfile, helper().log_file())
  return ok and vim.list_slice(lines, n + 1) or {}
end
local log_len = function() return #log_since(0) end

T.case('ParkRestart and a SIGTERM from outside are not logged or shown as crashes', function()
  open_checked()
  local n = log_len()
  local old = helper().status().pid
  T.cmd('ParkRestart')
  T.wait('the old process to end', gone(old))
  local pid = helper().status().pid
  vim.loop.kill(pid, 'sigterm')
  T.wait('the helper to be noticed stopped', function() return not helper().status().running end)
  vim.wait(200)
  T.eq(#T.said('意外退出'), 0, 'crash messages')
  local new = table.concat(log_since(n), '\n')
  T.ok(not new:find('unexpectedly', 1, true), 'log: ' .. new)
  T.ok(new:find('helper stopped', 1, true) ~= nil, 'the stop is logged: ' .. new)
  T.cmd('ParkCheck')
  T.eq(helper().status().running, true, 'started again by the next use')
end)

T.case('VimLeavePre stops the helper', function()
  open_checked()
  local pid = helper().status().pid
  vim.cmd('doautocmd VimLeavePre')
  T.eq(helper().status().running, false, 'running')
  T.wait('the process to end', gone(pid))
  vim.wait(200)
  T.eq(#T.said('意外退出'), 0, 'crash messages')
end)

T.case('a missing helper binary is reported in Chinese with its path', function()
  helper().stop()
  require('park').setup({ helper = '/nonexistent/park' })
  vim.cmd('enew')
  T.cmd('ParkCheck')
  T.eq(#T.said('找不到可执行的辅助程序 /nonexistent/park'), 1, 'message')
end)

T.case('a missing helper on save gives one message and the write succeeds', function()
  helper().stop()
  require('park').setup({ helper = '/nonexistent/park' })
  local _, path = T.project()
  local buf = T.edit(path)
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '新行' })
  vim.cmd('write')
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '又一行' })
  vim.cmd('write')
  T.eq(T.read(path), table.concat(T.lines(buf), '\n') .. '\n', 'file')
  -- the checks are requested on the event loop's next turn, after :write
  T.wait('the message', function() return #T.said('找不到可执行的辅助程序') > 0 end)
  vim.wait(200)
  T.eq(#T.said('找不到可执行的辅助程序'), 1, 'messages')
end)

T.case('helper stderr lines go to the log and the last error', function()
  helper().stop()
  local dir = T.tmpdir()
  local wrapper = dir .. '/park-wrapper'
  T.write(wrapper, string.format('#!/bin/sh\necho "wrapper: first line" >&2\necho "wrapper: last line" >&2\nexec %s "$@"\n',
    vim.fn.shellescape(vim.env.PARK_BIN or (T.root .. '/build/park'))))
  vim.loop.fs_chmod(wrapper, 493)
  require('park').setup({ helper = wrapper })
  open_checked()
  T.wait('stderr lines', function() return #helper().status().log >= 2 end)
  local status = helper().status()
  T.ok(vim.tbl_contains(status.log, 'wrapper: first line'), 'log: ' .. vim.inspect(status.log))
  T.eq(status.last_error, 'wrapper: last line', 'last error')
  T.ok(T.read(status.log_file):find('wrapper: last line', 1, true), 'log file')
end)

T.run()
