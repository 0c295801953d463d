--- Snippets: standard report phrases and whole report skeletons.
---
--- The library lives in the helper (`snippets/*.json` plus the user's and the
--- project's files, see `:help park-snippet-files`). This module asks for the
--- list once per project (when a report is opened) and caches it: finding
--- the trigger before the cursor, completion and the picker work from the
--- cache. Each expansion is one `snippet_expand` call, waited for at most
--- `M.wait` ms so that keys typed ahead land in the snippet; a later answer
--- is used only if the text and the cursor have not moved meanwhile. The
--- editing session that follows (jumps, mirrors, choices) is
--- `park.snippet_session`, pure Lua.
---
--- Mappings (plugin/park.lua): `<Plug>(park-expand)` (Insert mode),
--- `<Plug>(park-jump-next)`, `<Plug>(park-jump-prev)` (Insert, Select,
--- Normal). Command: `:ParkSnippet[!] [trigger]`.

-- Module definition ==========================================================
local M = {}
local H = {}

local helper = require('park.helper')
local session = require('park.snippet_session')
local util = require('park.util')

--- The snippets that apply to buffer `buf` (0: current), from the cache;
--- `refresh` asks the helper again, waiting up to `M.wait` ms. Each entry:
--- `{prefix, name, description, body_preview, file, wraps}`. Raises an
--- error when the helper has not answered in time. Problems in snippet
--- files are shown once per fetch.
M.list = function(buf, refresh)
  buf = util.buf(buf)
  local key = H.key(buf)
  if refresh or H.cache[key] == nil then H.fetch(buf, key, M.wait) end
  if H.cache[key] == nil then util.error('辅助程序还没有给出片段列表，请稍后再试') end
  return H.cache[key]
end

--- Asks for the list of `buf`'s project without waiting, unless it is
--- cached or on its way (FileType of park buffers).
M.prefetch = function(buf)
  buf = util.buf(buf)
  local key = H.key(buf)
  if H.cache[key] == nil and not H.fetching[key] then H.fetch(buf, key, 0) end
end

--- How long an expansion or a first listing waits for the helper, in ms.
M.wait = 300

--- Forgets every cached list; the next use asks the helper again.
M.refresh = function() H.cache = {} end

--- The snippet whose trigger ends the text before the cursor, and the
--- 0-based byte column where that trigger starts; nil when there is none.
--- An ASCII trigger must start a word (`tbzz` in `xtbzz` does not count);
--- a Chinese one may follow any text. The longest trigger wins.
M.expandable = function(list)
  if list == nil then
    local ok, l = pcall(M.list, 0)
    if not ok then return nil end
    list = l
  end
  local col = vim.api.nvim_win_get_cursor(0)[2]
  local before = vim.api.nvim_get_current_line():sub(1, col)
  local best
  for _, e in ipairs(list) do
    local t = e.prefix
    if #t <= #before and (best == nil or #t > #best.prefix) and before:sub(-#t) == t then
      local prev = before:sub(#before - #t, #before - #t)
      if not (t:match('^[%w_]') and prev:match('^[%w_]')) then best = e end
    end
  end
  if best == nil then return nil end
  return best, #before - #best.prefix
end

--- Expands the trigger before the cursor (Insert mode). Returns true when
--- the expansion was asked for; says so when there was no trigger. An
--- error of the helper (a malformed body names its file) is shown.
M.expand = function()
  local entry, start = M.expandable()
  if entry == nil then
    vim.notify('Park：光标前没有片段触发词（:ParkSnippet 列出全部片段）', vim.log.levels.INFO)
    return false
  end
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  local ok, err = pcall(H.expand, entry.prefix, row - 1, start, col)
  if not ok then vim.notify(tostring(err), vim.log.levels.ERROR) end
  return ok
end

--- Inserts the snippet `trigger` at the cursor and selects its first tabstop.
M.insert = function(trigger)
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  return H.expand(trigger, row - 1, col, col)
end

--- Lets the user pick a snippet (`vim.ui.select`, showing the description
--- and the expanded text) from `list` (default: all) and inserts it, or
--- calls `on_pick(entry)`.
M.pick = function(list, on_pick)
  local ok, all = true, list
  if all == nil then ok, all = pcall(M.list, 0) end
  if not ok then return util.notify(tostring(all), vim.log.levels.WARN) end
  list = H.one_per_snippet(all)
  local win, buf = vim.api.nvim_get_current_win(), vim.api.nvim_get_current_buf()
  vim.ui.select(list, {
    prompt = 'Park 片段：',
    format_item = function(e)
      local preview = H.one_line(e.body_preview)
      if vim.fn.strchars(preview) > 40 then preview = vim.fn.strcharpart(preview, 0, 40) .. '…' end
      return string.format('%-8s %s  ⟶ %s', table.concat(e.prefixes, ' '), e.description ~= '' and e.description or e.name, preview)
    end,
  }, function(choice)
    if choice == nil or not vim.api.nvim_win_is_valid(win) or vim.api.nvim_win_get_buf(win) ~= buf then return end
    vim.api.nvim_set_current_win(win)
    local ok, err = pcall(on_pick or function(e) M.insert(e.prefix) end, choice)
    if not ok then vim.notify(tostring(err), vim.log.levels.ERROR) end
  end)
end

--- The last Visual selection of the current buffer as {row, col, end_row,
--- end_col (0-based, end exclusive), text}; linewise (`V`) covers whole lines.
M.selection = function()
  local buf = vim.api.nvim_get_current_buf()
  local s, e = vim.api.nvim_buf_get_mark(buf, '<'), vim.api.nvim_buf_get_mark(buf, '>')
  local row, col, end_row = s[1] - 1, s[2], e[1] - 1
  local last = vim.api.nvim_buf_get_lines(buf, end_row, end_row + 1, false)[1] or ''
  local end_col
  if vim.fn.visualmode() == 'V' then
    col, end_col = 0, #last
  else
    -- '> is on the first byte of the last character: take the whole character
    end_col = math.min(e[2] + 1, #last)
    while end_col < #last and H.is_cont(last:byte(end_col + 1)) do
      end_col = end_col + 1
    end
  end
  local text = table.concat(vim.api.nvim_buf_get_text(buf, row, col, end_row, end_col, {}), '\n')
  return { row = row, col = col, end_row = end_row, end_col = end_col, text = text }
end

--- Replaces selection `sel` (from `M.selection`) with snippet `trigger`,
--- whose $TM_SELECTED_TEXT becomes the selected text: 《》 around a title,
--- 一、 before a heading. Refuses snippets that do not use it (the text would
--- be lost). Without `trigger`, picks among those that do.
M.wrap = function(trigger, sel)
  sel = sel or M.selection()
  if trigger == nil or trigger == '' then
    local wrapping = vim.tbl_filter(function(e) return e.wraps == true end, M.list(0))
    return M.pick(wrapping, function(choice) M.wrap(choice.prefix, sel) end)
  end
  local entry = vim.tbl_filter(function(e) return e.prefix == trigger end, M.list(0))[1]
  if entry ~= nil and entry.wraps ~= true then
    util.error(string.format('片段 %s 不包住选中的文字（正文里没有 $TM_SELECTED_TEXT），选中的文字会丢失；请换一个', trigger))
  end
  return H.expand(trigger, sel.row, sel.col, sel.col, { selected = sel.text }, function(buf)
    vim.api.nvim_buf_set_text(buf, sel.row, sel.col, sel.end_row, sel.end_col, {})
  end)
end

--- `:[range]ParkSnippet[!] [trigger]`: ! re-reads the snippet files first;
--- with a range, the snippet wraps the selection (or the lines).
M.command = function(args)
  if args.bang then
    M.refresh()
    M.list(0)
  end
  if args.range ~= nil and args.range > 0 then
    local sel = M.selection()
    if sel.row ~= args.line1 - 1 or sel.end_row ~= args.line2 - 1 then
      local last = vim.api.nvim_buf_get_lines(0, args.line2 - 1, args.line2, false)[1] or ''
      sel = { row = args.line1 - 1, col = 0, end_row = args.line2 - 1, end_col = #last }
      sel.text = table.concat(vim.api.nvim_buf_get_text(0, sel.row, 0, sel.end_row, sel.end_col, {}), '\n')
    end
    return M.wrap(args.args, sel)
  end
  if args.args ~= nil and args.args ~= '' then return M.insert(args.args) end
  return M.pick()
end

--- Triggers starting with `lead`, for command-line completion.
M.complete = function(lead)
  local ok, list = pcall(M.list, 0)
  if not ok then return {} end
  local res = {}
  for _, e in ipairs(list) do
    if e.prefix:sub(1, #lead) == lead then table.insert(res, e.prefix) end
  end
  return res
end

--- The keys of park buffers (option `snippet_keys`): <C-j> expands the
--- trigger before the cursor or jumps to the next tabstop (Insert, Select)
--- and wraps the selection (Visual); <C-k> jumps back while a snippet is
--- active. Where they do nothing they type themselves. Keys the user has
--- mapped are left alone. Returns the undo commands.
M.map_keys = function()
  local undo = {}
  -- Not `expr` maps: Insert mode evaluates those while it peeks at keys
  -- typed ahead, before the text typed in front of them is in the line.
  -- One feed per key press, in front of the typeahead, keeps the order.
  local feed = function(k)
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(k, true, false, true), 'ni', false)
  end
  local maps = {
    { { 'i', 's' }, '<C-j>', function()
      if not M.expand_or_jump() then feed('<C-j>') end
    end },
    { { 'i', 's' }, '<C-k>', function()
      if not (M.jumpable(-1) and M.jump(-1)) then feed('<C-k>') end
    end },
    { { 'x' }, '<C-j>', '<Plug>(park-wrap)' },
  }
  for _, m in ipairs(maps) do
    for _, mode in ipairs(m[1]) do
      if vim.fn.maparg(m[2], mode) == '' then
        vim.keymap.set(mode, m[2], m[3], { buffer = true, remap = type(m[3]) == 'string', desc = 'Park: snippets' })
        table.insert(undo, string.format('exe "silent! %sunmap <buffer> %s"', mode, m[2]))
      end
    end
  end
  return undo
end

--- For a `<Tab>` mapping: expands the trigger before the cursor (Insert
--- mode), else jumps to the next tabstop. Returns false when neither
--- applies, so the mapping can type its key instead.
M.expand_or_jump = function()
  if vim.api.nvim_get_mode().mode:sub(1, 1) == 'i' and M.expandable() ~= nil then return M.expand() end
  if M.jumpable(1) then return M.jump(1) end
  return false
end

--- Jumps to the next (1) or previous (-1) tabstop of the active snippet.
M.jump = function(dir) return session.jump(dir) end

--- Whether `jump(dir)` would move (for a `<Tab>` mapping).
M.jumpable = function(dir) return session.jumpable(dir) end

--- Whether a snippet is being filled in; `stop()` ends it.
M.active = function() return session.active() end
M.stop = function() return session.stop() end

-- Helper data ================================================================
-- project directory -> its snippet list; H.fetching[dir]: a fetch on its way
H.cache = {}
H.fetching = {}

-- Helper functionality =======================================================
H.path = function(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  if name == '' then return nil end
  return vim.fn.fnamemodify(name, ':p')
end

-- Project snippets depend on the document's directory only.
H.key = function(buf)
  local path = H.path(buf)
  return path and vim.fn.fnamemodify(path, ':h') or ''
end

H.params = function(buf, extra)
  local params = vim.tbl_extend('force', {}, extra or {})
  params.path = H.path(buf)
  return params
end

H.one_line = function(s) return (s:gsub('\n', ' ')) end

-- Indentation of the line: spaces, tabs and ideographic spaces.
H.indent = function(line)
  local i = 1
  while true do
    local c = line:sub(i, i)
    if c == ' ' or c == '\t' then
      i = i + 1
    elseif line:sub(i, i + 2) == '\227\128\128' then
      i = i + 3
    else
      return line:sub(1, i - 1)
    end
  end
end

-- One entry per snippet (a snippet with two triggers is listed once), in
-- the order of `list`; each gets `prefixes`, all its triggers.
H.one_per_snippet = function(list)
  local res, seen = {}, {}
  for _, e in ipairs(list) do
    local key = tostring(e.file) .. '\0' .. tostring(e.name)
    local first = seen[key]
    if first == nil then
      first = vim.tbl_extend('force', e, { prefixes = {} })
      seen[key] = first
      table.insert(res, first)
    end
    table.insert(first.prefixes, e.prefix)
  end
  return res
end

H.is_cont = function(b) return b ~= nil and b >= 0x80 and b < 0xC0 end

-- Asks for the list of buf's project (key), waiting up to `wait` ms.
H.fetch = function(buf, key, wait)
  H.fetching[key] = true
  helper.briefly('snippets', { H.params(buf) }, wait, function(err, res, kind)
    H.fetching[key] = nil
    if err ~= nil then
      if kind == nil then util.notify(util.prefix .. '读取片段失败：' .. err, vim.log.levels.ERROR) end
      return
    end
    local list = util.value(res.snippets) or {}
    table.sort(list, function(a, b) return a.prefix < b.prefix end)
    H.cache[key] = list
    local errors = util.value(res.errors) or {}
    if #errors > 0 then
      util.notify(util.prefix .. '片段文件有问题：\n' .. table.concat(errors, '\n'), vim.log.levels.WARN)
    end
  end)
end

-- Replaces bytes col..end_col of row (0-based) of the current buffer with
-- snippet `trigger` and starts its session, when the helper answers; `extra`
-- adds params, `before(buf)` runs just before (to delete a selection). An
-- answer that comes after the text or the cursor moved is dropped, with a
-- message.
H.expand = function(trigger, row, col, end_col, extra, before)
  local buf, win = vim.api.nvim_get_current_buf(), vim.api.nvim_get_current_win()
  if not vim.bo[buf].modifiable then util.error('缓冲区不可修改') end
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1] or ''
  local params = H.params(buf, vim.tbl_extend('force', { trigger = trigger, indent = H.indent(line) }, extra or {}))
  if vim.bo[buf].expandtab then params.tab = string.rep(' ', vim.fn.shiftwidth()) end
  local tick, cursor = vim.api.nvim_buf_get_changedtick(buf), vim.api.nvim_win_get_cursor(win)
  helper.briefly('snippet_expand', { params }, M.wait, function(err, result, kind)
    if err ~= nil then
      return util.notify(util.prefix .. (kind == nil and '展开片段失败：' or '') .. err, vim.log.levels.ERROR)
    end
    if vim.api.nvim_get_current_win() ~= win or vim.api.nvim_win_get_buf(win) ~= buf
      or vim.api.nvim_buf_get_changedtick(buf) ~= tick or not vim.deep_equal(vim.api.nvim_win_get_cursor(win), cursor) then
      return util.notify(string.format('Park：片段“%s”没有展开：等待辅助程序期间文本或光标已改动', trigger), vim.log.levels.WARN)
    end
    if before then before(buf) end
    session.start(buf, row, col, end_col, result)
  end, true)
  return true
end

return M
