" Park in Vim 9 on `park lsp`, end to end on a corpus report: check,
" folds, fix and undo, outline, filetype detection, :help, a missing helper.
let s:root = $PARK_ROOT
let s:out = []
execute 'set rtp^=' . fnameescape(s:root)
filetype plugin on
syntax on
runtime plugin/park.vim
if !empty($PARK_BIN)
  let g:park_helper = $PARK_BIN
endif

function! s:wait(expr, ms) abort
  let t = 0
  while !eval(a:expr) && t < a:ms
    sleep 20m
    let t += 20
  endwhile
  if !eval(a:expr)
    throw 'timed out waiting for ' . a:expr
  endif
endfunction

function! s:eq(got, want, what) abort
  if a:got != a:want
    throw printf('%s: expected %s, got %s', a:what, string(a:want), string(a:got))
  endif
endfunction

function! s:report(name) abort
  let dir = tempname()
  call mkdir(dir, 'p')
  call writefile(readfile(s:root . '/tests/corpus/' . a:name, 'b'), dir . '/report.park', 'b')
  execute 'edit ' . fnameescape(dir . '/report.park')
  return dir . '/report.park'
endfunction

function! s:case(name, fn) abort
  try
    silent! %bwipeout!
    call setloclist(0, [], 'f')
    call call(a:fn, [])
    call add(s:out, 'ok ' . a:name)
  catch
    call add(s:out, 'FAIL ' . a:name . ': ' . v:exception . ' (' . v:throwpoint . ')')
  endtry
endfunction

