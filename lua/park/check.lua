--- Findings of the park helper as `vim.diagnostic` entries and the location
--- or quickfix list (applying fixes is park.fix).
---
--- Nothing waits for the helper: every check is an asynchronous call, with at
--- most one in flight; checks asked for meanwhile are merged into one per
--- buffer, sent with the buffer's content at that later moment. A result is
--- used only if its `tick` is still the buffer's `changedtick`; until it
--- comes, diagnostics follow the text through extmarks.

-- Module definition ==========================================================
local M = {}
local H = {}

local uv = vim.uv or vim.loop

local buffer = require('park.buffer')
local helper = require('park.helper')
local config = require('park.config')
local util = require('park.util')
local findings = require('park.findings')

M.ns = vim.api.nvim_create_namespace('park')
-- Errors before warnings where findings overlap (signs, virtual text, float).
vim.diagnostic.config({ severity_sort = true }, M.ns)

--- Counters and the last asynchronous outcome, for tests and health.
M.stats = { sent = 0, received = 0, applied = 0, dropped = 0, last = nil }

--- The `check` parameters for buffer `buf`: what park.buffer sends to
--- name it at its changedtick, the path and the options.
M.params = function(buf, all) return buffer.params(buf, H.options(buf, all)) end

--- Checks `buf` synchronously and shows the findings.
--- opts: `qf` (fill the quickfix list), `silent` (no summary message).
--- Returns the diagnostics set. Raises an error if the helper fails.
M.run = function(buf, opts)
  opts = opts or {}
  local result = buffer.request('check', buf, H.options(buf, opts.qf))
  if type(result) ~= 'table' then util.error('辅助程序返回了无法识别的结果') end
  local err = util.value(result.error)
  if err ~= nil then util.notify('Park：检查出错：' .. tostring(err), vim.log.levels.ERROR) end
  if H.apply(result) == 'applied' then
    if opts.qf then findings.set_list(buf, M.all(buf), vim.api.nvim_get_current_win()) end
    if not opts.silent then findings.summary(H.all[buf], result) end
  end
  return vim.diagnostic.get(buf, { namespace = M.ns })
end

--- Checks `buf` asynchronously, as `:ParkCheck` does: nothing waits; when
--- the result for the buffer's text of that moment or later arrives, the
--- summary is shown (unless opts `silent`), the window's location list (or
--- quickfix list) is filled when opts `qf`, and opts `after(buf)` runs.
--- With `qf` or `all` every finding comes back, not only max_diagnostics.
--- Returns what `M.schedule` returns, or nil when the buffer is too big.
M.start = function(buf, opts)
  opts = opts or {}
  local big = buffer.too_big(buf)
  if big then
    vim.diagnostic.reset(M.ns, buf)
    return util.notify(big, vim.log.levels.WARN)
  end
  H.reports[buf] = { qf = opts.qf, all = opts.all, silent = opts.silent, after = opts.after, win = vim.api.nvim_get_current_win() }
  return M.schedule(buf)
end

--- Every finding of the last check of `buf` as diagnostics, also those
--- over option `max_diagnostics`: what `vim.diagnostic.get` would give
--- without the cap; when the last check is not for the current text, the
--- diagnostics as they are.
M.all = function(buf)
  local last = H.all[buf]
  if last == nil or last.tick ~= vim.api.nvim_buf_get_changedtick(buf) then
    return vim.diagnostic.get(buf, { namespace = M.ns })
  end
  return last.diags
end

--- The record of the last check applied to `buf`: {tick, diags, total,
--- counts = {error, warning, info, hint}, shown}, or nil.
M.tally = function(buf) return H.all[buf] end

--- Whether a check is on its way or waiting to be sent.
M.busy = function() return H.inflight ~= nil or next(H.queued) ~= nil end

--- Requests an asynchronous check of `buf`. Returns 'sent', 'queued' or 'failed'.
M.schedule = function(buf)
  if H.inflight ~= nil and uv.now() - H.inflight.sent_at < H.inflight_timeout then
    H.queued[buf] = true
    return 'queued'
  end
  return H.send(buf)
end

--- BufWritePost handler for park buffers. The check is requested on the next
--- turn of the event loop, so `:write` returns before the buffer is even read.
M.on_save = function(buf)
  if not config.get().check_on_save then return end
  if vim.g.park_disable or vim.b[buf].park_disable then return end
  vim.schedule(function()
    if vim.api.nvim_buf_is_valid(buf) then M.schedule(buf) end
  end)
end

