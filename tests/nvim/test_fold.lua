local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local fold = require('park.fold')

-- Opens corpus report `name` (as a .park file in a temp dir) and waits for its levels.
local open = function(name)
  local path = T.copy_corpus(name, T.tmpdir(), name:gsub('%.txt$', '.park'))
  local buf = T.edit(path)
  T.eq(vim.bo[buf].filetype, 'park', 'filetype')
  T.wait('fold levels', function() return fold.current(buf) end)
  return buf, path
end

local wait_current = function(buf)
  fold.sync(buf)
  T.wait('fold levels', function() return fold.current(buf) end)
end

T.case('park buffers fold by heading level with a buffer-local foldexpr', function()
  local buf = open('annual-summary-speech.txt')
  T.eq(vim.wo.foldmethod, 'expr', 'foldmethod')
  T.eq(vim.wo.foldexpr, fold.foldexpr, 'foldexpr')
  T.eq(vim.wo.foldtext, fold.foldtext, 'foldtext')
  T.eq(vim.wo.foldlevel, 99, 'sections start open')
  -- title, salutation, 一、, （一）, body under 二、, （一） of 三、, closing
  local want = { [1] = 0, [3] = 0, [6] = 1, [7] = 2, [9] = 2, [10] = 1, [11] = 1, [12] = 2, [18] = 2, [21] = 1, [23] = 2, [30] = 0 }
  for lnum, level in pairs(want) do
    T.eq(vim.fn.foldlevel(lnum), level, 'foldlevel(' .. lnum .. ')')
  end
  T.eq(fold.levels(buf)[6], -1, 'heading 一、 starts a level-1 fold')
  T.eq(fold.levels(buf)[7], -2, 'heading （一） starts a level-2 fold')
  vim.cmd('normal! zM')
  T.eq(vim.fn.foldclosed(8), 6, 'section 一 closed from its heading')
  T.eq(vim.fn.foldclosedend(6), 9, 'section 一 ends before 二、')
  T.eq(vim.fn.foldclosedend(21), 29, 'section 三 ends before the closing line')
  T.eq(vim.fn.foldclosed(30), -1, 'closing line outside every fold')
end)

T.case('foldlevel() at the headings of the other two corpus reports', function()
  open('leadership-work-report.txt')
  for _, l in ipairs({ 2, 7, 13, 18 }) do
    T.eq(vim.fn.foldlevel(l), 1, 'leadership heading ' .. l)
  end
  T.eq(vim.fn.foldlevel(1), 0, 'leadership preamble')
  T.eq(vim.fn.foldlevel(23), 1, 'leadership last paragraph inside 四、')
  open('staff-meeting-speech.txt')
  for l, level in pairs({ [5] = 1, [13] = 1, [16] = 1, [17] = 2, [21] = 2, [22] = 1, [25] = 2, [26] = 2 }) do
    T.eq(vim.fn.foldlevel(l), level, 'staff line ' .. l)
  end
end)

-- Non-space characters of lines a..b, as the fold text counts 字数.
local chars = function(buf, a, b)
  local n = 0
  for _, l in ipairs(vim.api.nvim_buf_get_lines(buf, a - 1, b, false)) do
    n = n + vim.fn.strchars((l:gsub('%s', ''):gsub('　', '')))
  end
  return n
end

