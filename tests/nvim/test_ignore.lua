local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

-- A checked copy of the test project's report: its dir and buffer.
local checked_project = function()
  local dir, path = T.project()
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  return dir, buf
end

T.case('ParkIgnore adds the flagged text to .parkrc and the finding disappears', function()
  local dir, buf = checked_project()
  local d = T.diags(buf, 'ptest.de-di')[2]
  T.eq(d.user_data.match, '有效的带动', 'match under the cursor')
  -- on 带 (bytes 9-11): the default usage.de-di finding covers only 的
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col + 9 })
  local before = T.lines(buf)
  T.cmd('ParkIgnore')
  T.eq(T.lines(buf), before, 'buffer')
  local rc = vim.split(T.read(dir .. '/.parkrc'), '\n', { plain = true })
  T.ok(vim.tbl_contains(rc, '有效的带动'), '.parkrc lacks the phrase as a line')
  T.ok(vim.tbl_contains(rc, '[allow]'), '.parkrc lacks an [allow] section')
  T.ok(vim.startswith(table.concat(rc, '\n'), vim.trim(T.rules)), 'existing rules kept')
  local left = T.diags(buf, 'ptest.de-di')
  T.eq(#left, 1, 'remaining findings')
  T.eq(left[1].user_data.match, '自觉的在', 'remaining finding')
  T.eq(#T.said('有效的带动'), 1, 'confirmation message')
  T.eq(#T.said(dir .. '/.parkrc'), 1, 'message names the file')
end)

T.case('ParkIgnore is remembered by a fresh check', function()
  local _, buf = checked_project()
  local d = T.diags(buf, 'ptest.de-di')[1]
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  T.cmd('ParkIgnore')
  T.cmd('ParkRestart')
  T.cmd('ParkCheck')
  T.eq(#T.diags(buf, 'ptest.de-di'), 1, 'findings after a restart')
end)

T.case('ParkIgnore without a finding under the cursor reports it', function()
  local dir, buf = checked_project()
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local rc = T.read(dir .. '/.parkrc')
  T.cmd('ParkIgnore')
  T.eq(T.read(dir .. '/.parkrc'), rc, '.parkrc')
  T.eq(#T.said('光标处没有'), 1, 'message')
end)

T.case('ParkIgnore in an unnamed buffer explains that a file name is needed', function()
  vim.cmd('enew')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { '投资X亿元。' })
  vim.diagnostic.set(T.ns(), buf, {
    { lnum = 0, col = 6, end_lnum = 0, end_col = 13, message = 'm', code = 'ptest.x', user_data = { match = 'X亿元' } },
  })
  vim.api.nvim_win_set_cursor(0, { 1, 6 })
  T.cmd('ParkIgnore')
  T.eq(#T.said('文件名'), 1, 'message')
end)

-- A finding of `code` whose match is one character and that no other finding overlaps.
local lone_char = function(buf, code)
  local all = vim.diagnostic.get(buf, { namespace = T.ns() })
  for _, d in ipairs(T.diags(buf, code)) do
    local alone = vim.fn.strchars(d.user_data.match) == 1
    for _, o in ipairs(all) do
      if o ~= d and o.lnum == d.lnum and o.col < d.end_col and d.col < o.end_col then alone = false end
    end
    if alone then return d end
  end
end

T.case('ParkIgnore on a one-character finding allows it with its context, not the character', function()
  local dir, buf = checked_project()
  local d = lone_char(buf, 'usage.de-di')
  T.ok(d ~= nil, 'a one-character usage.de-di finding')
  local n = #T.diags(buf, 'usage.de-di')
  T.ok(n > 1, 'more than one usage.de-di finding')
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  T.cmd('ParkIgnore')
  local line = T.lines(buf)[d.lnum + 1]
  local rc = vim.split(T.read(dir .. '/.parkrc'), '\n', { plain = true })
  T.ok(not vim.tbl_contains(rc, d.user_data.match), '.parkrc allows the bare character')
  local phrase = rc[#rc] ~= '' and rc[#rc] or rc[#rc - 1]
  T.eq(vim.fn.strchars(phrase), 5, 'phrase: the character and two on each side')
  T.ok(line:find(phrase, 1, true) ~= nil, 'phrase is text of the line')
  T.eq(#T.diags(buf, 'usage.de-di'), n - 1, 'only this finding is gone')
end)

T.case('ParkIgnore refuses placeholders and leaves .parkrc alone', function()
  local dir, buf = checked_project()
  local d = T.diags(buf, 'ptest.placeholder')[1]
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local rc, n = T.read(dir .. '/.parkrc'), #T.diags(buf, 'ptest.placeholder')
  T.cmd('ParkIgnore')
  T.eq(T.read(dir .. '/.parkrc'), rc, '.parkrc')
  T.eq(#T.said('占位符不能加入允许列表'), 1, 'message')
  T.eq(#T.diags(buf, 'ptest.placeholder'), n, 'findings stay')
end)

T.case('ParkUnignore takes a phrase out again, by name or picked from the list', function()
  local dir, buf = checked_project()
  local n = #T.diags(buf, 'ptest.de-di')
  for _, d in ipairs(T.diags(buf, 'ptest.de-di')) do
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    T.cmd('ParkIgnore')
  end
  T.eq(#T.diags(buf, 'ptest.de-di'), 0, 'all ignored')
  T.eq(require('park.ignore').complete('有效'), { '有效的带动' }, 'completion')
  T.cmd('ParkUnignore 有效的带动')
  T.eq(#T.diags(buf, 'ptest.de-di'), 1, 'one back')
  local allow = T.read(dir .. '/.parkrc'):match('%[allow%]\n(.*)$')
  T.eq(vim.split(allow, '\n', { plain = true }), { '自觉的在', '' }, '[allow] of .parkrc')
  local select = vim.ui.select
  local offered
  vim.ui.select = function(items, _, cb)
    offered = items
    cb(items[1])
  end
  local ok, err = pcall(T.cmd, 'ParkUnignore')
  vim.ui.select = select
  T.ok(ok, tostring(err))
  T.eq(offered, { '自觉的在' }, 'phrases offered')
  T.eq(#T.diags(buf, 'ptest.de-di'), n, 'all back')
  T.ok(vim.startswith(T.read(dir .. '/.parkrc'), vim.trim(T.rules)), 'rules kept')
  T.cmd('ParkUnignore 自觉的在')
  T.eq(#T.said('没有“自觉的在”'), 1, 'a phrase not in the list is said so')
end)

T.case('ParkIgnore returns before the helper answers, and confirms when it does', function()
  local dir, buf = checked_project()
  local d = T.diags(buf, 'ptest.de-di')[1]
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local rc, n = T.read(dir .. '/.parkrc'), #T.diags(buf, 'ptest.de-di')
  local held = T.hold('allow')
  vim.cmd('ParkIgnore')
  T.eq(held.params.text, d.user_data.match, 'phrase sent')
  T.eq(T.read(dir .. '/.parkrc'), rc, '.parkrc before the answer')
  T.eq(#T.said('已将'), 0, 'no confirmation before the answer')
  require('park.helper').request('allow', held.params) -- what the helper would have done
  held.cb(nil, { file = dir .. '/.parkrc' })
  T.wait('the check after the answer', T.settled)
  T.eq(#T.said('已将“' .. d.user_data.match), 1, 'confirmation after the answer')
  T.eq(#T.diags(buf, 'ptest.de-di'), n - 1, 'finding gone')
end)

T.case('ParkUnignore completion waits briefly for the list, then answers from it', function()
  local _, buf = checked_project()
  local d = T.diags(buf, 'ptest.de-di')[1]
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  T.cmd('ParkIgnore')
  local log = T.logged(function()
    T.eq(require('park.ignore').complete(''), { d.user_data.match }, 'first completion')
    T.eq(require('park.ignore').complete(''), { d.user_data.match }, 'second completion')
  end)
  T.eq(#log, 1, 'helper calls for two completions')
  local held = T.hold('allowed')
  T.cmd('ParkUnignore ' .. d.user_data.match)
  T.eq(require('park.ignore').complete(''), {}, 'completion with a helper that does not answer')
  T.ok(held.cb ~= nil, 'the list was asked for')
end)

T.run()
