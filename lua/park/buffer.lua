--- The helper's copy of each buffer, kept current by changed lines.
---
--- One `nvim_buf_attach` per buffer records which lines changed since the
--- helper last saw the buffer and tells the modules that follow it (folds
--- splice their levels, placeholders mark lines to rescan). After a pause in
--- typing (`M.debounce` ms, one timer per buffer) their `idle` callbacks run,
--- and each sends its request with `M.params()`: `{buf, tick}` plus the lines
--- that changed, or the whole buffer the first time. The helper handles its
--- messages in order, so each request finds the copy at `tick`; when it
--- cannot (it restarted, or evicted the copy) it answers `resync` and the
--- module calls `M.resync()`: the next request sends everything again.
--- See `:help park-rpc` for the fields.

-- Module definition ==========================================================
local M = {}
local H = {}

local uv = vim.uv or vim.loop

local helper = require('park.helper')

--- Milliseconds between the last change and the `idle` callbacks.
M.debounce = 150

--- Counters for tests: params made with the whole buffer, with changed
--- lines, with nothing changed.
M.stats = { full = 0, delta = 0, none = 0 }

--- Follows `buf` for the subscriber `name`; `cb` holds optional callbacks,
--- each called with `buf`: `change(buf, first, last, new_last)` right after
--- lines [first, last) became [first, new_last) (0-based), `reload(buf)`
--- after the buffer was reloaded, `idle(buf)` after a pause, `detach(buf)`
--- when Neovim stops reporting changes (unload, :edit!, …; every
--- subscription ends). Subscribing again replaces `cb`.
M.subscribe = function(buf, name, cb)
  local st = H.bufs[buf] or H.attach(buf)
  if st.subs[name] == nil then table.insert(st.order, name) end
  st.subs[name] = cb
end

--- Ends the subscription `name`. The buffer stays followed (a new
--- subscriber reuses its attachment) until Neovim detaches it.
M.unsubscribe = function(buf, name)
  local st = H.bufs[buf]
  if st == nil or st.subs[name] == nil then return end
  st.subs[name] = nil
  st.order = vim.tbl_filter(function(n) return n ~= name end, st.order)
  if #st.order == 0 then st.timer:stop() end
end

--- For a module that keeps its own state per buffer in `states`: stores
--- `st` for `buf` and subscribes `name` with `cb` (see `M.subscribe`).
M.follow = function(states, buf, name, st, cb)
  states[buf] = st
  M.subscribe(buf, name, cb)
end

--- Undoes `M.follow`: returns the state it removed, or nil.
M.unfollow = function(states, buf, name)
  local st = states[buf]
  if st == nil then return nil end
  states[buf] = nil
  M.unsubscribe(buf, name)
  return st
end

--- Starts the pause before the `idle` callbacks again (`delay` ms, default
--- `M.debounce`). No-op for a buffer nobody follows.
M.schedule = function(buf, delay)
  local st = H.bufs[buf]
  if st == nil then return end
  st.timer:stop()
  st.timer:start(delay or M.debounce, 0, vim.schedule_wrap(function() H.idle(buf, st) end))
end

--- The fields that name `buf` at its current changedtick in a request
--- (`extra` is copied in): `{buf, tick}` and, unless the helper's copy is
--- already at tick, `lines` (everything) or `base, first, last, lines` (the
--- change since the copy). The copy counts as current from now on: send the
--- request, or call `M.resync()` if it cannot be sent. A buffer nobody
--- follows is always sent whole. nil for a buffer over the size limit
--- (see `M.too_big`): nothing is sent about it.
M.params = function(buf, extra)
  if M.too_big(buf) then return nil end
  local params = vim.tbl_extend('force', {}, extra or {})
  params.max_size = M.max_size()
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  params.buf, params.tick = buf, tick
  local st = H.bufs[buf]
  if st == nil or st.full or st.base == nil then
    params.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    M.stats.full = M.stats.full + 1
  elseif st.dirty ~= nil then
    local d = st.dirty
    params.base, params.first, params.last = st.base, d[1], d[2]
    params.lines = vim.api.nvim_buf_get_lines(buf, d[1], d[3], false)
    M.stats.delta = M.stats.delta + 1
  elseif st.base ~= tick then
    -- the tick moved without a change of lines (e.g. :w of a modified buffer)
    params.base, params.first, params.last, params.lines = st.base, 0, 0, {}
    M.stats.delta = M.stats.delta + 1
  else
    M.stats.none = M.stats.none + 1
  end
  if st ~= nil then st.base, st.full, st.dirty = tick, false, nil end
  return params
end

--- Whether `params` (from `M.params`) carries the whole buffer.
M.is_full = function(params) return params.lines ~= nil and params.base == nil end

--- The helper lost its copy of `buf`: the next `M.params` sends everything.
M.resync = function(buf)
  local st = H.bufs[buf]
  if st ~= nil then st.full = true end
end

--- The size limit in bytes: the `max_size` option.
M.max_size = function() return require('park.config').get().max_size end

