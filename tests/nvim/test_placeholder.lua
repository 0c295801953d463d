local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local P = function() return require('park.placeholder') end

-- Opens a copy of corpus report `name` as a park buffer (no .parkrc: the
-- default rules only) and waits for its first placeholder scan.
local open_corpus = function(name)
  local dir = T.tmpdir()
  local buf = T.edit(T.copy_corpus(name, dir, (name:gsub('%.txt$', '.park'))))
  T.eq(vim.bo[buf].filetype, 'park', 'filetype')
  T.wait('the first placeholder scan', function() return P().count(buf) ~= nil and P().count(buf) > 0 end)
  return buf
end

local marks = function(buf)
  return vim.api.nvim_buf_get_extmarks(buf, P().ns, 0, -1, { details = true })
end

local by_kind = function(buf)
  local res = {}
  for _, it in ipairs(P().list(buf)) do
    local k = it.missing and 'missing' or it.kind
    res[k] = (res[k] or 0) + 1
  end
  return res
end

-- Types a buffer-local normal-mode mapping (Select mode survives :normal).
local press = function(lhs)
  T.ok(vim.fn.maparg(lhs, 'n', false, true).buffer == 1, lhs .. ' is not mapped in the buffer')
  vim.cmd('normal ' .. lhs)
end

-- 0-based {lnum, col} of the n-th occurrence (default 1) of text.
local find = function(buf, text, n)
  local hits = T.occurrences(buf, text)
  local hit = hits[n or 1]
  if hit == nil then error('text not found: ' .. text, 2) end
  return { hit[1], hit[2] }
end

local line = function(buf, lnum) return vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1] end

local expected_kinds = {
  ['leadership-work-report.txt'] = { date = 6, figure = 20, name = 11 },
  ['staff-meeting-speech.txt'] = { figure = 34, name = 22 },
  ['annual-summary-speech.txt'] = { date = 1, figure = 52, name = 17, text = 16 },
}

