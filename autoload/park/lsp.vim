" The Vim 9 client of `park lsp` (src/lsp.c), thin like the Neovim plugin:
" one helper job in LSP channel mode; each park buffer is opened on it and
" sent whole after a pause in changing it (150 ms); diagnostics arrive
" pushed and become text properties and signs; folding reads a cache of
" the server's folding ranges (never a request per line). Positions are
" negotiated as UTF-8, so the server's characters are Vim's byte columns.
" Nothing waits on the helper: every request has a callback.

let s:root = expand('<sfile>:p:h:h:h')
let s:job = v:null
let s:ready = 0
let s:bufs = {}       " bufnr -> {uri, version, timer, folds, diags, list}
let s:severities = ['Error', 'Warning', 'Info', 'Hint']

function! s:helper() abort
  return get(g:, 'park_helper', s:root . '/build/park')
endfunction

function! s:msg(text, ...) abort
  execute 'echohl' (a:0 ? a:1 : 'None')
  echomsg 'Park：' . a:text
  echohl None
endfunction

function! s:uri(buf) abort
  return 'file://' . substitute(fnamemodify(bufname(a:buf), ':p'), '[^A-Za-z0-9/._~-]', '\=printf("%%%02X", char2nr(submatch(0)))', 'g')
endfunction

function! s:text(buf) abort
  return join(getbufline(a:buf, 1, '$'), "\n") . "\n"
endfunction

" ---- the job -------------------------------------------------------------

function! s:start() abort
  if s:job isnot v:null && job_status(s:job) ==# 'run'
    return 1
  endif
  if !executable(s:helper())
    call s:msg('找不到可执行的辅助程序 ' . s:helper() . '（请在插件目录运行 make，或设置 g:park_helper）', 'ErrorMsg')
    return 0
  endif
  let s:ready = 0
  let s:job = job_start([s:helper(), 'lsp'], {
        \ 'in_mode': 'lsp', 'out_mode': 'lsp', 'err_mode': 'nl',
        \ 'out_cb': function('s:on_message'), 'err_cb': function('s:on_stderr'),
        \ 'exit_cb': function('s:on_exit')})
  if job_status(s:job) !=# 'run'
    call s:msg('无法启动辅助程序 ' . s:helper(), 'ErrorMsg')
    return 0
  endif
  call ch_sendexpr(job_getchannel(s:job), {'method': 'initialize', 'params': {
        \ 'processId': getpid(), 'rootUri': v:null,
        \ 'capabilities': {'general': {'positionEncodings': ['utf-8']}},
        \ 'initializationOptions': get(g:, 'park', {})}}, {'callback': function('s:on_initialized')})
  return 1
endfunction

function! s:send(msg, ...) abort
  if s:job is v:null || job_status(s:job) !=# 'run'
    return
  endif
  if a:0
    call ch_sendexpr(job_getchannel(s:job), a:msg, {'callback': a:1})
  else
    call ch_sendexpr(job_getchannel(s:job), a:msg)
  endif
endfunction

function! s:on_initialized(ch, reply) abort
  let s:ready = 1
  call s:send({'method': 'initialized', 'params': {}})
  for buf in keys(s:bufs)
    call s:open(str2nr(buf))
  endfor
endfunction

function! s:on_stderr(ch, line) abort
  let g:park_log = add(get(g:, 'park_log', [])[-199:], a:line)
endfunction

function! s:on_exit(job, status) abort
  if a:job isnot s:job
    return " a helper stopped before, exiting late
  endif
  let s:ready = 0
  let s:job = v:null
  if a:status != 0
    call s:msg(printf('辅助程序意外退出（状态 %d），下次使用时自动重启', a:status), 'WarningMsg')
  endif
endfunction

" Stops the helper; the next use starts a new one.
function! park#lsp#stop() abort
  if s:job isnot v:null && job_status(s:job) ==# 'run'
    call job_stop(s:job)
  endif
  let s:job = v:null
  let s:ready = 0
