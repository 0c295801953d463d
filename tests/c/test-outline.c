/* test-outline.c -- the outline parser: every marker form, numerals, line
 * kinds (title, salutation, closing, page counters), nesting, fold levels,
 * flattened headings, per-line marks kept between parses, the three corpus
 * reports, and the single-line questions the checks ask
 * (outline_line_marker, outline_page_counter). */

#include "task.h"
#include "test-outline.h"

/* Marker at the start of s: style, number and marker length, or -1. */
static int marker(const char *s, int *number, size_t *len)
{
    outline_heading h;
    if (!outline_marker(s, strlen(s), 0, &h)) return -1;
    if (number) *number = h.number;
    if (len) *len = h.mend;
    return h.style;
}

#define MARK(s, style, num, mlen)                                                                                      \
    do {                                                                                                               \
        int n_ = 0;                                                                                                    \
        size_t l_ = 0;                                                                                                 \
        ASSERT_INT_EQ(marker(s, &n_, &l_), style);                                                                     \
        ASSERT_INT_EQ(n_, num);                                                                                        \
        ASSERT_INT_EQ(l_, mlen);                                                                                       \
    } while (0)

TEST_IMPL(outline_marker_recognises_every_standard_form)
{
    MARK("一、加强组织领导", OUTLINE_STYLE_CJK_DUN, 1, 6);
    MARK("十一、其他工作", OUTLINE_STYLE_CJK_DUN, 11, 9);
    MARK("二十三、其他", OUTLINE_STYLE_CJK_DUN, 23, 12);
    MARK("（二）项目为王", OUTLINE_STYLE_PAREN_CJK, 2, 9);
    MARK("3.加快规划编制", OUTLINE_STYLE_ARABIC_DOT, 3, 2);
    MARK("12.加快规划编制", OUTLINE_STYLE_ARABIC_DOT, 12, 3);
    MARK("（4）强化项目谋划", OUTLINE_STYLE_PAREN_ARABIC, 4, 7);
    MARK("⑤完善道路管网", OUTLINE_STYLE_CIRCLED, 5, 3);
    MARK("⑳完善道路管网", OUTLINE_STYLE_CIRCLED, 20, 3);
    MARK("㉑完善道路管网", OUTLINE_STYLE_CIRCLED, 21, 3);
    MARK("第一部分 工作回顾", OUTLINE_STYLE_DI_PART, 1, 12);
    MARK("第十二章 附则", OUTLINE_STYLE_DI_CHAPTER, 12, 12);
    MARK("第3节 附则", OUTLINE_STYLE_DI_SECTION, 3, 7);
    outline_heading h;
    ASSERT(outline_marker("（一）x", strlen("（一）x"), 0, &h));
    ASSERT_INT_EQ(h.level, 2);
    ASSERT_INT_EQ(h.family, OUTLINE_FAM_L2);
    ASSERT_INT_EQ(h.nstart, 3);
    ASSERT_INT_EQ(h.nend, 6);
    ASSERT(outline_marker("第一部分", strlen("第一部分"), 0, &h));
    ASSERT_INT_EQ(h.level, 0);
}

TEST_IMPL(outline_marker_recognises_non_standard_forms_as_their_level)
{
    MARK("一.加强", OUTLINE_STYLE_CJK_DOT, 1, 4);
    MARK("一．加强", OUTLINE_STYLE_CJK_DOT, 1, 6);
    MARK("二，积极干事", OUTLINE_STYLE_CJK_COMMA, 2, 6);
    MARK("一：加强", OUTLINE_STYLE_CJK_COMMA, 1, 6);
    MARK("一 加强", OUTLINE_STYLE_CJK_SPACE, 1, 4);
    MARK("一　加强", OUTLINE_STYLE_CJK_SPACE, 1, 6);
    MARK("(一)项目", OUTLINE_STYLE_PAREN_CJK_HALF, 1, 5);
    MARK("（一)项目", OUTLINE_STYLE_PAREN_CJK_HALF, 1, 7);
    MARK("一）坚持", OUTLINE_STYLE_CJK_RPAREN, 1, 6);
    MARK("一)坚持", OUTLINE_STYLE_CJK_RPAREN, 1, 4);
    MARK("1．加快", OUTLINE_STYLE_ARABIC_FULLDOT, 1, 4);
    MARK("1、加快", OUTLINE_STYLE_ARABIC_DUN, 1, 4);
    MARK("2，全面", OUTLINE_STYLE_ARABIC_DUN, 2, 4);
    MARK("(1)强化", OUTLINE_STYLE_PAREN_ARABIC_OPEN, 1, 3);
    MARK("（1)强化", OUTLINE_STYLE_PAREN_ARABIC_CLOSE, 1, 5);
    MARK("1）强化", OUTLINE_STYLE_ARABIC_RPAREN, 1, 4);
    /* A stray mark after the marker belongs to it. */
    MARK("（一）、项目", OUTLINE_STYLE_PAREN_CJK, 1, 12);
    MARK("（1）、强化", OUTLINE_STYLE_PAREN_ARABIC, 1, 10);
    MARK("一、：加强", OUTLINE_STYLE_CJK_DUN, 1, 9);
    MARK("①、完善", OUTLINE_STYLE_CIRCLED, 1, 6);
}

