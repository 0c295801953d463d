local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local check = function() return require('park.check') end

local open_report = function()
  local _, path = T.project()
  local buf = T.edit(path)
  T.eq(vim.bo[buf].filetype, 'park', 'filetype')
  return buf, path
end

T.case('a park buffer is checked when it is opened, unless check_on_open is off', function()
  local buf = open_report()
  T.wait('diagnostics after opening', function() return #T.diags(buf, 'ptest.de-di') == 2 end)
  T.eq(vim.bo[buf].modified, false, 'buffer unmodified')
  require('park').setup({ check_on_open = false })
  local other = open_report()
  vim.wait(500)
  T.eq(#vim.diagnostic.get(other, { namespace = T.ns() }), 0, 'diagnostics with check_on_open = false')
  -- an unnamed buffer set to park is not checked: nothing was opened
  require('park').setup({})
  vim.cmd('enew')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '要认真的落实。' })
  local sent = require('park.check').stats.sent
  vim.bo.filetype = 'park'
  vim.wait(300)
  T.eq(require('park.check').stats.sent, sent, 'checks sent for an unnamed buffer')
end)

-- "lnum:code" of every park diagnostic of buf, sorted.
local found = function(buf)
  local res = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = T.ns() })) do
    table.insert(res, string.format('%d:%s', d.lnum, d.code))
  end
  table.sort(res)
  return res
end

-- found() as it should read after line 1 is deleted: the findings below it one line higher.
local first_line_deleted = function(before)
  local want = {}
  for _, k in ipairs(before) do
    local l, code = k:match('^(%d+):(.*)$')
    if tonumber(l) > 0 then table.insert(want, string.format('%d:%s', tonumber(l) - 1, code)) end
  end
  table.sort(want)
  return want
end

local checked = function(buf)
  return function() return vim.b[buf].park_checked_tick == vim.api.nvim_buf_get_changedtick(buf) end
end

T.case('diagnostics follow a deleted line, an undo and a redo without :ParkCheck', function()
  local buf = open_report()
  T.wait('the check on open', checked(buf))
  local before = found(buf)
  local sent = require('park.check').stats.sent
  vim.cmd('1delete')
  T.wait('the check after ggdd', checked(buf))
  local want = first_line_deleted(before)
  T.eq(found(buf), want, 'findings a line higher')
  vim.cmd('undo')
  T.wait('the check after undo', checked(buf))
  T.eq(found(buf), before, 'findings after undo')
  vim.cmd('redo')
  T.wait('the check after redo', checked(buf))
  T.eq(found(buf), want, 'findings after redo')
  T.eq(require('park.check').stats.sent - sent, 3, 'one check per change')
  -- many changes in a row: one check after the pause
  sent = require('park.check').stats.sent
  for i = 1, 20 do
    vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '第' .. i .. '行' })
  end
  T.wait('the check after 20 changes', checked(buf))
  vim.wait(300)
  T.eq(require('park.check').stats.sent - sent, 1, 'checks for 20 changes in a row')
  -- off: diagnostics stay as they were
  require('park').setup({ check_on_change = false })
  local tick = vim.b[buf].park_checked_tick
  vim.cmd('1delete')
  vim.wait(400)
  T.eq(vim.b[buf].park_checked_tick, tick, 'no check with check_on_change = false')
end)

