local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local syn_at = function(lnum, needle)
  local line = vim.fn.getline(lnum)
  local s = line:find(needle, 1, true)
  if s == nil then error(string.format('"%s" not on line %d', needle, lnum), 2) end
  return vim.fn.synIDattr(vim.fn.synID(lnum, s, 1), 'name')
end

local find_line = function(pattern)
  for i, line in ipairs(T.lines(0)) do
    if line:find(pattern) then return i end
  end
  error('no line matches ' .. pattern, 2)
end

T.case('*.park files get filetype park', function()
  local dir = T.tmpdir()
  T.edit(dir .. '/new.park')
  T.eq(vim.bo.filetype, 'park', 'new *.park')
  local path = T.copy_corpus('staff-meeting-speech.txt', dir, 'speech.park')
  T.edit(path)
  T.eq(vim.bo.filetype, 'park', 'existing *.park')
end)

T.case('*.park.txt files get filetype park', function()
  local dir = T.tmpdir()
  T.write(dir .. '/plain.park.txt', '没有标题的文字\n')
  T.edit(dir .. '/plain.park.txt')
  T.eq(vim.bo.filetype, 'park', '*.park.txt')
end)

T.case('a .txt report with 一、/二、 headings gets filetype park', function()
  local dir = T.tmpdir()
  for _, name in ipairs({ 'leadership-work-report.txt', 'staff-meeting-speech.txt', 'annual-summary-speech.txt' }) do
    T.edit(T.copy_corpus(name, dir))
    T.eq(vim.bo.filetype, 'park', name)
  end
end)

T.case('a .txt report with full-width indented headings gets filetype park', function()
  local dir = T.tmpdir()
  T.write(dir .. '/indented.txt', '前言\n　　一、总体情况\n正文\n　　二、存在问题\n')
  T.edit(dir .. '/indented.txt')
  T.eq(vim.bo.filetype, 'park', 'indented headings')
end)

T.case('a .txt file with fewer than two headings stays text', function()
  local dir = T.tmpdir()
  T.write(dir .. '/notes.txt', '一、只有一个标题\n普通文字\n一是不算标题\n')
  T.edit(dir .. '/notes.txt')
  T.eq(vim.bo.filetype, 'text', 'filetype')
  local late = { '开头' }
  for _ = 1, 40 do
    table.insert(late, '正文')
  end
  vim.list_extend(late, { '一、标题', '二、标题' })
  T.write(dir .. '/late.txt', table.concat(late, '\n') .. '\n')
  T.edit(dir .. '/late.txt')
  T.eq(vim.bo.filetype, 'text', 'headings after line 30')
end)

T.case(':set ft=park works on any buffer', function()
  vim.cmd('enew')
  vim.cmd('set filetype=park')
  T.eq(vim.b.current_syntax, 'park', 'syntax')
  T.eq(vim.wo.wrap and vim.wo.linebreak, true, 'wrap and linebreak')
end)

T.case('ftplugin sets window options locally and undo_ftplugin restores them', function()
  vim.o.linebreak = false
  local dir = T.tmpdir()
  T.edit(dir .. '/a.park')
  T.eq(vim.wo.linebreak, true, 'linebreak in the report')
  T.ok(vim.bo.formatoptions:find('m', 1, true) and vim.bo.formatoptions:find('B', 1, true), 'formatoptions mB')
  T.ok(type(vim.b.undo_ftplugin) == 'string' and vim.b.undo_ftplugin:find('linebreak<', 1, true), 'undo_ftplugin')
  vim.cmd('set filetype=text')
  T.eq(vim.wo.linebreak, false, 'linebreak after leaving park')
  T.eq(vim.o.linebreak, false, 'global linebreak')
end)

T.case('syntax marks heading levels, placeholders and slogans', function()
  local dir = T.tmpdir()
  T.edit(T.copy_corpus('leadership-work-report.txt', dir))
  T.eq(vim.b.current_syntax, 'park', 'b:current_syntax')
  T.eq(syn_at(find_line('^一、'), '一、'), 'ParkHeading1', 'level 1 heading')
  T.eq(syn_at(find_line('^一是'), '一是'), 'ParkItem', '一是')
  T.eq(syn_at(find_line('营业收入X亿元'), 'X亿元'), 'ParkPlaceholder', 'X亿元')
  -- X before a unit abbreviation is a slot (X千伏), as placeholder.c has it; KV is not.
  T.eq(syn_at(find_line('XKV变电站'), 'XKV'), 'ParkPlaceholder', 'X of XKV')
  T.eq(syn_at(find_line('XKV变电站'), 'KV变'), '', 'KV of XKV')
  T.eq(syn_at(find_line('“1295”工程'), '1295'), 'ParkSlogan', 'quoted slogan')
  vim.api.nvim_buf_set_lines(0, 0, 0, false, { '（一）二级标题', '1. 三级标题', '（1）四级标题', '数量为**个，【待补充】' })
  T.eq(syn_at(1, '二级'), 'ParkHeading2', 'level 2')
  T.eq(syn_at(2, '三级'), 'ParkHeading3', 'level 3')
  T.eq(syn_at(3, '四级'), 'ParkHeading4', 'level 4')
  T.eq(syn_at(4, '**'), 'ParkPlaceholder', '**')
  T.eq(syn_at(4, '【待补充】'), 'ParkPlaceholder', '【待补充】')
end)

T.case('highlight links are restored after a colorscheme change', function()
  local dir = T.tmpdir()
  T.edit(dir .. '/a.park')
  local target = function(group) return vim.fn.synIDattr(vim.fn.synIDtrans(vim.fn.hlID(group)), 'name') end
  T.eq(target('ParkPlaceholder'), 'Todo', 'before')
  vim.cmd('colorscheme blue')
  T.eq(target('ParkPlaceholder'), 'Todo', 'placeholder after :colorscheme')
  T.eq(target('ParkHeading1'), 'Title', 'heading after :colorscheme')
  vim.cmd('highlight ParkSlogan guifg=#ff0000')
  vim.cmd('doautocmd ColorScheme')
  T.eq(vim.fn.synIDattr(vim.fn.hlID('ParkSlogan'), 'fg#', 'gui'), '#ff0000', 'user setting kept')
end)

T.run()
