--- Park options: one schema drives defaults, validation and `:help park-options`.
---
--- Values come from, in increasing precedence: the schema defaults, the
--- global table `vim.g.park`, and the table given to `require('park').setup()`.

-- Module definition ==========================================================
local M = {}
local H = {}

local util = require('park.util')

--- Every option: `type` is checked with `vim.validate`, `check` refines it.
M.schema = {
  helper = {
    type = 'string',
    default = nil,
    description = 'Path of the park helper; default: <plugin root>/build/park.',
  },
  check_on_save = {
    type = 'boolean',
    default = true,
    description = 'Check park buffers asynchronously after every write.',
  },
  check_on_open = {
    type = 'boolean',
    default = true,
    description = 'Check park buffers asynchronously when they are opened.',
  },
  check_on_change = {
    type = 'boolean',
    default = true,
    description = 'Check a park buffer that was checked before again, asynchronously, after a pause in changing it (undo, redo, fixes, deletions; typing: see check_in_insert).',
  },
  check_in_insert = {
    type = 'boolean',
    default = false,
    description = 'With check_on_change: check after a pause in typing too; false: when Insert mode is left.',
  },
  strict = {
    type = 'boolean',
    default = false,
    description = 'Strict mode: unfilled placeholders count as errors (final check before submission).',
  },
  date = {
    type = 'string',
    default = nil,
    description = 'Document date "YYYY-MM-DD"; default: inferred by the helper.',
  },
  disable = {
    type = 'table',
    default = {},
    description = 'Rule ids or categories to turn off.',
  },
  severity = {
    type = 'table',
    default = {},
    description = 'Rule id or category -> "error" | "warning" | "info" | "hint".',
  },
  check_list = {
    type = 'string',
    default = 'loclist',
    description = 'Where `:ParkCheck!` lists the findings: "loclist" (the window\'s location list, one per report) or "quickfix".',
  },
  qf_open = {
    type = 'boolean',
    default = true,
    description = 'Open the quickfix window after `:ParkCheck!` found something.',
  },
  placeholder_highlight = {
    type = 'boolean',
    default = true,
    description = 'Highlight placeholders from the helper (extmarks, kept up to date after edits); false: syntax only.',
  },
  placeholder_max_per_line = {
    type = 'number',
    default = 10,
    description = 'Most placeholders painted on one line; the rest of the line\'s are listed and jumped to but not painted, and the line ends with how many there are. 0: no limit.',
  },
  snippet_keys = {
    type = 'boolean',
    default = true,
    description = 'In park buffers <C-j> expands a snippet trigger or jumps to the next tabstop (Insert, Select) and wraps the selection (Visual); <C-k> jumps back. Keys already mapped are left alone.',
  },
  mappings = {
    type = 'boolean',
    default = true,
    description = 'Map ]x / [x (next / previous placeholder) and ]] [[ ]h [h (headings) in park buffers; the <Plug> maps exist either way.',
  },
  max_size = {
    type = 'number',
    default = 64 * 1024 * 1024,
    description = 'Largest buffer (bytes) Park analyses; a bigger one gets one message and no checks, folds or placeholder marks. At most 64 MB, the RPC message limit.',
  },
  max_diagnostics = {
    type = 'number',
    default = 200,
    description = 'Most findings shown as diagnostics (those in view and the most severe first); the rest are counted in the summary and listed by :ParkCheck!. 0: no limit. Each shown diagnostic costs Neovim 0.7 time on every keystroke (about 8 ms at 1,000, 0.6 ms at 300).',
  },
  fold = {
    type = 'boolean',
    default = true,
    description = 'Fold park buffers by heading level (foldmethod=expr, set with :setlocal from the ftplugin).',
  },
}

--- Options given to `setup()`, kept apart so `vim.g.park` can still change later.
M.user = {}

--- Validates and stores `opts` (nil resets to defaults).
--- Raises an error naming the bad option.
M.setup = function(opts)
  opts = opts or {}
  H.validate(opts, 'setup')
  M.user = vim.deepcopy(opts)
end

--- The merged options. A broken `vim.g.park` is reported once and ignored.
M.get = function()
  local res = {}
  for name, spec in pairs(M.schema) do
    res[name] = vim.deepcopy(spec.default)
  end
  local global = vim.g.park
  if global ~= nil then
    local ok, err = pcall(H.validate, global, 'vim.g.park')
    if ok then
      res = vim.tbl_extend('force', res, global)
    elseif H.reported ~= err then
      H.reported = err
      vim.notify(err, vim.log.levels.ERROR)
    end
  end
  return vim.tbl_extend('force', res, M.user)
end

--- Validation problems of the current configuration, as strings (for health).
M.problems = function()
  local res = {}
  for _, pair in ipairs({ { vim.g.park, 'vim.g.park' }, { M.user, 'setup' } }) do
    if pair[1] ~= nil then
      local ok, err = pcall(H.validate, pair[1], pair[2])
      if not ok then table.insert(res, err) end
    end
  end
  return res
end

-- Helper data ================================================================
H.severities = { error = true, warning = true, info = true, hint = true }

H.checks = {
  date = function(v)
    return v:match('^%d%d%d%d%-%d%d%-%d%d$') ~= nil, '日期格式 YYYY-MM-DD'
  end,
  disable = function(v)
    for _, x in ipairs(v) do
      if type(x) ~= 'string' then return false, '规则编号或类别组成的列表' end
    end
    return vim.tbl_count(v) == #v, '规则编号或类别组成的列表'
  end,
  severity = function(v)
    for k, x in pairs(v) do
      if type(k) ~= 'string' or not H.severities[x] then
        return false, '“规则或类别 = error|warning|info|hint”的表'
      end
    end
    return true
  end,
  helper = function(v)
    return v ~= '', '非空路径'
  end,
  check_list = function(v)
    return v == 'loclist' or v == 'quickfix', '"loclist" 或 "quickfix"'
  end,
  placeholder_max_per_line = function(v)
    return v >= 0 and v == math.floor(v), '非负整数'
  end,
  max_diagnostics = function(v)
    return v >= 0 and v == math.floor(v), '非负整数'
  end,
  max_size = function(v)
    return v >= 1 and v <= 64 * 1024 * 1024 and v == math.floor(v), '1 到 67108864（64 MB）之间的整数'
  end,
}

-- Helper functionality =======================================================
-- vim.validate{} is deprecated from 0.11 on, in favour of positional arguments.
H.validate_type = function(name, value, expected)
  if vim.fn.has('nvim-0.11') == 1 then return vim.validate(name, value, expected, true) end
  vim.validate({ [name] = { value, expected, true } })
end

H.validate = function(opts, origin)
  if type(opts) ~= 'table' then util.error(string.format('%s 应为表，实际为 %s', origin, type(opts))) end
  for name, _ in pairs(opts) do
    if M.schema[name] == nil then util.error(string.format('%s：未知选项 "%s"', origin, tostring(name))) end
  end
  for name, spec in pairs(M.schema) do
    local ok, err = pcall(H.validate_type, name, opts[name], spec.type)
    if not ok then util.error(string.format('%s：%s', origin, err)) end
    local check = H.checks[name]
    if opts[name] ~= nil and check ~= nil then
      local good, expected = check(opts[name])
      if not good then
        util.error(string.format('%s：选项 "%s" 应为%s，实际为 %s', origin, name, expected, vim.inspect(opts[name])))
      end
    end
  end
end

return M