--- FileType handler for park buffers: follows `buf` for `check_on_change`,
--- and checks a buffer read from a file asynchronously when option
--- `check_on_open` is on.
M.on_open = function(buf)
  buffer.subscribe(buf, 'check', {
    change = function(b) H.moved[b] = H.marks[b] ~= nil or nil end,
    idle = H.on_idle,
    detach = function(b) H.forget(b) end,
  })
  if not config.get().check_on_open or vim.api.nvim_buf_get_name(buf) == '' then return end
  if vim.g.park_disable or vim.b[buf].park_disable then return end
  vim.schedule(function()
    if vim.api.nvim_buf_is_loaded(buf) then M.schedule(buf) end
  end)
end

--- Moves the diagnostics of `buf` to where their text went after edits
--- (until the next check answers); park.fix calls it before it looks.
M.follow = function(buf) H.follow(buf) end

--- After fixes were applied to `buf`: forgets the fixed diagnostics `list`,
--- moves the rest with the text, and checks again asynchronously.
M.fixed = function(buf, list)
  H.drop(buf, list)
  H.moved[buf] = H.marks[buf] ~= nil or nil
  H.follow(buf)
  M.schedule(buf)
end

--- The last check of `buf` when it is for the current text and nothing was
--- left out, else nil (park.fix then checks first).
M.complete = function(buf)
  local last = H.all[buf]
  if last ~= nil and last.tick == vim.api.nvim_buf_get_changedtick(buf) and #last.diags == last.total then return last end
  return nil
end

--- Removes park diagnostics from `buf` (all buffers when nil).
M.clear = function(buf)
  vim.diagnostic.reset(M.ns, buf)
  for b, _ in pairs(buf and { [buf] = true } or H.marks) do
    if vim.api.nvim_buf_is_valid(b) then vim.api.nvim_buf_clear_namespace(b, findings.mark_ns, 0, -1) end
  end
  if buf == nil then H.all, H.capped, H.marks, H.moved = {}, {}, {}, {} end
  H.forget(buf)
end

-- Helper data ================================================================
H.inflight = nil
H.queued = {}
H.inflight_timeout = 10000
-- buf -> what :ParkCheck wants done with its result: {qf, win, silent, after}
H.reports = {}
-- buf -> the last applied check (findings.tally): {tick, diags (all that
-- came), total, counts, shown}
H.all = {}
-- Buffers told that not every finding is shown.
H.capped = {}
-- buf -> {[extmark id] = diagnostic} (findings.mark); H.moved[buf]: edited since
H.marks = {}
H.moved = {}
-- Buffers whose check waits for InsertLeave (check_in_insert off).
H.leave = {}

-- Helper functionality =======================================================
H.forget = function(buf)
  if buf ~= nil then H.all[buf], H.capped[buf], H.marks[buf], H.moved[buf] = nil, nil, nil, nil end
end

-- Forgets the marks of diagnostics `list` of buf (they were fixed).
H.drop = function(buf, list)
  for id, x in pairs(H.marks[buf] or {}) do
    for _, d in ipairs(list) do
      if H.same(x, d) then H.marks[buf][id] = nil end
    end
  end
end

-- After edits, moves the diagnostics of buf to where their text went, so
-- that vim.diagnostic.get(), :ParkFix and the fold text agree with the
-- underlines until the next check answers.
H.follow = function(buf)
  if not H.moved[buf] or not vim.api.nvim_buf_is_loaded(buf) then return end
  H.moved[buf] = nil
  local moved = findings.follow(buf, H.marks[buf])
  vim.diagnostic.set(M.ns, buf, moved)
  H.marks[buf] = findings.mark(buf, moved)
end

-- A pause after a change (typing, undo, redo, a fix, a renumber): check
-- again a buffer that was checked before, with option `check_on_change`.
H.on_idle = function(buf)
  H.follow(buf)
  local opts = config.get()
  if not opts.check_on_change then return end
  local checked = vim.b[buf].park_checked_tick
  if checked == nil or checked == vim.api.nvim_buf_get_changedtick(buf) then return end
  if not opts.check_in_insert and vim.api.nvim_get_mode().mode:find('^[iR]') then return H.at_insert_leave(buf) end
  M.schedule(buf)
end

-- A pause while typing, with check_in_insert off: the check waits for
-- InsertLeave.
H.at_insert_leave = function(buf)
  H.leave[buf] = true
  util.at_insert_leave('check', function()
    local bufs = H.leave
    H.leave = {}
    for b, _ in pairs(bufs) do
      if vim.api.nvim_buf_is_loaded(b) then H.on_idle(b) end
    end
  end)
end