TEST_IMPL(outline_marker_rejects_ordinary_text)
{
    static const char *const no[] = {"一是加强组织领导", "一、二批项目", "一、二季度", "1.5亿元专项资金", "1、2月份",
                                     "2023年，园区实现", "2023.加强", "第一次会议", "第一，要提高", "一方面要加强",
                                     "十分重要", "一二三四、", "一，二", "一 2023", "（）加强", "（一加强",
                                     "第一", "", "   ", "123.加强", "一",
                                     "24. 3亿元，同比增长", "3.  5%"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        if (marker(no[i], NULL, NULL) != -1) {
            task_fail(__FILE__, __LINE__, "taken for a marker: %s", no[i]);
            return;
        }
    }
    /* 一、2022年工作回顾 and 1. 2024年工作回顾 are headings; 24. 3亿元 is a broken decimal. */
    MARK("一、2022年工作回顾", OUTLINE_STYLE_CJK_DUN, 1, 6);
    MARK("1. 2024年工作回顾", OUTLINE_STYLE_ARABIC_DOT, 1, 2);
}

TEST_IMPL(outline_numerals_read_and_write_round_trip)
{
    int sys;
    sbuf b = SBUF_INIT;
    for (int v = 1; v <= 99; v++) {
        sbuf_clear(&b);
        ASSERT(outline_format_numeral(&b, v, OUTLINE_NUM_CJK));
        ASSERT_INT_EQ(outline_numeral(b.s, b.len, &sys), v);
        ASSERT_INT_EQ(sys, OUTLINE_NUM_CJK);
        sbuf_clear(&b);
        ASSERT(outline_format_numeral(&b, v, OUTLINE_NUM_ARABIC));
        ASSERT_INT_EQ(outline_numeral(b.s, b.len, &sys), v);
        ASSERT_INT_EQ(sys, OUTLINE_NUM_ARABIC);
    }
    for (int v = 1; v <= 50; v++) {
        sbuf_clear(&b);
        ASSERT(outline_format_numeral(&b, v, OUTLINE_NUM_CIRCLED));
        ASSERT_INT_EQ(outline_numeral(b.s, b.len, &sys), v);
        ASSERT_INT_EQ(sys, OUTLINE_NUM_CIRCLED);
    }
    sbuf_clear(&b);
    outline_format_numeral(&b, 21, OUTLINE_NUM_CJK);
    ASSERT_STR_EQ(b.s, "二十一");
    sbuf_clear(&b);
    outline_format_numeral(&b, 10, OUTLINE_NUM_CJK);
    ASSERT_STR_EQ(b.s, "十");
    ASSERT(!outline_format_numeral(&b, 100, OUTLINE_NUM_CJK));
    ASSERT(!outline_format_numeral(&b, 51, OUTLINE_NUM_CIRCLED));
    ASSERT_INT_EQ(outline_numeral("一十", strlen("一十"), NULL), 0);
    ASSERT_INT_EQ(outline_numeral("二二", strlen("二二"), NULL), 0);
    sbuf_free(&b);
}

