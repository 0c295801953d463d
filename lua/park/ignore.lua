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

--- Adds the finding under the cursor to the project allow-list, then
--- checks again; the helper writes the `.parkrc`, and the confirmation
--- comes with its answer. The phrase is the flagged text; a single
--- character (的, 地, 得 …) is taken with `M.context` characters around it,
--- so only this wording is allowed and not every such character.
--- Placeholders are refused. Returns the phrase.
M.ignore = function()
  local check = require('park.check')
  local buf, d = require('park.fix').under_cursor()
  local ud = d.user_data or {}
  if ud.category == 'placeholder' then
    util.error('占位符不能加入允许列表：请填写它（:ParkFill），提交前不能留下')
  end
  local phrase = H.phrase(buf, d, ud.match)
  local path = H.path(buf)
  helper.ask('allow', { { path = path, text = phrase } }, function(res)
    H.changed(path)
    if vim.api.nvim_buf_is_valid(buf) then check.start(buf, { silent = true }) end
    local file = type(res) == 'table' and util.value(res.file) or nil
    util.notify(string.format('Park：已将“%s”加入允许列表 %s（:ParkUnignore 可取消）', phrase, file or ''))
  end)
  return phrase
end

--- Takes `phrase` out of the project allow-list of the current buffer and
--- checks again; without `phrase`, offers the list's phrases with
--- `vim.ui.select` once the helper has read them.
M.unignore = function(phrase)
  local buf = vim.api.nvim_get_current_buf()
  local path = H.path(buf)
  if phrase ~= nil and phrase ~= '' then return H.remove(buf, path, phrase) end
  M.phrases(buf, function(phrases, file)
    if #phrases == 0 then return util.notify('Park：项目的允许列表是空的' .. (file and ('（' .. file .. '）') or '')) end
    vim.ui.select(phrases, { prompt = 'Park：取消允许哪一项？' }, function(choice)
      if choice ~= nil then H.remove(buf, path, choice) end
    end)
  end)
end

--- Calls `on_list(phrases, file)` with the phrases of the project
--- allow-list of `buf` and its file (or nil), as the helper reads them.
M.phrases = function(buf, on_list)
  local path = H.path(util.buf(buf))
  helper.ask('allowed', { { path = path } }, function(res)
    local phrases = util.value(res.phrases) or {}
    H.known[path] = phrases
    on_list(phrases, util.value(res.file))
  end)
end

--- Completion for `:ParkUnignore`, from the list last read for this
--- buffer's project; when there is none, it waits up to `M.complete_wait`
--- ms for the helper to read it (a slow helper means no completion this
--- time, never a stuck command line).
M.complete = function(lead)
  local ok, path = pcall(H.path, 0)
  if not ok then return {} end
  if H.known[path] == nil then
    pcall(helper.briefly, 'allowed', { { path = path } }, M.complete_wait, function(err, res)
      if err == nil then H.known[path] = util.value(res.phrases) or {} end
    end, true)
  end
  return vim.tbl_filter(function(p) return vim.startswith(p, lead) end, H.known[path] or {})
end

--- How long completion waits for the helper, in ms.
M.complete_wait = 200

-- Helper data ================================================================
-- path of a document -> the allow-list phrases last read for its project
H.known = {}

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
  helper.ask('unallow', { { path = path, text = phrase } }, function(res)
    H.changed(path)
    if vim.api.nvim_buf_is_valid(buf) then require('park.check').start(buf, { silent = true }) end
    util.notify(string.format('Park：已从允许列表 %s 取消“%s”', tostring(util.value(res.file)), phrase))
  end)
end

-- The allow-list of path's project was written: every cached list may be
-- of that project.
H.changed = function() H.known = {} end

return M
