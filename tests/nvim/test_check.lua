local T = dofile(vim.env.PARK_ROOT .. '/tests/nvim/harness.lua')

local check_project = function()
  local _, path = T.project()
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  return buf, path
end

T.case('ParkCheck sets diagnostics in the park namespace with source, code and user_data', function()
  local buf = check_project()
  local diags = T.diags(buf)
  T.ok(#diags > 0, 'no ptest diagnostics')
  for _, d in ipairs(diags) do
    T.eq(d.source, 'park', 'source')
    T.eq(d.namespace, T.ns(), 'namespace')
    T.eq(d.bufnr, buf, 'bufnr')
  end
  local dedi = T.diags(buf, 'ptest.de-di')
  T.eq(#dedi, 2, 'ptest.de-di count')
  T.eq(dedi[1].user_data.match, '自觉的在', 'match')
  T.eq(dedi[1].user_data.fix, '自觉地在', 'fix')
  T.eq(dedi[1].user_data.category, 'usage', 'category')
  T.eq(dedi[1].severity, vim.diagnostic.severity.WARN, 'warning severity')
  T.eq(dedi[1].message, '测试：“自觉的在”应为“自觉地在”', 'message')
  local ph = T.diags(buf, 'ptest.placeholder')
  T.ok(#ph > 0, 'no placeholder findings')
  T.eq(ph[1].severity, vim.diagnostic.severity.ERROR, 'error severity')
  T.eq(ph[1].user_data.fix, nil, 'no fix')
end)

T.case('ParkCheck columns are 0-based byte offsets covering the flagged Chinese text', function()
  local buf = check_project()
  local expected = {}
  for _, phrase in ipairs({ '自觉的在', '有效的带动' }) do
    vim.list_extend(expected, T.occurrences(buf, phrase))
  end
  table.sort(expected, function(a, b) return a[1] < b[1] end)
  local got = vim.tbl_map(function(d) return { d.lnum, d.col, d.end_col } end, T.diags(buf, 'ptest.de-di'))
  T.eq(got, expected, 'spans')
  for _, d in ipairs(T.diags(buf)) do
    T.eq(T.span(buf, d), d.user_data.match, 'text under ' .. d.code)
    T.eq(d.end_lnum, d.lnum, 'single line')
  end
  local d = T.diags(buf, 'ptest.de-di')[1]
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  T.ok(vim.str_utfindex(line, d.col) < d.col, 'col is a character index, not a byte offset')
  T.eq(d.end_col - d.col, 12, 'four CJK characters are 12 bytes')
end)

T.case('every finding on the three corpus reports covers exactly its match', function()
  local dir = T.tmpdir()
  local total = 0
  for _, name in ipairs({ 'leadership-work-report.txt', 'staff-meeting-speech.txt', 'annual-summary-speech.txt' }) do
    local buf = T.edit(T.copy_corpus(name, dir))
    T.cmd('ParkCheck')
    for _, d in ipairs(vim.diagnostic.get(buf, { namespace = T.ns() })) do
      T.eq(T.span(buf, d), d.user_data.match, string.format('%s %s at %d:%d', name, d.code, d.lnum, d.col))
      total = total + 1
    end
  end
  T.ok(total > 0, 'no findings on the corpus')
end)

T.case('ParkCheck placeholder findings cover X亿元 exactly', function()
  local buf = check_project()
  local ph = T.diags(buf, 'ptest.placeholder')
  T.eq(#ph, #T.occurrences(buf, 'X亿元'), 'one finding per X亿元')
  for _, d in ipairs(ph) do
    T.eq(T.span(buf, d), 'X亿元', 'span')
  end
end)

T.case('ParkCheck reports a summary message in Chinese', function()
  check_project()
  T.eq(#T.said('Park：发现'), 1, 'summary messages')
end)

T.case('Park commands in the quickfix window are refused and leave the list alone', function()
  require('park').setup({ check_list = 'quickfix' })
  local _, path = T.project()
  T.edit(path)
  T.cmd('ParkCheck!')
  local before = vim.fn.getqflist()
  T.ok(#before > 0, 'quickfix items')
  vim.cmd('copen')
  T.eq(vim.bo.buftype, 'quickfix', 'in the quickfix window')
  local qfbuf = vim.api.nvim_get_current_buf()
  for _, cmd in ipairs({ 'ParkCheck!', 'ParkFix!', 'ParkOutline', 'ParkPlaceholders', 'ParkRenumber' }) do
    vim.cmd(cmd)
  end
  T.eq(#T.said('当前缓冲区是 quickfix 缓冲区，不是报告'), 5, 'one message per command')
  T.eq(vim.fn.getqflist(), before, 'quickfix list')
  T.eq(#vim.diagnostic.get(qfbuf), 0, 'no diagnostics in the quickfix buffer')
  vim.cmd('cclose')
end)

T.case('ParkCheck without bang leaves the quickfix list alone', function()
  check_project()
  T.eq(#vim.fn.getqflist(), 0, 'quickfix items')
end)

-- Checks the list `get` returns ({title, items}) against the findings of buf.
local check_list = function(buf, list)
  T.eq(list.title, 'Park', 'title')
  local diags = vim.diagnostic.get(buf, { namespace = T.ns() })
  T.eq(#list.items, #diags, 'one item per diagnostic')
  local d = T.diags(buf, 'ptest.de-di')[1]
  local item
  for _, it in ipairs(list.items) do
    if it.lnum == d.lnum + 1 and it.col == d.col + 1 and it.text:find('ptest.de-di', 1, true) then item = it end
  end
  T.ok(item ~= nil, 'no item for the first ptest.de-di finding')
  T.eq(item.bufnr, buf, 'bufnr')
  T.eq(item.type, 'W', 'type')
  T.eq(vim.api.nvim_get_current_buf(), buf, 'cursor stays in the report')
end

T.case("ParkCheck! fills the window's location list titled Park with 1-based positions", function()
  local _, path = T.project()
  local buf = T.edit(path)
  vim.fn.setqflist({}, ' ', { title = 'another report', items = { { filename = path, lnum = 1, text = 'x' } } })
  T.cmd('ParkCheck!')
  check_list(buf, vim.fn.getloclist(0, { title = 1, items = 1 }))
  T.eq(vim.fn.getloclist(0, { winid = 1 }).winid ~= 0, true, 'location list window open')
  T.eq(vim.fn.getqflist({ title = 1 }).title, 'another report', 'quickfix list untouched')
  vim.cmd('lclose')
end)

T.case('ParkCheck! fills the quickfix list with check_list = "quickfix"', function()
  require('park').setup({ check_list = 'quickfix' })
  local _, path = T.project()
  local buf = T.edit(path)
  T.cmd('ParkCheck!')
  check_list(buf, vim.fn.getqflist({ title = 1, items = 1 }))
  T.eq(vim.fn.getqflist({ winid = 1 }).winid ~= 0, true, 'quickfix window open')
  vim.cmd('cclose')
end)

T.case('severity option overrides a rule severity', function()
  require('park').setup({ severity = { ['ptest.de-di'] = 'hint' } })
  local buf = check_project()
  local dedi = T.diags(buf, 'ptest.de-di')
  T.eq(#dedi, 2, 'count')
  T.eq(dedi[1].severity, vim.diagnostic.severity.HINT, 'severity')
end)

T.case('disable option turns a rule off', function()
  require('park').setup({ disable = { 'ptest.placeholder' } })
  local buf = check_project()
  T.eq(#T.diags(buf, 'ptest.placeholder'), 0, 'disabled rule findings')
  T.eq(#T.diags(buf, 'ptest.de-di'), 2, 'other rule findings')
end)

T.case('vim.g.park options are used without setup', function()
  vim.g.park = { disable = { 'ptest.de-di' } }
  local buf = check_project()
  T.eq(#T.diags(buf, 'ptest.de-di'), 0, 'disabled rule findings')
  T.ok(#T.diags(buf, 'ptest.placeholder') > 0, 'other rule findings')
end)

T.case('date option reaches the helper and comes back in the result', function()
  require('park').setup({ date = '2020-03-01' })
  local buf = check_project()
  T.eq(vim.b[buf].park_date, '2020-03-01', 'b:park_date')
end)

T.case('ParkCheck on an unnamed buffer works without a path', function()
  vim.cmd('enew')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { '一、总体情况', '投资X亿元。' })
  T.cmd('ParkCheck')
  local errors = vim.tbl_filter(function(m) return m.level == vim.log.levels.ERROR end, T.messages)
  T.eq(#errors, 0, 'error messages')
  T.eq(vim.b[buf].park_checked_tick, vim.api.nvim_buf_get_changedtick(buf), 'checked tick')
end)

T.case('over max_diagnostics: that many shown, those in view first, the summary counts all, ParkCheck! lists all, ParkFix! fixes all', function()
  require('park').setup({ max_diagnostics = 0 })
  local buf = check_project()
  local every = vim.diagnostic.get(buf, { namespace = T.ns() })
  T.ok(#every > 10, 'findings: ' .. #every)
  vim.cmd('normal! G')
  local top, bot = vim.fn.line('w0') - 1, vim.fn.line('w$') - 1
  local in_view = #vim.tbl_filter(function(d) return d.lnum >= top and d.lnum <= bot end, every)
  T.ok(in_view > 0 and top > 0, 'findings in the view at the end: ' .. in_view)
  require('park').setup({ max_diagnostics = 5 })
  T.messages = {}
  T.cmd('ParkCheck')
  local shown = vim.diagnostic.get(buf, { namespace = T.ns() })
  T.eq(#shown, 5, 'diagnostics shown')
  local shown_in_view = #vim.tbl_filter(function(d) return d.lnum >= top and d.lnum <= bot end, shown)
  T.eq(shown_in_view, math.min(in_view, 5), 'shown in view')
  T.eq(#T.said(string.format('发现 %d 处问题', #every)), 1, 'summary of all: ' .. vim.inspect(T.messages))
  T.eq(#T.said('只标出 5 处'), 1, 'the cap said')
  T.cmd('ParkCheck!')
  T.eq(#vim.fn.getloclist(0), #every, 'location list')
  T.eq(#vim.diagnostic.get(buf, { namespace = T.ns() }), 5, 'diagnostics after ParkCheck!')
  vim.cmd('normal! G')
  T.cmd('ParkCheck')
  T.ok(#T.occurrences(buf, '自觉的在') > 0, 'text to fix')
  T.cmd('ParkFix!')
  T.eq(#T.occurrences(buf, '自觉的在') + #T.occurrences(buf, '有效的带动'), 0, 'fixed, shown or not')
end)

T.case('the language model\'s four checks show as diagnostics with their fix, and ParkFix! applies them', function()
  local dir = T.tmpdir()
  local path = dir .. '/wrong-words.park'
  local lines = {
    '　　切实加强组织领导，狠抓工作洛实。',
    '　　建立健全长效机智，完善工作机制。',
    '　　着力进步服务质量，让群众满意。',
    '　　坚持技木创新，推动高质量发展。',
  }
  T.write(path, table.concat(lines, '\n') .. '\n')
  local buf = T.edit(path)
  T.cmd('ParkCheck')
  local want = { { 'typo.lm-pinyin', 0, '洛', '落' }, { 'typo.lm-word', 1, '智', '制' }, { 'usage.spinner', 2, '进步', '提高' },
    { 'typo.lm-shape', 3, '木', '术' } }
  for _, w in ipairs(want) do
    local d = T.diags(buf, w[1])
    T.eq(#d, 1, w[1] .. ' findings')
    T.eq(d[1].lnum, w[2], w[1] .. ' line')
    T.eq(T.span(buf, d[1]), w[3], w[1] .. ' text under it')
    T.eq(d[1].user_data.fix, w[4], w[1] .. ' fix')
    T.eq(d[1].severity, vim.diagnostic.severity.WARN, w[1] .. ' severity')
  end
  T.cmd('ParkFix!')
  T.eq(T.lines(buf), {
    '　　切实加强组织领导，狠抓工作落实。',
    '　　建立健全长效机制，完善工作机制。',
    '　　着力提高服务质量，让群众满意。',
    '　　坚持技术创新，推动高质量发展。',
  }, 'fixed')
  vim.cmd('undo')
  T.eq(T.lines(buf), lines, 'one undo restores the text')
end)

T.run()
