--- Placeholders: unfilled slots (X亿元, **同志, 20XX年, 【待补充】) highlighted,
--- jumped to and filled.
---
--- The helper finds them (`placeholders` RPC method: the same detector as the
--- placeholder checks). This module keeps extmarks in namespace
--- `park_placeholder` with group `ParkPlaceholder`: the whole buffer is
--- scanned once when a park buffer is attached, then after edits only the
--- changed lines that are visible, debounced: one notification per window,
--- whose result is pushed back and dropped when the buffer has changed since.
--- Jumps, `:ParkFill` and the statusline read the extmarks, never the helper.

-- Module definition ==========================================================
local M = {}
local H = {}

local buffer = require('park.buffer')
local helper = require('park.helper')
local lineset = require('park.lineset')
local config = require('park.config')
local util = require('park.util')

M.ns = vim.api.nvim_create_namespace('park_placeholder')

--- Counters for tests: notifications sent, results applied and dropped.
M.stats = { sent = 0, applied = 0, dropped = 0 }

--- Chinese names of the kinds, as messages and lists show them.
M.labels = { figure = '数字', date = '日期', name = '名称', text = '文字', masked = '屏蔽' }

--- Starts highlighting `buf` (0: current): attaches to its changes and scans
--- it. No-op when already attached or when option `placeholder_highlight` is off.
M.attach = function(buf)
  buf = util.buf(buf)
  if H.bufs[buf] ~= nil or not config.get().placeholder_highlight then return end
  local st = { valid = {}, meta = {}, count = 0, full = true }
  buffer.follow(H.bufs, buf, 'placeholder', st, {
    change = function(_, first, last, new_last) st.valid = lineset.shift(st.valid, first, last, new_last) end,
    reload = function() st.valid, st.full = {}, true end,
    idle = H.send,
    detach = M.detach,
  })
  H.ensure_autocmds()
  buffer.schedule(buf)
end

--- Stops highlighting `buf` and removes its extmarks.
M.detach = function(buf)
  buf = util.buf(buf)
  if buffer.unfollow(H.bufs, buf, 'placeholder') and vim.api.nvim_buf_is_valid(buf) then vim.api.nvim_buf_clear_namespace(buf, M.ns, 0, -1) end
end

--- Rescans `buf` (0: current) after the debounce; `full` covers every line.
M.refresh = function(buf, full)
  buf = util.buf(buf)
  local st = H.bufs[buf]
  if st == nil then return M.attach(buf) end
  if full then st.full = true end
  buffer.schedule(buf)
end

--- Number of placeholders highlighted in `buf`, or nil when it is not attached.
M.count = function(buf)
  local st = H.bufs[util.buf(buf)]
  return st and st.count
end

--- The highlighted placeholders of `buf`, in buffer order: `{id, lnum, col,
--- end_col, kind, missing, rule, match}` (0-based, bytes). Empty ones (their
--- text was replaced by typing) are left out.
M.list = function(buf)
  buf = util.buf(buf)
  local st, res = H.bufs[buf], {}
  if st == nil then return res end
  for _, m in ipairs(vim.api.nvim_buf_get_extmarks(buf, M.ns, 0, -1, { details = true })) do
    local meta, d = st.meta[m[1]], m[4]
    if meta ~= nil and d.end_row == m[2] and d.end_col > m[3] then
      table.insert(res, vim.tbl_extend('force', meta, { id = m[1], lnum = m[2], col = m[3], end_col = d.end_col }))
    end
  end
  return res
end

--- Moves to the `count`-th next (`dir` 1) or previous (-1) placeholder and
--- selects it in Select mode, so that typing replaces it; for a missing
--- figure it starts Insert mode before the unit. Wraps with 'wrapscan'.
M.jump = function(dir, count)
  local items = M.list(0)
  if #items == 0 then return util.notify('Park：没有未填的占位符') end
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  local ref = { row - 1, col }
  local here = H.at(items, ref[1], ref[2])
  if here ~= nil then ref = { here.lnum, here.col } end
  local idx
  for _ = 1, count or 1 do
    idx = H.step(items, ref, dir)
    if idx == nil then return util.notify('Park：' .. (dir > 0 and '后面' or '前面') .. '没有占位符了') end
    ref = { items[idx].lnum, items[idx].col }
  end
  H.select(items[idx])
  return items[idx]
end

