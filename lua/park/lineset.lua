--- Sets of buffer lines as sorted, disjoint half-open ranges `{lo, hi}`
--- (0-based), e.g. the lines whose placeholders are known. Functions return
--- a new set and leave theirs alone.

-- Module definition ==========================================================
local M = {}

--- `set` after lines [first, last) became [first, new_last): the changed
--- lines leave it, the lines below move with the change.
M.shift = function(set, first, last, new_last)
  local delta, res = new_last - last, {}
  for _, r in ipairs(set) do
    if r[2] <= first then
      table.insert(res, r)
    elseif r[1] >= last then
      table.insert(res, { r[1] + delta, r[2] + delta })
    else
      if r[1] < first then table.insert(res, { r[1], first }) end
      if r[2] > last then table.insert(res, { new_last, r[2] + delta }) end
    end
  end
  return res
end

--- `set` with the lines [lo, hi) added.
M.add = function(set, lo, hi)
  local res = {}
  for _, r in ipairs(set) do
    if r[2] < lo or r[1] > hi then
      table.insert(res, r)
    else
      lo, hi = math.min(lo, r[1]), math.max(hi, r[2])
    end
  end
  table.insert(res, { lo, hi })
  table.sort(res, function(a, b) return a[1] < b[1] end)
  return res
end

--- The smallest range holding every line of [lo, hi) outside `set`, as two
--- values lo, hi; nil when there is none.
M.gap = function(set, lo, hi)
  local a, b, pos = nil, nil, lo
  for _, r in ipairs(set) do
    if r[1] > pos and pos < hi then a, b = a or pos, math.min(r[1], hi) end
    pos = math.max(pos, r[2])
  end
  if pos < hi then a, b = a or pos, hi end
  return a, b
end

return M
