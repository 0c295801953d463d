--- The statusline component behind `require('park').status()`:
--- "占位 12 · 错误 3 · 警告 5" for park buffers, '' elsewhere.
---
--- Cheap enough for every redraw: it reads counts cached when diagnostics
--- change (autocommand DiagnosticChanged) and the placeholder count that
--- `park.placeholder` keeps with its extmarks. No RPC, no scanning.

-- Module definition ==========================================================
local M = {}
local H = {}

--- The status text of `buf` (0 or nil: current).
M.get = function(buf)
  if buf == nil or buf == 0 then buf = vim.api.nvim_get_current_buf() end
  if not vim.api.nvim_buf_is_valid(buf) or vim.bo[buf].filetype ~= 'park' then return '' end
  H.ensure_autocmd()
  local c = H.counts[buf] or H.count(buf)
  local placeholders = package.loaded['park.placeholder'] and require('park.placeholder').count(buf)
  local parts = {}
  for _, p in ipairs({ { '占位', placeholders or c.placeholder }, { '错误', c.error }, { '警告', c.warning } }) do
    if p[2] > 0 then table.insert(parts, string.format('%s %d', p[1], p[2])) end
  end
  return table.concat(parts, ' · ')
end

-- Helper data ================================================================
H.counts = {}

-- Helper functionality =======================================================
-- Diagnostic counts of buf by kind: placeholders (any severity), other
-- errors, other warnings. Cached until the diagnostics change.
H.count = function(buf)
  local c = { placeholder = 0, error = 0, warning = 0 }
  if package.loaded['park.check'] ~= nil then
    for _, d in ipairs(vim.diagnostic.get(buf, { namespace = require('park.check').ns })) do
      if type(d.user_data) == 'table' and d.user_data.category == 'placeholder' then
        c.placeholder = c.placeholder + 1
      elseif d.severity == vim.diagnostic.severity.ERROR then
        c.error = c.error + 1
      elseif d.severity == vim.diagnostic.severity.WARN then
        c.warning = c.warning + 1
      end
    end
  end
  H.counts[buf] = c
  return c
end

H.ensure_autocmd = function()
  if H.group ~= nil then return end
  H.group = vim.api.nvim_create_augroup('park_status', { clear = true })
  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    group = H.group,
    callback = function(args) H.counts[args.buf] = nil end,
  })
  vim.api.nvim_create_autocmd('BufWipeout', {
    group = H.group,
    callback = function(args) H.counts[args.buf] = nil end,
  })
end

return M