--- `:ParkFill {text}`: replaces the placeholder under the cursor with text.
--- With `bang`, every identical one in the current sentence, or in lines
--- `line1`..`line2` when `range` > 0: the same kind and text, followed by the
--- same character (X亿元 and X% differ; every 20XX年 is alike). One undo step.
--- Returns the number filled.
M.fill = function(text, opts)
  opts = opts or {}
  if text == nil or text == '' then util.error('用法：:ParkFill {文字}') end
  local buf = vim.api.nvim_get_current_buf()
  local items = M.list(buf)
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  local model = H.at(items, row - 1, col)
  local targets = { model }
  if opts.bang then
    local lo, hi, from, to = row - 1, row - 1, nil, nil
    if (opts.range or 0) > 0 then
      lo, hi = opts.line1 - 1, opts.line2 - 1
      model = model or H.first_in(items, lo, hi)
    else
      from, to = H.sentence(vim.api.nvim_get_current_line(), col)
    end
    if model == nil then util.error('光标处（或所选行中）没有占位符') end
    local key = H.key(buf, model)
    targets = vim.tbl_filter(function(it)
      if it.lnum < lo or it.lnum > hi or (from and (it.col < from or it.end_col > to)) then return false end
      return it.kind == model.kind and it.missing == model.missing and H.key(buf, it) == key
    end, items)
  elseif model == nil then
    util.error('光标处没有占位符（可用 ]x 跳到下一个）')
  end
  local st = H.bufs[buf]
  for i = #targets, 1, -1 do
    local it = targets[i]
    local stop = it.missing and it.col or it.end_col
    vim.api.nvim_buf_set_text(buf, it.lnum, it.col, it.lnum, stop, { text })
    pcall(vim.api.nvim_buf_del_extmark, buf, M.ns, it.id)
    if st ~= nil and st.meta[it.id] ~= nil then st.meta[it.id], st.count = nil, st.count - 1 end
  end
  if opts.bang then util.notify(string.format('Park：已填写 %d 处', #targets)) end
  return #targets
end

--- `:ParkPlaceholders`: asks for a scan of the whole buffer and, when the
--- helper answers for the current text, lists every placeholder in the
--- location list of the window it was asked from, with its kind and
--- context (an answer for older text asks again). `on_items(items)`, when
--- given, gets the list.
M.loclist = function(on_items)
  local buf, win = vim.api.nvim_get_current_buf(), vim.api.nvim_get_current_win()
  local tries = 3
  local function ask()
    buffer.call('placeholders', buf, H.options(buf, 0, vim.api.nvim_buf_line_count(buf)), function(err, res, kind)
      if err ~= nil then
        if kind ~= 'helper' then util.notify(util.prefix .. err, vim.log.levels.WARN) end
        return
      end
      if not vim.api.nvim_buf_is_loaded(buf) or not vim.api.nvim_win_is_valid(win) then return end
      if tonumber(util.value(res.tick)) ~= vim.api.nvim_buf_get_changedtick(buf) then
        tries = tries - 1
        if tries > 0 then return ask() end
        return util.notify('Park：文本改动太快，占位符列表没有更新；请稍后再试 :ParkPlaceholders', vim.log.levels.WARN)
      end
      local items = H.set_loclist(buf, win, res)
      if on_items then on_items(items) end
    end)
  end
  ask()
end

-- Helper data ================================================================
H.bufs = {}
H.max_visible = 400
H.ends = { '。', '！', '？', '；', '!', '?', ';' }

-- Helper functionality =======================================================
H.set_loclist = function(buf, win, res)
  if H.bufs[buf] ~= nil then H.apply(res) end
  local lines, items = vim.api.nvim_buf_get_lines(buf, 0, -1, false), {}
  for _, it in ipairs(util.value(res.items) or {}) do
    table.insert(items, {
      bufnr = buf,
      lnum = it.lnum + 1,
      col = it.col + 1,
      end_col = it.end_col + 1,
      text = H.describe(it, lines[it.lnum + 1] or ''),
    })
  end
  vim.fn.setloclist(win, {}, ' ', { title = 'Park 占位符', items = items })
  if #items == 0 then
    util.notify('Park：没有未填的占位符')
  elseif config.get().qf_open and vim.api.nvim_get_current_win() == win then
    vim.cmd('lopen')
    vim.cmd('wincmd p')
  end
  return items
end

-- Lines scrolled into view may need a scan.
H.ensure_autocmds = function()
  if H.group ~= nil then return end
  H.group = vim.api.nvim_create_augroup('park_placeholder', { clear = true })
  vim.api.nvim_create_autocmd({ 'WinScrolled', 'BufWinEnter' }, {
    group = H.group,
    callback = function(args)
      local win = tonumber(args.match)
      local buf = args.event == 'WinScrolled' and win and vim.api.nvim_win_is_valid(win) and vim.api.nvim_win_get_buf(win)
      if H.bufs[buf or args.buf] ~= nil then buffer.schedule(buf or args.buf) end
    end,
  })
end

-- The lines to scan: everything at first, then the invalid visible ones.
H.range = function(buf, st)
  local count = vim.api.nvim_buf_line_count(buf)
  if st.full then return 0, count end
  local lo, hi
  for _, win in ipairs(vim.fn.win_findbuf(buf)) do
    local top, bot = unpack(vim.api.nvim_win_call(win, function() return { vim.fn.line('w0'), vim.fn.line('w$') } end))
    local a, b = lineset.gap(st.valid, top - 1, math.min(bot, top - 1 + H.max_visible))
    if a ~= nil then lo, hi = math.min(lo or a, a), math.max(hi or b, b) end
  end
  return lo, hi
end

-- The options of a request for lines [lo, hi) of buf, besides its text.
H.options = function(buf, lo, hi)
  local opts = config.get()
  local params = { from = lo, to = hi }
  local name = vim.api.nvim_buf_get_name(buf)
  if name ~= '' then params.path = vim.fn.fnamemodify(name, ':p') end
  if vim.b[buf].park_markdown ~= nil then params.markdown = vim.b[buf].park_markdown == true end
  if #opts.disable > 0 then params.disable = opts.disable end
  return params
end

H.send = function(buf)
  local st = H.bufs[buf]
  if st == nil or not vim.api.nvim_buf_is_loaded(buf) then return end
  local lo, hi = H.range(buf, st)
  if lo == nil or hi <= lo then return end
  local params = buffer.params(buf, H.options(buf, lo, hi))
  if params == nil then return H.clear(buf) end
  local sent = helper.call('placeholders', { params }, function(err, res)
    if err == nil then H.on_result(res) end
  end)
  if not sent then return buffer.resync(buf) end
  M.stats.sent = M.stats.sent + 1
end

-- No marks for `buf` (too big to analyse); all of it is scanned again later.
H.clear = function(buf)
  vim.api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  local st = H.bufs[buf]
  if st ~= nil then st.valid, st.meta, st.count, st.full = {}, {}, 0, true end
end

-- Replaces the extmarks of the lines a current result covers.
H.apply = function(res)
  local buf = tonumber(util.value(res.buf))
  local st = buf and H.bufs[buf]
  if st == nil or not vim.api.nvim_buf_is_loaded(buf) then return 'invalid' end
  if tonumber(util.value(res.tick)) ~= vim.api.nvim_buf_get_changedtick(buf) then
    M.stats.dropped = M.stats.dropped + 1
    buffer.schedule(buf)
    return 'stale'
  end
  local lo, n = res.from, res.count
  if n > 0 then
    for _, m in ipairs(vim.api.nvim_buf_get_extmarks(buf, M.ns, { lo, 0 }, { lo + n - 1, -1 }, {})) do
      if st.meta[m[1]] ~= nil then st.meta[m[1]], st.count = nil, st.count - 1 end
    end
    vim.api.nvim_buf_clear_namespace(buf, M.ns, lo, lo + n)
  end
  local per_line, cap = {}, config.get().placeholder_max_per_line
  for _, it in ipairs(util.value(res.items) or {}) do
    -- Past the cap a line's placeholders are kept (listed, jumped to) but
    -- not painted; the line's last mark says how many more there are.
    local k = (per_line[it.lnum] or 0) + 1
    per_line[it.lnum] = k
    local opts = { end_row = it.lnum, end_col = it.end_col, priority = 200 }
    if cap == 0 or k <= cap then opts.hl_group = 'ParkPlaceholder' end
    local ok, id = pcall(vim.api.nvim_buf_set_extmark, buf, M.ns, it.lnum, it.col, opts)
    if ok then
      st.meta[id] = { kind = it.kind, missing = it.missing == true, rule = it.rule, match = it.match }
      st.count = st.count + 1
    end
  end
  for lnum, k in pairs(per_line) do
    if cap > 0 and k > cap then
      pcall(vim.api.nvim_buf_set_extmark, buf, M.ns, lnum, 0, {
        virt_text = { { string.format(' 本行另有 %d 处占位符未标出', k - cap), 'ParkPlaceholder' } },
        virt_text_pos = 'eol',
      })
    end
  end
  if st.full and lo == 0 and lo + n >= vim.api.nvim_buf_line_count(buf) then
    st.full = false
    -- From now on the extmarks show the placeholders; syntax/park.vim's
    -- patterns were the baseline until the helper answered (they also
    -- match X光 and 3×4).
    vim.api.nvim_buf_call(buf, function() vim.cmd('silent! syntax clear ParkPlaceholder') end)
  end
  st.valid = lineset.add(st.valid, lo, lo + n)
  M.stats.applied = M.stats.applied + 1
  return 'applied'
end

H.on_result = function(res)
  if type(res) ~= 'table' or util.value(res.error) ~= nil then return end
  if res.resync ~= true then return H.apply(res) end
  local buf = tonumber(util.value(res.buf))
  if buf ~= nil and H.bufs[buf] ~= nil then
    buffer.resync(buf)
    buffer.schedule(buf, 0)
  end
end

-- The item containing 0-based (row, byte col) in [col, end_col) (for a
-- missing figure: the unit, whose start is where the figure goes).
H.at = function(items, row, col)
  for _, it in ipairs(items) do
    if it.lnum == row and col >= it.col and col < it.end_col then return it end
  end
end

H.first_in = function(items, lo, hi)
  for _, it in ipairs(items) do
    if it.lnum >= lo and it.lnum <= hi then return it end
  end
end

H.before = function(a, row, col) return a.lnum < row or (a.lnum == row and a.col < col) end

-- Index of the next (dir 1) or previous (-1) item from position ref.
H.step = function(items, ref, dir)
  local n = #items
  if dir > 0 then
    for i = 1, n do
      if H.before({ lnum = ref[1], col = ref[2] }, items[i].lnum, items[i].col) then return i end
    end
    return vim.o.wrapscan and 1 or nil
  end
  for i = n, 1, -1 do
    if H.before(items[i], ref[1], ref[2]) then return i end
  end
  return vim.o.wrapscan and n or nil
end

H.select = function(it)
  vim.api.nvim_win_set_cursor(0, { it.lnum + 1, it.col })
  if it.missing then return vim.cmd('startinsert') end
  local line = vim.api.nvim_buf_get_lines(0, it.lnum, it.lnum + 1, false)[1]
  local last = it.end_col
  if vim.o.selection ~= 'exclusive' then last = vim.str_byteindex(line, vim.str_utfindex(line, it.end_col) - 1) end
  vim.cmd('normal! v')
  vim.api.nvim_win_set_cursor(0, { it.lnum + 1, last })
  vim.cmd('normal! \7')
end

-- Byte range [from, to) of the sentence around byte col of line.
H.sentence = function(line, col)
  local from, to = 0, #line
  for _, mark in ipairs(H.ends) do
    local init = 1
    while true do
      local s, e = line:find(mark, init, true)
      if s == nil then break end
      if e <= col then from = math.max(from, e) elseif s > col then to = math.min(to, e) end
      init = e + 1
    end
  end
  return from, to
end

-- What makes two placeholders identical: their text and the character after.
H.key = function(buf, it)
  local l = vim.api.nvim_buf_get_lines(buf, it.lnum, it.lnum + 1, false)[1] or ''
  local after = l:sub(it.end_col + 1):match('^[%z\1-\127\194-\244][\128-\191]*') or ''
  return l:sub(it.col + 1, it.end_col) .. '\0' .. after
end

-- "数字：…营业收入[X]亿元，同比…" for the location list.
H.describe = function(it, line)
  local before, slot, after = line:sub(1, it.col), line:sub(it.col + 1, it.end_col), line:sub(it.end_col + 1)
  local label = M.labels[it.kind] or it.kind
  if it.missing then
    label, after, slot = label .. '（空缺）', slot .. after, ''
  elseif it.kind == 'masked' then
    label = string.format('%s（约 %d 字）', label, math.floor(vim.fn.strchars(slot) / 3))
  end
  local n = vim.fn.strchars(before)
  before = (n > 12 and '…' or '') .. vim.fn.strcharpart(before, math.max(0, n - 12))
  after = vim.fn.strcharpart(after, 0, 12) .. (vim.fn.strchars(after) > 12 and '…' or '')
  return string.format('%s：%s[%s]%s', label, before, slot, after)
end

return M
