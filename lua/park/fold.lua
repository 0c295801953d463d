--- Folding by the report's heading hierarchy (一、 → （一） → 1. → （1） → ①).
---
--- 'foldexpr' reads a per-buffer table of levels: one lookup per line, never
--- a call to the helper. The helper computes the levels (`outline` RPC
--- method) once per pause in typing, on its copy of the buffer, which
--- park.buffer keeps current by changed lines. Meanwhile each change splices
--- the table so levels stay on their lines. A result for an older changedtick is dropped; when the levels did
--- change, 'foldexpr' is set again in the buffer's windows, which recomputes
--- folds and keeps the ones the user opened (unlike zx / zE).
---
--- Fold text: lua/park/foldtext.lua.

-- Module definition ==========================================================
local M = {}
local H = {}

local buffer = require('park.buffer')
local helper = require('park.helper')
local util = require('park.util')

--- Counters for tests: notifications sent (full: whole buffer), results
--- applied, dropped (outdated), resyncs asked for, fold refreshes.
M.stats = { sent = 0, full = 0, applied = 0, dropped = 0, resync = 0, refreshed = 0 }

M.foldexpr = "v:lua.require'park.fold'.expr(v:lnum)"
M.foldtext = "v:lua.require'park.foldtext'.text()"

--- Keeps the levels of `buf` (0: current) up to date from now on. No-op when
--- already attached.
M.attach = function(buf)
  buf = util.buf(buf)
  if H.bufs[buf] ~= nil then return end
  local st = { levels = {}, n = 0, chars = {} }
  buffer.follow(H.bufs, buf, 'fold', st, {
    change = function(b, first, last, new_last)
      H.splice(st, first, last, new_last)
      H.check_stale(b, st)
    end,
    reload = function() st.levels, st.chars, st.n, st.asked = {}, {}, 0, nil end,
    idle = H.send,
    detach = M.detach,
  })
  require('park.foldtext').setup()
  buffer.schedule(buf, 0)
end

--- Forgets `buf` (0: current): no more updates; its folds become level 0.
M.detach = function(buf) buffer.unfollow(H.bufs, util.buf(buf), 'fold') end

--- The state of `buf` for park.foldtext (character counts per line), or nil.
M._state = function(buf) return H.bufs[buf] end

--- Whether `buf` is attached.
M.attached = function(buf) return H.bufs[util.buf(buf)] ~= nil end

--- 'foldexpr': the level of line `lnum` of the current buffer.
M.expr = function(lnum)
  local buf = vim.api.nvim_get_current_buf()
  local st = H.bufs[buf]
  if st == nil then return 0 end
  local delta = vim.api.nvim_buf_line_count(buf) - st.n
  if delta ~= 0 and st.n > 0 then return H.stale_expr(buf, st, lnum, delta) end
  local v = st.levels[lnum]
  if v == nil then return 0 end
  if v < 0 then return H.start[-v] or ('>' .. -v) end
  return v
end

--- The cached levels of `buf` (a copy): per line, -d where a heading of
--- depth d starts, else the depth of its section (0 outside sections).
M.levels = function(buf)
  local st = H.bufs[util.buf(buf)]
  if st == nil then return {} end
  return vim.list_slice(st.levels, 1, st.n)
end

--- Whether the levels of `buf` were computed for its current text.
M.current = function(buf)
  buf = util.buf(buf)
  local st = H.bufs[buf]
  return st ~= nil and st.tick == vim.api.nvim_buf_get_changedtick(buf)
end

--- Sends the update of `buf` now instead of after the pause.
M.sync = function(buf)
  buf = util.buf(buf)
  if H.bufs[buf] ~= nil then H.send(buf) end
end

