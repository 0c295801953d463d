local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local buffer = require('park.buffer')
local fold = require('park.fold')
local P = function() return require('park.placeholder') end

-- Opens a corpus report as a park buffer and waits for its folds and placeholders.
local open = function(name)
  local buf = T.edit(T.copy_corpus(name, T.tmpdir(), (name:gsub('%.txt$', '.park'))))
  T.eq(vim.bo[buf].filetype, 'park', 'filetype')
  T.wait('fold levels', function() return fold.current(buf) end)
  T.wait('the first placeholder scan', function() return (P().count(buf) or 0) > 0 end)
  return buf
end

local logged = T.logged

local sorted = function(buf)
  local res = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = T.ns() })) do
    table.insert(res, string.format('%d:%d:%s', d.lnum, d.col, d.code))
  end
  table.sort(res)
  return res
end

T.case('folds, placeholders and checks follow a buffer through one nvim_buf_attach of park', function()
  local attach, calls = vim.api.nvim_buf_attach, {}
  vim.api.nvim_buf_attach = function(b, ...)
    -- vim.diagnostic attaches too; count the calls from park's modules
    if debug.getinfo(2, 'S').source:find('/lua/park/', 1, true) then table.insert(calls, b) end
    return attach(b, ...)
  end
  local ok, err = pcall(function()
    local buf = open('leadership-work-report.txt')
    T.cmd('ParkCheck')
    T.eq(calls, { buf }, 'nvim_buf_attach calls')
  end)
  vim.api.nvim_buf_attach = attach
  if not ok then error(err, 0) end
end)

T.case('after an edit only the changed lines go to the helper, and the check sees them', function()
  local buf = open('leadership-work-report.txt')
  local log = logged(function()
    vim.api.nvim_buf_set_lines(buf, 2, 2, false, { '我们坚持以人民为中心的发展思想，推动园区高质量发展的' })
    T.wait('fold levels', function() return fold.current(buf) end)
    T.cmd('ParkCheck')
  end)
  local methods = {}
  for _, m in ipairs(log) do
    methods[m.method] = true
    T.ok(not buffer.is_full(m.params), m.method .. ' sent the whole buffer')
    T.eq(m.params.tick, vim.api.nvim_buf_get_changedtick(buf), m.method .. ' tick')
  end
  T.ok(methods.outline and methods.check, 'outline and check were sent')
  local changed = vim.tbl_filter(function(m) return m.params.lines ~= nil end, log)
  T.eq(#changed, 1, 'messages carrying lines')
  T.eq(#changed[1].params.lines, 1, 'lines carried')
  local incremental = sorted(buf)
  T.ok(#vim.tbl_filter(function(d) return d:match('^2:') end, incremental) > 0, 'a finding on the new line')
  buffer.resync(buf)
  T.cmd('ParkCheck')
  T.eq(incremental, sorted(buf), 'findings from the copy vs from the whole buffer')
end)

T.case('a helper that lost the buffer answers resync and gets the whole buffer again', function()
  local buf = open('leadership-work-report.txt')
  T.cmd('ParkCheck')
  local before = sorted(buf)
  require('park.helper').restart()
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { '' })
  local full = buffer.stats.full
  T.cmd('ParkCheck')
  T.ok(buffer.stats.full > full, 'whole buffer sent after the restart')
  local shifted = vim.tbl_map(function(d)
    local l, rest = d:match('^(%d+)(:.*)$')
    return (l + 1) .. rest
  end, before)
  table.sort(shifted)
  T.eq(sorted(buf), shifted, 'findings after the restart: the same, a line lower')
end)

T.case('a buffer over max_size gets one warning, no analysis, and is left as it is', function()
  local dir = T.tmpdir()
  local path = T.copy_corpus('leadership-work-report.txt', dir, 'report.park')
  local size = vim.fn.getfsize(path)
  require('park').setup({ max_size = size - 100 })
  local buf = T.edit(path)
  local before = T.lines(buf)
  T.wait('the warning', function() return #T.said('超过大小上限') > 0 end)
  -- more pauses in typing: still said once
  for _ = 1, 3 do
    buffer.schedule(buf, 0)
    vim.wait(50)
  end
  T.eq(#T.said('超过大小上限'), 1, 'warnings')
  T.ok(vim.b[buf].park_too_big:find('超过大小上限', 1, true) ~= nil, 'b:park_too_big')
  for lnum = 1, vim.api.nvim_buf_line_count(buf) do
    if vim.fn.foldlevel(lnum) ~= 0 then T.fail('fold at line ' .. lnum) end
  end
  T.eq(P().count(buf) or 0, 0, 'placeholder marks')
  local ok, err = pcall(vim.cmd, 'ParkCheck')
  T.ok(ok, ':ParkCheck ' .. tostring(err))
  T.eq(#T.said('超过大小上限'), 2, 'warnings, after :ParkCheck said why it did nothing')
  vim.cmd('silent write')
  vim.wait(300)
  T.eq(#vim.diagnostic.get(buf, { namespace = T.ns() }), 0, 'diagnostics after :w')
  T.eq(T.lines(buf), before, 'buffer')
  T.eq(vim.fn.readfile(path), before, 'file')
  -- a larger limit: everything comes back at the next pause
  require('park').setup({})
  buffer.schedule(buf, 0)
  T.wait('fold levels', function() return fold.current(buf) end)
  T.wait('placeholders', function() return (P().count(buf) or 0) > 0 end)
  T.ok(vim.b[buf].park_too_big == nil, 'b:park_too_big cleared')
  T.cmd('ParkCheck')
  T.ok(#vim.diagnostic.get(buf, { namespace = T.ns() }) > 0, 'diagnostics after :ParkCheck')
end)

T.run()
