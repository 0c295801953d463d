" Park reports: *.park, *.park.txt, and *.txt files whose opening reads as a
" report (autoload/park/detect.vim scores it). filetype.vim has already set
" 'text' for *.txt by the time this runs, hence :set instead of :setfiletype.
au BufNewFile,BufRead *.park setfiletype park
au BufNewFile,BufRead *.park.txt set filetype=park
au BufRead *.txt if index(['', 'text'], &filetype) >= 0 && park#detect#buffer() | set filetype=park | endif
