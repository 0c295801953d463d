local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local has_line = function(lines, needle)
  for _, line in ipairs(lines) do
    if line:find(needle, 1, true) then return true end
  end
  return false
end

T.case(':checkhealth park runs and shows the helper path and version', function()
  local info = require('park').info()
  T.ok(type(info.version) == 'string' and info.version ~= '', 'info.version')
  vim.cmd('checkhealth park')
  local lines = T.lines(0)
  local text = table.concat(lines, '\n')
  T.ok(not text:find('Failed to run healthcheck', 1, true), 'health check failed:\n' .. text)
  T.ok(not text:find('No healthcheck found', 1, true), 'health check not found')
  T.ok(has_line(lines, '版本：' .. info.version), 'version line missing:\n' .. text)
  T.ok(has_line(lines, require('park.helper').path()), 'helper path missing')
  T.ok(has_line(lines, string.format('已加载规则 %d 条', info.rules)), 'rule count missing')
  T.ok(has_line(lines, 'libuv ' .. tostring(info.libuv)), 'library versions missing')
end)

T.case(':checkhealth park reports a missing helper as an error', function()
  require('park.helper').stop()
  vim.g.park = { helper = '/nonexistent/park' }
  vim.cmd('checkhealth park')
  local lines = T.lines(0)
  T.ok(has_line(lines, 'ERROR'), 'no ERROR line:\n' .. table.concat(lines, '\n'))
  T.ok(has_line(lines, '/nonexistent/park'), 'path missing')
end)

T.case(':checkhealth park shows the last helper error', function()
  local pid = (function()
    require('park.helper').ensure()
    return require('park.helper').status().pid
  end)()
  vim.loop.kill(pid, 'sigkill')
  T.wait('the crash', function() return not require('park.helper').status().running end)
  vim.cmd('checkhealth park')
  local lines = T.lines(0)
  T.ok(has_line(lines, '意外退出'), 'crash not shown:\n' .. table.concat(lines, '\n'))
end)

T.case('setup rejects bad options with the option name', function()
  local cases = {
    { { check_on_save = 'yes' }, 'check_on_save' },
    { { date = '2020/01/01' }, 'date' },
    { { severity = { typo = 'fatal' } }, 'severity' },
    { { disable = { 1, 2 } }, 'disable' },
    { { helper = 3 }, 'helper' },
    { { no_such = true }, 'no_such' },
  }
  for _, c in ipairs(cases) do
    local ok, err = pcall(require('park').setup, c[1])
    T.eq(ok, false, vim.inspect(c[1]) .. ' accepted')
    T.ok(tostring(err):find(c[2], 1, true), 'error does not name ' .. c[2] .. ': ' .. tostring(err))
    T.ok(vim.startswith(tostring(err), 'Park：'), 'error prefix: ' .. tostring(err))
  end
  T.ok(pcall(require('park').setup, { strict = true, date = '2021-05-04', disable = { 'style' } }), 'good options rejected')
  T.eq(require('park.config').get().strict, true, 'stored option')
end)

T.case('options have schema defaults without setup', function()
  local opts = require('park.config').get()
  T.eq(opts.check_on_save, true, 'check_on_save')
  T.eq(opts.strict, false, 'strict')
  T.eq(opts.disable, {}, 'disable')
  for name, spec in pairs(require('park.config').schema) do
    T.ok(type(spec.description) == 'string' and spec.type ~= nil, 'schema entry ' .. name)
  end
end)

T.case('a bad vim.g.park is reported once and ignored', function()
  vim.g.park = { strict = 'very' }
  local opts = require('park.config').get()
  require('park.config').get()
  T.eq(opts.strict, false, 'strict')
  T.eq(#T.said('strict'), 1, 'messages')
end)

T.case('ParkRules lists the rules in a scratch buffer', function()
  local _, path = T.project()
  T.edit(path)
  local rules = require('park').rules()
  T.ok(#rules > 0, 'no rules')
  T.cmd('ParkRules')
  T.eq(vim.api.nvim_buf_get_name(0), 'park://rules', 'buffer name')
  T.eq(vim.bo.buftype, 'nofile', 'buftype')
  T.eq(vim.bo.modifiable, false, 'modifiable')
  local lines = T.lines(0)
  T.eq(#lines, #rules + 2, 'one line per rule plus a header')
  T.ok(lines[1]:find(string.format('共 %d 条', #rules), 1, true), 'header: ' .. lines[1])
  T.ok(has_line(lines, rules[1].id), 'first rule id missing')
  T.cmd('ParkRules')
  T.eq(#vim.tbl_filter(function(b) return vim.api.nvim_buf_get_name(b) == 'park://rules' end, vim.api.nvim_list_bufs()), 1, 'rule buffers')
end)

T.case('ParkInfo shows the version and rule files', function()
  local info = require('park').info()
  T.cmd('ParkInfo')
  T.eq(#T.said(info.version), 1, 'version message')
  for _, file in ipairs(info.rule_files) do
    T.eq(#T.said(file), 1, 'rule file ' .. file)
  end
end)

T.case(':help park works from the tags that make writes', function()
  local tags = vim.env.PARK_ROOT .. '/doc/tags'
  T.eq(vim.fn.filereadable(tags), 1, 'doc/tags (make)')
  T.ok(vim.fn.getftime(tags) >= vim.fn.getftime(vim.env.PARK_ROOT .. '/doc/park.txt'), 'doc/tags is older than doc/park.txt')
  for _, topic in ipairs({ 'park', ':ParkCheck', ':ParkUnignore', 'park-max_size', 'park-limits' }) do
    vim.cmd('help ' .. topic)
    T.ok(vim.api.nvim_buf_get_name(0):find('doc/park.txt', 1, true) ~= nil, ':help ' .. topic)
    vim.cmd('helpclose')
  end
end)

T.run()
