" Park reports: *.park, *.park.txt, and *.txt files whose first 30 lines hold
" two or more top-level headings (一、 二、 …). filetype.vim has already set
" 'text' for *.txt by the time this runs, hence :set instead of :setfiletype.
" The heading test is the level-1 form (一、) of outline_marker() in
" src/outline.c; tests/nvim/test_syntax.lua checks it finds the corpus
" reports' 一、 headings as the helper does.
au BufNewFile,BufRead *.park setfiletype park
au BufNewFile,BufRead *.park.txt set filetype=park
au BufRead *.txt if index(['', 'text'], &filetype) >= 0 && len(filter(getline(1, 30), 'v:val =~# ''^[[:space:]　]*[一二三四五六七八九十]\{1,3}、''')) >= 2 | set filetype=park | endif
