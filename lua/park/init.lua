--- Park: checks Chinese official reports (公文) with the park helper process.
---
--- Commands (declared in plugin/park.lua):
---   :ParkCheck[!]  check the buffer; with ! also fill the quickfix list
---   :ParkFix[!]    fix the finding under the cursor; with ! every fix
---   :ParkIgnore    add the flagged text to the project allow-list (.parkrc)
---   :ParkRules     list the rules;  :ParkInfo  helper version and rule files
---   :ParkRestart   restart the helper
---   :ParkPlaceholders  list the placeholders;  :[range]ParkFill[!] {text}  fill them
---   :ParkSnippet[!] [trigger]  insert a snippet or pick one (lua/park/snippet.lua)
---   :ParkOutline   the headings in the location list;  :[range]ParkRenumber  renumber them
---                  (folding and ]] [[ ]h [h: lua/park/fold.lua, lua/park/outline.lua)
---
--- Lua API: `setup(opts)`, `check(buf, opts)`, `fix()`, `fix_all(buf)`,
--- `ignore()`, `rules()`, `info()`, `restart()`, `status(buf)`.
--- Options: see `require('park.config').schema`; `setup()` is optional.
--- `vim.g.park_disable` / `vim.b.park_disable` turn off the check on save.

-- Module definition ==========================================================
local M = {}
local H = {}

local util = require('park.util')

--- Validates and stores `opts`; raises an error naming a bad option.
M.setup = function(opts)
  require('park.config').setup(opts)
  M.create_default_hl()
end

--- Checks buffer `buf` (0: current) and waits for the result (Ctrl-C
--- interrupts); opts `qf`, `silent`. Returns the diagnostics.
--- `:ParkCheck` does not wait: see `require('park.check').start`.
M.check = function(buf, opts) return require('park.check').run(util.buf(buf), opts) end

--- Applies the fix of the finding under the cursor.
M.fix = function() return require('park.fix').fix() end

--- Applies every fix in `buf` as one undo step, checking first when the
--- findings are stale; `on_done(n)` gets how many were applied.
M.fix_all = function(buf, on_done) return require('park.fix').fix_all(util.buf(buf), on_done) end

--- Adds the text flagged under the cursor to the project allow-list.
M.ignore = function() return require('park.ignore').ignore() end

--- Takes `phrase` out of the project allow-list (nil: pick one).
M.unignore = function(phrase) return require('park.ignore').unignore(phrase) end

--- Rules known to the helper: list of `{id, category, severity, description, message, source, enabled}`.
M.rules = function() return require('park.helper').request('rules') end

--- Helper information: `{version, libuv, msgpack, pcre2, rules, rule_files, errors}`.
M.info = function() return require('park.helper').request('info') end

--- Restarts the helper; returns its `info`.
M.restart = function()
  require('park.helper').restart()
  return M.info()
end

--- Statusline text for `buf` (default: current): "占位 12 · 错误 3 · 警告 5"
--- from cached counts (no RPC); '' outside park buffers and when all are 0.
M.status = function(buf) return require('park.status').get(buf) end

--- Highlight groups and their default links.
M.highlights = {
  ParkHeading1 = 'Title',
  ParkHeading2 = 'Identifier',
  ParkHeading3 = 'Statement',
  ParkHeading4 = 'Type',
  ParkItem = 'Special',
  ParkSlogan = 'String',
  ParkSnippetTabstop = 'Visual',
}

--- ParkPlaceholder's own colours, a light violet block: linked to Todo it
--- looked like a `Search` match in the default colours.
M.placeholder_hl = { fg = '#1c1c1c', bg = '#d7afff', bold = true, ctermfg = 234, ctermbg = 183, cterm = { bold = true } }

--- Sets every highlight group with `default = true` (user settings win).
M.create_default_hl = function()
  for name, target in pairs(M.highlights) do
    vim.api.nvim_set_hl(0, name, { link = target, default = true })
  end
  vim.api.nvim_set_hl(0, 'ParkPlaceholder', vim.tbl_extend('force', M.placeholder_hl, { default = true }))
end

--- Runs command `name` for `:Park*`; errors become messages.
M._command = function(name, args)
  local bt = vim.bo.buftype
  if H.on_buffer[name] and bt ~= '' and vim.bo.filetype ~= 'park' then
    return vim.notify(string.format('Park：当前缓冲区是 %s 缓冲区，不是报告；请在报告的窗口中执行', bt), vim.log.levels.WARN)
  end
  local ok, err = pcall(H.commands[name], args)
  if not ok then vim.notify(tostring(err), vim.log.levels.ERROR) end
end

--- Shows the rules in a scratch buffer (when the helper has answered).
M.show_rules = function()
  H.call('rules', H.rules_buffer)
end

--- Shows helper version, libraries and rule files (when the helper has answered).
M.show_info = function()
  H.call('info', function(info) vim.notify(table.concat(H.info_lines(info), '\n'), vim.log.levels.INFO) end)
end

-- Helper data ================================================================
-- The commands about the current buffer: refused in special buffers
-- (quickfix, help, terminal, scratch) unless their filetype is park.
H.on_buffer = {
  check = true, fix = true, ignore = true, unignore = true, placeholders = true, fill = true, snippet = true, wrap = true, outline = true,
  renumber = true,
}

H.commands = {
  check = function(args) require('park.check').start(vim.api.nvim_get_current_buf(), { qf = args.bang }) end,
  fix = function(args)
    if args.bang then
      M.fix_all(0)
    else
      M.fix()
    end
  end,
  ignore = function() M.ignore() end,
  unignore = function(args) M.unignore(args.args) end,
  placeholders = function() require('park.placeholder').loclist() end,
  fill = function(args)
    require('park.placeholder').fill(args.args, { bang = args.bang, range = args.range, line1 = args.line1, line2 = args.line2 })
  end,
  snippet = function(args) require('park.snippet').command(args) end,
  wrap = function() require('park.snippet').wrap() end,
  outline = function() require('park.outline').show() end,
  renumber = function(args) require('park.outline').renumber(0, args.line1, args.line2, { force = args.bang }) end,
  rules = function() M.show_rules() end,
  info = function() M.show_info() end,
  restart = function()
    require('park.helper').restart()
    H.call('info', function(info)
      vim.notify(string.format('Park：辅助程序已重启（版本 %s，规则 %s 条）', tostring(info.version), tostring(info.rules)))
    end)
  end,
}

-- Helper functionality =======================================================
-- Calls helper method `method` without waiting; `fn(result)` runs with the
-- answer, and a failure of the method is shown (the helper's own failures
-- it has told already).
H.call = function(method, fn) require('park.helper').ask(method, {}, fn) end

H.rules_buffer = function(rules)
  local enabled = #vim.tbl_filter(function(r) return r.enabled ~= false end, rules)
  local lines = { string.format('Park 规则：共 %d 条，启用 %d 条', #rules, enabled), '' }
  local width = 0
  for _, r in ipairs(rules) do
    width = math.max(width, #tostring(r.id))
  end
  for _, r in ipairs(rules) do
    local desc = util.value(r.description) or util.value(r.message) or ''
    local line = H.one_line(string.format(
      '%-' .. width .. 's  %-12s %-8s%s  %s',
      r.id,
      tostring(util.value(r.category) or ''),
      tostring(util.value(r.severity) or ''),
      r.enabled == false and ' [禁用]' or '',
      desc
    ))
    table.insert(lines, line)
  end
  H.scratch('park://rules', lines)
end

H.one_line = function(s) return (s:gsub('[\r\n]+', ' ')) end

H.info_lines = function(info)
  local lines = {
    string.format('Park 辅助程序 %s（%s）', tostring(util.value(info.version)), require('park.helper').status().path),
    string.format(
      'libuv %s，msgpack %s，pcre2 %s',
      tostring(util.value(info.libuv)),
      tostring(util.value(info.msgpack)),
      tostring(util.value(info.pcre2))
    ),
    string.format('规则 %s 条，规则文件：', tostring(util.value(info.rules))),
  }
  for _, file in ipairs(util.value(info.rule_files) or {}) do
    table.insert(lines, '  ' .. file)
  end
  local errors = util.value(info.errors) or {}
  if #errors > 0 then table.insert(lines, '规则文件错误：') end
  for _, e in ipairs(errors) do
    table.insert(lines, '  ' .. H.one_line(e))
  end
  return lines
end

H.scratch = function(name, lines)
  local old = vim.fn.bufnr(name)
  if old > 0 then vim.api.nvim_buf_delete(old, { force = true }) end
  vim.cmd('botright new')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_name(buf, name)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  for opt, value in pairs({ buftype = 'nofile', bufhidden = 'wipe', swapfile = false, modifiable = false }) do
    vim.bo[buf][opt] = value
  end
  return buf
end

return M
