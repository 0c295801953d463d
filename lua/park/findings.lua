--- The findings of one check as the user sees them: `vim.diagnostic`
--- entries (at most option `max_diagnostics` of them, those in view and the
--- most severe first: the helper picks them the same way when asked for
--- that many), the summary message and the location list.

-- Module definition ==========================================================
local M = {}
local H = {}

local util = require('park.util')

M.severity = {
  error = vim.diagnostic.severity.ERROR,
  warning = vim.diagnostic.severity.WARN,
  warn = vim.diagnostic.severity.WARN,
  info = vim.diagnostic.severity.INFO,
  hint = vim.diagnostic.severity.HINT,
}

--- The diagnostic for finding `f` of a check result.
M.to_diagnostic = function(f)
  local lnum, col = f.lnum, f.col
  return {
    lnum = lnum,
    col = col,
    end_lnum = util.value(f.end_lnum) or lnum,
    end_col = util.value(f.end_col) or col,
    severity = M.severity[f.severity] or vim.diagnostic.severity.WARN,
    message = f.message,
    source = 'park',
    code = f.rule,
    user_data = { fix = util.value(f.fix), category = util.value(f.category), match = util.value(f.match), rule = f.rule },
  }
end

--- The diagnostics of `all` (of `buf`) to show when there are more than
--- `cap` (0: no cap): those on lines in a window first, then by severity,
--- then in buffer order. Returns `all` itself when they all fit.
M.select = function(buf, all, cap)
  if cap <= 0 or #all <= cap then return all end
  local views = M.views(buf)
  local rank = function(d)
    for _, v in ipairs(views) do
      if d.lnum >= v[1] and d.lnum <= v[2] then return 0 end
    end
    return d.severity
  end
  local order = {}
  for i, d in ipairs(all) do
    order[i] = { rank(d), d.lnum, d.col, d }
  end
  table.sort(order, function(a, b)
    if a[1] ~= b[1] then return a[1] < b[1] end
    if a[2] ~= b[2] then return a[2] < b[2] end
    return a[3] < b[3]
  end)
  local shown = {}
  for i = 1, cap do
    shown[i] = order[i][4]
  end
  return shown
end

--- Extmarks in namespace `M.mark_ns` that keep the place of each of
--- `diags` (the diagnostics set for `buf`) through edits, until the next
--- check: returns {[mark id] = diagnostic}.
M.mark_ns = vim.api.nvim_create_namespace('park_findings')
M.mark = function(buf, diags)
  vim.api.nvim_buf_clear_namespace(buf, M.mark_ns, 0, -1)
  local marks = {}
  for _, d in ipairs(diags) do
    -- Text typed at the start joins the finding (which then no longer reads
    -- as flagged, so it is not fixed); text typed at the end stays outside;
    -- a deleted or replaced finding is left empty, which M.follow drops.
    local ok, id = pcall(vim.api.nvim_buf_set_extmark, buf, M.mark_ns, d.lnum, d.col,
      { end_row = d.end_lnum, end_col = d.end_col, right_gravity = false, end_right_gravity = false })
    if ok then marks[id] = d end
  end
  return marks
end

--- `diags` moved to where their marks (from `M.mark`) are now; a finding
--- whose text was deleted is left out.
M.follow = function(buf, marks)
  local moved = {}
  for _, m in ipairs(vim.api.nvim_buf_get_extmarks(buf, M.mark_ns, 0, -1, { details = true })) do
    local d = marks[m[1]]
    local row, col, det = m[2], m[3], m[4]
    local was_empty = d ~= nil and d.lnum == d.end_lnum and d.col == d.end_col
    local ordered = row < det.end_row or (row == det.end_row and (col < det.end_col or (was_empty and col == det.end_col)))
    if d ~= nil and ordered and det.end_row - row == d.end_lnum - d.lnum then
      local x = vim.deepcopy(d)
      x.lnum, x.col, x.end_lnum, x.end_col = row, col, det.end_row, det.end_col
      table.insert(moved, x)
    end
  end
  return moved
end

--- The 0-based [first, last] line ranges of `buf` shown in windows.
M.views = function(buf)
  local views = {}
  for _, win in ipairs(vim.fn.win_findbuf(buf)) do
    local top, bot = unpack(vim.api.nvim_win_call(win, function() return { vim.fn.line('w0'), vim.fn.line('w$') } end))
    table.insert(views, { top - 1, bot - 1 })
  end
  return views
end

--- The record of an applied check: result `result`, its findings as
--- diagnostics `all` (maybe fewer than the helper found: its total and
--- counts say), `shown` the diagnostics set.
M.tally = function(result, all, shown)
  local total = tonumber(util.value(result.total)) or #all
  local counts = util.value(result.counts)
  if type(counts) ~= 'table' then
    counts = { error = 0, warning = 0, info = 0, hint = 0 }
    local names = { 'error', 'warning', 'info', 'hint' }
    for _, d in ipairs(all) do
      counts[names[d.severity]] = counts[names[d.severity]] + 1
    end
  end
  return { tick = result.tick, diags = all, total = total, counts = counts, shown = #shown }
end

--- The message for check record `last` (from `M.tally`) and the notes of
--- its result.
M.summary = function(last, result)
  local lines = {}
  if last.total == 0 then
    table.insert(lines, 'Park：未发现问题')
  else
    local c = last.counts
    table.insert(lines, string.format('Park：发现 %d 处问题（错误 %d，警告 %d，信息 %d，提示 %d）', last.total,
      c.error or 0, c.warning or 0, c.info or 0, c.hint or 0))
    if last.shown < last.total then table.insert(lines, '  ' .. M.capped(last)) end
  end
  for _, note in ipairs(util.value(result.notes) or {}) do
    table.insert(lines, '  ' .. tostring(note))
  end
  util.notify(table.concat(lines, '\n'))
end

--- What is said when check record `last` shows fewer findings than it has.
M.capped = function(last)
  return string.format('问题太多：只标出 %d 处（窗口内的与较严重的优先；选项 max_diagnostics），:ParkCheck! 列出全部 %d 处',
    last.shown, last.total)
end

--- Fills the location list of window `win` (or the quickfix list, option
--- `check_list`) with diagnostics `diags` of `buf`, in buffer order.
M.set_list = function(buf, diags, win)
  local items = {}
  for _, d in ipairs(diags) do
    table.insert(items, {
      bufnr = buf,
      lnum = d.lnum + 1,
      col = d.col + 1,
      end_lnum = d.end_lnum + 1,
      end_col = d.end_col + 1,
      type = ('EWIN'):sub(d.severity, d.severity),
      text = d.code and string.format('%s [%s]', d.message, d.code) or d.message,
    })
  end
  table.sort(items, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  local opts = require('park.config').get()
  local what = { title = 'Park', items = items }
  if opts.check_list == 'quickfix' then
    vim.fn.setqflist({}, ' ', what)
  else
    if not vim.api.nvim_win_is_valid(win) then win = vim.fn.bufwinid(buf) end
    if win == -1 then return end
    vim.fn.setloclist(win, {}, ' ', what)
  end
  if opts.qf_open and #items > 0 then
    if opts.check_list == 'quickfix' then
      vim.cmd('botright copen')
      vim.cmd('wincmd p')
    elseif vim.api.nvim_get_current_win() == win then
      vim.cmd('lopen')
      vim.cmd('wincmd p')
    end
  end
end

return M
