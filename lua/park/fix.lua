--- Fixes: the certain fix of the finding under the cursor (`:ParkFix`) or
--- of every finding (`:ParkFix!`, one undo step), applied only where the text
--- still reads as the check saw it. The findings are park.check's.

-- Module definition ==========================================================
local M = {}
local H = {}

local check = require('park.check')
local util = require('park.util')

--- The finding at 0-based (`row`, byte `col`) of `buf`: the smallest one
--- covering the position, preferring findings with a fix. Nil if none.
M.at = function(buf, row, col)
  check.follow(buf)
  local best
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = check.ns })) do
    if type(d.user_data) == 'table' and H.covers(d, row, col) and (best == nil or H.better(d, best)) then best = d end
  end
  return best
end

--- The buffer and the park diagnostic under the cursor; raises when there is none.
M.under_cursor = function()
  local buf = vim.api.nvim_get_current_buf()
  local pos = vim.api.nvim_win_get_cursor(0)
  local d = M.at(buf, pos[1] - 1, pos[2])
  if d == nil then util.error('光标处没有 Park 发现的问题（先运行 :ParkCheck）') end
  return buf, d
end

--- Applies the fix of the finding under the cursor; re-checks asynchronously.
M.fix = function()
  local buf, d = M.under_cursor()
  if d.user_data.fix == nil then
    return util.notify(string.format('Park：“%s”没有自动修正，请手动修改（%s）', d.user_data.match or '', d.message))
  end
  if H.text(buf, d) ~= d.user_data.match then
    return util.notify('Park：文本已改动，请重新检查（:ParkCheck）后再修正', vim.log.levels.WARN)
  end
  H.replace(buf, d)
  check.fixed(buf, { d })
end

--- Applies every fix in `buf` as one undo step, from the last to the first,
--- skipping overlapping and outdated findings, then re-checks
--- asynchronously. When the findings are not for the current text, a check
--- runs first (asynchronously) and the fixes follow its result.
--- `on_done(n)` (optional) gets the number of fixes applied; the return
--- value is that number, or nil when the fixes wait for the check.
M.fix_all = function(buf, on_done)
  if check.complete(buf) then return H.fix_all(buf, on_done) end
  check.start(buf, { silent = true, all = true, after = function() H.fix_all(buf, on_done) end })
end

-- Helper functionality =======================================================
H.fix_all = function(buf, on_done)
  local todo = vim.tbl_filter(function(d) return type(d.user_data) == 'table' and d.user_data.fix ~= nil end, check.all(buf))
  if #todo == 0 then
    util.notify('Park：没有可自动修正的问题')
    if on_done then on_done(0) end
    return 0
  end
  table.sort(todo, function(a, b) return H.before(b, a) end)
  check.follow(buf)
  local applied, skipped, bound, done = 0, 0, nil, {}
  for _, d in ipairs(todo) do
    local overlaps = bound ~= nil and H.pos_lt(bound[1], bound[2], d.end_lnum, d.end_col)
    if overlaps or H.text(buf, d) ~= d.user_data.match then
      skipped = skipped + 1
    else
      H.replace(buf, d)
      applied, bound = applied + 1, { d.lnum, d.col }
      table.insert(done, d)
    end
  end
  -- The fixed findings go now; the rest move with the text until the new
  -- check answers.
  check.fixed(buf, done)
  local msg = string.format('Park：已修正 %d 处', applied)
  if skipped > 0 then msg = msg .. string.format('，跳过 %d 处（与其他修正重叠或文本已改动）', skipped) end
  util.notify(msg)
  if on_done then on_done(applied) end
  return applied
end

H.pos_lt = function(l1, c1, l2, c2) return l1 < l2 or (l1 == l2 and c1 < c2) end

H.before = function(a, b)
  if a.lnum ~= b.lnum or a.col ~= b.col then return H.pos_lt(a.lnum, a.col, b.lnum, b.col) end
  return H.pos_lt(a.end_lnum, a.end_col, b.end_lnum, b.end_col)
end

H.covers = function(d, row, col)
  if H.pos_lt(row, col, d.lnum, d.col) then return false end
  if d.lnum == d.end_lnum and d.col == d.end_col then return row == d.lnum and col == d.col end
  return H.pos_lt(row, col, d.end_lnum, d.end_col)
end

H.better = function(a, b)
  local fa, fb = a.user_data.fix ~= nil, b.user_data.fix ~= nil
  if fa ~= fb then return fa end
  local la = (a.end_lnum - a.lnum) * 1e6 + a.end_col - a.col
  local lb = (b.end_lnum - b.lnum) * 1e6 + b.end_col - b.col
  return la < lb
end

H.text = function(buf, d)
  local ok, parts = pcall(vim.api.nvim_buf_get_text, buf, d.lnum, d.col, d.end_lnum, d.end_col, {})
  if not ok then return nil end
  return table.concat(parts, '\n')
end

H.replace = function(buf, d)
  local repl = vim.split(d.user_data.fix, '\n', { plain = true })
  vim.api.nvim_buf_set_text(buf, d.lnum, d.col, d.end_lnum, d.end_col, repl)
end

return M