T.case('extmarks mark every placeholder of the three corpus reports, with its kind', function()
  require('park').setup({ placeholder_max_per_line = 0 })
  for name, kinds in pairs(expected_kinds) do
    local buf = open_corpus(name)
    T.eq(by_kind(buf), kinds, name .. ' placeholders by kind')
    T.cmd('ParkCheck')
    local diags = vim.tbl_filter(
      function(d) return d.user_data.category == 'placeholder' end,
      vim.diagnostic.get(buf, { namespace = T.ns() })
    )
    local at = {}
    for _, m in ipairs(marks(buf)) do
      T.eq(m[4].hl_group, 'ParkPlaceholder', 'highlight group')
      at[string.format('%d:%d:%d', m[2], m[3], m[4].end_col)] = true
    end
    T.eq(#marks(buf), #diags, name .. ' extmarks vs placeholder findings')
    for _, d in ipairs(diags) do
      T.ok(at[string.format('%d:%d:%d', d.lnum, d.col, d.end_col)], string.format('%s: no extmark at %d:%d', name, d.lnum, d.col))
    end
  end
end)

T.case('the X of XKV and X亿元 is marked, not the unit', function()
  local buf = open_corpus('leadership-work-report.txt')
  for _, text in ipairs({ 'XKV', 'X亿元', 'X%', '20XX' }) do
    for _, pos in ipairs(T.occurrences(buf, text)) do
      local it = vim.tbl_filter(function(i) return i.lnum == pos[1] and i.col == pos[2] end, P().list(buf))[1]
      T.ok(it ~= nil, 'no placeholder at ' .. text)
      T.eq(it.end_col - it.col, text == '20XX' and 4 or 1, 'width at ' .. text)
    end
  end
end)

T.case('edits rescan only the changed visible lines, one notification per debounce window', function()
  local buf = open_corpus('leadership-work-report.txt')
  local sent, applied = P().stats.sent, P().stats.applied
  local log = {}
  local helper = require('park.helper')
  local call = helper.call
  helper.call = function(method, params, ...)
    local p = params[1]
    table.insert(log, { method = method, first = p.from, n = p.to and p.to - p.from })
    return call(method, params, ...)
  end
  local ok, err = pcall(function()
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    for i = 1, 5 do
      vim.api.nvim_buf_set_text(buf, 0, 0, 0, 0, { i == 5 and '投资X亿元，增长%。' or '新' })
    end
    T.eq(P().stats.sent, sent, 'notifications right after the edits')
    T.wait('the rescan', function() return P().stats.applied > applied end)
    vim.wait(2 * require('park.buffer').debounce)
  end)
  helper.call = call
  if not ok then error(err, 0) end
  local mine = vim.tbl_filter(function(l) return l.method == 'placeholders' end, log)
  T.eq(#mine, 1, 'placeholder notifications')
  T.eq(P().stats.sent, sent + 1, 'stats.sent')
  T.eq(mine[1].first, 0, 'first line sent')
  T.ok(mine[1].n < vim.api.nvim_buf_line_count(buf), 'the whole buffer was sent: ' .. mine[1].n .. ' lines')
  local first = vim.tbl_filter(function(i) return i.lnum == 0 end, P().list(buf))
  T.eq(#first, 2, 'placeholders on the edited line')
  T.eq({ first[1].match, first[1].kind, first[2].match, first[2].missing }, { 'X', 'figure', '%', true }, 'new placeholders')
  T.eq(P().count(buf), 39, 'count after the edit')
end)

T.case('a placeholder result for an old changedtick is dropped', function()
  local buf = open_corpus('leadership-work-report.txt')
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  local before, dropped = #marks(buf), P().stats.dropped
  local item = { lnum = 0, col = 0, end_col = 6, kind = 'text', missing = false, rule = 'ptest.fake', match = '近年' }
  local result = { method = 'placeholders', buf = buf, tick = tick - 1, from = 0, count = 1, items = { item } }
  local held = T.hold('placeholders')
  P().refresh(buf, true)
  T.wait('the placeholder call', function() return held.cb ~= nil end)
  held.cb(nil, result)
  T.eq(#marks(buf), before, 'extmarks after a stale result')
  T.eq(P().stats.dropped, dropped + 1, 'dropped')
  result.tick = tick
  held = T.hold('placeholders')
  P().refresh(buf, true)
  T.wait('the placeholder call', function() return held.cb ~= nil end)
  held.cb(nil, result)
  T.eq(#marks(buf), before + 1, 'extmarks after a current result')
  T.eq(P().list(buf)[1].rule, 'ptest.fake', 'first placeholder')
end)

T.case(']x lands on the next placeholder and selects it in Select mode; typing replaces it', function()
  local buf = open_corpus('leadership-work-report.txt')
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  press(']x')
  T.eq(vim.api.nvim_get_mode().mode, 's', 'mode after ]x')
  local x = find(buf, 'X年')
  T.eq(vim.api.nvim_win_get_cursor(0), { x[1] + 1, x[2] }, 'cursor on the first placeholder')
  T.eq(vim.fn.getpos('v'), { 0, x[1] + 1, x[2] + 1, 0 }, 'selection start')
  vim.api.nvim_feedkeys('2021', 'nx', false)
  T.eq(line(buf, x[1]):sub(1, 40), ('一是深化政治理论学习。2021年，'):sub(1, 40), 'line after typing')
  T.eq(vim.api.nvim_get_mode().mode, 'n', 'mode after typing')
  -- From there: 2]x skips one, [x comes back.
  press(']x')
  T.eq(vim.fn.getline('.'):sub(vim.fn.col('.'), vim.fn.col('.') + 6), 'X书记', 'second placeholder')
  vim.cmd('normal! \27')
  P().jump(1, 2)
  local pos = vim.api.nvim_win_get_cursor(0)
  T.eq(line(buf, pos[1] - 1):sub(pos[2] + 1, pos[2] + 4), 'X届', 'after 2]x')
  vim.cmd('normal! \27')
  press('[x')
  pos = vim.api.nvim_win_get_cursor(0)
  T.eq(line(buf, pos[1] - 1):sub(pos[2] + 1, pos[2] + 7), 'X调研', 'after [x')
  vim.cmd('normal! \27')
  -- Wrap around at the end ('wrapscan').
  vim.api.nvim_win_set_cursor(0, { vim.api.nvim_buf_line_count(buf), 0 })
  press(']x')
  T.eq(vim.api.nvim_win_get_cursor(0)[1], x[1] + 1, 'wrapped to the first placeholder')
  vim.cmd('normal! \27')
end)

T.case(']x on a missing figure starts Insert mode before the unit', function()
  local buf = open_corpus('leadership-work-report.txt')
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '全年实现营业收入亿元。' })
  T.wait('the rescan', function() return #vim.tbl_filter(function(i) return i.lnum == 0 end, P().list(buf)) == 1 end)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local it = P().jump(1)
  T.eq({ it.match, it.missing }, { '亿元', true }, 'the missing figure')
  T.eq(vim.api.nvim_win_get_cursor(0), { 1, #'全年实现营业收入' }, 'cursor before the unit')
  vim.cmd('stopinsert')
  vim.cmd('ParkFill 12.5')
  T.eq(line(buf, 0), '全年实现营业收入12.5亿元。', 'filled before the unit')
end)

T.case('the title of the 年度工作总结 skeleton has two placeholders, and :%ParkFill! fills its year', function()
  local text = vim.fn.systemlist({ require('park.helper').path(), 'snippets', '--expand', 'ndzj' })
  T.eq(vim.v.shell_error, 0, 'park snippets --expand ndzj')
  T.eq(text[1], 'XX20XX年工作总结', 'skeleton title')
  local path = T.tmpdir() .. '/summary.park'
  T.write(path, table.concat(text, '\n') .. '\n')
  local buf = T.edit(path)
  T.wait('the first placeholder scan', function() return (P().count(buf) or 0) > 0 end)
  local title = vim.tbl_filter(function(it) return it.lnum == 0 end, P().list(buf))
  T.eq(#title, 2, 'placeholders in the title')
  T.eq({ title[1].col, title[1].end_col, title[1].kind }, { 0, 2, 'name' }, 'XX')
  T.eq({ title[2].col, title[2].end_col, title[2].kind }, { 2, 6, 'date' }, '20XX')
  local years = #T.occurrences(buf, '20XX')
  vim.api.nvim_win_set_cursor(0, { 1, 2 })
  vim.cmd('%ParkFill! 2023')
  T.eq(line(buf, 0), 'XX2023年工作总结', 'title')
  T.eq(#T.occurrences(buf, '20XX'), 0, '20XX left')
  T.eq(#T.said('已填写 ' .. years .. ' 处'), 1, 'message')
end)

T.case(':ParkFill fills the placeholder under the cursor; :ParkFill! the identical ones of the sentence', function()
  local buf = open_corpus('leadership-work-report.txt')
  local pos = find(buf, 'X亿元')
  local lnum = pos[1]
  local before = line(buf, lnum)
  vim.api.nvim_win_set_cursor(0, { lnum + 1, pos[2] })
  vim.cmd('ParkFill 356.2')
  T.eq(line(buf, lnum), (before:gsub('X亿元', '356.2亿元', 1)), 'one filled')
  T.eq(P().count(buf), 36, 'count after :ParkFill')
  -- 同比增长X%；实现税收X亿元，同比增长X%；: the sentence is cut at ；.
  local pct = find(buf, 'X%')
  vim.api.nvim_win_set_cursor(0, { pct[1] + 1, pct[2] })
  vim.cmd('let &undolevels = &undolevels') -- an undo break, as between two typed commands
  vim.cmd('ParkFill! 8.1')
  local l = line(buf, lnum)
  T.ok(l:find('营业收入356.2亿元，同比增长8.1%；实现税收X亿元，同比增长X%；', 1, true), 'sentence filled: ' .. l)
  vim.cmd('undo')
  T.ok(line(buf, lnum):find('营业收入356.2亿元，同比增长X%；', 1, true), 'one undo step')
  T.wait('the rescan after undo', function() return P().count(buf) == 36 end)
  -- A range: every X% of line 9 (same text and kind), not the X亿元.
  vim.api.nvim_win_set_cursor(0, { pct[1] + 1, pct[2] })
  vim.cmd(string.format('%d,%dParkFill! 5', lnum + 1, lnum + 1))
  l = line(buf, lnum)
  T.eq(select(2, l:gsub('X%%', '')), 0, 'X% left on the line')
  T.eq(select(2, l:gsub('X亿元', '')), 2, 'X亿元 left on the line')
  T.ok(l:find('增长5%；实现税收X亿元，同比增长5%；', 1, true), 'range filled: ' .. l)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  T.messages = {}
  vim.cmd('ParkFill 1')
  T.eq(#T.said('光标处没有占位符'), 1, 'message off a placeholder')
end)

T.case('past placeholder_max_per_line a line paints no more placeholders, says how many, and lists them all', function()
  local dir = T.tmpdir()
  local path = dir .. '/many.park'
  local row = {}
  for i = 1, 15 do
    table.insert(row, string.format('指标%d为X亿元', i))
  end
  T.write(path, '一、总体情况\n' .. table.concat(row, '，') .. '。\n投资X亿元。\n')
  local buf = T.edit(path)
  T.wait('the first placeholder scan', function() return (P().count(buf) or 0) == 16 end)
  local painted, notes = 0, {}
  for _, m in ipairs(marks(buf)) do
    if m[4].hl_group == 'ParkPlaceholder' and m[2] == 1 then painted = painted + 1 end
    if m[4].virt_text then table.insert(notes, { m[2], m[4].virt_text[1][1] }) end
  end
  T.eq(painted, 10, 'painted on the crowded line')
  T.eq(notes, { { 1, ' 本行另有 5 处占位符未标出' } }, 'the note at the end of the line')
  T.eq(#vim.tbl_filter(function(i) return i.lnum == 1 end, P().list(buf)), 15, 'all listed')
  vim.api.nvim_win_set_cursor(0, { 3, 0 })
  vim.cmd('normal [x')
  T.eq(vim.api.nvim_win_get_cursor(0)[1], 2, '[x reaches the unpainted last one')
end)

T.case(':ParkPlaceholders lists every placeholder in the location list with kind and context', function()
  local buf = open_corpus('staff-meeting-speech.txt')
  T.cmd('ParkPlaceholders')
  local ll = vim.fn.getloclist(0, { title = 1, items = 1 })
  T.eq(ll.title, 'Park 占位符', 'title')
  T.eq(#ll.items, 56, 'items')
  T.eq(ll.items[1].bufnr, buf, 'bufnr')
  T.eq({ ll.items[1].lnum, ll.items[1].col }, { 4, 4 }, 'first position (1-based)')
  T.eq(ll.items[1].text, '名称：在[***]正式成立的关键节点，我们…', 'first text')
  local figure = vim.tbl_filter(function(i) return i.text:find('[*]余人', 1, true) end, ll.items)[1]
  T.eq(figure.text, '数字：…，同比增长*%；带动就业[*]余人。工业总产值、税收、…', 'figure text')
  T.eq(vim.fn.getloclist(0, { winid = 1 }).winid ~= 0, true, 'location list window open')
end)

T.case(':ParkPlaceholders returns before the helper answers; an answer for older text asks again', function()
  local buf = open_corpus('staff-meeting-speech.txt')
  T.wait('the scans of the opening', T.settled)
  vim.fn.setloclist(0, {}, 'f')
  local held = T.hold('placeholders')
  vim.cmd('ParkPlaceholders')
  T.eq(vim.fn.getloclist(0, { title = 1 }).title, '', 'no list before the answer')
  T.ok(held.cb ~= nil, 'a scan was asked for')
  local old = require('park.helper').request('placeholders', held.params)
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '新增一行，投资X亿元。' })
  held.cb(nil, old)
  T.wait('the scan asked again', T.settled)
  local ll = vim.fn.getloclist(0, { title = 1, items = 1 })
  T.eq(ll.title, 'Park 占位符', 'title')
  T.eq(#ll.items, 57, 'items, with the new line')
  T.eq({ ll.items[1].lnum, ll.items[1].col }, { 1, 22 }, 'first position: the new line (X after 7 characters)')
  T.eq({ ll.items[2].lnum, ll.items[2].col }, { 5, 4 }, 'second: the old first, one line down')
end)

T.case('strict mode: placeholders are errors in the check on save', function()
  require('park').setup({ strict = true })
  local buf = open_corpus('leadership-work-report.txt')
  vim.cmd('write')
  T.wait('the check on save', function() return #vim.diagnostic.get(buf, { namespace = T.ns() }) > 0 end)
  local ph = vim.tbl_filter(
    function(d) return d.user_data.category == 'placeholder' end,
    vim.diagnostic.get(buf, { namespace = T.ns() })
  )
  T.eq(#ph, 37, 'placeholder findings')
  for _, d in ipairs(ph) do
    T.eq(d.severity, vim.diagnostic.severity.ERROR, 'severity of ' .. d.code)
  end
  T.eq(ph[1].message, '占位符“X”未填写：此处应填日期（年、月、日）', 'message')
  require('park').setup({})
  T.cmd('ParkCheck')
  local errors = vim.tbl_filter(
    function(d) return d.user_data.category == 'placeholder' end,
    vim.diagnostic.get(buf, { namespace = T.ns(), severity = vim.diagnostic.severity.ERROR })
  )
  T.eq(#errors, 0, 'placeholder errors without strict')
end)

T.case('statusline: placeholders, errors and warnings from cached counts', function()
  T.eq(require('park').status(), '', 'status outside park buffers')
  require('park').setup({ check_on_open = false })
  local buf = open_corpus('leadership-work-report.txt')
  T.eq(require('park').status(), '占位 37', 'before any check')
  T.cmd('ParkCheck')
  local err, warn = 0, 0
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = T.ns() })) do
    if d.user_data.category ~= 'placeholder' then
      if d.severity == vim.diagnostic.severity.ERROR then err = err + 1 end
      if d.severity == vim.diagnostic.severity.WARN then warn = warn + 1 end
    end
  end
  T.ok(err + warn > 0, 'some errors or warnings')
  local want = '占位 37' .. (err > 0 and (' · 错误 ' .. err) or '') .. (warn > 0 and (' · 警告 ' .. warn) or '')
  T.eq(require('park').status(), want, 'after ParkCheck')
  local pos = find(buf, 'X家')
  vim.api.nvim_win_set_cursor(0, { pos[1] + 1, pos[2] })
  vim.cmd('ParkFill 3')
  T.eq(require('park').status():sub(1, #'占位 36'), '占位 36', 'after :ParkFill')
  -- Cheap: no RPC while drawing the statusline.
  local sent = P().stats.sent + require('park.check').stats.sent
  for _ = 1, 100 do
    require('park').status()
  end
  T.eq(P().stats.sent + require('park.check').stats.sent, sent, 'notifications from status()')
end)

T.case('mappings = false leaves ]x unmapped; the <Plug> maps remain', function()
  require('park').setup({ mappings = false })
  open_corpus('leadership-work-report.txt')
  T.eq(vim.fn.maparg(']x', 'n'), '', ']x')
  T.ok(vim.fn.maparg('<Plug>(park-placeholder-next)', 'n') ~= '', '<Plug>(park-placeholder-next)')
  T.ok(vim.fn.maparg('<Plug>(park-placeholder-prev)', 'n') ~= '', '<Plug>(park-placeholder-prev)')
end)

T.case('Markdown: **emphasis** is not a placeholder, **同志 is', function()
  local dir = T.tmpdir()
  T.write(dir .. '/notes.md', '要把**重点工作**抓实。\n**同志负责，完成投资X亿元。\n')
  local buf = T.edit(dir .. '/notes.md')
  vim.cmd('set filetype=park')
  T.wait('the scan', function() return (P().count(buf) or 0) > 0 end)
  T.eq(vim.tbl_map(function(i) return { i.lnum, i.match, i.kind } end, P().list(buf)),
    { { 1, '**', 'name' }, { 1, 'X', 'figure' } }, 'placeholders')
end)

T.case("the helper's marks replace the syntax baseline: X光 and 3×4 are not highlighted", function()
  local dir = T.tmpdir()
  T.write(dir .. '/r.park', '医院新购置X光机，管廊断面为3×4米，完成投资X亿元。\n')
  local buf = T.edit(dir .. '/r.park')
  local syn = function(text)
    local s = vim.fn.getline(1):find(text, 1, true)
    return vim.fn.synIDattr(vim.fn.synID(1, s, 1), 'name')
  end
  T.eq(syn('X光'), 'ParkPlaceholder', 'syntax before the helper answers')
  T.wait('the scan', function() return (P().count(buf) or 0) > 0 end)
  T.eq(syn('X光'), '', 'X光 after the scan')
  T.eq(syn('×'), '', '3×4 after the scan')
  T.eq(vim.tbl_map(function(i) return i.match .. i.kind end, P().list(buf)), { 'Xfigure' }, 'marks')
end)

T.case('leaving filetype park removes the marks and the ]x map', function()
  local buf = open_corpus('leadership-work-report.txt')
  vim.cmd('set filetype=text')
  T.eq(#marks(buf), 0, 'extmarks')
  T.eq(P().count(buf), nil, 'attached')
  T.eq(vim.fn.maparg(']x', 'n'), '', ']x')
end)

T.case('placeholder_highlight = false: no extmarks, no scan', function()
  require('park').setup({ placeholder_highlight = false })
  local dir = T.tmpdir()
  local buf = T.edit(T.copy_corpus('leadership-work-report.txt', dir, 'r.park'))
  vim.wait(3 * require('park.buffer').debounce)
  T.eq(P().count(buf), nil, 'count')
  T.eq(#marks(buf), 0, 'extmarks')
end)

T.run()
