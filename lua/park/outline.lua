--- The report's outline: jumping between headings, `:ParkOutline` (the
--- headings in the location list) and `:ParkRenumber` (continuous numbers
--- for every heading level and 一是/二是 sequence, as one undo step).
---
--- Jumps read the level table of park.fold (no helper call unless it has
--- never been computed); the outline and renumbering ask the helper once.

-- Module definition ==========================================================
local M = {}
local H = {}

local fold = require('park.fold')
local helper = require('park.helper')
local util = require('park.util')

--- Moves the cursor `count` headings forward (`dir` 1) or back (-1).
--- `what` is 'heading' (any heading) or 'sibling' (the next heading of the
--- current section's level, not leaving its parent). Returns the new line
--- (1-based), or nil when there is none (the cursor stays).
M.jump = function(what, dir, count)
  local buf = vim.api.nvim_get_current_buf()
  local levels = H.levels(buf)
  local row = vim.api.nvim_win_get_cursor(0)[1]
  local target = row
  for _ = 1, count or 1 do
    local nxt
    if what == 'sibling' then
      nxt = H.sibling(levels, target, dir)
    else
      nxt = H.heading(levels, target, dir)
    end
    if nxt == nil then break end
    target = nxt
  end
  if target == row then return nil end
  if vim.fn.mode() == 'n' then vim.cmd("normal! m'") end
  vim.api.nvim_win_set_cursor(0, { target, 0 })
  return target
end

--- The headings of `buf` (0: current) from the helper: list of
--- `{lnum, col, level, depth, marker, number, title, end_lnum, runin, flat}`
--- (0-based), and the title/salutation/closing lines `{lnum, kind}`.
M.get = function(buf)
  local res = fold.request(buf, true)
  return res.headings or {}, res.frame or {}
end

--- Fills the location list of the current window with the outline of its
--- buffer, indented by level, and opens it (<CR> jumps).
M.show = function()
  local buf = vim.api.nvim_get_current_buf()
  local headings, frame = M.get(buf)
  local items = {}
  for _, f in ipairs(frame) do
    local line = vim.api.nvim_buf_get_lines(buf, f.lnum, f.lnum + 1, false)[1] or ''
    line = line:gsub('^%s+', ''):gsub('^　+', ''):gsub('^%s+', '')
    table.insert(items, { bufnr = buf, lnum = f.lnum + 1, col = 1, text = (H.labels[f.kind] or '') .. line })
  end
  for _, h in ipairs(headings) do
    table.insert(items, {
      bufnr = buf,
      lnum = h.lnum + 1,
      col = h.col + 1,
      text = string.rep('　', h.depth - 1) .. h.marker .. h.title,
    })
  end
  table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  if #headings == 0 then util.notify('Park：未找到标题（一、（一）1.（1）①……）') end
  vim.fn.setloclist(0, {}, ' ', { title = 'Park 大纲', items = items })
  if #items > 0 then vim.cmd('lopen') end
  return items
end

--- Renumbers the headings and items on lines `line1`..`line2` (1-based; the
--- whole buffer by default) so every level counts 1, 2, 3 … in the whole
--- document. Changes only numerals, as one undo step. Returns the number
--- of numerals changed.
M.renumber = function(buf, line1, line2)
  buf = util.buf(buf)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  line1, line2 = line1 or 1, line2 or #lines
  local res = helper.request('renumber', { lines = lines, first = line1 - 1, last = line2 })
  local edits = type(res) == 'table' and res.edits or {}
  if #edits == 0 then
    util.notify('Park：序号已连续，无需重新编号')
    return 0
  end
  for i = #edits, 1, -1 do
    local e = edits[i]
    vim.api.nvim_buf_set_text(buf, e.lnum, e.col, e.lnum, e.end_col, { e.text })
  end
  util.notify(string.format('Park：已重新编号 %d 处', #edits))
  return #edits
end

-- Helper data ================================================================
H.labels = { title = '［标题］', salutation = '［称谓］', closing = '［结尾］' }

-- Helper functionality =======================================================
H.levels = function(buf)
  if not fold.attached(buf) or #fold.levels(buf) == 0 then fold.request(buf, false) end
  return fold.levels(buf)
end

H.depth = function(v) return v < 0 and -v or v end

-- The next (dir 1) or previous (dir -1) heading line after row (1-based).
H.heading = function(levels, row, dir)
  local i = row + dir
  while i >= 1 and i <= #levels do
    if levels[i] < 0 then return i end
    i = i + dir
  end
  return nil
end

-- The next or previous heading of the level of the section row is in,
-- stopping at a heading of a higher level (the parent's boundary). Before
-- the first heading, the top level.
H.sibling = function(levels, row, dir)
  local here = row
  while here >= 1 and (levels[here] or 0) >= 0 do
    here = here - 1
  end
  local depth = here >= 1 and H.depth(levels[here]) or 1
  local i = row + dir
  while i >= 1 and i <= #levels do
    local v = levels[i]
    if v < 0 then
      if -v == depth then return i end
      if -v < depth then return nil end
    end
    i = i + dir
  end
  return nil
end

return M