T.case('fold text shows the heading, 字数, placeholders and findings, aligned', function()
  local buf = open('staff-meeting-speech.txt')
  T.cmd('ParkCheck')
  local diags = vim.diagnostic.get(buf, { namespace = T.ns() })
  T.ok(#diags > 0, 'findings')
  vim.cmd('normal! zM')
  local texts, cols = {}, {}
  for _, lnum in ipairs({ 5, 13, 16, 22 }) do
    local last = vim.fn.foldclosedend(lnum)
    local ph, other = 0, 0
    for _, d in ipairs(diags) do
      if d.lnum >= lnum - 1 and d.lnum <= last - 1 then
        if d.user_data.category == 'placeholder' then ph = ph + 1 else other = other + 1 end
      end
    end
    local text = vim.fn.foldtextresult(lnum)
    texts[lnum] = text
    local head = vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, false)[1]:sub(1, 9)
    T.ok(text:sub(1, 9) == head, 'starts with the heading: ' .. text)
    local n, p, o = text:match('(%d+) 字  占位符 +(%d+)  问题 +(%d+)$')
    T.ok(n ~= nil, 'counts in ' .. text)
    T.eq(tonumber(n), chars(buf, lnum, last), '字数 of fold at ' .. lnum)
    T.eq(tonumber(p), ph, 'placeholders of fold at ' .. lnum)
    T.eq(tonumber(o), other, 'findings of fold at ' .. lnum)
    cols[#cols + 1] = vim.fn.strdisplaywidth(text:match('^(.-)%s+%d+ 字'))
  end
  T.ok(tonumber(texts[5]:match('占位符 +(%d+)')) > 0, 'section 一 has placeholders')
  for i = 2, #cols do
    T.ok(math.abs(cols[i] - cols[1]) <= 1, 'counts aligned: ' .. vim.inspect(cols))
  end
  -- a run-in heading shows its title only
  vim.cmd('normal! zR')
  vim.api.nvim_win_set_cursor(0, { 17, 0 })
  vim.cmd('normal! zc')
  local runin = vim.fn.foldtextresult(17)
  T.ok(runin:find('项目为王，提升产业发展水平', 1, true) ~= nil and runin:find('突出', 1, true) == nil, runin)
end)

T.case('folds the user opened stay open after edits, refreshes and saves', function()
  local buf, path = open('annual-summary-speech.txt')
  vim.cmd('normal! zM')
  vim.api.nvim_win_set_cursor(0, { 10, 0 })
  vim.cmd('normal! zo')
  T.eq(vim.fn.foldclosed(10), -1, 'opened 二、')
  T.eq(vim.fn.foldclosed(12), 12, '（一） under it still closed')
  -- a body edit, then a structural one (a new heading) that makes Park refresh the folds
  vim.api.nvim_buf_set_text(buf, 10, 0, 10, 0, { '新增文字，' })
  wait_current(buf)
  local refreshed = fold.stats.refreshed
  vim.api.nvim_buf_set_lines(buf, 27, 27, false, { '（六）新增一节' })
  wait_current(buf)
  T.ok(fold.stats.refreshed > refreshed, 'folds refreshed after the new heading')
  T.eq(fold.levels(buf)[28], -2, 'new heading starts a fold')
  T.eq(vim.fn.foldclosed(10), -1, '二、 still open')
  T.eq(vim.fn.foldclosed(6), 6, '一、 still closed')
  T.eq(vim.fn.foldclosed(21), 21, '三、 still closed')
  vim.cmd('write')
  T.wait('check on save', function() return vim.b[buf].park_checked_tick == vim.api.nvim_buf_get_changedtick(buf) end)
  wait_current(buf)
  T.eq(vim.fn.foldclosed(10), -1, '二、 still open after :write')
  T.eq(vim.fn.foldclosed(6), 6, '一、 still closed after :write')
  T.ok(vim.loop.fs_stat(path) ~= nil, 'written')
end)

T.case('adding and deleting lines next to a closed section leaves it closed', function()
  local buf = open('annual-summary-speech.txt')
  vim.cmd('normal! zM')
  vim.api.nvim_win_set_cursor(0, { 6, 0 })
  vim.cmd('normal! zo')
  T.eq(vim.fn.foldclosed(10), 10, '二、 closed')
  -- o on the last line of section 一, typing a new heading (Neovim updates the
  -- folds before Park learns of the new line)
  local undo_break = function() vim.o.undolevels = vim.o.undolevels end
  vim.api.nvim_win_set_cursor(0, { 9, 0 })
  vim.cmd('normal o（四）新增的小标题')
  undo_break()
  T.eq(vim.fn.foldclosed(11), 11, '二、 still closed after o')
  T.eq(vim.fn.foldclosed(22), 22, '三、 still closed after o')
  -- a line inserted by a plugin just above 二、, then deleted with dd
  vim.api.nvim_buf_set_lines(buf, 10, 10, false, { '过渡段落。' })
  undo_break()
  T.eq(vim.fn.foldclosed(12), 12, '二、 still closed after an insert above it')
  vim.api.nvim_win_set_cursor(0, { 11, 0 })
  vim.cmd('normal! dd')
  undo_break()
  T.eq(vim.fn.foldclosed(11), 11, '二、 still closed after dd above it')
  vim.cmd('normal! u')
  T.eq(vim.fn.foldclosed(12), 12, '二、 still closed after undo')
  wait_current(buf)
  T.eq(vim.fn.foldclosed(12), 12, '二、 still closed once the helper answered')
  T.eq(fold.levels(buf)[10], -2, 'the typed heading is a heading')
  T.eq(vim.fn.foldlevel(10), 2, 'at level 2')
end)

T.case('levels follow their lines while the helper has not answered', function()
  local buf = open('leadership-work-report.txt')
  local before = fold.levels(buf)
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '标题', '', '' })
  local now = fold.levels(buf)
  T.eq(#now, #before + 3, 'three lines inserted')
  T.eq(now[5], -1, '一、 moved from line 2 to 5')
  T.eq(now[10], -1, '二、 moved from line 7 to 10')
  vim.api.nvim_buf_set_lines(buf, 8, 9, false, {})
  now = fold.levels(buf)
  T.eq(now[9], -1, '二、 back one line after a deletion')
  T.eq(now[8], 1, 'body keeps its level')
  vim.api.nvim_buf_set_lines(buf, 10, 10, false, { '新段落。' })
  T.eq(fold.levels(buf)[11], 1, 'a new line takes the level of its section')
  wait_current(buf)
  T.eq(fold.levels(buf)[5], -1, 'the helper agrees')
end)

