-- Reports as filetype detection meets them, made from one report's lines:
-- returns {name = lines}. Used by tests/nvim/test_filetype.lua and by
-- bench/bench.py's measurement (dofile'd; no plugin code needed).
--   original   as written, one paragraph per line
--   pdf        text from a PDF: paragraphs hard-wrapped at 38 characters,
--              a page number line every 40 lines
--   joined     a PDF whose paragraphs ran together: the whole text wrapped
--              at 38 characters, so headings start mid-line
--   paren      the level-1 headings written （一）（二） instead of 一、二、
--   opening    only the first 25 lines of the pdf form
local M = {}

local chars = function(s)
  local res = {}
  for c in s:gmatch('[%z\1-\127\194-\244][\128-\191]*') do
    table.insert(res, c)
  end
  return res
end

local wrap = function(text, width)
  local out, cs = {}, chars(text)
  for i = 1, #cs, width do
    table.insert(out, table.concat(cs, '', i, math.min(i + width - 1, #cs)))
  end
  return out
end

local paginate = function(lines)
  local out = {}
  for i, l in ipairs(lines) do
    table.insert(out, l)
    if i % 40 == 0 then table.insert(out, string.format('- %d -', i / 40)) end
  end
  return out
end

M.make = function(lines)
  local paras = vim.tbl_filter(function(l) return l:match('%S') ~= nil end, lines)
  local pdf = {}
  for _, p in ipairs(paras) do
    vim.list_extend(pdf, wrap(p, 38))
  end
  local nums = { '一', '二', '三', '四', '五', '六', '七', '八', '九', '十' }
  local paren = vim.tbl_map(function(l)
    for _, n in ipairs(nums) do
      local rest = l:match('^' .. n .. '、(.*)$')
      if rest then return '（' .. n .. '）' .. rest end
    end
    return l
  end, lines)
  return {
    original = lines,
    pdf = paginate(pdf),
    joined = paginate(wrap(table.concat(paras), 38)),
    paren = paren,
    opening = vim.list_slice(paginate(pdf), 1, 25),
  }
end

return M
