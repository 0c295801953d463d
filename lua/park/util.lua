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

--- Shows `msg` through `vim.notify` (default level INFO).
M.notify = function(msg, level) vim.notify(msg, level or vim.log.levels.INFO) end

return M
