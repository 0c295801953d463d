" Is this .txt file a report? A score of its opening (the first 200 lines,
" each cut at 2000 bytes), for ftdetect/park.vim. Reports announce
" themselves by a numbered structure and by their vocabulary; neither alone
" is enough, so a Chinese manual with 一、安装 二、配置 or a news item about a
" 开发区 stays 'text'.
"
"   structure  level-1 headings 一、 (or 第一部分) at a line start, 3 points
"              each (at most 3 counted); 一、 right after 。；！？ inside a
"              line (PDF text that ran headings into paragraphs), 2 each;
"              （一） at a line start, 2 each; 一是…二是…, 3; 第一，…第二，, 2;
"              a salutation line (同志们：) among the first ten, 4
"   vocabulary distinct report words (s:words), 1 each, at most 8
"   title      a line among the first five ending in 报告, 总结, 讲话 …, 3
"
" A file is claimed when it has two line-start level-1 headings and at
" least one report word (the old rule, made safer), or structure ≥ 4,
" vocabulary ≥ 3 and a total ≥ 10. tests/nvim/test_filetype.lua measures
" it both ways; bench/bench.py on every .txt file of the machine too.

let s:num = '[一二三四五六七八九十]\{1,3}'
let s:h1 = '^[[:space:]　]*\%(' . s:num . '、\|第' . s:num . '\%(部分\|章\)\)'
let s:h1_inline = '[。；！？]\s*' . s:num . '、'
let s:h2 = '^[[:space:]　]*[（(]' . s:num . '[）)]'
let s:salutation = '^[[:space:]　]*\%(同志们\|各位领导\|各位代表\|各位来宾\)[，,：:]'
let s:title = '\%(报告\|总结\|讲话\|发言\|汇报\|述职\|述廉\|提纲\|方案\|意见\|要点\|计划\|致辞\)[[:space:]　]*$'
let s:words = ['同志们', '工作报告', '工作总结', '述职', '述廉', '党委', '党组', '党工委', '管委会', '园区',
      \ '开发区', '高新区', '产业集聚区', '贯彻落实', '习近平', '新时代', '高质量发展', '十九大', '二十大',
      \ '全会精神', '重要讲话', '决策部署', '从严治党', '党风廉政', '招商引资', '营商环境', '项目建设',
      \ '同比增长', '亿元', '主体责任', '以人民为中心', '稳中有进', '乡村振兴', '基层党建', '存在问题',
      \ '总体情况', '主要做法', '下一步', '工作打算', '取得成效', '主要成绩', '意见建议', '上级', '扎实推进',
      \ '持续推进', '全面落实', '统筹', '民主生活会', '以案促改', '两个维护', '四个意识']

" The score of lines (a list of strings): {headings (line-start level-1
" headings), structure, vocabulary, title, total, park}.
function! park#detect#score(lines) abort
  let lines = map(copy(a:lines[:199]), 'strpart(v:val, 0, 2000)')
  let text = join(lines, "\n")
  let h1 = len(filter(copy(lines), 'v:val =~# s:h1'))
  let h2 = len(filter(copy(lines), 'v:val =~# s:h2'))
  let inline = 0
  let at = match(text, s:h1_inline)
  while at >= 0 && inline < 3
    let inline += 1
    let at = match(text, s:h1_inline, at + 1)
  endwhile
  let structure = min([h1, 3]) * 3 + inline * 2 + min([h2, 3]) * 2
  if stridx(text, '一是') >= 0 && stridx(text, '二是') >= 0
    let structure += 3
  endif
  if stridx(text, '第一，') >= 0 && stridx(text, '第二，') >= 0
    let structure += 2
  endif
  if len(filter(lines[:9], 'v:val =~# s:salutation')) > 0
    let structure += 4
  endif
  let vocabulary = min([len(filter(copy(s:words), 'stridx(text, v:val) >= 0')), 8])
  let title = len(filter(filter(copy(lines), 'v:val !~# ''^[[:space:]　]*$''')[:4], 'v:val =~# s:title')) > 0 ? 3 : 0
  let total = structure + vocabulary + title
  let park = (h1 >= 2 && vocabulary >= 1) || (structure >= 4 && vocabulary >= 3 && total >= 10)
  return {'headings': h1, 'structure': structure, 'vocabulary': vocabulary, 'title': title, 'total': total, 'park': park}
endfunction

" Whether the current buffer reads as a report.
function! park#detect#buffer() abort
  return park#detect#score(getline(1, 200)).park
endfunction
