local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local fold = require('park.fold')

local open = function(name)
  local path = T.copy_corpus(name, T.tmpdir(), name:gsub('%.txt$', '.park'))
  local buf = T.edit(path)
  T.wait('fold levels', function() return fold.current(buf) end)
  return buf, path
end

local row = function() return vim.api.nvim_win_get_cursor(0)[1] end

local keys = function(k) vim.cmd('normal ' .. vim.api.nvim_replace_termcodes(k, true, true, true)) end

-- The numbers of the lines starting with one of the given markers.
local heading_lines = function(buf)
  local res = {}
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local m = l:match('^([一二三四五六七八九十]+、)') or l:match('^(（[一二三四五六七八九十]+）)')
    if m then res[#res + 1] = m end
  end
  return res
end

T.case(']] and [[ move between headings, with a count, and set the jumplist', function()
  open('annual-summary-speech.txt')
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  keys(']]')
  T.eq(row(), 6, 'first heading')
  keys(']]')
  T.eq(row(), 7, 'next heading, one level down')
  keys('3]]')
  T.eq(row(), 10, 'count')
  keys('[[')
  T.eq(row(), 9, 'previous heading')
  keys('<C-o>')
  T.eq(row(), 10, 'jumplist')
  vim.api.nvim_win_set_cursor(0, { 27, 0 })
  keys(']]')
  T.eq(row(), 27, 'no heading after the last: cursor stays')
end)

T.case(']h and [h move between headings of the same level within their parent', function()
  open('annual-summary-speech.txt')
  vim.api.nvim_win_set_cursor(0, { 7, 0 })
  keys(']h')
  T.eq(row(), 8, '（一） → （二）')
  keys(']h')
  T.eq(row(), 9, '（二） → （三）')
  keys(']h')
  T.eq(row(), 9, 'not past the parent: （一） of 二、 is not a sibling')
  vim.api.nvim_win_set_cursor(0, { 11, 0 })
  keys(']h')
  T.eq(row(), 21, 'in the body of 二、: next level-1 heading')
  keys('[h')
  T.eq(row(), 10, 'back to 二、')
  keys('2[h')
  T.eq(row(), 6, 'one sibling back, then none: stays at 一、')
  vim.api.nvim_win_set_cursor(0, { 17, 0 })
  keys('5[h')
  T.eq(row(), 12, 'count, stopping at the first sibling')
end)

T.case(']] extends a Visual selection', function()
  open('leadership-work-report.txt')
  vim.api.nvim_win_set_cursor(0, { 2, 0 })
  keys('V]]')
  T.eq(vim.fn.mode(), 'V', 'still in Visual mode')
  T.eq(row(), 7, 'selection to the next heading')
  keys('<Esc>')
end)

T.case(':ParkOutline fills the location list, indented by level; <CR> jumps', function()
  local buf = open('staff-meeting-speech.txt')
  T.cmd('ParkOutline')
  local info = vim.fn.getloclist(0, { title = 1, items = 1, winid = 1 })
  T.eq(info.title, 'Park 大纲', 'title')
  T.ok(info.winid ~= 0, 'location window open')
  local items = info.items
  T.eq(#items, 14, 'title, salutation and 12 headings')
  T.eq(items[1].lnum, 1, 'document title first')
  T.ok(items[1].text:find('在园区干部职工大会上的讲话', 1, true) ~= nil, items[1].text)
  T.eq(items[2].text, '［称谓］各位代表、同志们：', 'salutation')
  T.eq(items[3].lnum, 5, '一、')
  T.ok(vim.startswith(items[3].text, '一、过去的五年'), items[3].text)
  T.eq(items[7].lnum, 18, '（二） under 三、')
  T.eq(items[7].text, '　（二）全民招商，着力引进高质量项目', 'indented by level, title without the body')
  -- <CR> in the location window jumps to the heading
  T.eq(vim.api.nvim_get_current_win(), info.winid, 'lopen moved into the list')
  vim.api.nvim_win_set_cursor(0, { 7, 0 })
  keys('<CR>')
  T.eq(vim.api.nvim_get_current_buf(), buf, 'back in the report')
  T.eq(row(), 18, 'on （二）')
end)

T.case(':ParkRenumber after deleting a section gives a correctly numbered report, as one undo step', function()
  local buf = open('leadership-work-report.txt')
  local before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  vim.api.nvim_buf_set_lines(buf, 6, 12, false, {}) -- section 二、 (lines 7-12)
  T.eq(heading_lines(buf), { '一、', '三、', '四、' }, 'gap after deleting')
  T.cmd('ParkCheck')
  local skip = T.diags(buf, 'numbering.heading-skip')
  T.eq(#skip, 2, 'heading-skip findings: ' .. vim.inspect(vim.tbl_map(function(d) return d.message end, skip)))
  T.eq(skip[1].user_data.fix, '二', 'fix')
  local cut = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  -- undo blocks end where a user would have typed the next command
  local undo_break = function() vim.o.undolevels = vim.o.undolevels end
  undo_break()
  T.cmd('ParkRenumber')
  undo_break()
  T.eq(heading_lines(buf), { '一、', '二、', '三、' }, 'renumbered')
  T.eq(#T.said('已重新编号 2 处'), 1, 'message')
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i = 1, #cut do
    if i ~= 7 and i ~= 12 then T.eq(after[i], cut[i], 'line ' .. i .. ' unchanged') end
  end
  T.cmd('ParkCheck')
  T.eq(#T.diags(buf, 'numbering.'), 0, 'no numbering finding left')
  vim.cmd('silent undo')
  T.eq(vim.api.nvim_buf_get_lines(buf, 0, -1, false), cut, 'one undo restores the numbers')
  vim.cmd('silent undo')
  T.eq(vim.api.nvim_buf_get_lines(buf, 0, -1, false), before, 'the next undo restores the section')
  T.cmd('ParkRenumber')
  T.eq(#T.said('无需重新编号'), 1, 'nothing to do on the original')
end)

T.case('moving a section and renumbering, and :ParkRenumber with a range', function()
  local buf = open('staff-meeting-speech.txt')
  -- move section 三、 (lines 16-21) above 二、 (line 13)
  vim.cmd('16,21move 12')
  T.eq(heading_lines(buf)[2], '三、', 'moved')
  -- a range covering only the moved section renumbers only it
  T.cmd('13,18ParkRenumber')
  local heads = heading_lines(buf)
  T.eq(heads[2], '二、', 'moved section renumbered')
  T.eq(heads[8], '二、', 'the section after it is outside the range')
  T.cmd('ParkRenumber')
  T.eq(heading_lines(buf), { '一、', '二、', '（一）', '（二）', '（三）', '（四）', '（五）', '三、', '四、', '（一）', '（二）', '（三）' }, 'all')
  -- items inside paragraphs too
  vim.api.nvim_buf_set_text(buf, 7, 0, 7, 6, { '四是' }) -- 三是 → 四是
  T.cmd('ParkRenumber')
  T.eq(vim.api.nvim_buf_get_lines(buf, 7, 8, false)[1]:sub(1, 6), '三是', '一是/二是 sequence renumbered')
end)

T.case(':ParkRenumber asks before changing numerals the check did not flag; ! does not ask', function()
  require('park').setup({ disable = { 'numbering' } })
  local buf = open('leadership-work-report.txt')
  vim.api.nvim_buf_set_lines(buf, 6, 12, false, {}) -- section 二、: 一、三、四、 left, and not flagged
  local cut = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local select, asked, answer = vim.ui.select, {}, nil
  vim.ui.select = function(items, opts, on_choice)
    table.insert(asked, { items = items, prompt = opts.prompt })
    on_choice(items[answer], answer)
  end
  local ok, err = pcall(function()
    answer = 2
    T.cmd('ParkRenumber')
    T.eq(#asked, 1, 'asked')
    T.ok(asked[1].prompt:find('改动 2 处序号，其中 2 处', 1, true), 'prompt: ' .. asked[1].prompt)
    T.eq(vim.api.nvim_buf_get_lines(buf, 0, -1, false), cut, 'unchanged after 取消')
    T.eq(#T.said('已取消重新编号'), 1, 'cancel message')
    answer = 1
    T.cmd('ParkRenumber')
    T.eq(#asked, 2, 'asked again')
    T.eq(heading_lines(buf), { '一、', '二、', '三、' }, 'renumbered after 全部改动')
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, cut)
    T.cmd('ParkRenumber!')
    T.eq(#asked, 2, 'not asked with !')
    T.eq(heading_lines(buf), { '一、', '二、', '三、' }, 'renumbered with !')
  end)
  vim.ui.select = select
  if not ok then error(err, 0) end
end)

T.run()
