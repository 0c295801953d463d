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

T.case('reports as PDFs give them are detected: wrapped, run together, （一） headings, the opening only', function()
  local variants = dofile(T.root .. '/tests/filetype/variants.lua')
  local dir, missed, n = T.tmpdir(), {}, 0
  for _, name in ipairs({ 'leadership-work-report.txt', 'staff-meeting-speech.txt', 'annual-summary-speech.txt' }) do
    for kind, lines in pairs(variants.make(vim.split(T.read(T.corpus .. '/' .. name), '\n', { plain = true }))) do
      local path = string.format('%s/%s-%s.txt', dir, kind, name:gsub('%.txt$', ''))
      T.write(path, table.concat(lines, '\n') .. '\n')
      T.edit(path)
      n = n + 1
      if vim.bo.filetype ~= 'park' then table.insert(missed, vim.fn.fnamemodify(path, ':t')) end
    end
  end
  T.eq(n, 15, 'variants')
  T.eq(missed, {}, 'missed')
end)

T.case('ordinary .txt files stay text: a Chinese manual with 一、 headings, news about a 开发区, notes, English', function()
  local dir = T.tmpdir()
  local samples = {
    manual = { '软件使用说明', '一、安装', '下载安装包后双击运行，按提示完成安装。', '二、配置',
      '打开设置页面，填写服务器地址和端口。', '三、使用', '（一）新建文档', '点击“新建”按钮。', '（二）保存文档', '按 Ctrl+S 保存。' },
    news = { '本报讯 记者从市高新区获悉，今年以来，该开发区招商引资成效明显，营商环境持续优化。',
      '据介绍，园区上半年新签约项目12个，总投资约30亿元，同比增长15%。',
      '园区负责人表示，下一步将持续推进项目建设。' },
    notes = { '购物清单', '1. 牛奶', '2. 面包', '3. 鸡蛋', '一是记得带伞', '二是早点出门' },
    english = { 'README', '1. Install', 'Run make.', '2. Usage', 'Open a file.', 'Section 3. License' },
    poem = { '静夜思', '床前明月光，疑是地上霜。', '举头望明月，低头思故乡。' },
  }
  for name, lines in pairs(samples) do
    T.write(dir .. '/' .. name .. '.txt', table.concat(lines, '\n') .. '\n')
    T.edit(dir .. '/' .. name .. '.txt')
    T.eq(vim.bo.filetype, 'text', name)
  end
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
  local colours = function(group)
    local id = vim.fn.synIDtrans(vim.fn.hlID(group))
    return { vim.fn.synIDattr(id, 'bg#', 'gui'), vim.fn.synIDattr(id, 'bg', 'cterm') }
  end
  T.eq(colours('ParkPlaceholder'), { '#d7afff', '183' }, 'placeholder colours before')
  T.ok(not vim.deep_equal(colours('ParkPlaceholder'), colours('Search')), 'placeholders do not look like Search')
  vim.cmd('colorscheme blue')
  T.eq(colours('ParkPlaceholder'), { '#d7afff', '183' }, 'placeholder after :colorscheme')
  T.eq(target('ParkHeading1'), 'Title', 'heading after :colorscheme')
  vim.cmd('highlight ParkSlogan guifg=#ff0000')
  vim.cmd('doautocmd ColorScheme')
  T.eq(vim.fn.synIDattr(vim.fn.hlID('ParkSlogan'), 'fg#', 'gui'), '#ff0000', 'user setting kept')
end)

T.case('a UTF-8 report with a few bad bytes, read as latin1, is explained once; a real latin1 file is not', function()
  vim.o.fileencodings = 'ucs-bom,utf-8,default,latin1'
  local dir = T.tmpdir()
  local report = T.read(T.corpus .. '/leadership-work-report.txt')
  T.write(dir .. '/broken.txt', report:sub(1, 300) .. '\255\254' .. report:sub(301))
  T.edit(dir .. '/broken.txt')
  T.eq(vim.bo.fileencoding, 'latin1', 'Neovim fell back to latin1')
  T.eq(#T.said('++enc=utf-8'), 1, 'the hint')
  T.eq(#T.said('2 个字节不是合法的 UTF-8'), 1, 'the count of bad bytes')
  T.messages = {}
  vim.cmd('edit ++enc=utf-8')
  T.eq(vim.bo.fileencoding, 'utf-8', 'reopened as UTF-8')
  T.eq(vim.bo.filetype, 'park', 'and detected as a report')
  T.eq(#T.messages, 0, 'no hint after reopening')
  T.write(dir .. '/cafe.txt', 'caf\233 cr\232me br\251l\233e\n')
  T.edit(dir .. '/cafe.txt')
  T.eq(vim.bo.fileencoding, 'latin1', 'latin1 file')
  T.eq(#T.said('++enc=utf-8'), 0, 'no hint for a latin1 file')
end)

T.run()
