" Park reports (公文): heading levels, unfilled placeholders, quoted slogans.
" Group names match lua/park/init.lua, which restores the links on ColorScheme.
"
" This is the first paint, before the helper has answered; it approximates
" the helper's definitions and does not replace them:
"   headings      outline_marker() in src/outline.c (levels 1-4 here; the
"                 helper also knows ①, 1）, 第一部分 and the looser forms)
"   items         outline_items.c (一是 …)
"   placeholders  placeholder_scan() in src/placeholder.c, whose extmarks
"                 (lua/park/placeholder.lua) are what jumps and :ParkFill use
" tests/nvim/test_syntax.lua checks that both agree on the corpus reports.
if exists('b:current_syntax')
  finish
endif

syn match ParkPlaceholder /\%([A-Za-z]\)\@<![XxＸ]\+\%([A-Za-z]\)\@!\%(亿元\|万元\|元\|%\|％\)\=/
" a slot before a unit abbreviation: XKV变电站, XMW (data/placeholder-words.txt [abbrev_after])
syn match ParkPlaceholder /\%([A-Za-z]\)\@<![XxＸ]\+\ze\%([kKMG][VW]h\=\|[kK]VA\|MVA\|k[vw]\|km\)\%([A-Za-z]\)\@!/
syn match ParkPlaceholder /\d\@<!×\+/
syn match ParkPlaceholder /[*＊]\+/
syn match ParkPlaceholder /【\%(待\|此处\|略\)[^】]*】/
syn match ParkPlaceholder /（略）/

syn match ParkSlogan /“[^”]*”/ contains=ParkPlaceholder

syn match ParkItem /\%(^[[:space:]　]*\|[。；：]\)\zs[一二三四五六七八九十]\{1,3}是/

syn match ParkHeading1 /^[[:space:]　]*[一二三四五六七八九十]\{1,3}、[^。]*/ contains=ParkPlaceholder,ParkSlogan
syn match ParkHeading2 /^[[:space:]　]*[（(][一二三四五六七八九十]\{1,3}[）)][^。]*/ contains=ParkPlaceholder,ParkSlogan
syn match ParkHeading3 /^[[:space:]　]*\d\{1,2}[.．]\d\@![^。]*/ contains=ParkPlaceholder,ParkSlogan
syn match ParkHeading4 /^[[:space:]　]*[（(]\d\{1,2}[）)][^。]*/ contains=ParkPlaceholder,ParkSlogan

hi def link ParkHeading1 Title
hi def link ParkHeading2 Identifier
hi def link ParkHeading3 Statement
hi def link ParkHeading4 Type
hi def link ParkItem Special
hi def link ParkPlaceholder Todo
hi def link ParkSlogan String

let b:current_syntax = 'park'