--- Asks the helper synchronously for `buf`'s outline (the whole buffer) and
--- applies its levels. With `headings`, the result also lists the headings
--- and the title, salutation and closing lines (see `:help park-rpc`).
--- Raises an error when the helper fails.
M.request = function(buf, headings)
  buf = util.buf(buf)
  M.attach(buf)
  local res = buffer.request('outline', buf, { headings = headings or false })
  H.bufs[buf].asked = tonumber(res.tick)
  H.apply(buf, res)
  return res
end

--- `M.request` without waiting: `on_done(res)` gets the result once it has
--- come and been applied, or `on_done(nil, err)` (the message) when the
--- helper failed or the buffer changed meanwhile.
M.fetch = function(buf, headings, on_done)
  buf = util.buf(buf)
  M.attach(buf)
  buffer.call('outline', buf, { headings = headings or false }, function(err, res, kind)
    if err ~= nil then return on_done(nil, kind == nil and err or nil) end
    if not vim.api.nvim_buf_is_loaded(buf) or tonumber(res.tick) ~= vim.api.nvim_buf_get_changedtick(buf) then
      return on_done(nil, '文本在分析期间改动了，请再试一次')
    end
    H.bufs[buf].asked = tonumber(res.tick)
    H.apply(buf, res)
    on_done(res)
  end)
end

--- Recomputes the folds of every window showing `buf` with Park folding,
--- keeping the ones the user opened open: sets 'foldexpr' again (all lines),
--- or where `:foldupdate` exists (newer Neovim) updates lines `first`..`last`
--- (1-based) only.
M.refresh = function(buf, first, last)
  buf = util.buf(buf)
  -- Folds set while typing do not take: once more when Insert mode ends.
  if vim.api.nvim_get_mode().mode:find('^[iR]') then H.after_insert(buf, first, last) end
  local ranged = first ~= nil and vim.fn.exists(':foldupdate') == 2
  for _, win in ipairs(vim.fn.win_findbuf(buf)) do
    vim.api.nvim_win_call(win, function()
      if vim.wo.foldmethod ~= 'expr' or vim.wo.foldexpr ~= M.foldexpr then return end
      if not (ranged and pcall(vim.cmd, string.format('%d,%dfoldupdate', first, last))) then
        vim.wo.foldexpr = M.foldexpr
      end
      M.stats.refreshed = M.stats.refreshed + 1
    end)
  end
end

--- Sets up folding for the current (park) buffer and window: called from
--- ftplugin/park.lua. Returns the commands that undo it (for b:undo_ftplugin).
M.ftplugin = function()
  local opts = require('park.config').get()
  -- :execute, because :lua would take the rest of b:undo_ftplugin
  local undo = [[exe "lua require('park.fold').detach(0)"]]
  if opts.fold then
    -- Without folding, the levels are computed when a heading key first needs them.
    M.attach(0)
    vim.opt_local.foldmethod = 'expr'
    vim.opt_local.foldexpr = M.foldexpr
    vim.opt_local.foldtext = M.foldtext
    -- Without 'foldlevelstart' a report opens with every section open.
    if vim.o.foldlevelstart < 0 then vim.opt_local.foldlevel = 99 end
    undo = 'setlocal foldmethod< foldexpr< foldtext< foldlevel< | ' .. undo
  end
  if opts.mappings then
    local maps = {
      [']]'] = '<Plug>(park-heading-next)',
      ['[['] = '<Plug>(park-heading-prev)',
      [']h'] = '<Plug>(park-sibling-next)',
      ['[h'] = '<Plug>(park-sibling-prev)',
    }
    for lhs, plug in pairs(maps) do
      for _, mode in ipairs({ 'n', 'x', 'o' }) do
        if vim.fn.maparg(lhs, mode, false, true).buffer ~= 1 then
          vim.keymap.set(mode, lhs, plug, { buffer = true, remap = true })
          -- (:unmap would take a space before the next | as part of {lhs})
          undo = undo .. string.format(' | exe "silent! %sunmap <buffer> %s"', mode, lhs)
        end
      end
    end
  end
  return undo
end

