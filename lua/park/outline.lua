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
--- buffer, indented by level, and opens it (<CR> jumps). Does not wait:
--- the list appears when the helper answers.
M.show = function()
  local buf, win = vim.api.nvim_get_current_buf(), vim.api.nvim_get_current_win()
  fold.fetch(buf, true, function(res, err)
    if res == nil then
      if err then util.notify('Park：大纲：' .. err, vim.log.levels.WARN) end
      return
    end
    if not vim.api.nvim_win_is_valid(win) or vim.api.nvim_win_get_buf(win) ~= buf then return end
    -- Into the list when the user is still where they asked; else no focus theft.
    if vim.api.nvim_get_current_win() == win then return H.show(buf, res.headings or {}, res.frame or {}) end
    vim.api.nvim_win_call(win, function() H.show(buf, res.headings or {}, res.frame or {}) end)
  end)
end

--- Renumbers the headings and items on lines `line1`..`line2` (1-based; the
--- whole buffer by default) so every level counts 1, 2, 3 … in the whole
--- document. Changes only numerals, as one undo step, without waiting: a
--- check runs first when the last one is not for the current text, and a
--- renumbering that would change a numeral on a line where that check found
--- no numbering problem is shown to the user to confirm (`vim.ui.select`)
--- unless opts `force` (`:ParkRenumber!`). opts `on_done(n)` gets the number
--- of numerals changed (0 when there was nothing to do or it was refused).
M.renumber = function(buf, line1, line2, opts)
  buf, opts = util.buf(buf), opts or {}
  local check = require('park.check')
  local last = check.tally(buf)
  if last ~= nil and last.tick == vim.api.nvim_buf_get_changedtick(buf) and #last.diags == last.total then
    return H.renumber(buf, line1, line2, opts)
  end
  check.start(buf, { silent = true, all = true, after = function() H.renumber(buf, line1, line2, opts) end })
end

-- Helper data ================================================================
H.labels = { title = '［标题］', salutation = '［称谓］', closing = '［结尾］' }

-- Helper functionality =======================================================
-- The location list of the current window for the outline of buf.
H.show = function(buf, headings, frame)
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

H.renumber = function(buf, line1, line2, opts)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  line1, line2 = line1 or 1, line2 or #lines
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  local done = function(n)
    if opts.on_done then opts.on_done(n) end
  end
  local unchanged = function()
    if vim.api.nvim_buf_is_loaded(buf) and vim.api.nvim_buf_get_changedtick(buf) == tick then return true end
    util.notify('Park：重新编号期间文本有改动，未作修改；请再运行 :ParkRenumber', vim.log.levels.WARN)
    return false
  end
  helper.call('renumber', { { lines = lines, first = line1 - 1, last = line2 } }, function(err, res, kind)
    if err ~= nil then
      if kind ~= 'helper' then util.notify('Park：重新编号失败：' .. err, vim.log.levels.ERROR) end
      return done(0)
    end
    if not unchanged() then return done(0) end
    local edits = type(res) == 'table' and util.value(res.edits) or {}
    if #edits == 0 then
      util.notify('Park：序号已连续，无需重新编号')
      return done(0)
    end
    local extra = H.unreported(buf, edits)
    if #extra == 0 or opts.force then return done(H.apply(buf, edits)) end
    local rows = {}
    for i = 1, math.min(#extra, 8) do
      rows[i] = tostring(extra[i].lnum + 1)
    end
    local prompt = string.format('Park：重新编号将改动 %d 处序号，其中 %d 处所在行检查未报告序号问题（第 %s%s 行）', #edits, #extra,
      table.concat(rows, '、'), #extra > #rows and ' 等' or '')
    vim.ui.select({ string.format('全部改动（%d 处）', #edits), '取消' }, { prompt = prompt }, function(_, idx)
      if idx ~= 1 then
        util.notify('Park：已取消重新编号')
        return done(0)
      end
      if not unchanged() then return done(0) end
      done(H.apply(buf, edits))
    end)
  end)
end

-- The edits on lines where the check of buf found no numbering problem.
H.unreported = function(buf, edits)
  local flagged = {}
  for _, d in ipairs(require('park.check').all(buf)) do
    if type(d.user_data) == 'table' and d.user_data.category == 'numbering' then
      for l = d.lnum, d.end_lnum do
        flagged[l] = true
      end
    end
  end
  return vim.tbl_filter(function(e) return not flagged[e.lnum] end, edits)
end

H.apply = function(buf, edits)
  for i = #edits, 1, -1 do
    local e = edits[i]
    vim.api.nvim_buf_set_text(buf, e.lnum, e.col, e.lnum, e.end_col, { e.text })
  end
  util.notify(string.format('Park：已重新编号 %d 处', #edits))
  return #edits
end

-- The fold levels of buf; the first jump in a buffer Park does not fold
-- asks for them, waiting at most `H.levels_wait` ms (a jump wants them now).
H.levels = function(buf)
  if not fold.attached(buf) or #fold.levels(buf) == 0 then
    local done = false
    fold.fetch(buf, false, function() done = true end)
    vim.wait(H.levels_wait, function() return done end, 5)
  end
  return fold.levels(buf)
end
H.levels_wait = 300

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
