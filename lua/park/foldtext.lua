--- Fold text of park buffers: the heading (a run-in heading up to its 。),
--- then the section's 字数 (characters other than spaces), its placeholders
--- and its other findings (the diagnostics of namespace `park`), in columns
--- aligned by display width. Counts per line are cached (park.fold splices
--- the cache with the levels); diagnostics are indexed once per change.

-- Module definition ==========================================================
local M = {}
local H = {}

--- 'foldtext': heading, 字数, placeholders and findings of the fold.
M.text = function()
  local buf = vim.api.nvim_get_current_buf()
  local st = require('park.fold')._state(buf)
  if st == nil then return vim.fn.foldtext() end
  local fs, fe = vim.v.foldstart, vim.v.foldend
  local head = H.heading(vim.api.nvim_buf_get_lines(buf, fs - 1, fs, false)[1] or '')
  local chars = H.count_chars(buf, st, fs, fe)
  local ph, other = H.count_diags(buf, fs - 1, fe - 1)
  local indent = string.rep('  ', math.max(vim.v.foldlevel - 1, 0))
  local room = H.text_width() - 30
  local width = math.max(16, math.min(56, room))
  return string.format('%s  %6d 字  占位符 %3d  问题 %3d', H.fit(indent .. head, width), chars, ph, other)
end

--- Sets up the recounting of findings after DiagnosticChanged (once).
M.setup = function()
  if H.autocmds then return end
  H.autocmds = true
  local group = vim.api.nvim_create_augroup('park_fold', { clear = true })
  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    group = group,
    desc = 'Park: recount findings in fold texts',
    callback = function(args) H.diags[args.buf] = nil end,
  })
end

-- Helper data ================================================================
H.diags = {}

-- Helper functionality =======================================================
-- The heading part of a fold's first line: without indent, up to its 。.
H.heading = function(line)
  line = line:gsub('^%s+', ''):gsub('^　+', ''):gsub('^%s+', '')
  local stop = line:find('。', 1, true)
  if stop ~= nil and stop > 1 then line = line:sub(1, stop - 1) end
  return line
end

H.text_width = function()
  local ok, info = pcall(vim.fn.getwininfo, vim.api.nvim_get_current_win())
  local off = ok and info[1] and info[1].textoff or 0
  return vim.api.nvim_win_get_width(0) - off
end

-- s cut or padded with spaces to exactly `width` display cells.
H.fit = function(s, width)
  local w = vim.fn.strdisplaywidth(s)
  if w > width then
    local n = vim.fn.strchars(s)
    while n > 0 and w > width - 1 do
      n = n - math.max(1, math.floor((w - width + 1) / 2))
      s = vim.fn.strcharpart(s, 0, n)
      w = vim.fn.strdisplaywidth(s)
    end
    s, w = s .. '…', w + vim.fn.strdisplaywidth('…')
  end
  return s .. string.rep(' ', math.max(width - w, 0))
end

H.count_chars = function(buf, st, fs, fe)
  local total, chars = 0, st.chars
  local lines
  for i = fs, fe do
    local c = chars[i]
    if c == nil then
      lines = lines or vim.api.nvim_buf_get_lines(buf, fs - 1, fe, false)
      local l = lines[i - fs + 1] or ''
      local spaces = select(2, l:gsub('[ \t]', '')) + select(2, l:gsub('　', ''))
      c = vim.str_utfindex(l) - spaces
      chars[i] = c
    end
    total = total + c
  end
  return total
end

-- Line numbers (0-based, sorted) of the park diagnostics of buf, split into
-- placeholders and the rest; rebuilt after DiagnosticChanged.
H.diag_lines = function(buf)
  local cached = H.diags[buf]
  if cached ~= nil then return cached end
  local ph, other = {}, {}
  if package.loaded['park.check'] then
    for _, d in ipairs(vim.diagnostic.get(buf, { namespace = require('park.check').ns })) do
      local cat = type(d.user_data) == 'table' and d.user_data.category or nil
      table.insert(cat == 'placeholder' and ph or other, d.lnum)
    end
  end
  table.sort(ph)
  table.sort(other)
  cached = { ph = ph, other = other }
  H.diags[buf] = cached
  return cached
end

-- Number of values in sorted list t within [lo, hi].
H.count_between = function(t, lo, hi)
  local function bound(x) -- first index with t[i] >= x
    local a, b = 1, #t + 1
    while a < b do
      local mid = math.floor((a + b) / 2)
      if t[mid] < x then a = mid + 1 else b = mid end
    end
    return a
  end
  return bound(hi + 1) - bound(lo)
end

H.count_diags = function(buf, lo, hi)
  local d = H.diag_lines(buf)
  return H.count_between(d.ph, lo, hi), H.count_between(d.other, lo, hi)
end

return M
