-- Park reports: long paragraphs without spaces between words.
if vim.b.did_ftplugin then return end
vim.b.did_ftplugin = 1

vim.opt_local.wrap = true
vim.opt_local.linebreak = true
vim.opt_local.breakindent = true
-- m/B: break and join lines at CJK characters without inserting spaces.
vim.opt_local.formatoptions:append('mB')
-- cjk: spell checking skips Chinese text instead of marking all of it.
vim.opt_local.spelllang:append('cjk')

local undo = 'setlocal wrap< linebreak< breakindent< formatoptions< spelllang<'
-- Snippet completion with <C-x><C-o>, unless 'omnifunc' is already set.
if vim.bo.omnifunc == '' then
  vim.bo.omnifunc = "v:lua.require'park.snippet_complete'.omnifunc"
  undo = undo .. ' omnifunc<'
end
-- Placeholders: highlighted from the helper's results; ]x / [x select them.
require('park.placeholder').attach(0)
undo = undo .. [[ | exe "lua require('park.placeholder').detach(0)"]]
if require('park.config').get().mappings then
  for lhs, plug in pairs({ [']x'] = '<Plug>(park-placeholder-next)', ['[x'] = '<Plug>(park-placeholder-prev)' }) do
    if vim.fn.maparg(lhs, 'n') == '' then
      vim.keymap.set('n', lhs, plug, { buffer = true, remap = true })
      undo = undo .. ' | exe "silent! nunmap <buffer> ' .. lhs .. '"'
    end
  end
end
-- Snippets: <C-j> / <C-k> (option snippet_keys), which decide from the
-- project's cached list (asked for now); an accepted completion expands.
if require('park.config').get().snippet_keys then
  for _, u in ipairs(require('park.snippet').map_keys()) do
    undo = undo .. ' | ' .. u
  end
  require('park.snippet').prefetch(0)
end
vim.api.nvim_create_autocmd('CompleteDone', {
  group = vim.api.nvim_create_augroup('park_snippet_complete', { clear = false }),
  buffer = 0,
  desc = 'Park: expand a snippet accepted from completion',
  callback = function() require('park.snippet_complete').on_complete_done() end,
})
undo = undo .. [[ | exe "autocmd! park_snippet_complete * <buffer>"]]
-- Folding by heading level, ]] [[ ]h [h between headings (options fold, mappings).
undo = undo .. ' | ' .. require('park.fold').ftplugin()
vim.b.undo_ftplugin = vim.b.undo_ftplugin and (vim.b.undo_ftplugin .. ' | ' .. undo) or undo
