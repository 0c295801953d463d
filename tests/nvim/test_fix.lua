local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local open_checked = function(extra)
  local _, path = T.project(nil, extra)
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  return buf
end

local cursor_on = function(d, offset) vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col + (offset or 0) }) end

T.case('ParkFix replaces exactly the span under the cursor', function()
  local buf = open_checked()
  local d = T.diags(buf, 'ptest.de-di')[1]
  local before = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  cursor_on(d, 3)
  vim.cmd('ParkFix')
  local after = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  T.eq(after, before:sub(1, d.col) .. '自觉地在' .. before:sub(d.end_col + 1), 'fixed line')
  for _, x in ipairs(T.diags(buf, 'ptest.de-di')) do
    T.ok(not (x.lnum == d.lnum and x.col == d.col), 'fixed finding still shown')
  end
end)

T.case('ParkFix re-checks asynchronously afterwards', function()
  local buf = open_checked()
  local d = T.diags(buf, 'ptest.de-di')[1]
  cursor_on(d)
  vim.cmd('ParkFix')
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  T.wait('the re-check', function() return vim.b[buf].park_checked_tick == tick end)
  T.eq(#T.diags(buf, 'ptest.de-di'), 1, 'remaining ptest.de-di findings')
end)

T.case('ParkFix on a finding without a fix leaves the buffer and says so', function()
  local buf = open_checked()
  local d = T.diags(buf, 'ptest.placeholder')[1]
  local before = T.lines(buf)
  cursor_on(d)
  vim.cmd('ParkFix')
  T.eq(T.lines(buf), before, 'buffer')
  T.eq(#T.said('没有自动修正'), 1, 'message')
end)

T.case('ParkFix with no finding under the cursor reports it', function()
  local buf = open_checked()
  local before = T.lines(buf)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  T.eq(require('park.fix').at(buf, 0, 0), nil, 'finding at 1,0')
  vim.cmd('ParkFix')
  T.eq(T.lines(buf), before, 'buffer')
  T.eq(#T.said('光标处没有'), 1, 'message')
end)

T.case('ParkFix refuses when the flagged text changed since the check', function()
  local buf = open_checked()
  local d = T.diags(buf, 'ptest.de-di')[1]
  vim.api.nvim_buf_set_text(buf, d.lnum, d.col, d.lnum, d.col + 3, { '不' })
  local before = T.lines(buf)
  cursor_on(d)
  vim.cmd('ParkFix')
  T.eq(T.lines(buf), before, 'buffer')
  T.eq(#T.said('文本已改动'), 1, 'message')
end)

T.case('ParkFix! applies every fix as one undo step', function()
  local buf = open_checked()
  -- A change of our own first, closed as its own undo step.
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '测试行' })
  vim.cmd('let &undolevels = &undolevels')
  local original = T.lines(buf)
  local seq = vim.fn.undotree().seq_last
  T.cmd('ParkFix!')
  local fixed = T.lines(buf)
  T.ok(not vim.deep_equal(fixed, original), 'buffer unchanged')
  local text = table.concat(fixed, '\n')
  T.ok(text:find('更加自觉地在思想上', 1, true), 'first fix applied')
  T.ok(text:find('有效地带动了', 1, true), 'second fix applied')
  T.ok(not text:find('自觉的在', 1, true), 'wrong phrase left')
  T.eq(vim.fn.undotree().seq_last, seq + 1, 'undo steps added')
  T.eq(#T.diags(buf, 'ptest.de-di'), 0, 'findings after the re-check')
  local applied = tonumber((T.messages[#T.messages].msg):match('已修正 (%d+) 处'))
  T.ok(applied ~= nil and applied >= 2, 'count message: ' .. T.messages[#T.messages].msg)
  vim.cmd('undo')
  T.eq(T.lines(buf), original, 'buffer after one undo')
end)

T.case('ParkFix! skips overlapping fixes', function()
  local buf = open_checked(T.overlap_rule)
  T.eq(#T.diags(buf, 'ptest.overlap'), 1, 'overlap findings')
  T.cmd('ParkFix!')
  local text = table.concat(T.lines(buf), '\n')
  T.ok(text:find('更加自觉地在思想上', 1, true), 'fixed text: one of the two fixes applied once')
  T.ok(not text:find('自觉地地在', 1, true), 'both overlapping fixes applied')
  local skipped = tonumber((T.messages[#T.messages].msg):match('跳过 (%d+) 处'))
  T.ok(skipped ~= nil and skipped >= 1, 'skip count message: ' .. T.messages[#T.messages].msg)
end)

-- A paragraph pasted from a PDF: broken into lines of one width.
local wrapped = {
  '园区工作报告',
  '　　今年以来，园区紧紧围绕年初确定的目标任',
  '务，坚持稳中求进工作总基调，扎实推进的各',
  '项工作，取得了明显成效。全年完成地区生产',
  '总值123亿元。',
  '　　二是项目建设加快推进。',
}

T.case('a hard-wrapped paragraph is one finding over its lines, and ParkFix joins it in one undo step', function()
  local dir = T.tmpdir()
  local path = dir .. '/wrapped.park'
  T.write(path, table.concat(wrapped, '\n') .. '\n')
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  local wraps = T.diags(buf, 'artifact.hard-wrap')
  T.eq(#wraps, 1, 'hard-wrap findings')
  T.eq({ wraps[1].lnum, wraps[1].col, wraps[1].end_lnum, wraps[1].end_col }, { 1, #wrapped[2], 4, 0 }, 'span over the lines')
  T.eq(#T.diags(buf, 'punctuation.para-end'), 0, 'no paragraph-end finding per line')
  vim.api.nvim_win_set_cursor(0, { 3, 6 })
  vim.cmd('ParkFix')
  local joined = '　　今年以来，园区紧紧围绕年初确定的目标任务，坚持稳中求进工作总基调，扎实推进的各项工作，取得了明显成效。全年完成地区生产总值123亿元。'
  T.eq(T.lines(buf), { wrapped[1], joined, wrapped[6] }, 'joined')
  vim.cmd('undo')
  T.eq(T.lines(buf), wrapped, 'one undo restores the lines')
end)

T.case('ParkFix! on a hard-wrapped paragraph with a typo inside: the typo first, the join next time, nothing lost', function()
  local dir = T.tmpdir()
  local path = dir .. '/wrapped.park'
  local lines = vim.deepcopy(wrapped)
  lines[3] = '务，坚持稳中求进工作总基调，再接再励推进各'
  lines[6] = '　　全年工作稳步推进。'
  T.write(path, table.concat(lines, '\n') .. '\n')
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  T.eq(#T.diags(buf, 'artifact.hard-wrap'), 1, 'hard-wrap findings')
  local rounds = {}
  for _ = 1, 3 do
    local applied
    require('park').fix_all(buf, function(k) applied = k end)
    T.wait('the fixes', function() return applied ~= nil and T.settled() end)
    table.insert(rounds, applied)
    if applied == 0 then break end
  end
  T.eq(rounds, { 1, 1, 0 }, 'fixes per :ParkFix!: the typo, then the join (the join overlaps the typo)')
  local want = table.concat(lines, ''):gsub('再接再励', '再接再厉')
  T.eq(#T.lines(buf), 3, 'lines after the join')
  T.eq(table.concat(T.lines(buf), ''), want, 'no character lost or added')
end)

T.case('ParkFix! with nothing to fix says so', function()
  vim.cmd('enew')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '无' })
  T.cmd('ParkFix!')
  T.eq(#T.said('没有可自动修正'), 1, 'message')
end)

T.run()
