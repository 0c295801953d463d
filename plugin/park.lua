-- Park: commands and autocommands only; the work happens in lua/park/.
if vim.g.loaded_park then return end
vim.g.loaded_park = 1

local command = function(name, key, desc)
  vim.api.nvim_create_user_command(name, function(args) require('park')._command(key, args) end, { bang = true, desc = desc })
end

command('ParkCheck', 'check', 'Park: check the buffer (! also fills the quickfix list)')
command('ParkFix', 'fix', 'Park: fix the finding under the cursor (! fixes all)')
command('ParkIgnore', 'ignore', 'Park: add the flagged text to the project allow-list')
command('ParkRules', 'rules', 'Park: list the rules')
command('ParkInfo', 'info', 'Park: helper version and rule files')
command('ParkRestart', 'restart', 'Park: restart the helper')

local group = vim.api.nvim_create_augroup('park', { clear = true })

vim.api.nvim_create_autocmd('BufWritePost', {
  group = group,
  desc = 'Park: check report buffers after writing',
  callback = function(args)
    if vim.bo[args.buf].filetype == 'park' then require('park.check').on_save(args.buf) end
  end,
})

vim.api.nvim_create_autocmd('ColorScheme', {
  group = group,
  desc = 'Park: restore default highlight links',
  callback = function() require('park').create_default_hl() end,
})

vim.api.nvim_create_autocmd('VimLeavePre', {
  group = group,
  desc = 'Park: stop the helper',
  callback = function()
    if package.loaded['park.helper'] then require('park.helper').stop() end
  end,
})