endfunction

function! park#lsp#restart() abort
  call park#lsp#stop()
  call s:start()
  call s:msg('辅助程序已重启')
endfunction

" ---- documents -----------------------------------------------------------

function! park#lsp#attach(buf) abort
  if has_key(s:bufs, a:buf) || bufname(a:buf) ==# ''
    return
  endif
  let s:bufs[a:buf] = {'uri': s:uri(a:buf), 'version': 1, 'timer': -1, 'folds': [], 'diags': [], 'list': 0}
  call setbufvar(a:buf, '&foldmethod', 'expr')
  call setbufvar(a:buf, '&foldexpr', 'park#lsp#foldexpr(v:lnum)')
  execute printf('augroup park_buf_%d | autocmd! | autocmd TextChanged,TextChangedI <buffer=%d> call s:changed(%d) | autocmd BufWipeout <buffer=%d> call s:close(%d) | augroup END',
        \ a:buf, a:buf, a:buf, a:buf, a:buf)
  nnoremap <buffer> <silent> ]x :<C-u>call park#lsp#placeholder(1)<CR>
  nnoremap <buffer> <silent> [x :<C-u>call park#lsp#placeholder(-1)<CR>
  if get(g:, 'park_snippet_keys', 1) && empty(maparg('<C-j>', 'i'))
    inoremap <buffer> <silent> <C-j> <Cmd>call park#lsp#expand()<CR>
  endif
  if s:start() && s:ready
    call s:open(a:buf)
  endif
endfunction

function! s:open(buf) abort
  let b = s:bufs[a:buf]
  call s:send({'method': 'textDocument/didOpen', 'params': {'textDocument': {
        \ 'uri': b.uri, 'languageId': 'park', 'version': b.version, 'text': s:text(a:buf)}}})
  call s:folds(a:buf)
endfunction

function! s:close(buf) abort
  if has_key(s:bufs, a:buf)
    call s:send({'method': 'textDocument/didClose', 'params': {'textDocument': {'uri': s:bufs[a:buf].uri}}})
    call remove(s:bufs, a:buf)
  endif
endfunction

function! s:changed(buf) abort
  let b = s:bufs[a:buf]
  call timer_stop(b.timer)
  let b.timer = timer_start(150, {-> s:sync(a:buf)})
endfunction

" Sends the whole text (the server checks once the input pauses) and asks
" for the folds of the new text.
function! s:sync(buf) abort
  if !has_key(s:bufs, a:buf) || !s:ready
    return
  endif
  let b = s:bufs[a:buf]
  let b.version += 1
  call s:send({'method': 'textDocument/didChange', 'params': {
        \ 'textDocument': {'uri': b.uri, 'version': b.version}, 'contentChanges': [{'text': s:text(a:buf)}]}})
  call s:folds(a:buf)
endfunction

function! park#lsp#saved(buf) abort
  if has_key(s:bufs, a:buf) && s:ready
    call s:sync(a:buf)
    call s:send({'method': 'textDocument/didSave', 'params': {'textDocument': {'uri': s:bufs[a:buf].uri}}})
  endif
endfunction

" ---- diagnostics ---------------------------------------------------------

function! s:on_message(ch, msg) abort
  if get(a:msg, 'method', '') ==# 'textDocument/publishDiagnostics'
    let p = a:msg.params
    for [buf, b] in items(s:bufs)
      if b.uri ==# p.uri
        call s:show(str2nr(buf), p.diagnostics, get(p, 'version', v:null))
      endif
    endfor
  endif
endfunction

function! s:types() abort
  if get(s:, 'types_done', 0)
    return
  endif
  let s:types_done = 1
  for [name, hl] in [['Error', 'SpellBad'], ['Warning', 'SpellCap'], ['Info', 'SpellRare'], ['Hint', 'SpellLocal']]
    call prop_type_add('ParkDiag' . name, {'highlight': hl, 'priority': 20})
    call sign_define('ParkDiag' . name, {'text': name[0] . '>', 'texthl': name ==# 'Error' ? 'ErrorMsg' : 'WarningMsg'})
  endfor
endfunction

function! s:show(buf, diags, version) abort
  if !bufloaded(a:buf)
    return
  endif
  let b = s:bufs[a:buf]
  if a:version isnot v:null && a:version != b.version
    return
  endif
  call s:types()
  let b.diags = a:diags
  for name in s:severities
    call prop_remove({'type': 'ParkDiag' . name, 'bufnr': a:buf, 'all': 1})
  endfor
  call sign_unplace('park', {'buffer': a:buf})
  for d in a:diags
    let name = s:severities[get(d, 'severity', 2) - 1]
    let l1 = d.range.start.line + 1
    let l2 = d.range.end.line + 1
    if l1 <= getbufinfo(a:buf)[0].linecount
      call prop_add(l1, d.range.start.character + 1, {'bufnr': a:buf, 'type': 'ParkDiag' . name,
            \ 'end_lnum': l2, 'end_col': d.range.end.character + 1})
      call sign_place(0, 'park', 'ParkDiag' . name, a:buf, {'lnum': l1})
    endif
  endfor
  if b.list
    let b.list = 0
    call s:fill_list(a:buf)
  endif
endfunction

function! s:fill_list(buf) abort
  let items = map(copy(s:bufs[a:buf].diags), {_, d -> {'bufnr': a:buf, 'lnum': d.range.start.line + 1,
        \ 'col': d.range.start.character + 1, 'type': s:severities[get(d, 'severity', 2) - 1][0],
        \ 'text': d.message . ' [' . get(d, 'code', '') . ']'}})
  let win = bufwinid(a:buf)
  call setloclist(win, [], ' ', {'title': 'Park', 'items': items})
  call s:msg(empty(items) ? '未发现问题' : printf('发现 %d 处问题', len(items)))
endfunction

" :ParkCheck: the findings of the current text, in the window's location list.
function! park#lsp#check(buf) abort
  if &filetype !=# 'park'
    setlocal filetype=park
  endif
  call park#lsp#attach(a:buf)
  if !has_key(s:bufs, a:buf)
    return
  endif
  call s:sync(a:buf)
  call s:send({'method': 'textDocument/diagnostic', 'params': {'textDocument': {'uri': s:bufs[a:buf].uri}}},
        \ function('s:on_pulled', [a:buf, s:bufs[a:buf].version]))
  if !s:ready
    let s:bufs[a:buf].list = 1
  endif
endfunction

function! s:on_pulled(buf, version, ch, reply) abort
  if !bufloaded(a:buf) || !has_key(s:bufs, a:buf) || has_key(a:reply, 'error')
    return
  endif
  call s:show(a:buf, a:reply.result.items, a:version)
  call s:fill_list(a:buf)
endfunction

" :ParkFix: every certain fix, as one undo step, if the text is still the one
" the server saw.
function! park#lsp#fix(buf) abort
  call park#lsp#attach(a:buf)
  if !has_key(s:bufs, a:buf)
    return
  endif
  call s:sync(a:buf)
  let last = line('$')
  call s:send({'method': 'textDocument/codeAction', 'params': {'textDocument': {'uri': s:bufs[a:buf].uri},
        \ 'range': {'start': {'line': 0, 'character': 0}, 'end': {'line': last, 'character': 0}},
        \ 'context': {'diagnostics': [], 'only': ['source.fixAll']}}},
        \ function('s:on_fixes', [a:buf, getbufvar(a:buf, 'changedtick')]))
endfunction

function! s:on_fixes(buf, tick, ch, reply) abort
  if !bufloaded(a:buf)
    return
  endif
  if getbufvar(a:buf, 'changedtick') != a:tick
    return s:msg('文本已改动，请再运行 :ParkFix', 'WarningMsg')
  endif
  let actions = get(a:reply, 'result', [])
  if empty(actions)
    return s:msg('没有可自动修正的问题')
  endif
  let edits = values(actions[0].edit.changes)[0]
  call sort(edits, {a, b -> a.range.start.line != b.range.start.line ? b.range.start.line - a.range.start.line
        \ : b.range.start.character - a.range.start.character})
  for e in edits
    call s:apply_edit(a:buf, e)
  endfor
  call s:msg(printf('已修正 %d 处', len(edits)))
  call s:sync(a:buf)
endfunction

" Applies one TextEdit (byte columns), which may span lines (a join of a
" hard-wrapped paragraph) or insert them.
function! s:apply_edit(buf, e) abort
  let first = a:e.range.start.line + 1
  let last = a:e.range.end.line + 1
  let head = strpart(getbufline(a:buf, first)[0], 0, a:e.range.start.character)
  let tail = strpart(getbufline(a:buf, last)[0], a:e.range.end.character)
  let lines = split(head . a:e.newText . tail, "\n", 1)
  if last > first
    call deletebufline(a:buf, first + 1, last)
  endif
  call setbufline(a:buf, first, lines[0])
  if len(lines) > 1
    call appendbufline(a:buf, first, lines[1:])
  endif
endfunction

" ---- outline and folds ---------------------------------------------------

function! s:folds(buf) abort
  call s:send({'method': 'textDocument/foldingRange', 'params': {'textDocument': {'uri': s:bufs[a:buf].uri}}},
        \ function('s:on_folds', [a:buf, s:bufs[a:buf].version]))
endfunction

" The fold level of every line from the ranges: the number of ranges that
" hold it, '>N' where one starts.
function! s:on_folds(buf, version, ch, reply) abort
  if !bufloaded(a:buf) || !has_key(s:bufs, a:buf) || s:bufs[a:buf].version != a:version || type(get(a:reply, 'result', 0)) != v:t_list
    return
  endif
  let n = getbufinfo(a:buf)[0].linecount
  let depth = repeat([0], n + 1)
  let starts = {}
  for r in a:reply.result
    for l in range(r.startLine, min([r.endLine, n - 1]))
      let depth[l] += 1
    endfor
    let starts[r.startLine] = 1
  endfor
  let s:bufs[a:buf].folds = map(range(n), {l -> has_key(starts, l) ? '>' . depth[l] : depth[l]})
  for win in win_findbuf(a:buf)
    call win_execute(win, 'setlocal foldexpr=park#lsp#foldexpr(v:lnum)')
  endfor
endfunction

function! park#lsp#foldexpr(lnum) abort
  let f = get(get(s:bufs, bufnr(), {}), 'folds', [])
  return a:lnum <= len(f) ? f[a:lnum - 1] : 0
endfunction

function! park#lsp#outline(buf) abort
  call park#lsp#attach(a:buf)
  if has_key(s:bufs, a:buf)
    call s:send({'method': 'textDocument/documentSymbol', 'params': {'textDocument': {'uri': s:bufs[a:buf].uri}}},
          \ function('s:on_symbols', [a:buf]))
  endif
endfunction

function! s:flatten(buf, syms, depth, out) abort
  for s in a:syms
    call add(a:out, {'bufnr': a:buf, 'lnum': s.selectionRange.start.line + 1,
          \ 'col': s.selectionRange.start.character + 1, 'text': repeat('　', a:depth) . s.name})
    call s:flatten(a:buf, get(s, 'children', []), a:depth + 1, a:out)
  endfor
  return a:out
endfunction

function! s:on_symbols(buf, ch, reply) abort
  if !bufloaded(a:buf)
    return
  endif
  let items = s:flatten(a:buf, get(a:reply, 'result', []), 0, [])
  call setloclist(bufwinid(a:buf), [], ' ', {'title': 'Park 大纲', 'items': items})
  if empty(items)
    call s:msg('未找到标题（一、（一）1.（1）①……）')
  endif
endfunction

" :ParkPlaceholders: every unfilled placeholder in the location list.
function! park#lsp#placeholders(buf) abort
  call park#lsp#attach(a:buf)
  if !has_key(s:bufs, a:buf)
    return
  endif
  call s:sync(a:buf)
  call s:send({'method': 'workspace/executeCommand', 'params': {'command': 'park.placeholders',
        \ 'arguments': [{'uri': s:bufs[a:buf].uri}]}}, function('s:on_placeholders', [a:buf]))
endfunction

function! s:on_placeholders(buf, ch, reply) abort
  if !bufloaded(a:buf)
    return
  endif
  let items = map(copy(get(a:reply, 'result', [])), {_, p -> {'bufnr': a:buf, 'lnum': p.range.start.line + 1,
        \ 'col': p.range.start.character + 1, 'text': p.message}})
  call setloclist(bufwinid(a:buf), [], ' ', {'title': 'Park 占位符', 'items': items})
  call s:msg(empty(items) ? '没有未填写的占位符' : printf('%d 处占位符未填写', len(items)))
endfunction

" ---- snippets ------------------------------------------------------------

" <C-j> in Insert mode: the snippet whose trigger ends the text before the
" cursor is expanded (its tabstops at their defaults; Vim has no snippet
" engine here), when the server's completion answers and nothing moved.
function! park#lsp#expand() abort
  call park#lsp#expand_at(bufnr(), line('.'), col('.') - 1)
  return ''
endfunction

" The same for the byte column col (0-based, the end of the trigger) of line lnum.
function! park#lsp#expand_at(buf, lnum, col) abort
  if !has_key(s:bufs, a:buf) || !s:ready
    return
  endif
  call s:sync(a:buf)
  let word = matchstr(strpart(getbufline(a:buf, a:lnum)[0], 0, a:col), '\S\+$')
  call s:send({'method': 'textDocument/completion', 'params': {'textDocument': {'uri': s:bufs[a:buf].uri},
        \ 'position': {'line': a:lnum - 1, 'character': a:col}}},
        \ function('s:on_completion', [a:buf, a:lnum, getbufvar(a:buf, 'changedtick'), word]))
endfunction

function! s:on_completion(buf, lnum, tick, word, ch, reply) abort
  if !bufloaded(a:buf) || getbufvar(a:buf, 'changedtick') != a:tick
    return
  endif
  let items = get(get(a:reply, 'result', {}), 'items', [])
  let hit = filter(copy(items), {_, i -> a:word[-len(i.label):] ==# i.label})
  if empty(hit)
    return s:msg('光标前没有片段触发词')
  endif
  call sort(hit, {a, b -> len(b.label) - len(a.label)})
  let e = hit[0].textEdit
  let line = getbufline(a:buf, a:lnum)[0]
  let lines = split(strpart(line, 0, e.range.start.character) . e.newText . strpart(line, e.range.end.character), "\n", 1)
  call setbufline(a:buf, a:lnum, lines[0])
  if len(lines) > 1
    call appendbufline(a:buf, a:lnum, lines[1:])
  endif
  if bufnr() == a:buf
    call cursor(a:lnum + len(lines) - 1, len(lines[-1]) + 1)
  endif
endfunction

" ]x / [x: the next / previous placeholder (the syntax file's patterns).
function! park#lsp#placeholder(dir) abort
  let pat = '\%([A-Za-z]\)\@<![XxＸ]\+\%([A-Za-z]\)\@!\|[*＊]\+\|【\%(待\|此处\|略\)[^】]*】\|\d\@<!×\+'
  for _ in range(v:count1)
    call search(pat, a:dir > 0 ? 'W' : 'bW')
  endfor
endfunction