T.case('without a re-check, diagnostics and ParkFix follow the text through ggdd and an edit', function()
  require('park').setup({ check_on_change = false })
  local buf = open_report()
  T.wait('the check on open', checked(buf))
  local before = found(buf)
  local first = T.diags(buf, 'ptest.de-di')[1]
  T.ok(first.lnum > 0, 'a de-di finding below line 1')
  vim.cmd('1delete')
  -- at once, before any pause: the finding under the underline is found
  vim.api.nvim_win_set_cursor(0, { first.lnum, first.col })
  T.eq(require('park.fix').at(buf, first.lnum - 1, first.col).code, 'ptest.de-di', 'finding after ggdd')
  local want = first_line_deleted(before)
  T.eq(found(buf), want, 'vim.diagnostic.get a line higher')
  -- text typed before the finding on its line moves it right
  vim.api.nvim_buf_set_text(buf, first.lnum - 1, 0, first.lnum - 1, 0, { '新' })
  T.wait('the pause after the edit', function() return T.diags(buf, 'ptest.de-di')[1].col == first.col + 3 end)
  T.ok(vim.b[buf].park_checked_tick ~= vim.api.nvim_buf_get_changedtick(buf), 'no check ran')
  vim.api.nvim_win_set_cursor(0, { first.lnum, first.col + 3 })
  vim.cmd('ParkFix')
  T.eq(#T.occurrences(buf, '自觉地在'), 1, 'fixed where the underline was')
  T.eq(#T.diags(buf, 'ptest.de-di'), 1, 'the fixed finding is gone at once, the other stays')
end)

T.case('typing is re-checked when Insert mode is left, or during pauses with check_in_insert', function()
  local _, path = T.project()
  local c = T.child(path)
  local ok, err = pcall(function()
    local fresh = function()
      return c.lua('return vim.b.park_checked_tick == vim.api.nvim_buf_get_changedtick(0)')
    end
    c.wait('the check on open', fresh)
    c.input('O有效的带动')
    vim.wait(600)
    T.eq(c.mode(), 'i', 'still typing')
    T.eq(fresh(), false, 'no check while typing')
    c.input('<Esc>')
    c.wait('the check after InsertLeave', fresh)
    T.eq(c.lua([[return #vim.tbl_filter(function(d) return d.lnum == 0 end, vim.diagnostic.get(0))]]) > 0, true, 'the typed line checked')
    c.lua('require("park").setup({ check_in_insert = true })')
    c.input('O有效的带动')
    c.wait('a check during the pause', fresh)
    T.eq(c.mode(), 'i', 'in Insert mode')
  end)
  c.stop()
  if not ok then error(err, 0) end
end)

T.case('check on save sets diagnostics asynchronously after :w', function()
  local buf = open_report()
  local sent = check().stats.sent
  vim.cmd('write')
  T.eq(#vim.diagnostic.get(buf, { namespace = T.ns() }), 0, 'diagnostics right after :w (must not block)')
  T.eq(check().stats.sent, sent, 'checks sent before :w returned (the request waits for the event loop)')
  T.wait('the check to be sent', function() return check().stats.sent == sent + 1 end)
  T.wait('diagnostics after :w', function() return #T.diags(buf) > 0 end)
  T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'ptest.de-di findings')
  T.eq(check().stats.last.status, 'applied', 'last result')
  T.eq(#T.messages, 0, 'messages from a check on save')
end)

T.case('the file written by :w is byte-identical to the buffer', function()
  local buf, path = open_report()
  local original = T.read(T.corpus .. '/leadership-work-report.txt')
  vim.cmd('write')
  T.eq(T.read(path), original, 'unchanged buffer written')
  vim.api.nvim_buf_set_lines(buf, 1, 1, false, { '新增一行：有效的带动X亿元。' })
  vim.cmd('write')
  T.eq(T.read(path), table.concat(T.lines(buf), '\n') .. '\n', 'file after an edit')
  T.wait('diagnostics after :w', function() return #T.diags(buf, 'ptest.de-di') == 3 end)
  T.eq(vim.bo[buf].modified, false, "'modified'")
end)

T.case('check_on_save = false: :w checks nothing and does not start the helper', function()
  require('park.helper').stop()
  -- Checking on open, placeholder highlighting, folding and the snippet keys (which fetch the
  -- snippet list) would start the helper on opening the buffer.
  require('park').setup({ check_on_save = false, check_on_open = false, placeholder_highlight = false, fold = false, snippet_keys = false })
  local buf = open_report()
  local sent = check().stats.sent
  vim.cmd('write')
  vim.wait(500)
  T.eq(#vim.diagnostic.get(buf, { namespace = T.ns() }), 0, 'diagnostics')
  T.eq(check().stats.sent, sent, 'checks sent')
  T.eq(require('park.helper').status().running, false, 'helper running')
end)

T.case('non-park buffers are not checked on save', function()
  local dir = T.tmpdir()
  local buf = T.edit(dir .. '/notes.md')
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { '一、有效的带动', '二、有效的带动' })
  local sent = check().stats.sent
  vim.cmd('write')
  vim.wait(200)
  T.eq(check().stats.sent, sent, 'checks sent')
end)

T.case('a result for an old changedtick is dropped', function()
  local buf = open_report()
  local received = check().stats.received
  T.eq(check().schedule(buf), 'sent', 'schedule')
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '改动' })
  T.wait('the result', function() return check().stats.received == received + 1 end)
  T.eq(check().stats.last.status, 'stale', 'status')
  T.eq(#vim.diagnostic.get(buf, { namespace = T.ns() }), 0, 'diagnostics')
end)

T.case('a check result applies only for the current changedtick', function()
  require('park').setup({ check_on_open = false })
  local buf = open_report()
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  local finding = {
    lnum = 0, col = 0, end_lnum = 0, end_col = 6, severity = 'info', category = 'style',
    rule = 'ptest.fake', message = '假', match = '近年', fix = vim.NIL,
  }
  local result = { method = 'check', buf = buf, tick = tick - 1, findings = { finding }, notes = {} }
  local held = T.hold('check')
  check().schedule(buf)
  held.cb(nil, result)
  T.eq(#vim.diagnostic.get(buf, { namespace = T.ns() }), 0, 'diagnostics from a stale result')
  result.tick = tick
  held = T.hold('check')
  check().schedule(buf)
  held.cb(nil, result)
  local diags = T.diags(buf, 'ptest.fake')
  T.eq(#diags, 1, 'diagnostics from a current result')
  T.eq(diags[1].severity, vim.diagnostic.severity.INFO, 'severity')
  T.eq(diags[1].user_data.fix, nil, 'vim.NIL fix')
end)

T.case('a result for a wiped buffer is dropped', function()
  local buf = open_report()
  local received = check().stats.received
  check().schedule(buf)
  vim.cmd('bwipeout! ' .. buf)
  T.wait('the result', function() return check().stats.received == received + 1 end)
  T.eq(check().stats.last.status, 'invalid', 'status')
end)

T.case('checks requested while one is in flight collapse into the latest', function()
  require('park').setup({ check_on_open = false })
  local buf = open_report()
  local sent, applied = check().stats.sent, check().stats.applied
  T.eq(check().schedule(buf), 'sent', 'first request')
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '第一次改动' })
  T.eq(check().schedule(buf), 'queued', 'second request')
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '有效的带动' })
  T.eq(check().schedule(buf), 'queued', 'third request')
  T.wait('the latest result', function() return check().stats.applied == applied + 1 end)
  vim.wait(300)
  T.eq(check().stats.sent, sent + 2, 'checks sent')
  T.eq(check().stats.last.tick, vim.api.nvim_buf_get_changedtick(buf), 'tick of the applied result')
  local first = T.diags(buf, 'ptest.de-di')[1]
  T.eq({ first.lnum, first.col }, { 0, 0 }, 'finding on the newest line')
end)

T.case('an asynchronous check error is shown once and keeps the diagnostics', function()
  require('park').setup({ check_on_open = false })
  local buf = open_report()
  T.cmd('ParkCheck')
  local before = #vim.diagnostic.get(buf, { namespace = T.ns() })
  T.ok(before > 0, 'diagnostics before')
  T.messages = {}
  local received = check().stats.received
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  for _ = 1, 2 do
    -- a check whose parameters the helper refuses
    local held = T.hold('check')
    check().schedule(buf)
    T.ok(require('park.helper').call('check', { { buf = buf, tick = tick, lines = { 1 } } }, held.cb), 'call')
    T.wait('the answer', function() return require('park.helper').status().pending == 0 end)
  end
  T.wait('two results', function() return check().stats.received == received + 2 end)
  T.eq(check().stats.last.status, 'error', 'status')
  T.eq(#T.said('检查出错'), 1, 'error messages')
  T.eq(#vim.diagnostic.get(buf, { namespace = T.ns() }), before, 'diagnostics kept')
end)

T.run()
