--- The project allow-list from the editor: `:ParkIgnore` adds the text of
--- the finding under the cursor, `:ParkUnignore` takes a phrase out again.
--- The helper reads and writes the `.parkrc` (atomically); this module only
--- chooses the phrase.

-- Module definition ==========================================================
local M = {}
local H = {}

local helper = require('park.helper')
local util = require('park.util')

--- Characters of context taken on each side of a one-character match.
M.context = 2

--- Adds the finding under the cursor to the project allow-list and checks
--- again. The phrase is the flagged text; a single character (的, 地, 得 …)
--- is taken with `M.context` characters around it, so only this wording is
--- allowed and not every such character. Placeholders are refused. Returns
--- the phrase and the file written.
M.ignore = function()
  local check = require('park.check')
  local buf, d = check.finding_under_cursor()
  local ud = d.user_data or {}
  if ud.category == 'placeholder' then
    util.error('占位符不能加入允许列表：请填写它（:ParkFill），提交前不能留下')
  end
  local phrase = H.phrase(buf, d, ud.match)
  local path = H.path(buf)
  local res = helper.request('allow', { path = path, text = phrase })
  local file = type(res) == 'table' and util.value(res.file) or nil
  check.run(buf, { silent = true })
  util.notify(string.format('Park：已将“%s”加入允许列表 %s（:ParkUnignore 可取消）', phrase, file or ''))
  return phrase, file
end

--- Takes `phrase` out of the project allow-list of the current buffer and
--- checks again; without `phrase`, offers the list's phrases with
--- `vim.ui.select`.
M.unignore = function(phrase)
  local buf = vim.api.nvim_get_current_buf()
  local path = H.path(buf)
  if phrase ~= nil and phrase ~= '' then return H.remove(buf, path, phrase) end
  local phrases, file = M.phrases(buf)
  if #phrases == 0 then return util.notify('Park：项目的允许列表是空的' .. (file and ('（' .. file .. '）') or '')) end
  vim.ui.select(phrases, { prompt = 'Park：取消允许哪一项？' }, function(choice)
    if choice ~= nil then H.remove(buf, path, choice) end
  end)
end

--- The phrases of the project allow-list of `buf`, and its file (or nil).
M.phrases = function(buf)
  local res = helper.request('allowed', { path = H.path(util.buf(buf)) })
  return util.value(res.phrases) or {}, util.value(res.file)
end

--- Completion for `:ParkUnignore`.
M.complete = function(lead)
  local ok, phrases = pcall(M.phrases, 0)
  if not ok then return {} end
  return vim.tbl_filter(function(p) return vim.startswith(p, lead) end, phrases)
end

-- Helper functionality =======================================================
H.path = function(buf)
  local name = vim.api.nvim_buf_get_name(buf)
  if name == '' then util.error('缓冲区还没有文件名，无法确定项目的 .parkrc；请先保存') end
  return vim.fn.fnamemodify(name, ':p')
end

H.phrase = function(buf, d, match)
  if match == nil or match == '' then util.error('该问题没有可加入允许列表的文字') end
  if vim.fn.strchars(match) >= 2 then return match end
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
  if d.end_lnum ~= d.lnum or line:sub(d.col + 1, d.end_col) ~= match then
    util.error('文本已改动，请重新检查（:ParkCheck）后再忽略')
  end
  local before, after = line:sub(1, d.col), line:sub(d.end_col + 1)
  local left = vim.fn.strcharpart(before, math.max(vim.fn.strchars(before) - M.context, 0))
  local phrase = left .. match .. vim.fn.strcharpart(after, 0, M.context)
  if vim.fn.strchars(phrase) < 2 then
    util.error(string.format('“%s”只有一个字，且前后没有文字：加入允许列表会放过所有的“%s”', match, match))
  end
  return phrase
end

H.remove = function(buf, path, phrase)
  local res = helper.request('unallow', { path = path, text = phrase })
  require('park.check').run(buf, { silent = true })
  util.notify(string.format('Park：已从允许列表 %s 取消“%s”', tostring(util.value(res.file)), phrase))
end

return M
