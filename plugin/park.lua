-- Park: commands and autocommands only; the work happens in lua/park/.
if vim.g.loaded_park then return end
vim.g.loaded_park = 1

local command = function(name, key, desc)
  vim.api.nvim_create_user_command(name, function(args) require('park')._command(key, args) end, { bang = true, desc = desc })
end

command('ParkCheck', 'check', 'Park: check the buffer (! also fills the quickfix list)')
command('ParkFix', 'fix', 'Park: fix the finding under the cursor (! fixes all)')
command('ParkIgnore', 'ignore', 'Park: add the flagged text to the project allow-list')
vim.api.nvim_create_user_command('ParkUnignore', function(args) require('park')._command('unignore', args) end, {
  nargs = '?',
  complete = function(lead) return require('park.ignore').complete(lead) end,
  desc = 'Park: take {phrase} out of the project allow-list, or pick one',
})
command('ParkRules', 'rules', 'Park: list the rules')
command('ParkInfo', 'info', 'Park: helper version and rule files')
command('ParkRestart', 'restart', 'Park: restart the helper')
vim.api.nvim_create_user_command('ParkSnippet', function(args) require('park')._command('snippet', args) end, {
  bang = true,
  nargs = '?',
  range = true,
  complete = function(lead) return require('park.snippet').complete(lead) end,
  desc = 'Park: insert the snippet {trigger}, or pick one; with a range wrap the selection (! re-reads the snippet files)',
})

-- Snippet keys; park buffers map <C-j> / <C-k> to them (option snippet_keys, :help park-snippet-keys).
vim.keymap.set('i', '<Plug>(park-expand)', '<Cmd>lua require("park.snippet").expand()<CR>', { desc = 'Park: expand the snippet trigger before the cursor' })
vim.keymap.set('x', '<Plug>(park-wrap)', '<Esc><Cmd>lua require("park")._command("wrap", {})<CR>', { desc = 'Park: wrap the selection in a snippet (《》, “”, 一、 …)' })
vim.keymap.set({ 'i', 's', 'n' }, '<Plug>(park-jump-next)', '<Cmd>lua require("park.snippet").jump(1)<CR>', { desc = 'Park: next snippet tabstop' })
vim.keymap.set({ 'i', 's', 'n' }, '<Plug>(park-jump-prev)', '<Cmd>lua require("park.snippet").jump(-1)<CR>', { desc = 'Park: previous snippet tabstop' })

command('ParkPlaceholders', 'placeholders', 'Park: list the placeholders in the location list')
vim.api.nvim_create_user_command('ParkFill', function(args) require('park')._command('fill', args) end, {
  bang = true,
  nargs = '+',
  range = true,
  desc = 'Park: fill the placeholder under the cursor with {text} (! every identical one in the sentence or range)',
})

-- Placeholder keys; park buffers map ]x / [x to them (option mappings).
vim.keymap.set('n', '<Plug>(park-placeholder-next)', function() require('park.placeholder').jump(1, vim.v.count1) end, { desc = 'Park: select the next placeholder' })
vim.keymap.set('n', '<Plug>(park-placeholder-prev)', function() require('park.placeholder').jump(-1, vim.v.count1) end, { desc = 'Park: select the previous placeholder' })

-- Outline: folding is set up by ftplugin/park.lua; heading jumps are <Plug>
-- maps, which park buffers map to ]] [[ ]h [h (option mappings).
command('ParkOutline', 'outline', 'Park: the outline of the report in the location list')
vim.api.nvim_create_user_command('ParkRenumber', function(args) require('park')._command('renumber', args) end, {
  bang = true,
  range = '%',
  desc = 'Park: renumber headings and 一是/二是 items continuously (whole buffer, or the sections in the range; ! without asking)',
})
for _, m in ipairs({
  { 'heading-next', 'heading', 1, 'next heading' },
  { 'heading-prev', 'heading', -1, 'previous heading' },
  { 'sibling-next', 'sibling', 1, 'next heading of the same level' },
  { 'sibling-prev', 'sibling', -1, 'previous heading of the same level' },
}) do
  vim.keymap.set({ 'n', 'x', 'o' }, '<Plug>(park-' .. m[1] .. ')', function()
    require('park.outline').jump(m[2], m[3], vim.v.count1)
  end, { desc = 'Park: ' .. m[4] })
end

local group = vim.api.nvim_create_augroup('park', { clear = true })

-- {event, pattern, description, callback}
for _, a in ipairs({
  { 'BufWritePost', nil, 'check report buffers after writing', function(args)
    if vim.bo[args.buf].filetype == 'park' then require('park.check').on_save(args.buf) end
  end },
  { 'BufReadPost', { '*.txt', '*.park' }, 'say so when a UTF-8 report was read as latin1', function(args)
    if vim.bo[args.buf].fileencoding == 'latin1' then require('park.encoding').check(args.buf) end
  end },
  { 'FileType', 'park', 'check report buffers when they are opened', function(args)
    require('park.check').on_open(args.buf)
  end },
  { 'ColorScheme', nil, 'restore default highlight links', function() require('park').create_default_hl() end },
  { 'VimLeavePre', nil, 'stop the helper', function()
    if package.loaded['park.helper'] then require('park.helper').stop() end
  end },
}) do
  vim.api.nvim_create_autocmd(a[1], { group = group, pattern = a[2], desc = 'Park: ' .. a[3], callback = a[4] })
end
