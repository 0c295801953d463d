" Park for Vim 9: commands and autocommands only; the work happens in
" autoload/park/lsp.vim, a client of `park lsp`. Neovim uses plugin/park.lua.
if has('nvim') || exists('g:loaded_park') || v:version < 900 || !has('channel')
  finish
endif
let g:loaded_park = 1

command! ParkCheck call park#lsp#check(bufnr())
command! ParkFix call park#lsp#fix(bufnr())
command! ParkOutline call park#lsp#outline(bufnr())
command! ParkPlaceholders call park#lsp#placeholders(bufnr())
command! ParkRestart call park#lsp#restart()

augroup park
  autocmd!
  autocmd FileType park call park#lsp#attach(str2nr(expand('<abuf>')))
  autocmd BufWritePost * if &filetype ==# 'park' | call park#lsp#saved(str2nr(expand('<abuf>'))) | endif
  autocmd VimLeavePre * call park#lsp#stop()
augroup END
