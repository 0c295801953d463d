--- `:checkhealth park`: helper binary, version, libraries, rules, last error.
--- Works with `require('health').report_*` (0.7–0.9) and `vim.health.*` (0.10+).

-- Module definition ==========================================================
local M = {}
local H = {}

local util = require('park.util')

M.check = function()
  H.start('Park')
  for _, section in ipairs({ H.check_nvim, H.check_config, H.check_helper, H.check_state }) do
    local ok, err = pcall(section)
    if not ok then H.fail('健康检查自身出错：' .. tostring(err)) end
  end
end

-- Helper functionality =======================================================
H.api = function(name)
  local health = vim.health
  if health == nil or (health[name] == nil and health['report_' .. name] == nil) then health = require('health') end
  return health[name] or health['report_' .. name]
end

H.start = function(...) H.api('start')(...) end
H.ok = function(...) H.api('ok')(...) end
H.info = function(...) H.api('info')(...) end
H.warn = function(...) H.api('warn')(...) end
H.fail = function(...) H.api('error')(...) end

H.check_nvim = function()
  if vim.fn.has('nvim-0.7.2') == 1 then
    H.ok('Neovim ' .. tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch)
  else
    H.fail('需要 Neovim 0.7.2 或更新版本')
  end
end

H.check_config = function()
  local problems = require('park.config').problems()
  if #problems == 0 then
    H.ok('配置有效')
  else
    for _, p in ipairs(problems) do
      H.fail(p)
    end
  end
end

H.check_helper = function()
  local helper = require('park.helper')
  local path = helper.path()
  if vim.fn.executable(path) ~= 1 then
    H.fail('找不到辅助程序：' .. path, { '在插件目录运行 make', '或用选项 helper 指定路径' })
    return
  end
  H.ok('辅助程序：' .. path)
  local ok, info = pcall(helper.request, 'info')
  if not ok then
    H.fail('辅助程序无法应答 info：' .. tostring(info))
    return
  end
  H.ok('版本：' .. tostring(util.value(info.version)))
  H.info(
    string.format(
      '库：libuv %s，msgpack %s，pcre2 %s',
      tostring(util.value(info.libuv)),
      tostring(util.value(info.msgpack)),
      tostring(util.value(info.pcre2))
    )
  )
  local count = tonumber(util.value(info.rules)) or 0
  if count > 0 then
    H.ok(string.format('已加载规则 %d 条', count))
  else
    H.warn('没有加载任何规则')
  end
  for _, file in ipairs(util.value(info.rule_files) or {}) do
    H.info('规则文件：' .. file)
  end
  local errors = util.value(info.errors) or {}
  for _, e in ipairs(errors) do
    H.fail('规则文件错误：' .. e)
  end
  if #errors == 0 then H.ok('规则文件无错误') end
end

H.check_state = function()
  local status = require('park.helper').status()
  if status.running then H.info(string.format('辅助程序运行中（通道 %d，进程 %s）', status.chan, tostring(status.pid))) end
  local exit = status.last_exit
  if exit ~= nil and not exit.expected then
    H.warn(string.format('辅助程序曾意外退出（状态 %d，%s）', exit.code, os.date('%H:%M:%S', exit.time)))
  end
  if status.last_error ~= nil then
    H.warn('最近的错误：' .. status.last_error)
  else
    H.ok('没有错误记录')
  end
  H.info('日志：' .. status.log_file)
end

return M
