--- Snippet completion in report buffers: 'omnifunc' offers the triggers
--- that start with the text before the cursor, and accepting one expands it
--- at once (a CompleteDone autocommand of park buffers). Both work from
--- park.snippet's cached list.

-- Module definition ==========================================================
local M = {}
local H = {}

local snippet = require('park.snippet')

--- 'omnifunc' for report buffers: offers the snippets whose trigger starts
--- with the text before the cursor (an ASCII word, or the longest run of
--- Chinese text that begins some trigger). Accepting one expands it at
--- once (`M.on_complete_done`, a CompleteDone autocommand of park buffers).
M.omnifunc = function(findstart, base)
  if findstart == 1 then
    local col = vim.api.nvim_win_get_cursor(0)[2]
    local before = vim.api.nvim_get_current_line():sub(1, col)
    local ascii = before:find('[%w_]+$')
    if ascii then return ascii - 1 end
    local ok, list = pcall(snippet.list, 0)
    if not ok then return -3 end
    -- The earliest start (up to 8 characters back) whose suffix begins a trigger.
    local starts, i = {}, #before
    while i > 0 and #starts < 8 do
      i = H.char_start(before, i)
      table.insert(starts, 1, i)
      i = i - 1
    end
    for _, s in ipairs(starts) do
      local tail = before:sub(s)
      for _, e in ipairs(list) do
        if e.prefix:sub(1, #tail) == tail then return s - 1 end
      end
    end
    return col
  end
  local items = {}
  local ok, list = pcall(snippet.list, 0)
  for _, e in ipairs(ok and list or {}) do
    if e.prefix:sub(1, #base) == base then
      table.insert(items, {
        word = e.prefix,
        menu = e.description ~= '' and e.description or e.name,
        info = e.body_preview,
        dup = 1,
        user_data = 'park-snippet',
      })
    end
  end
  return items
end

--- CompleteDone handler: a snippet accepted from `M.omnifunc` is expanded
--- right away (on the next turn of the event loop: the completion is still
--- finishing now).
M.on_complete_done = function()
  local item = vim.v.completed_item
  if type(item) ~= 'table' or item.user_data ~= 'park-snippet' then return end
  local buf, tick = vim.api.nvim_get_current_buf(), vim.api.nvim_buf_get_changedtick(0)
  vim.schedule(function()
    if vim.api.nvim_get_current_buf() ~= buf or vim.api.nvim_buf_get_changedtick(buf) ~= tick then return end
    if vim.api.nvim_get_mode().mode:sub(1, 1) ~= 'i' then return end
    local entry = snippet.expandable()
    if entry ~= nil and entry.prefix == item.word then snippet.expand() end
  end)
end

-- Helper functionality =======================================================
-- Start (1-based) of the UTF-8 character whose byte i is part of.
H.char_start = function(s, i)
  while i > 1 do
    local b = s:byte(i)
    if b < 0x80 or b >= 0xC0 then break end
    i = i - 1
  end
  return i
end

return M