TEST_IMPL(outline_frame_title_salutation_closing)
{
    parse("在园区干部职工大会上的讲话\n——2023年1月5日\n\n各位代表、同志们：\n今年以来，园区各项工作稳步推进。\n"
          "一、主要成绩\n园区经济稳中有进。\n二、下一步工作\n我们要再接再厉。\n就讲这些，谢谢大家！\nXX园区管委会\n2023年1月5日\n",
          OUTLINE_TITLES);
    ASSERT_INT_EQ(tol.kind[0], OUTLINE_TITLE);
    ASSERT_INT_EQ(tol.kind[1], OUTLINE_TITLE);
    ASSERT_INT_EQ(tol.kind[2], OUTLINE_BLANK);
    ASSERT_INT_EQ(tol.kind[3], OUTLINE_SALUTATION);
    ASSERT_INT_EQ(tol.kind[4], OUTLINE_BODY);
    ASSERT_INT_EQ(tol.kind[5], OUTLINE_HEADING);
    ASSERT_INT_EQ(tol.kind[8], OUTLINE_BODY);
    ASSERT_INT_EQ(tol.kind[9], OUTLINE_CLOSING);
    ASSERT_INT_EQ(tol.kind[10], OUTLINE_CLOSING);
    ASSERT_INT_EQ(tol.kind[11], OUTLINE_CLOSING);
    /* Closing lines are outside every fold; the last section ends before them. */
    ASSERT_INT_EQ(tol.fold[8], 1);
    ASSERT_INT_EQ(tol.fold[9], 0);
    ASSERT_INT_EQ(tol.h[1].end_line, 9);
    /* A report that starts with its body has no title. */
    parse("近年以来，在区委的正确领导下，园区各项工作稳步推进。\n一、加强基层组织建设\n以上报告，请审议。\n", OUTLINE_FOLDS);
    ASSERT_INT_EQ(tol.kind[0], OUTLINE_BODY);
    ASSERT_INT_EQ(tol.kind[2], OUTLINE_CLOSING);
    done();
}

TEST_IMPL(outline_attachment_note_numbers_no_headings)
{
    parse("一、主要工作\n园区经济稳中有进。\n附件：1.园区重点项目清单\n　　　2.园区重大隐患挂牌督办清单\n\n"
          "2.不在附件说明里的标题\n",
          OUTLINE_TITLES);
    ASSERT_INT_EQ(tol.kind[2], OUTLINE_CLOSING);
    ASSERT_INT_EQ(tol.kind[3], OUTLINE_CLOSING);
    ASSERT_INT_EQ(tol.kind[5], OUTLINE_HEADING);
    ASSERT_INT_EQ(tol.nh, 2);
    done();
}

TEST_IMPL(outline_runin_title_ends_at_the_first_full_stop)
{
    parse("一、总体情况\n（一）强化政治意识，超前部署防疫工作。按照上级部署，园区第一时间成立专班。\n（二）完善工作机制\n",
          OUTLINE_TITLES);
    ASSERT_INT_EQ(tol.nh, 3);
    const outline_heading *h = &tol.h[1];
    const char *s = tdoc.lines[1].s;
    ASSERT(h->runin);
    ASSERT_MEM_EQ(s + h->tstart, h->tend - h->tstart, "强化政治意识，超前部署防疫工作");
    ASSERT_MEM_EQ(s + h->col, h->mend - h->col, "（一）");
    ASSERT(!tol.h[0].runin);
    ASSERT(!tol.h[2].runin);
    ASSERT_MEM_EQ(tdoc.lines[2].s + tol.h[2].tstart, tol.h[2].tend - tol.h[2].tstart, "完善工作机制");
    /* A heading alone on its line with a stray 。 is not run-in. */
    parse("（一）加强组织领导。\n正文。\n", OUTLINE_TITLES);
    ASSERT(!tol.h[0].runin);
    done();
}

TEST_IMPL(outline_page_counter_is_an_artifact_not_a_heading)
{
    parse("一、主要成绩\n园区全年完成固定资产投资12亿元，较上年有较大幅度\n3、增长，其中工业投资占比进一步提高。\n"
          "存在问题如下：\n1、投入不足。\n2、人才短缺。\n",
          OUTLINE_FOLDS);
    ASSERT_INT_EQ(tol.kind[2], OUTLINE_ARTIFACT);
    ASSERT_INT_EQ(tol.kind[4], OUTLINE_HEADING);
    ASSERT_INT_EQ(tol.kind[5], OUTLINE_HEADING);
    ASSERT_INT_EQ(tol.nh, 3);
    ASSERT_INT_EQ(tol.fold[2], 1);
    done();
}