--- The message for `buf` when it is larger than `M.max_size()`, else nil.
--- The first time a buffer is found too big (again) it is said once, and
--- `b:park_too_big` holds the message until it is small enough.
M.too_big = function(buf)
  local bytes = vim.api.nvim_buf_get_offset(buf, vim.api.nvim_buf_line_count(buf))
  local limit = M.max_size()
  if bytes <= limit then
    if H.too_big[buf] then
      H.too_big[buf] = nil
      pcall(vim.api.nvim_buf_del_var, buf, 'park_too_big')
      M.resync(buf)
    end
    return nil
  end
  local msg = string.format('Park：缓冲区 %s，超过大小上限 %s：检查、折叠与占位符已停用（选项 max_size）',
    H.size(bytes), H.size(limit))
  if not H.too_big[buf] then
    H.too_big[buf] = true
    vim.api.nvim_buf_set_var(buf, 'park_too_big', msg)
    require('park.util').notify(msg, vim.log.levels.WARN)
  end
  return msg
end

--- Requests `method` about `buf` synchronously, with `extra` besides the
--- fields of `M.params`; asks once more with the whole buffer when the
--- helper answers resync. Returns the result; raises what
--- `helper.request` raises, and the message of `M.too_big`.
M.request = function(method, buf, extra)
  local big = M.too_big(buf)
  if big then require('park.util').error(big:gsub('^Park：', '')) end
  local res = helper.request(method, M.params(buf, extra))
  if type(res) == 'table' and res.resync == true then
    M.resync(buf)
    res = helper.request(method, M.params(buf, extra))
  end
  return res
end

--- `M.request` without waiting: `on_done(err, res, kind)` as for
--- `helper.call`, once, with the answer for the buffer's text when it was
--- sent (compare `res.tick` with the changedtick to see if it still is).
--- A buffer over the size limit gets its message as `err` (kind 'limit').
M.call = function(method, buf, extra, on_done)
  local big = M.too_big(buf)
  if big then return vim.schedule(function() on_done(big:gsub('^Park：', ''), nil, 'limit') end) end
  local again = true
  local function send()
    local params = M.params(buf, extra)
    local id = helper.call(method, { params }, function(err, res, kind)
      if err == nil and type(res) == 'table' and res.resync == true and again then
        again = false
        M.resync(buf)
        return send()
      end
      on_done(err, res, kind)
    end)
    if not id then M.resync(buf) end
  end
  send()
end

-- Helper data ================================================================
H.bufs = {}

-- Buffers found over the size limit (and told so).
H.too_big = {}

-- Helper functionality =======================================================
H.size = function(n)
  local units, v, u = { 'KB', 'MB', 'GB' }, n / 1024, 1
  while v >= 1024 and u < #units do v, u = v / 1024, u + 1 end
  return (v == math.floor(v) and '%d %s' or '%.1f %s'):format(v, units[u])
end

H.attach = function(buf)
  local st = { subs = {}, order = {}, full = true, timer = uv.new_timer() }
  H.bufs[buf] = st
  vim.api.nvim_buf_attach(buf, false, {
    on_lines = function(_, b, _, first, last, new_last)
      if H.bufs[b] ~= st then return true end
      H.mark(st, first, last, new_last)
      H.each(b, st, 'change', first, last, new_last)
      M.schedule(b)
    end,
    on_reload = function(_, b)
      if H.bufs[b] ~= st then return true end
      st.full, st.dirty = true, nil
      H.each(b, st, 'reload')
      M.schedule(b)
    end,
    on_detach = function(_, b)
      if H.bufs[b] ~= st then return end
      H.each(b, st, 'detach')
      H.forget(b, st)
    end,
  })
  return st
end

H.forget = function(buf, st)
  if H.bufs[buf] == st then H.bufs[buf], H.too_big[buf] = nil, nil end
  st.timer:stop()
  if not st.timer:is_closing() then st.timer:close() end
end

-- Calls callback `what` of every subscriber, in the order they came.
H.each = function(buf, st, what, ...)
  for _, name in ipairs(vim.list_slice(st.order)) do
    local cb = st.subs[name]
    if cb ~= nil and cb[what] ~= nil then cb[what](buf, ...) end
  end
end

-- Background work: not while a command waits for the helper (Ctrl-C
-- would interrupt this instead of the wait), and a Ctrl-C that does land
-- here only puts it off.
H.idle = function(buf, st)
  if H.bufs[buf] ~= st or not vim.api.nvim_buf_is_loaded(buf) then return end
  if helper.waiting() then return M.schedule(buf) end
  local ok, err = pcall(H.each, buf, st, 'idle')
  if ok then return end
  if tostring(err):find('Keyboard interrupt', 1, true) then return M.schedule(buf) end
  error(err, 0)
end

-- Merges a change into the range the helper has not seen: old lines
-- [d[1], d[2]) of its copy are now lines [d[1], d[3]).
H.mark = function(st, first, last, new_last)
  local d = st.dirty
  if d == nil then
    st.dirty = { first, last, new_last }
    return
  end
  local old_last = last > d[3] and d[2] + (last - d[3]) or d[2]
  local cur_last = d[3] >= last and d[3] + (new_last - last) or new_last
  st.dirty = { math.min(d[1], first), old_last, cur_last }
end

helper.on_exit(function()
  for _, st in pairs(H.bufs) do
    st.full = true
  end
end)

return M
