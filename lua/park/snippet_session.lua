--- The active snippet: its text in the buffer, its tabstops as extmarks,
--- jumps, mirrors and when it ends.
---
--- The helper has already expanded the body into plain lines and tabstop
--- ranges (`snippet_expand`); this module inserts the lines, puts an extmark
--- on every range and one around the whole snippet, and from then on works
--- on the marks only: no helper call while the user types.
---
--- Gravity: the current tabstop (and any tabstop enclosing it) has
--- `right_gravity = false` at its start and `end_right_gravity = true` at its
--- end, so text typed at either edge lands inside it; every other tabstop has
--- the opposite gravities, so text typed next to it stays outside.
--- Jumping re-sets the gravities. Mirrors are re-synced on `TextChangedI`
--- (typing) and before every jump.
---
--- One snippet is active at a time. It ends when the cursor reaches `$0`,
--- when the cursor leaves the snippet's region, when its text is deleted or
--- when the buffer is left; a new expansion replaces it.
---
--- Mode changes (Select mode, Insert mode at a position) are fed with
--- `nvim_feedkeys`, as a mapping cannot change modes itself. They go in
--- front of what is typed ahead (a paste, a macro), one feed per move, so
--- keys typed after a jump land in the tabstop.

-- Module definition ==========================================================
local M = {}
local H = {}

local util = require('park.util')

M.ns = vim.api.nvim_create_namespace('park_snippet')

--- Inserts `result` (a `snippet_expand` answer) into `buf`, replacing bytes
--- [col, end_col) of 0-based line `row`, and jumps to its first tabstop.
M.start = function(buf, row, col, end_col, result)
  M.stop()
  local lines = result.text
  vim.api.nvim_buf_set_text(buf, row, col, row, end_col, lines)
  local s = { buf = buf, tabstops = {}, current = 0 }
  local last = #lines - 1
  local last_col = (last == 0 and col or 0) + #lines[#lines]
  s.outer = H.mark(buf, row, col, row + last, last_col, true)
  local at = function(p) -- a result position relative to the insertion point
    return row + p.lnum, (p.lnum == 0 and col or 0) + p.col, row + p.end_lnum, (p.end_lnum == 0 and col or 0) + p.end_col
  end
  for _, t in ipairs(result.tabstops or {}) do
    local tab = { index = t.index, choices = util.value(t.choices), marks = {} }
    for _, r in ipairs(t.ranges) do
      local r1, c1, r2, c2 = at(r)
      table.insert(tab.marks, H.mark(buf, r1, c1, r2, c2, false, true))
    end
    table.insert(s.tabstops, tab)
  end
  local f1, fc1, f2, fc2 = at(result.final)
  s.final = { index = 0, marks = { H.mark(buf, f1, fc1, f2, fc2, false) } }
  H.session = s
  vim.api.nvim_win_set_cursor(0, { row + 1, col })
  H.autocmds(s)
  M.jump(1)
end

--- Whether a snippet is active (in the current buffer).
M.active = function()
  local s = H.session
  return s ~= nil and s.buf == vim.api.nvim_get_current_buf()
end

--- Whether `jump(dir)` would move: always forward (the last jump ends the
--- snippet at `$0`), backward only past the first tabstop.
M.jumpable = function(dir)
  if not M.active() then return false end
  if dir < 0 then return H.session.current > 1 end
  return true
end

--- Moves to the next (`dir` = 1) or previous (-1) tabstop and selects it.
--- Reaching `$0` ends the snippet. Returns false when there is nowhere to go.
M.jump = function(dir)
  if not M.jumpable(dir) then return false end
  local s = H.session
  H.sync(s)
  local target = s.current + dir
  if target > #s.tabstops then
    local r = H.range(s.buf, s.final.marks[1])
    M.stop()
    if r then H.insert_at(r[1], r[2]) end
    return true
  end
  s.current = target
  local tab = s.tabstops[target]
  H.gravity(s, tab)
  H.select(s, tab)
  return true
end