/* o and p are the same outline. */
static int same_outline(const outline *o, const outline *p)
{
    if (o->nlines != p->nlines || o->nh != p->nh || o->nitems != p->nitems) return 0;
    if (memcmp(o->kind, p->kind, o->nlines) || memcmp(o->fold, p->fold, o->nlines * sizeof *o->fold)) return 0;
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *a = &o->h[i], *b = &p->h[i];
        if (a->line != b->line || a->col != b->col || a->mend != b->mend || a->nstart != b->nstart ||
            a->nend != b->nend || a->tstart != b->tstart || a->tend != b->tend || a->end_line != b->end_line ||
            a->style != b->style || a->depth != b->depth || a->number != b->number || a->parent != b->parent ||
            a->runin != b->runin || a->flat != b->flat)
            return 0;
    }
    return 1;
}

static int kind_of(const char *text, size_t line)
{
    parse(text, OUTLINE_FOLDS);
    int k = tol.kind[line];
    done();
    return k;
}

/* Parses text with marks (those set are used, the others read and set)
 * and without, and compares. */
static int marked_matches(const char *text, outline_mark *marks, int flags)
{
    doc_text d;
    outline a, b;
    doc_init(&d, text, strlen(text));
    outline_parse(&a, &d, flags);
    outline_parse_with(&b, &d, flags, marks, NULL);
    int ok = same_outline(&a, &b);
    outline_free(&a), outline_free(&b);
    doc_free(&d);
    return ok;
}

TEST_IMPL(outline_marks_kept_per_line_give_the_same_outline)
{
    /* line 3 is a page counter after line 2's unfinished sentence: the
     * mark of line 3 alone cannot tell, its neighbour decides */
    static const char before[] = "园区工作报告\n\n一、主要成绩\n全年完成投资12亿元，较上年有较大幅度\n3、增长，工业投资占比提高。\n"
                                 "（一）项目 建设\n一 加强组织领导\n  ①完善管网\n2、人才短缺。\n谢谢大家！\n";
    static const char after[] = "园区工作报告\n\n一、主要成绩\n全年完成投资12亿元，较上年有较大幅度增长。\n3、增长，工业投资占比提高。\n"
                                "（一）项目 建设\n一 加强组织领导\n  ①完善管网\n2、人才短缺。\n谢谢大家！\n";
    outline_mark marks[16];
    int flags[] = {OUTLINE_FOLDS, OUTLINE_TITLES, OUTLINE_FLAT, OUTLINE_ITEMS};
    for (size_t f = 0; f < sizeof flags / sizeof *flags; f++) {
        memset(marks, 0, sizeof marks);
        ASSERT(marked_matches(before, marks, flags[f]));
        ASSERT_INT_EQ(marks[1].kind, OUTLINE_MARK_BLANK);
        ASSERT_INT_EQ(marks[2].kind, OUTLINE_MARK_HEADING);
        ASSERT_INT_EQ(marks[3].kind, OUTLINE_MARK_TEXT);
        ASSERT_INT_EQ(marks[4].kind, OUTLINE_MARK_HEADING); /* its marker; the parse decides it is debris */
        /* the marks are reused as they are: a second parse matches too */
        ASSERT(marked_matches(before, marks, flags[f]));
        /* line 3 changes (its mark is read again): line 4 becomes a heading */
        marks[3].kind = OUTLINE_MARK_UNSET;
        ASSERT(marked_matches(after, marks, flags[f]));
        ASSERT(kind_of(before, 4) == OUTLINE_ARTIFACT && kind_of(after, 4) == OUTLINE_HEADING);
    }
    /* the parse trusts a mark that is set: a wrong one shows */
    memset(marks, 0, sizeof marks);
    ASSERT(marked_matches(before, marks, OUTLINE_FOLDS));
    marks[2].kind = OUTLINE_MARK_BLANK;
    ASSERT(!marked_matches(before, marks, OUTLINE_FOLDS));
}

