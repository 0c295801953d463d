-- Snippets end to end. Typing needs a real input loop (Select mode, TextChangedI,
-- the popup menu), so those cases drive a child Neovim (`--embed`) with
-- nvim_input() and poll its state; list, cache and omnifunc cases run here.
local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

-- Project snippets written next to each test document (.park/snippets/).
local project_snippets = [[
{
  "tabstops": {"prefix": "jb", "body": "${1:甲}、${2:乙}、${3:丙}。"},
  "mirror": {"prefix": "jx", "body": "${1:XX}年工作总结\n$1年，园区$2。"},
  "choice": {"prefix": "xz", "body": "${1|一,二,三|}是${2:XX}。"},
  "final": {"prefix": "zz", "body": "前${1:X}后$0尾"},
  "override": {"prefix": "tbzz", "body": "比上年增长${1:X}%"},
  "broken": {"prefix": "hp", "body": "同比增长${1:X"}
}
]]

local project = function()
  local dir = T.tmpdir()
  vim.fn.mkdir(dir .. '/.park/snippets', 'p')
  T.write(dir .. '/.park/snippets/test.json', project_snippets)
  return dir, dir .. '/report.park'
end

-- A child Neovim (T.child) with the suggested <Tab> mapping from the help
-- and plain keys for the <Plug> maps. Stopped at the end of the case.
local child
local start_child = function(path)
  child = T.child()
  child.current = function() return child.lua('return require("park.snippet_session").current()') end
  child.active = function() return child.lua('return require("park.snippet").active()') end
  child.lua([[
    vim.notify = function(msg, level) _G.park_messages = (_G.park_messages or '') .. msg .. '\n' end
    -- The <Tab> mapping suggested in :help park-snippet-keys.
    local key = function(k) vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(k, true, false, true), 'ni', false) end
    vim.keymap.set({ 'i', 's' }, '<Tab>', function()
      if not require('park.snippet').expand_or_jump() then key('<Tab>') end
    end)
    vim.keymap.set({ 'i', 's' }, '<S-Tab>', function()
      if not require('park.snippet').jump(-1) then key('<S-Tab>') end
    end)
    vim.keymap.set('i', '<F5>', '<Plug>(park-expand)')
  ]])
  if path then child.req('nvim_command', 'edit ' .. vim.fn.fnameescape(path)) end
  return child
end

local case = function(name, fn)
  T.case(name, function()
    local ok, err = pcall(fn)
    if child then
      child.stop()
      child = nil
    end
    if not ok then error(err, 0) end
  end)
end

-- Expansion -----------------------------------------------------------------

case('a trigger before the cursor expands and its first tabstop is selected', function()
  local _, path = project()
  local c = start_child(path)
  c.input('i前面jb<Tab>')
  c.wait('Select mode on the first tabstop', function() return c.mode() == 's' end)
  T.eq(c.line(), '前面甲、乙、丙。', 'line')
  T.eq(c.current(), { index = 1, text = '甲' }, 'current tabstop')
  T.eq(c.lua('return vim.fn.getpos("v")[3]'), 7, 'selection starts at the tabstop')
end)