T.case('results for an older changedtick are dropped', function()
  local buf = open('leadership-work-report.txt')
  local dropped = fold.stats.dropped
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '一、新的第一节' })
  fold.sync(buf)
  -- change the buffer again before the answer can be processed
  vim.api.nvim_buf_set_lines(buf, 0, 1, false, { '正文。' })
  T.wait('stale result', function() return fold.stats.dropped > dropped end)
  wait_current(buf)
  T.eq(fold.levels(buf)[1], 0, 'the newest text wins')
  T.eq(fold.levels(buf)[3], -1, '一、')
end)

T.case('only changed lines are sent; a restarted helper gets the whole buffer again', function()
  local buf = open('leadership-work-report.txt')
  local full = fold.stats.full
  vim.api.nvim_buf_set_lines(buf, 3, 3, false, { '（一）新增' })
  wait_current(buf)
  T.eq(fold.stats.full, full, 'an edit sends only its lines')
  T.eq(fold.levels(buf)[4], -2, 'new sub-heading')
  require('park.helper').restart()
  local resync = fold.stats.resync
  vim.api.nvim_buf_set_lines(buf, 3, 4, false, {})
  fold.sync(buf)
  T.wait('levels after restart', function() return fold.current(buf) and fold.stats.full > full end)
  T.ok(fold.stats.resync > resync or fold.stats.full > full, 'resent in full')
  T.eq(fold.levels(buf)[4], 1, 'sub-heading gone')
end)

T.case('folding stays in park buffers', function()
  open('leadership-work-report.txt')
  vim.cmd('enew')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '一、甲', '正文', '二、乙' })
  T.eq(vim.fn.foldlevel(1), 0, 'a foreign buffer has no Park folds')
  vim.cmd('buffer #')
  T.eq(vim.fn.foldlevel(2), 1, 'the report still folds')
  vim.cmd('setlocal filetype=text')
  T.eq(vim.wo.foldmethod, 'manual', 'b:undo_ftplugin restores foldmethod')
  T.eq(fold.attached(0), false, 'detached')
  T.eq(vim.fn.maparg(']]', 'n', false, true).buffer, nil, ']] unmapped')
end)

T.case('options fold and mappings turn folding and the keys off', function()
  require('park').setup({ fold = false, mappings = false })
  local buf = T.edit(T.copy_corpus('leadership-work-report.txt', T.tmpdir(), 'r.park'))
  T.eq(vim.bo[buf].filetype, 'park', 'filetype')
  T.eq(vim.wo.foldmethod, 'manual', 'no folding')
  T.eq(vim.fn.maparg(']]', 'n'), '', 'no ]] map')
  T.eq(vim.fn.maparg(']h', 'n'), '', 'no ]h map')
  T.eq(fold.attached(buf), false, 'levels not computed before a key needs them')
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd('execute "normal \\<Plug>(park-heading-next)"')
  T.eq(vim.api.nvim_win_get_cursor(0)[1], 2, '<Plug> map works')
  T.ok(#fold.levels(buf) > 0, 'levels known now')
end)

T.case('a heading typed in Insert mode has its fold after leaving Insert mode', function()
  local path = T.copy_corpus('annual-summary-speech.txt', T.tmpdir(), 'speech.park')
  local child = T.child(path)
  local ok, err = pcall(function()
    local fl = function(lnum) return child.req('nvim_call_function', 'foldlevel', { lnum }) end
    child.wait('fold levels', function() return child.lua('return require("park.fold").current(0)') end)
    T.eq(fl(29), 2, 'foldlevel(29) before')
    child.req('nvim_command', '6foldclose')
    local closed = function() return child.req('nvim_call_function', 'foldclosed', { 8 }) end
    T.eq(closed(), 6, 'section 一 closed by the user')
    child.req('nvim_win_set_cursor', 0, { 29, 0 })
    child.input('o四、新增的一节<CR>正文。')
    child.wait('Insert mode', function() return child.mode() == 'i' end)
    -- the levels for the typed heading arrive while Insert mode goes on
    child.wait('fold levels in Insert mode', function()
      return child.lua('return require("park.fold").current(0)') and child.lines()[30] == '四、新增的一节'
    end)
    vim.wait(200)
    T.eq(child.mode(), 'i', 'still in Insert mode')
    child.input('<Esc>')
    child.wait('Normal mode', function() return child.mode() == 'n' end)
    child.wait('the fold of the typed heading', function() return fl(30) == 1 end)
    T.eq(fl(31), 1, 'foldlevel of its body')
    T.eq(fl(29), 2, 'foldlevel(29) after')
    T.eq(closed(), 6, 'section 一 still closed')
  end)
  child.stop()
  if not ok then error(err, 0) end
end)

T.run()