TEST_IMPL(outline_nesting_follows_the_author)
{
    /* 一、 → 1. skips a level: 1. nests at depth 2. */
    parse("一、主要工作\n1.项目建设\n2.招商引资\n二、下一步\n（一）强化招商\n1.招大引强\n（二）优化服务\n", OUTLINE_FOLDS);
    static const int depth[] = {1, 2, 2, 1, 2, 3, 2};
    static const int parent[] = {-1, 0, 0, -1, 3, 4, 3};
    ASSERT_INT_EQ(tol.nh, 7);
    for (size_t i = 0; i < 7; i++) {
        ASSERT_INT_EQ(tol.h[i].depth, depth[i]);
        ASSERT_INT_EQ(tol.h[i].parent, parent[i]);
    }
    static const int fold[] = {-1, -2, -2, -1, -2, -3, -2};
    for (size_t l = 0; l < 7; l++) ASSERT_INT_EQ(tol.fold[l], fold[l]);
    /* Reversed: （一） under 1. nests (and is flagged elsewhere). */
    parse("一、主要工作\n1.项目建设\n（一）加快开工\n（二）加快投产\n2.招商引资\n", OUTLINE_FOLDS);
    ASSERT_INT_EQ(tol.h[2].depth, 3);
    ASSERT_INT_EQ(tol.h[2].parent, 1);
    ASSERT_INT_EQ(tol.h[4].depth, 2);
    /* More senior than everything open: back to the top. */
    parse("（一）项目建设\n1.加快开工\n一、下一步打算\n（一）强化招商\n", OUTLINE_FOLDS);
    ASSERT_INT_EQ(tol.h[2].depth, 1);
    ASSERT_INT_EQ(tol.h[2].parent, -1);
    ASSERT_INT_EQ(tol.h[3].depth, 2);
    /* 第一部分 above 一、 */
    parse("第一部分 工作回顾\n一、经济发展\n第二部分 工作安排\n一、招大引强\n", OUTLINE_FOLDS);
    ASSERT_INT_EQ(tol.h[1].depth, 2);
    ASSERT_INT_EQ(tol.h[2].depth, 1);
    ASSERT_INT_EQ(tol.h[3].parent, 2);
    done();
}

TEST_IMPL(outline_body_lines_carry_their_section_level)
{
    parse("园区工作报告\n\n一、主要工作\n正文一。\n\n（一）项目建设。正文。\n正文二。\n二、下一步\n正文三。\n", OUTLINE_FOLDS);
    static const int fold[] = {0, 0, -1, 1, 1, -2, 2, -1, 1};
    ASSERT_INT_EQ(tol.nlines, 9);
    for (size_t l = 0; l < 9; l++) ASSERT_INT_EQ(tol.fold[l], fold[l]);
    ASSERT_INT_EQ(tol.h[0].end_line, 7);
    ASSERT_INT_EQ(tol.h[1].end_line, 7);
    ASSERT_INT_EQ(tol.h[2].end_line, 9);
    done();
}

static char *corpus(const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/tests/corpus/%s", task_root(), name);
    return tu_slurp(path, NULL);
}

/* "line:depth" of every heading, 1-based lines. */
static void heading_list(sbuf *b)
{
    for (size_t i = 0; i < tol.nh; i++) sbuf_printf(b, "%zu:%d ", tol.h[i].line + 1, tol.h[i].depth);
}

TEST_IMPL(outline_corpus_reports)
{
    static const struct {
        const char *file, *headings;
        int title, salutation, closing, items;
    } want[] = {
        {"leadership-work-report.txt", "2:1 7:1 13:1 18:1 ", 0, 0, 0, 16},
        {"staff-meeting-speech.txt", "5:1 13:1 16:1 17:2 18:2 19:2 20:2 21:2 22:1 23:2 24:2 25:2 ", 1, 3, 0, 6},
        {"annual-summary-speech.txt", "6:1 7:2 8:2 9:2 10:1 12:2 13:2 14:2 15:2 16:2 17:2 21:1 23:2 24:2 25:2 26:2 27:2 ",
         1, 3, 30, 23},
    };
    for (size_t k = 0; k < 3; k++) {
        char *text = corpus(want[k].file);
        ASSERT(text != NULL);
        parse(text, OUTLINE_ITEMS);
        sbuf b = SBUF_INIT;
        heading_list(&b);
        ASSERT_STR_EQ(b.s, want[k].headings);
        sbuf_free(&b);
        if (want[k].title) ASSERT_INT_EQ(tol.kind[want[k].title - 1], OUTLINE_TITLE);
        else ASSERT_INT_EQ(tol.kind[0], OUTLINE_BODY);
        if (want[k].salutation) ASSERT_INT_EQ(tol.kind[want[k].salutation - 1], OUTLINE_SALUTATION);
        for (size_t l = 0; l < tol.nlines; l++)
            ASSERT_INT_EQ(tol.kind[l] == OUTLINE_CLOSING, want[k].closing && l + 1 == (size_t)want[k].closing);
        ASSERT_INT_EQ(tol.nitems, want[k].items);
        done();
        free(text);
    }
}
#define HM(lit) outline_line_marker(&(doc_line){lit, sizeof(lit) - 1, 0})