-- The check options for buf besides its text; without `all`, the findings
-- sent are bounded by option max_diagnostics, those in view first.
H.options = function(buf, all)
  local opts = config.get()
  local params = { strict = opts.strict }
  if not all and opts.max_diagnostics > 0 then
    params.limit = opts.max_diagnostics
    params.view = findings.views(buf)
  end
  local name = vim.api.nvim_buf_get_name(buf)
  if name ~= '' then params.path = vim.fn.fnamemodify(name, ':p') end
  if opts.date ~= nil then params.date = opts.date end
  if vim.b[buf].park_markdown ~= nil then params.markdown = vim.b[buf].park_markdown == true end
  -- Empty Lua tables would be sent as arrays; the helper expects a map.
  if #opts.disable > 0 then params.disable = opts.disable end
  if next(opts.severity) ~= nil then params.severity = opts.severity end
  return params
end

H.send = function(buf)
  if not vim.api.nvim_buf_is_loaded(buf) then return 'failed' end
  local want = H.reports[buf]
  local params = M.params(buf, want ~= nil and (want.qf or want.all))
  if params == nil then
    M.clear(buf)
    H.reports[buf] = nil
    return 'failed'
  end
  local call = { buf = buf, tick = params.tick, sent_at = uv.now() }
  H.inflight = call
  -- :ParkCheck tells of a helper that cannot start or dies every time;
  -- background checks leave it to park.helper, which says it once.
  local quiet = H.reports[buf] ~= nil
  call.id = helper.call('check', { params }, function(err, result, kind) H.on_async_result(call, err, result, kind) end, quiet)
  if not call.id then
    if H.inflight == call then H.inflight = nil end
    buffer.resync(buf)
    return 'failed'
  end
  M.stats.sent = M.stats.sent + 1
  return 'sent'
end

H.on_async_result = function(call, err, result, kind)
  if H.inflight == call then H.inflight = nil end
  M.stats.received = M.stats.received + 1
  local buf = call.buf
  local status
  if err ~= nil then
    status = 'error'
    if kind == 'helper' then
      H.queued = {}
      if H.reports[buf] ~= nil then util.notify(util.prefix .. err, vim.log.levels.ERROR) end
    elseif err ~= H.last_async_error then
      -- show each distinct error once
      H.last_async_error = err
      util.notify('Park：检查出错：' .. tostring(err), vim.log.levels.ERROR)
    end
    H.reports[buf] = nil
  else
    status = H.apply(result)
    if status == 'resync' then buffer.resync(buf) end
    if status == 'resync' or (status == 'stale' and H.reports[buf] ~= nil) then H.queued[buf] = true end
  end
  M.stats.last = { buf = buf, tick = call.tick, status = status }
  if status == 'applied' then
    H.last_async_error = nil
    M.stats.applied = M.stats.applied + 1
    H.report(buf, result)
  elseif status ~= 'error' then
    M.stats.dropped = M.stats.dropped + 1
  end
  local nextbuf = next(H.queued)
  if nextbuf ~= nil then
    H.queued[nextbuf] = nil
    H.send(nextbuf)
  end
end

-- What :ParkCheck asked for once its result is applied: the summary and
-- the location (or quickfix) list.
H.report = function(buf, result)
  local want = H.reports[buf]
  if want == nil then return end
  H.reports[buf] = nil
  if want.qf then findings.set_list(buf, M.all(buf), want.win) end
  if not want.silent then findings.summary(H.all[buf], result) end
  if want.after then want.after(buf) end
end

-- Returns 'applied', or why the result was dropped: 'error', 'invalid',
-- 'stale' or 'resync' (the helper had lost its copy of the buffer).
H.apply = function(result)
  if util.value(result.error) ~= nil then return 'error' end
  local buf = tonumber(util.value(result.buf))
  if buf == nil or not vim.api.nvim_buf_is_valid(buf) or not vim.api.nvim_buf_is_loaded(buf) then return 'invalid' end
  if tonumber(util.value(result.tick)) ~= vim.api.nvim_buf_get_changedtick(buf) then return 'stale' end
  if result.resync == true then return 'resync' end
  local all = {}
  for _, f in ipairs(util.value(result.findings) or {}) do
    table.insert(all, findings.to_diagnostic(f))
  end
  local shown = findings.select(buf, all, config.get().max_diagnostics)
  vim.diagnostic.set(M.ns, buf, shown)
  H.marks[buf], H.moved[buf] = findings.mark(buf, shown), nil
  local last = findings.tally(result, all, shown)
  H.all[buf] = last
  if last.shown < last.total and not H.capped[buf] then
    H.capped[buf] = true
    if H.reports[buf] == nil then util.notify(util.prefix .. findings.capped(last), vim.log.levels.WARN) end
  elseif last.shown == last.total then
    H.capped[buf] = nil
  end
  vim.b[buf].park_checked_tick = result.tick
  vim.b[buf].park_date = util.value(result.date)
  return 'applied'
end


H.same = function(a, b)
  return a.lnum == b.lnum and a.col == b.col and a.end_lnum == b.end_lnum and a.end_col == b.end_col and a.code == b.code
end

return M