--- Ends the active snippet (its text stays).
M.stop = function()
  local s = H.session
  if s == nil then return end
  H.session, H.busy = nil, false
  pcall(vim.api.nvim_del_augroup_by_name, 'park_snippet')
  if vim.api.nvim_buf_is_valid(s.buf) then vim.api.nvim_buf_clear_namespace(s.buf, M.ns, 0, -1) end
end

--- The current tabstop's text and index, for tests: `{ index, text }` or nil.
M.current = function()
  local s = H.session
  if s == nil or s.current == 0 then return nil end
  local tab = s.tabstops[s.current]
  return { index = tab.index, text = H.text(s.buf, tab.marks[1]), choices = tab.choices }
end

--- Offers the current tabstop's choices with `complete()` (Insert mode).
M._show_choices = function()
  local s = H.session
  if s == nil or s.current == 0 then return end
  local tab = s.tabstops[s.current]
  local r = H.range(s.buf, tab.marks[1])
  if tab.choices == nil or r == nil then return end
  vim.api.nvim_win_set_cursor(0, { r[3] + 1, r[4] })
  vim.fn.complete(r[2] + 1, tab.choices)
end

--- End of a key sequence fed by this module.
M._settled = function() H.busy = false end

--- Puts the cursor at 0-based (row, col) in Insert mode (from a mapping).
M._insert = function(row, col)
  local line = vim.api.nvim_buf_get_lines(0, row, row + 1, false)[1] or ''
  vim.api.nvim_win_set_cursor(0, { row + 1, math.min(col, #line) })
  if vim.api.nvim_get_mode().mode:sub(1, 1) ~= 'i' then vim.cmd(col >= #line and 'startinsert!' or 'startinsert') end
end

-- Helper functionality =======================================================
H.mark = function(buf, r1, c1, r2, c2, expand, hl)
  local opts = { end_row = r2, end_col = c2, right_gravity = not expand, end_right_gravity = expand }
  if hl then opts.hl_group = 'ParkSnippetTabstop' end
  return { id = vim.api.nvim_buf_set_extmark(buf, M.ns, r1, c1, opts), hl = hl }
end

-- { row, col, end_row, end_col } of a mark (0-based), or nil when it is gone.
H.range = function(buf, mark)
  local ok, m = pcall(vim.api.nvim_buf_get_extmark_by_id, buf, M.ns, mark.id, { details = true })
  if not ok or m == nil or m[1] == nil then return nil end
  local r = { m[1], m[2], m[3].end_row or m[1], m[3].end_col or m[2] }
  -- A non-growing mark whose text was replaced can end before it starts.
  if r[3] < r[1] or (r[3] == r[1] and r[4] < r[2]) then r[3], r[4] = r[1], r[2] end
  return r
end

H.text = function(buf, mark)
  local r = H.range(buf, mark)
  if r == nil then return nil end
  return table.concat(vim.api.nvim_buf_get_text(buf, r[1], r[2], r[3], r[4], {}), '\n')
end

H.before = function(a, b) return a[1] < b[1] or (a[1] == b[1] and a[2] <= b[2]) end

-- Re-creates a mark with the given gravities at its current place.
H.regrav = function(buf, mark, expand)
  local r = H.range(buf, mark)
  if r == nil then return end
  local opts = { id = mark.id, end_row = r[3], end_col = r[4], right_gravity = not expand, end_right_gravity = expand }
  if mark.hl then opts.hl_group = 'ParkSnippetTabstop' end
  pcall(vim.api.nvim_buf_set_extmark, buf, M.ns, r[1], r[2], opts)
end

-- The target tabstop and those enclosing it grow with typed text; the others don't.
H.gravity = function(s, target)
  local tr = H.range(s.buf, target.marks[1])
  for _, tab in ipairs(s.tabstops) do
    for k, mark in ipairs(tab.marks) do
      local expand = tab.index == target.index
      if not expand and k == 1 and tr ~= nil then
        local r = H.range(s.buf, mark)
        expand = r ~= nil and H.before({ r[1], r[2] }, { tr[1], tr[2] }) and H.before({ tr[3], tr[4] }, { r[3], r[4] })
      end
      H.regrav(s.buf, mark, expand)
    end
  end
end

-- Copies each tabstop's text to its mirrors where they differ.
H.sync = function(s)
  if H.syncing then return end
  H.syncing = true
  for _, tab in ipairs(s.tabstops) do
    if #tab.marks > 1 then
      local text = H.text(s.buf, tab.marks[1])
      for k = 2, #tab.marks do
        local r = H.range(s.buf, tab.marks[k])
        if text ~= nil and r ~= nil and H.text(s.buf, tab.marks[k]) ~= text then
          pcall(vim.api.nvim_buf_set_text, s.buf, r[1], r[2], r[3], r[4], vim.split(text, '\n', { plain = true }))
        end
      end
    end
  end
  H.syncing = false
end

-- Feeds keys (mode changes cannot be made directly from a mapping) in
-- front of the typeahead, so call it once per move: a second feed would
-- run before the first. The cursor passes outside the snippet while they
-- run (<Esc> moves it left), so region checks wait until they have run.
H.feed = function(keys)
  H.busy = true
  keys = keys .. '<Cmd>lua require("park.snippet_session")._settled()<CR>'
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'ni', true)
end

-- Insert mode at (row, col), leaving Visual or Select mode first.
H.insert_at = function(row, col, extra)
  local mode = vim.api.nvim_get_mode().mode:sub(1, 1)
  local leave = mode:find('^[vVsS\22\19]') and '<Esc>' or ''
  H.feed(leave .. string.format('<Cmd>lua require("park.snippet_session")._insert(%d, %d)<CR>', row, col) .. (extra or ''))
end

-- Selects a tabstop: its text in Select mode (typing replaces it); an empty
-- tabstop or a choice in Insert mode, a choice with its list offered.
H.select = function(s, tab)
  local r = H.range(s.buf, tab.marks[1])
  if r == nil then return end
  local mode = vim.api.nvim_get_mode().mode:sub(1, 1)
  if tab.choices ~= nil or (r[1] == r[3] and r[2] == r[4]) then
    local col = tab.choices ~= nil and r[4] or r[2]
    local row = tab.choices ~= nil and r[3] or r[1]
    H.insert_at(row, col, tab.choices and '<Cmd>lua require("park.snippet_session")._show_choices()<CR>')
    return
  end
  local leave = mode ~= 'n' and '<Esc>' or ''
  local line = vim.api.nvim_buf_get_lines(s.buf, r[3], r[3] + 1, false)[1] or ''
  local last = r[4] -- 1-based column of the last selected character's first byte
  if vim.o.selection ~= 'exclusive' then
    last = r[4] - 1
    while last > 0 and line:byte(last + 1) ~= nil and line:byte(last + 1) >= 0x80 and line:byte(last + 1) < 0xC0 do
      last = last - 1
    end
    last = last + 1
  else
    last = r[4] + 1
  end
  H.feed(leave .. string.format('<Cmd>call cursor(%d, %d)<CR>v<Cmd>call cursor(%d, %d)<CR>o<C-g>', r[1] + 1, r[2] + 1, r[3] + 1, last))
end

H.inside = function(s, row, col)
  local r = H.range(s.buf, s.outer)
  if r == nil then return false end
  return H.before({ r[1], r[2] }, { row, col }) and H.before({ row, col }, { r[3], r[4] })
end

H.autocmds = function(s)
  local group = vim.api.nvim_create_augroup('park_snippet', { clear = true })
  local au = function(events, fn)
    vim.api.nvim_create_autocmd(events, { group = group, buffer = s.buf, callback = fn })
  end
  -- Mirrors follow typing; changes in Normal mode (undo above all) are left
  -- alone until the next jump, so that redo still works.
  au({ 'TextChanged', 'TextChangedI' }, function(args)
    if H.session ~= s then return end
    local r = H.range(s.buf, s.outer)
    if r == nil or (r[1] == r[3] and r[2] == r[4]) then return M.stop() end
    if args.event == 'TextChangedI' then H.sync(s) end
  end)
  au({ 'CursorMoved', 'CursorMovedI' }, function()
    if H.session ~= s or H.busy then return end
    local cur = vim.api.nvim_win_get_cursor(0)
    if not H.inside(s, cur[1] - 1, cur[2]) then M.stop() end
  end)
  au('BufLeave', function() M.stop() end)
end

return M
