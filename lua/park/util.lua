--- Small helpers every park module uses: RPC values, buffer numbers, errors
--- and messages.

-- Module definition ==========================================================
local M = {}

--- `x`, or nil when it is `vim.NIL` (a nil that came over RPC).
M.value = function(x)
  if x == vim.NIL then return nil end
  return x
end

--- The buffer `buf` names: 0 or nil is the current buffer.
M.buf = function(buf)
  if buf == nil or buf == 0 then return vim.api.nvim_get_current_buf() end
  return buf
end

--- The prefix of every message Park shows.
M.prefix = 'Park：'

--- Raises `msg` as a Park error ("Park：msg", without a position).
M.error = function(msg) error(M.prefix .. msg, 0) end

--- Runs `fn()` once when Insert mode is next left, on the following turn
--- of the event loop (during InsertLeave the mode is still Insert). Asking
--- again before then still runs it once: `name` keeps one pending call.
M.at_insert_leave = function(name, fn)
  vim.api.nvim_create_autocmd('InsertLeave', {
    group = vim.api.nvim_create_augroup('park_insert_' .. name, { clear = true }),
    once = true,
    desc = 'Park: work held back while typing',
    callback = vim.schedule_wrap(fn),
  })
end

--- Shows `msg` through `vim.notify` (default level INFO).
M.notify = function(msg, level) vim.notify(msg, level or vim.log.levels.INFO) end

return M
