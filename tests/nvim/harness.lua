-- Test harness for one headless Neovim: cases, assertions and fixtures.
-- Each test_*.lua file does `local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')`,
-- declares cases with T.case(name, fn) and ends with T.run(). Output, one line a case:
-- "ok <name>" or "FAIL <name>: <reason>", then "# passed N failed N" for run.sh;
-- written to $PARK_TEST_OUT when set (Neovim's own messages also reach stdout).

local T = {}

T.root = vim.env.PARK_ROOT
T.corpus = T.root .. '/tests/corpus'
T.cases = {}
T.messages = {}

vim.cmd('filetype plugin on')
vim.cmd('syntax on')
vim.cmd('runtime! plugin/park.lua')
-- make check-sanitize runs the tests against build/asan/park: the default helper.
if vim.env.PARK_BIN and vim.env.PARK_BIN ~= T.root .. '/build/park' then
  require('park.config').schema.helper.default = vim.env.PARK_BIN
end

-- Messages shown by the plugin are recorded instead of printed.
vim.notify = function(msg, level) table.insert(T.messages, { msg = tostring(msg), level = level }) end

local sink = vim.env.PARK_TEST_OUT and assert(io.open(vim.env.PARK_TEST_OUT, 'w')) or io.stdout
local out = function(line)
  sink:write(line, '\n')
  sink:flush()
end

T.helper_call = require('park.helper').call

T.case = function(name, fn) table.insert(T.cases, { name = name, fn = fn }) end

T.reset = function()
  require('park.helper').call = T.helper_call -- a case that failed inside T.hold or T.logged
  vim.wait(5000, T.settled) -- what the last case started ends before this one
  pcall(vim.cmd, 'silent! only!')
  pcall(vim.cmd, 'silent! %bwipeout!')
  vim.g.park = nil
  require('park').setup({})
  vim.fn.setqflist({}, 'f')
  T.messages = {}
end

T.run = function()
  local passed, failed = 0, 0
  for _, c in ipairs(T.cases) do
    local ok, err = pcall(T.reset)
    if ok then ok, err = pcall(c.fn) end
    if ok then
      passed = passed + 1
      out('ok ' .. c.name)
    else
      failed = failed + 1
      out('FAIL ' .. c.name .. ': ' .. tostring(err):gsub('\n', ' | '))
    end
  end
  out(string.format('# passed %d failed %d', passed, failed))
  vim.cmd(failed == 0 and 'qa!' or 'cquit 1')
end

-- Assertions =================================================================
T.fail = function(msg) error(msg, 3) end

T.eq = function(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    T.fail(string.format('%s: expected %s, got %s', what or 'value', vim.inspect(expected), vim.inspect(actual)))
  end
end

T.ok = function(cond, what)
  if not cond then T.fail(what or 'condition is false') end
end

T.wait = function(what, cond, ms)
  if not vim.wait(ms or 5000, cond, 10) then T.fail('timed out waiting for ' .. what) end
end

-- Whether nothing Park asked of the helper is still on its way.
T.settled = function()
  return require('park.helper').status().pending == 0 and not require('park.check').busy()
end

-- Runs Ex command `cmd` and waits until Park has nothing in flight: the
-- commands that talk to the helper return before it answers.
T.cmd = function(cmd)
  vim.cmd(cmd)
  T.wait('the answers to :' .. cmd, T.settled)
end

-- Calls fn with every call to the helper logged as {method, params}
-- (params: the first parameter); returns the log.
T.logged = function(fn)
  local helper, log = require('park.helper'), {}
  local call = helper.call
  helper.call = function(method, params, ...)
    table.insert(log, { method = method, params = params[1] })
    return call(method, params, ...)
  end
  local ok, err = pcall(fn)
  helper.call = call
  if not ok then error(err, 0) end
  return log
end

-- Holds back the next call of `method`: it is not sent; the returned table
-- gets its `params` (the first) and `cb`, which takes an answer as the
-- helper's would arrive: cb(err, result).
T.hold = function(method)
  local helper, held = require('park.helper'), {}
  local call = helper.call
  helper.call = function(m, params, cb, ...)
    if m ~= method then return call(m, params, cb, ...) end
    helper.call = call
    held.params, held.cb = params[1], cb
    return -1
  end
  return held
end

-- Messages whose text contains `needle` (plain).
T.said = function(needle)
  return vim.tbl_filter(function(m) return m.msg:find(needle, 1, true) ~= nil end, T.messages)
end

-- Fixtures ===================================================================
T.tmpdir = function()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  return dir
end

T.read = function(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

T.write = function(path, text)
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
end

-- Copies corpus file `name` into `dir` as `as` (default `name`); returns the path.
T.copy_corpus = function(name, dir, as)
  local path = dir .. '/' .. (as or name)
  T.write(path, T.read(T.corpus .. '/' .. name))
  return path
end

-- Rules used by the tests; ids start with "ptest." so built-in rules can be told apart.
T.rules = [[
[ptest.de-di]
category = usage
severity = warning
message = 测试：“{match}”应为“{fix}”
fire = 更加自觉的在思想上 => 更加自觉地在思想上
pass = 更加自觉地在思想上
list:
自觉的在 -> 自觉地在
有效的带动 -> 有效地带动

[ptest.placeholder]
category = placeholder
severity = error
message = 测试：占位符“{match}”未填写
pattern = (?<![A-Za-z])X+亿元
trigger = 亿元
fire = 投资X亿元
pass = 投资5亿元
]]

T.overlap_rule = [[

[ptest.overlap]
category = usage
severity = info
message = 测试：重叠的修正
pattern = 的在思想
fix = 地在思想
fire = 更加自觉的在思想上 => 更加自觉地在思想上
pass = 更加自觉地在思想上
]]

-- A temp project: `.parkrc` with T.rules (plus `extra`) and a copy of the
-- leadership report named `as` (default report.park). Returns dir, path.
T.project = function(as, extra)
  local dir = T.tmpdir()
  T.write(dir .. '/.parkrc', T.rules .. (extra or ''))
  local path = T.copy_corpus('leadership-work-report.txt', dir, as or 'report.park')
  return dir, path
end

T.edit = function(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

T.ns = function() return require('park.check').ns end

-- Park diagnostics of `buf` whose code starts with `prefix` (default "ptest."), in buffer order.
T.diags = function(buf, prefix)
  prefix = prefix or 'ptest.'
  local res = vim.tbl_filter(
    function(d) return type(d.code) == 'string' and d.code:sub(1, #prefix) == prefix end,
    vim.diagnostic.get(buf, { namespace = T.ns() })
  )
  table.sort(res, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return res
end

-- Every occurrence of `phrase` in `buf` as {lnum, col, end_col} (0-based, bytes).
T.occurrences = function(buf, phrase)
  local res = {}
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local from = 1
    while true do
      local s, e = line:find(phrase, from, true)
      if s == nil then break end
      table.insert(res, { i - 1, s - 1, e })
      from = e + 1
    end
  end
  return res
end

-- The text a diagnostic covers.
T.span = function(buf, d)
  return table.concat(vim.api.nvim_buf_get_text(buf, d.lnum, d.col, d.end_lnum, d.end_col, {}), '\n')
end

T.lines = function(buf) return vim.api.nvim_buf_get_lines(buf or 0, 0, -1, false) end

-- A child Neovim (`--embed`) with the plugin, for what needs a real input
-- loop (Insert and Select mode, TextChangedI, the popup menu): driven with
-- nvim_input() and polled. `path` (optional) is edited. Stop it with
-- `child.stop()`.
T.child = function(path)
  local chan = vim.fn.jobstart({
    vim.v.progpath, '--embed', '--headless', '-u', 'NONE', '-i', 'NONE', '-n',
    '--cmd', 'set rtp^=' .. T.root, '--cmd', 'filetype plugin on', '--cmd', 'runtime! plugin/park.lua',
    -- make check-sanitize: the child uses the same helper binary as the parent
    '--cmd', 'lua if vim.env.PARK_BIN then require("park.config").schema.helper.default = vim.env.PARK_BIN end',
  }, { rpc = true })
  T.ok(chan > 0, 'child started')
  local c = { chan = chan }
  c.req = function(...) return vim.rpcrequest(chan, ...) end
  c.lua = function(code, ...) return c.req('nvim_exec_lua', code, { ... }) end
  c.input = function(keys) c.req('nvim_input', keys) end
  c.mode = function() return c.req('nvim_get_mode').mode end
  c.line = function() return c.req('nvim_get_current_line') end
  c.lines = function() return c.req('nvim_buf_get_lines', 0, 0, -1, false) end
  c.wait = function(what, cond)
    T.wait(what, function()
      local ok, res = pcall(cond)
      return ok and res
    end, 5000)
  end
  c.stop = function() pcall(vim.fn.jobstop, chan) end
  if path then c.req('nvim_command', 'edit ' .. vim.fn.fnameescape(path)) end
  return c
end

return T