function! s:check() abort
  call s:report('leadership-work-report.txt')
  call s:eq(&filetype, 'park', 'filetype')
  ParkCheck
  call s:wait('len(getloclist(0)) > 0', 10000)
  let items = getloclist(0)
  call s:eq(getloclist(0, {'title': 1}).title, 'Park', 'list title')
  if empty(filter(copy(items), {_, i -> i.text =~# 'usage.de-di'}))
    throw 'no 的/地 finding in ' . len(items) . ' items'
  endif
  " the column is where the flagged text is (byte columns, UTF-8 positions)
  let d = filter(copy(items), {_, i -> i.text =~# 'usage.de-di'})[0]
  call s:eq(strpart(getline(d.lnum), d.col - 1, 3), '的', 'text at the finding')
  call s:wait('!empty(prop_list(' . d.lnum . '))', 5000)
endfunction

function! s:folds() abort
  call s:report('leadership-work-report.txt')
  call s:wait('foldlevel(2) == 1', 10000)
  setlocal foldlevel=0
  normal! zx
  call s:eq(getline(2)[0:5], '一、', 'line 2 is a heading')
  call s:eq(foldclosed(3), 2, 'the section folds at its heading')
  call s:eq(foldclosed(1), -1, 'the opening paragraph is not folded')
endfunction

function! s:fix_undo() abort
  call s:report('leadership-work-report.txt')
  let before = getline(1, '$')
  ParkCheck
  call s:wait('len(getloclist(0)) > 0', 10000)
  let tick = b:changedtick
  ParkFix
  call s:wait('b:changedtick != ' . tick, 10000)
  if search('自觉地在', 'nw') == 0
    throw 'the 的/地 fix was not applied'
  endif
  silent undo
  call s:eq(getline(1, '$'), before, 'buffer after :ParkFix and u')
endfunction

function! s:fix_join() abort
  let dir = tempname()
  call mkdir(dir, 'p')
  let wrapped = ['园区工作报告', '　　今年以来，园区紧紧围绕年初确定的目标任', '务，坚持稳中求进工作总基调，扎实推进的各',
        \ '项工作，取得了明显成效。全年完成地区生产', '总值123亿元。', '　　全年工作稳步推进。']
  call writefile(wrapped, dir . '/wrapped.park')
  execute 'edit ' . fnameescape(dir . '/wrapped.park')
  ParkCheck
  call s:wait('len(getloclist(0)) > 0', 10000)
  call s:eq(len(filter(getloclist(0), {_, i -> i.text =~# 'artifact.hard-wrap'})), 1, 'hard-wrap findings')
  let tick = b:changedtick
  ParkFix
  call s:wait('b:changedtick != ' . tick, 10000)
  call s:eq(getline(1, '$'), [wrapped[0], join(wrapped[1:4], ''), wrapped[5]], 'the paragraph joined')
  silent undo
  call s:eq(getline(1, '$'), wrapped, 'buffer after :ParkFix and u')
endfunction

function! s:outline() abort
  call s:report('staff-meeting-speech.txt')
  ParkOutline
  call s:wait('len(getloclist(0)) > 0', 10000)
  let items = getloclist(0)
  call s:eq(getloclist(0, {'title': 1}).title, 'Park 大纲', 'title')
  if items[0].text !~# '^一、'
    throw 'first outline item: ' . items[0].text
  endif
  if empty(filter(copy(items), {_, i -> i.text =~# '^　（一）'}))
    throw 'no indented second-level heading'
  endif
endfunction

function! s:filetype_help() abort
  let dir = tempname()
  call mkdir(dir, 'p')
  call writefile(readfile(s:root . '/tests/corpus/staff-meeting-speech.txt', 'b'), dir . '/speech.txt', 'b')
  execute 'edit ' . fnameescape(dir . '/speech.txt')
  call s:eq(&filetype, 'park', 'a .txt report')
  help park
  call s:eq(&filetype, 'help', ':help park')
  helpclose
endfunction

function! s:missing_helper() abort
  call park#lsp#stop()
  let saved = get(g:, 'park_helper', '')
  let g:park_helper = '/nonexistent/park'
  try
    call s:report('leadership-work-report.txt')
    redir => msgs
    silent messages
    redir END
    if msgs !~# '找不到可执行的辅助程序 /nonexistent/park'
      throw 'no message: ' . msgs
    endif
  finally
    let g:park_helper = saved
  endtry
endfunction

call s:case('ParkCheck fills the location list at the findings, with text properties', function('s:check'))
call s:case('folds close at the headings', function('s:folds'))
call s:case('ParkFix then u leaves the buffer byte-identical', function('s:fix_undo'))
call s:case('ParkFix joins a hard-wrapped paragraph (an edit over lines); u restores it', function('s:fix_join'))
call s:case('ParkOutline lists the headings, indented by level', function('s:outline'))
function! s:snippet() abort
  call s:report('leadership-work-report.txt')
  call s:wait('!empty(prop_list(2, {"end_lnum": -1}))', 10000)
  call append(0, '园区tbzz')
  call park#lsp#expand_at(bufnr(), 1, strlen('园区tbzz'))
  call s:wait('getline(1) !=# "园区tbzz"', 10000)
  call s:eq(getline(1), '园区同比增长X%', 'the expanded trigger')
  call s:eq(maparg('<C-j>', 'i') =~# 'park#lsp#expand', 1, '<C-j> expands in park buffers')
endfunction

function! s:placeholders() abort
  call s:report('leadership-work-report.txt')
  ParkPlaceholders
  call s:wait('len(getloclist(0)) > 0', 10000)
  call s:eq(getloclist(0, {'title': 1}).title, 'Park 占位符', 'title')
  let first = getloclist(0)[0]
  call s:eq(strpart(getline(first.lnum), first.col - 1, 1), 'X', 'at the first placeholder')
  call cursor(1, 1)
  normal ]x
  call s:eq([line('.'), col('.')], [first.lnum, first.col], ']x lands on it')
endfunction

call s:case('a snippet trigger expands', function('s:snippet'))
call s:case('ParkPlaceholders lists the placeholders; ]x jumps to them', function('s:placeholders'))
call s:case('a .txt report is detected, and :help park works', function('s:filetype_help'))
call s:case('a missing helper is reported with its path', function('s:missing_helper'))
call add(s:out, '# done')
call writefile(s:out, $PARK_TEST_OUT)
qa!