-- Helper data ================================================================
H.bufs = {}
H.start = {}
for d = 1, 40 do
  H.start[d] = '>' .. d
end

-- Helper functionality =======================================================
-- Lines [first, last) became [first, new_last) (0-based): keep the levels of
-- lines still there, give new lines the level of the section above, drop
-- the character counts of every changed line.
H.splice = function(st, first, last, new_last)
  local k, m, n = last - first, new_last - first, st.n
  local delta = m - k
  local above = st.levels[first] or 0
  if above < 0 then above = -above end
  if delta ~= 0 and last < n then
    table.move(st.levels, last + 1, n, last + 1 + delta)
    table.move(st.chars, last + 1, n, last + 1 + delta)
  end
  if delta < 0 then
    for i = n + delta + 1, n do
      st.levels[i], st.chars[i] = nil, nil
    end
  end
  for i = first + 1, first + m do
    if i > first + k then st.levels[i] = above end
    st.chars[i] = nil
  end
  st.n = math.max(n + delta, 0)
end

-- Asks for the levels of the buffer's current text (unless already asked).
H.send = function(buf)
  local st = H.bufs[buf]
  if st == nil or not vim.api.nvim_buf_is_loaded(buf) then return end
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  if st.asked == tick then return end
  local params = buffer.params(buf)
  if params == nil then return H.clear(buf) end
  local sent = helper.call('outline', { params }, function(err, res)
    if err == nil then H.on_result(res) end
  end)
  if not sent then return buffer.resync(buf) end
  st.asked = tick
  M.stats.sent = M.stats.sent + 1
  if buffer.is_full(params) then M.stats.full = M.stats.full + 1 end
end

H.on_result = function(res)
  local buf = tonumber(res.buf)
  local st = buf and H.bufs[buf]
  if st == nil or not vim.api.nvim_buf_is_loaded(buf) then return end
  if util.value(res.error) ~= nil then return end
  if res.resync == true then
    M.stats.resync = M.stats.resync + 1
    buffer.resync(buf)
    st.asked = nil
    buffer.schedule(buf, 0)
    return
  end
  if tonumber(res.tick) ~= vim.api.nvim_buf_get_changedtick(buf) then
    M.stats.dropped = M.stats.dropped + 1
    return
  end
  H.apply(buf, res)
end

-- Refreshes lines first..last of `buf` (all when nil) at the next
-- InsertLeave; ranges asked for meanwhile are merged.
H.pending = {}
H.after_insert = function(buf, first, last)
  local p = H.pending[buf]
  if p == nil then
    H.pending[buf] = { first, last }
  elseif p[1] ~= nil then
    H.pending[buf] = first and { math.min(p[1], first), math.max(p[2], last) } or {}
  end
  util.at_insert_leave('fold', function()
    local pending = H.pending
    H.pending = {}
    for b, r in pairs(pending) do
      if vim.api.nvim_buf_is_loaded(b) and H.bufs[b] ~= nil then M.refresh(b, r[1], r[2]) end
    end
  end)
end

-- No folds for `buf` (too big to analyse).
H.clear = function(buf) H.apply(buf, { levels = {}, tick = vim.api.nvim_buf_get_changedtick(buf) }) end

H.apply = function(buf, res)
  local st = H.bufs[buf]
  local levels = res.levels
  if st == nil or type(levels) ~= 'table' then return end
  -- the lines whose level changed: [first, last]
  local old, oldn, n = st.levels, st.n, #levels
  local first, last = 1, n
  while first <= n and first <= oldn and old[first] == levels[first] do
    first = first + 1
  end
  local changed = first <= n or n ~= oldn
  if n == oldn then
    while last >= first and old[last] == levels[last] do
      last = last - 1
    end
  end
  st.levels, st.n, st.tick = levels, n, tonumber(res.tick)
  M.stats.applied = M.stats.applied + 1
  if changed then M.refresh(buf, math.max(1, math.min(first, n)), math.max(1, last)) end