TEST_IMPL(outline_line_marker_recognises_gbt9704_markers)
{
    ASSERT_INT_EQ(HM("一、加强组织领导"), 6);
    ASSERT_INT_EQ(HM("十一、其他"), 9);
    ASSERT_INT_EQ(HM("（一）加强组织领导"), 9);
    ASSERT_INT_EQ(HM("(一)加强组织领导"), 5);
    ASSERT_INT_EQ(HM("1.加强组织领导"), 2);
    ASSERT_INT_EQ(HM("12．加强组织领导"), 5);
    ASSERT_INT_EQ(HM("1、加强组织领导"), 4);
    ASSERT_INT_EQ(HM("（1）加强组织领导"), 7);
    ASSERT_INT_EQ(HM("(2)加强组织领导"), 3);
    ASSERT_INT_EQ(HM("①加强组织领导"), 3);
    ASSERT_INT_EQ(HM("⑳加强组织领导"), 3);
    ASSERT_INT_EQ(HM("第一部分 总体要求"), 12); /* the marker is 第一部分, not 第一部 */
    ASSERT_INT_EQ(HM("第三章 附则"), 9);
    ASSERT_INT_EQ(HM("第12节 附则"), 8);
    /* Leading spaces are skipped; the result is where the marker ends. */
    ASSERT_INT_EQ(HM("  一、加强"), 8);
    ASSERT_INT_EQ(HM("\xE3\x80\x80（一）加强"), 12); /* U+3000 */
}

TEST_IMPL(outline_line_marker_rejects_ordinary_text)
{
    ASSERT_INT_EQ(HM("一是加强组织领导"), 0);
    ASSERT_INT_EQ(HM("2023年，园区实现"), 0);
    ASSERT_INT_EQ(HM("一方面要加强"), 0);
    ASSERT_INT_EQ(HM("十分重要"), 0);
    ASSERT_INT_EQ(HM("第一次会议"), 0);
    ASSERT_INT_EQ(HM("第一"), 0);
    ASSERT_INT_EQ(HM("（一加强"), 0);
    ASSERT_INT_EQ(HM("（）加强"), 0);
    ASSERT_INT_EQ(HM("1234.加强"), 0);
    ASSERT_INT_EQ(HM("一二三四五、"), 0);
    ASSERT_INT_EQ(HM("一"), 0);
    ASSERT_INT_EQ(HM(""), 0);
    ASSERT_INT_EQ(HM("   "), 0);
}

TEST_IMPL(outline_line_marker_rejects_decimal_numbers)
{
    /* "1.5亿元" starts with a number, not with the heading "1.". */
    ASSERT_INT_EQ(HM("1.5亿元专项资金已拨付到位"), 0);
    ASSERT_INT_EQ(HM("2.3万名职工参加培训"), 0);
}

static doc_line pc_line_of(const char *s)
{
    return (doc_line){s, strlen(s), 0};
}

TEST_IMPL(outline_page_counter_finds_a_counter_continuing_a_sentence)
{
    doc_line prev = pc_line_of("园区全年完成固定资产投资12亿元，较上年有较大幅度");
    doc_line ln = pc_line_of("  3、增长，其中工业投资占比进一步提高。");
    size_t start = 99;
    ASSERT_INT_EQ(outline_page_counter(&prev, &ln, &start), 6);
    ASSERT_INT_EQ(start, 2);
    ASSERT_INT_EQ(outline_page_counter(&prev, &ln, NULL), 6);
    /* No previous line, a finished sentence, a heading before, no counter. */
    ASSERT_INT_EQ(outline_page_counter(NULL, &ln, &start), 0);
    doc_line done = pc_line_of("园区全年完成固定资产投资较上年有较大幅度增长。");
    ASSERT_INT_EQ(outline_page_counter(&done, &ln, &start), 0);
    doc_line heading = pc_line_of("二、主要做法");
    ASSERT_INT_EQ(outline_page_counter(&heading, &ln, &start), 0);
    doc_line plain = pc_line_of("增长，其中工业投资占比进一步提高。");
    ASSERT_INT_EQ(outline_page_counter(&prev, &plain, &start), 0);
    doc_line four = pc_line_of("2023、增长。");
    ASSERT_INT_EQ(outline_page_counter(&prev, &four, &start), 0);
    doc_line blank = pc_line_of("   ");
    ASSERT_INT_EQ(outline_page_counter(&blank, &ln, &start), 0);
}
