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
vim.b.undo_ftplugin = vim.b.undo_ftplugin and (vim.b.undo_ftplugin .. ' | ' .. undo) or undo