end

-- 'foldexpr' while lines were added or deleted but on_lines has not yet
-- spliced the table: Neovim updates the folds of a change before it calls
-- on_lines (for o, O, undo, :d …). Lines above the change read the table as
-- it is, lines from the change on read it shifted; the change is where the
-- cursor is (else: the first line asked). A line that cannot be a heading
-- continues the fold above ('='). Without this, a line added above a closed
-- section would take over its heading and open it. What was answered is
-- kept, and checked against the spliced table in H.check_stale.
H.stale_expr = function(buf, st, lnum, delta)
  if st.stale_at == nil then
    local win = vim.api.nvim_get_current_win()
    st.stale_at = vim.api.nvim_win_get_buf(win) == buf and vim.api.nvim_win_get_cursor(win)[1] or lnum
    st.stale_out = {}
  end
  local res = '='
  local line = vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, false)[1] or ''
  if H.heading_like(line) then
    local v = st.levels[lnum < st.stale_at and lnum or lnum - delta]
    if v ~= nil and v < 0 then res = H.start[-v] or ('>' .. -v) end
  end
  st.stale_out[lnum] = res
  return res
end

-- After a splice: if a stale answer differs from the table, the folds Neovim
-- built from it are wrong: recompute them once the change is complete.
H.check_stale = function(buf, st)
  local out = st.stale_out
  st.stale_at, st.stale_out = nil, nil
  if out == nil then return end
  for lnum, res in pairs(out) do
    local v, above = st.levels[lnum], st.levels[lnum - 1] or 0
    local want = v == nil and '=' or v < 0 and ('>' .. -v) or (v == (above < 0 and -above or above) and '=' or v)
    if want ~= res then
      if not st.refresh_pending then
        st.refresh_pending = true
        vim.schedule(function()
          st.refresh_pending = false
          if H.bufs[buf] == st and vim.api.nvim_buf_is_loaded(buf) then M.refresh(buf) end
        end)
      end
      return
    end
  end
end

-- Whether a line starts with a heading marker (一、 （一） 1. （1） ① 第一部分
-- and their variants) after an indent; a rough version of the helper's test.
H.heading_like = function(line)
  local s = line:gsub('^[ \t]+', ''):gsub('^　+', '')
  local i, n = 1, 0
  if s:sub(1, 3) == '第' then i = 4 end
  local paren = s:sub(i, i) == '(' or s:sub(i, i + 2) == '（'
  if paren then i = i + (s:sub(i, i) == '(' and 1 or 3) end
  while H.numeral[s:sub(i, i + 2)] do
    i, n = i + 3, n + 1
  end
  if n == 0 then
    while s:byte(i) and s:byte(i) >= 48 and s:byte(i) <= 57 do
      i, n = i + 1, n + 1
    end
  end
  if n == 0 then return H.marker_lead[s:sub(1, 3)] == true end
  local nxt, nxt3 = s:sub(i, i), s:sub(i, i + 2)
  if s:sub(1, 3) == '第' then return nxt3 == '部' or nxt3 == '章' or nxt3 == '节' end
  if paren then return nxt == ')' or nxt3 == '）' end
  return H.marks[nxt] == true or H.marks[nxt3] == true
end

H.numeral = {}
for _, c in ipairs(vim.split('一 二 三 四 五 六 七 八 九 十', ' ')) do
  H.numeral[c] = true
end
H.marks = {}
for _, c in ipairs(vim.split('、 . ． ， , ： : ） ) 　', ' ')) do
  H.marks[c] = true
end
H.marks[' '] = true

H.marker_lead = {}
for _, c in ipairs(vim.split('① ② ③ ④ ⑤ ⑥ ⑦ ⑧ ⑨ ⑩ ⑪ ⑫ ⑬ ⑭ ⑮ ⑯ ⑰ ⑱ ⑲ ⑳', ' ')) do
  H.marker_lead[c] = true
end


return M