case('typing replaces the tabstop; jumps go forward and back; the last jump ends at $0', function()
  local _, path = project()
  local c = start_child(path)
  c.input('ijb<Tab>')
  c.wait('first tabstop', function() return c.mode() == 's' end)
  c.input('一组<Tab>')
  c.wait('second tabstop', function() return (c.current() or {}).index == 2 end)
  T.eq(c.mode(), 's', 'mode at the second tabstop')
  c.input('二组<Tab>')
  c.wait('third tabstop', function() return (c.current() or {}).index == 3 end)
  c.input('<S-Tab>')
  c.wait('back to the second', function() return (c.current() or {}).index == 2 end)
  T.eq(c.current().text, '二组', 'text of the second tabstop after going back')
  c.input('第二<Tab>')
  c.wait('third again', function() return (c.current() or {}).index == 3 end)
  c.input('<Tab>')
  c.wait('the snippet to end', function() return not c.active() end)
  T.eq(c.line(), '一组、第二、丙。', 'line')
  T.eq(c.mode(), 'i', 'mode after $0')
  T.eq(c.req('nvim_win_get_cursor', 0), { 1, #'一组、第二、丙。' }, 'cursor at $0 (end)')
end)

case('an explicit $0 is where the cursor ends', function()
  local _, path = project()
  local c = start_child(path)
  c.input('izz<F5>')
  c.wait('first tabstop', function() return c.mode() == 's' end)
  c.input('5<Tab>')
  c.wait('end of snippet', function() return not c.active() end)
  T.eq(c.line(), '前5后尾', 'line')
  T.eq(c.req('nvim_win_get_cursor', 0), { 1, #'前5后' }, 'cursor at $0')
end)

case('mirrors follow the text typed into their tabstop', function()
  local _, path = project()
  local c = start_child(path)
  c.input('ijx<Tab>')
  c.wait('first tabstop', function() return c.mode() == 's' end)
  T.eq(c.lines(), { 'XX年工作总结', 'XX年，园区。' }, 'expanded lines')
  c.input('2024')
  c.wait('the mirror to follow', function() return c.lines()[2] == '2024年，园区。' end)
  T.eq(c.lines()[1], '2024年工作总结', 'first line')
  c.input('<BS><BS>25')
  c.wait('the mirror after a correction', function() return c.lines()[2] == '2025年，园区。' end)
  T.eq(c.active(), true, 'still active')
end)

case('one undo takes back what was typed into a tabstop and its mirrors; redo restores it', function()
  local _, path = project()
  local c = start_child(path)
  c.input('ijx<Tab>')
  c.wait('first tabstop', function() return c.mode() == 's' end)
  c.input('2024')
  c.wait('the mirror', function() return c.lines()[2] == '2024年，园区。' end)
  c.input('<Esc>u')
  c.wait('the undo', function() return c.lines()[1] == 'XX年工作总结' end)
  T.eq(c.lines(), { 'XX年工作总结', 'XX年，园区。' }, 'after undo')
  c.input('<C-r>')
  c.wait('the redo', function() return c.lines()[1] == '2024年工作总结' end)
  T.eq(c.lines(), { '2024年工作总结', '2024年，园区。' }, 'after redo')
end)

case('a choice tabstop offers its choices in the popup menu', function()
  local _, path = project()
  local c = start_child(path)
  c.input('ixz<Tab>')
  c.wait('the popup menu', function() return c.lua('return vim.fn.pumvisible()') == 1 end)
  local info = c.lua('return vim.fn.complete_info({ "items" })')
  T.eq(vim.tbl_map(function(i) return i.word end, info.items), { '一', '二', '三' }, 'choices')
  c.input('<C-n>')
  c.wait('the second choice', function() return c.line() == '二是XX。' end)
  c.input('<C-y><Tab>')
  c.wait('the next tabstop', function() return (c.current() or {}).index == 2 end)
  T.eq(c.line(), '二是XX。', 'line')
end)

case('leaving the snippet region ends the session', function()
  local _, path = project()
  local c = start_child(path)
  c.req('nvim_buf_set_lines', 0, 0, -1, false, { '第一行', '' })
  c.req('nvim_win_set_cursor', 0, { 2, 0 })
  c.input('ijb<Tab>')
  c.wait('first tabstop', function() return c.mode() == 's' end)
  c.input('<Esc>gg')
  c.wait('the session to end', function() return not c.active() end)
  c.input('A<Tab>')
  c.wait('a literal tab', function() return c.line() == '第一行\t' end)
end)

case('a Chinese trigger expands, and a project snippet overrides ours', function()
  local _, path = project()
  local c = start_child(path)
  c.input('i园区营业收入<Tab>')
  c.wait('expansion', function() return c.mode() == 's' end)
  T.eq(c.line(), '园区实现营业收入X亿元，同比增长X%', 'Chinese trigger, default library')
  c.input('<Esc>o')
  c.input('营业收入tbzz<Tab>')
  c.wait('the override', function() return c.line():find('比上年增长', 1, true) ~= nil end)
  T.eq(c.line(), '营业收入比上年增长X%', 'project snippet with the same trigger')
end)

case('an ASCII trigger must start a word; no trigger gives a message and no change', function()
  local _, path = project()
  local c = start_child(path)
  c.input('iabcjb<F5>')
  c.wait('the message', function() return (c.lua('return _G.park_messages') or ''):find('没有片段触发词', 1, true) end)
  T.eq(c.line(), 'abcjb', 'line unchanged')
  T.eq(c.active(), false, 'no session')
end)

case('continuation lines take the indentation of the trigger line', function()
  local _, path = project()
  local c = start_child(path)
  c.input('i　　jx<Tab>')
  c.wait('expansion', function() return c.mode() == 's' end)
  T.eq(c.lines(), { '　　XX年工作总结', '　　XX年，园区。' }, 'indented lines')
end)

case('a malformed body names the file and the snippet', function()
  local dir, path = project()
  local c = start_child(path)
  -- Fetching the list already reports the body; expanding must report it too.
  c.lua('require("park.snippet").list(0) _G.park_messages = nil')
  c.input('ihp<F5>')
  c.wait('the error', function() return (c.lua('return _G.park_messages') or ''):find('片段“broken”', 1, true) end)
  local msg = c.lua('return _G.park_messages')
  T.ok(msg:find('（触发词“hp”）', 1, true), 'the expansion error: ' .. msg)
  T.ok(msg:find(dir .. '/.park/snippets/test.json:7', 1, true), 'file and line in: ' .. msg)
  T.ok(msg:find('正文第1行第5列', 1, true), 'position in: ' .. msg)
  T.eq(c.line(), 'hp', 'line unchanged')
end)

case('keys typed ahead of an expansion and of a jump land in the tabstops', function()
  local _, path = project()
  local c = start_child(path)
  c.wait('the list', function() return c.lua('return require("park.helper").status().pending') == 0 end)
  c.input('ijb<C-j>一组<C-j>二组<C-j>三组<C-j>')
  c.wait('the snippet to end', function() return not c.active() and c.line() == '一组、二组、三组。' end)
  T.eq(c.mode(), 'i', 'mode after $0')
end)

case('<C-j> with nothing to expand types itself in order with the keys around it', function()
  local _, path = project()
  local c = start_child(path)
  c.wait('the list', function() return c.lua('return require("park.helper").status().pending') == 0 end)
  c.input('i甲<C-j>乙<C-j>丙')
  c.wait('three lines', function() return #c.lines() == 3 end)
  T.eq(c.lines(), { '甲', '乙', '丙' }, 'lines')
end)

-- Skeletons and the command -------------------------------------------------

local level1 = { '一', '二', '三', '四', '五', '六', '七', '八', '九', '十' }

case(':ParkSnippet inserts a skeleton with headings numbered in order', function()
  local _, path = project()
  local c = start_child(path)
  c.req('nvim_command', 'ParkSnippet 年度工作总结')
  c.wait('the first tabstop', function() return c.mode() == 's' end)
  local lines = c.lines()
  local l1, l2 = {}, {}
  for _, line in ipairs(lines) do
    local h = line:match('^([一二三四五六七八九十]+)、')
    if h then
      table.insert(l1, h)
      l2[#l1] = {}
    end
    local sub = line:match('^（([一二三四五六七八九十]+)）')
    if sub then table.insert(l2[#l1], sub) end
  end
  T.eq(l1, { '一', '二', '三' }, 'level-1 headings')
  for i, subs in ipairs(l2) do
    for k, s in ipairs(subs) do
      T.eq(s, level1[k], string.format('（%s） under %s、', s, l1[i]))
    end
  end
  T.eq(#l2[1], 5, '（一）…（五） under 一、')
  T.eq(lines[1], 'XX20XX年工作总结', 'title')
  T.eq(c.current(), { index = 1, text = 'XX' }, 'first tabstop: the organisation')
  c.input('高新区<Tab>')
  c.wait('the year', function() return (c.current() or {}).index == 2 end)
  c.input('2024')
  c.wait('mirrors of the year and the organisation', function()
    return c.lines()[2]:sub(1, #'2024年，在XX的正确领导下，高新区') == '2024年，在XX的正确领导下，高新区'
  end)
end)

case(':ParkSnippet without an argument picks with vim.ui.select', function()
  local _, path = project()
  local c = start_child(path)
  c.lua([[
    vim.ui.select = function(items, opts, on_choice)
      _G.shown = {}
      for i, item in ipairs(items) do
        table.insert(_G.shown, opts.format_item(item))
        if item.prefix == 'jb' then _G.pick = i end
      end
      on_choice(items[_G.pick], _G.pick)
    end
  ]])
  c.req('nvim_command', 'ParkSnippet')
  c.wait('the snippet', function() return c.line() == '甲、乙、丙。' end)
  local shown = c.lua('return _G.shown')
  T.ok(#shown > 150, 'every snippet offered')
  local seen = {}
  for _, line in ipairs(shown) do
    T.ok(not seen[line], 'offered once: ' .. line)
    seen[line] = true
  end
  T.ok(vim.tbl_filter(function(l) return l:find('^szys 四个意识 ') ~= nil end, shown)[1] ~= nil, 'both triggers on one line')
  local found
  for _, s in ipairs(shown) do
    if s:find('同比增长', 1, true) and s:find('营业收入', 1, true) then found = s end
  end
  T.ok(found ~= nil, 'description and expansion shown')
end)

case('the default keys: <C-j> expands and jumps, <C-k> jumps back, both type themselves elsewhere', function()
  local _, path = project()
  local c = start_child(path)
  c.input('ijb<C-j>')
  c.wait('Select mode on the first tabstop', function() return c.mode() == 's' end)
  T.eq(c.current(), { index = 1, text = '甲' }, 'first tabstop')
  c.input('<C-j>')
  c.wait('the second tabstop', function() return c.current().index == 2 end)
  c.input('<C-k>')
  c.wait('back to the first', function() return c.current().index == 1 end)
  c.input('<Esc>')
  c.lua('require("park.snippet").stop()')
  c.input('o无<C-j>后')
  c.wait('a line break typed by <C-j>', function() return #c.lines() == 3 end)
  T.eq(c.lines()[3], '后', 'the line after the break')
  c.input('<Esc>')
  c.lua('require("park").setup({ snippet_keys = false }) vim.cmd("edit!")')
  T.eq(c.lua("return vim.fn.maparg('<C-j>', 'i')"), '', 'no key with snippet_keys = false')
end)

case('accepting a snippet from completion expands it in one step', function()
  local _, path = project()
  local c = start_child(path)
  c.input('ijb<C-x><C-o>')
  c.wait('the popup menu or the word', function() return c.line() == 'jb' end)
  c.input('<C-y>')
  c.wait('the snippet expanded', function() return c.line() == '甲、乙、丙。' end)
  c.wait('Select mode on the first tabstop', function() return c.mode() == 's' end)
end)

case('a selection is wrapped: <C-j> in Visual mode offers the wrapping snippets; a range wraps lines', function()
  local _, path = project()
  local c = start_child(path)
  c.lua([[
    vim.ui.select = function(items, opts, on_choice)
      _G.offered = vim.tbl_map(function(i) return i.prefix end, items)
      for i, item in ipairs(items) do
        if item.prefix == 'smh' then return on_choice(item, i) end
      end
    end
    vim.api.nvim_buf_set_lines(0, 0, -1, false, { '认真贯彻关于加强基层党建工作的意见精神', '第一行', '第二行' })
    vim.api.nvim_win_set_cursor(0, { 1, #'认真贯彻' })
  ]])
  c.input('v12l<C-j>')
  c.wait('the title in 《》', function() return c.lines()[1] == '认真贯彻《关于加强基层党建工作的意见》精神' end)
  local offered = c.lua('return _G.offered')
  T.ok(vim.tbl_contains(offered, 'smh') and vim.tbl_contains(offered, 'bt1'), 'wrapping snippets offered')
  T.ok(not vim.tbl_contains(offered, 'jb'), 'a snippet that would lose the text is not offered')
  c.input('<Esc>')
  c.lua('require("park.snippet").stop()')
  c.req('nvim_command', '2,3ParkSnippet yinh')
  T.eq(c.lines(), { '认真贯彻《关于加强基层党建工作的意见》精神', '“第一行', '第二行”' }, 'lines in “”')
  c.input('<Esc>')
  c.lua('require("park.snippet").stop()')
  local before = c.lines()
  c.req('nvim_command', '2ParkSnippet jb')
  T.eq(c.lines(), before, 'unchanged by a snippet that does not wrap')
  T.ok(c.lua('return _G.park_messages'):find('不包住选中的文字', 1, true), 'told why')
end)

-- List, cache, completion ----------------------------------------------------

T.case('the snippet list is fetched once per project and refreshed on demand', function()
  local _, path = project()
  local snip = require('park.snippet')
  snip.refresh()
  local log = T.logged(function()
    T.edit(path)
    T.wait('the list asked for on opening', T.settled)
    local list = snip.list(0)
    T.ok(#list > 300, 'triggers listed: ' .. #list)
    snip.list(0)
    vim.api.nvim_buf_set_lines(0, 0, -1, false, { '同比增长' })
    vim.api.nvim_win_set_cursor(0, { 1, #'同比增长' })
    for _ = 1, 20 do
      snip.expandable()
    end
    local completions = vim.fn.getcompletion('ParkSnippet tbz', 'cmdline')
    T.eq(completions, { 'tbzz' }, ':ParkSnippet completion')
    T.edit(vim.fn.fnamemodify(path, ':h') .. '/other.park')
  end)
  local calls = function(l) return #vim.tbl_filter(function(c) return c.method == 'snippets' end, l) end
  T.eq(calls(log), 1, 'requests for the list: two reports of a project, listing, 20 lookups, completion')
  log = T.logged(function() vim.cmd('ParkSnippet! nosuchtrigger') end)
  T.eq(calls(log), 1, 'requests after :ParkSnippet!')
  T.eq(#T.said('没有触发词为“nosuchtrigger”的片段'), 1, 'message for an unknown trigger')
end)

T.case('a slow helper: expansion waits briefly, then applies the late answer only to unchanged text', function()
  local _, path = project()
  local buf = T.edit(path)
  T.wait('the list asked for on opening', T.settled)
  local snip = require('park.snippet')
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { '' })
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local held = T.hold('snippet_expand')
  local t0 = vim.loop.hrtime()
  snip.insert('jb')
  local waited = (vim.loop.hrtime() - t0) / 1e6
  T.ok(waited >= snip.wait * 0.9 and waited < snip.wait + 1000, 'waited about M.wait: ' .. waited)
  T.eq(T.lines(buf), { '' }, 'nothing inserted before the answer')
  local answer = require('park.helper').request('snippet_expand', held.params)
  held.cb(nil, answer)
  T.eq(T.lines(buf), { '甲、乙、丙。' }, 'the late answer, for unchanged text, is inserted')
  snip.stop()
  vim.cmd('stopinsert')
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { '' })
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  held = T.hold('snippet_expand')
  snip.insert('jb')
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { '又写了字' })
  held.cb(nil, answer)
  T.eq(T.lines(buf), { '又写了字' }, 'a late answer for changed text is dropped')
  T.eq(#T.said('片段“jb”没有展开'), 1, 'and told')
end)

T.case('omnifunc is set for park buffers and completes triggers', function()
  local _, path = project()
  T.edit(path)
  T.eq(vim.bo.filetype, 'park', 'filetype')
  T.eq(vim.bo.omnifunc, "v:lua.require'park.snippet_complete'.omnifunc", 'omnifunc')
  local snip = require('park.snippet_complete')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '园区tbz' })
  vim.api.nvim_win_set_cursor(0, { 1, #'园区tbz' })
  T.eq(snip.omnifunc(1, ''), #'园区', 'start of an ASCII word')
  local items = snip.omnifunc(0, 'tbz')
  T.eq(#items, 1, 'matches for tbz')
  T.eq(items[1].word, 'tbzz', 'word')
  T.ok(items[1].info:find('比上年增长', 1, true), 'preview of the project snippet')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '园区实现同比' })
  vim.api.nvim_win_set_cursor(0, { 1, #'园区实现同比' })
  T.eq(snip.omnifunc(1, ''), #'园区实现', 'start of the Chinese text that begins a trigger')
  local words = vim.tbl_map(function(i) return i.word end, snip.omnifunc(0, '同比'))
  table.sort(words)
  T.eq(words, { '同比下降', '同比增长' }, 'Chinese matches')
end)

T.case('a buffer with its own omnifunc keeps it', function()
  vim.cmd('enew')
  vim.bo.omnifunc = 'syntaxcomplete#Complete'
  vim.cmd('set filetype=park')
  T.eq(vim.bo.omnifunc, 'syntaxcomplete#Complete', 'omnifunc')
end)

T.run()
