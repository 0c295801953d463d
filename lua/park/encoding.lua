--- A report in UTF-8 with a few bytes that are not UTF-8 (a bad copy, a
--- truncated download) makes Neovim fall through 'fileencodings' to latin1:
--- every Chinese character then shows as three accented letters and
--- nothing can be checked. `M.check` notices it on reading and says how to
--- reopen the file as UTF-8.

-- Module definition ==========================================================
local M = {}
local H = {}

--- Bytes of the file's head that are looked at.
M.sample = 256 * 1024

--- When `buf` was read as latin1 but its file is mostly UTF-8 Chinese, says
--- so (once per read) with the command that reopens it; returns the counts
--- {cjk, invalid} then, else nil.
M.check = function(buf)
  if vim.bo[buf].fileencoding ~= 'latin1' then return nil end
  local f = io.open(vim.api.nvim_buf_get_name(buf), 'rb')
  if f == nil then return nil end
  local head = f:read(M.sample) or ''
  f:close()
  local n = H.count(head)
  if n.cjk < 20 or n.invalid > math.max(3, n.cjk / 10) then return nil end
  vim.notify(string.format(
    'Park：此文件基本是 UTF-8 中文（%d 个汉字），但有 %d 个字节不是合法的 UTF-8，Neovim 因此按 latin1 打开，显示成了乱码。'
      .. '请用 :e ++enc=utf-8 重新打开（不合法的字节显示为 <xx>，检查时会指出它们的位置）',
    n.cjk, n.invalid), vim.log.levels.WARN)
  return n
end

-- Helper functionality =======================================================
-- Three-byte sequences in U+3000..U+9FFF (CJK text and punctuation), and
-- bytes that start no valid sequence.
H.count = function(s)
  local cjk, invalid, i, len = 0, 0, 1, #s
  while i <= len do
    local b = s:byte(i)
    local need = b < 0x80 and 0 or (b >= 0xC2 and b <= 0xDF) and 1 or (b >= 0xE0 and b <= 0xEF) and 2
      or (b >= 0xF0 and b <= 0xF4) and 3 or -1
    local ok = need >= 0 and i + need <= len
    for k = 1, ok and need or 0 do
      local c = s:byte(i + k)
      if c < 0x80 or c > 0xBF then ok = false end
    end
    if not ok then
      -- a sequence cut off by the sample's end is not counted
      if not (need > 0 and i + need > len) then invalid = invalid + 1 end
      i = i + 1
    else
      if need == 2 and b >= 0xE3 and b <= 0xE9 then cjk = cjk + 1 end
      i = i + need + 1
    end
  end
  return { cjk = cjk, invalid = invalid }
end

return M
