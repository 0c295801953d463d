/* test-builtin.c -- the checks written in C: pairs, paragraph ends (and
 * their agreement with the outline), hard-wrapped runs, long sentences and page-counter debris. Each builtin runs
 * alone through check_run, from a one-rule file as builtin.rules declares it. */

#include "builtin.h"
#include "task.h"
#include "test-util.h"

#define RULE(id, cat, sev, msg, body) "[" id "]\ncategory = " cat "\nseverity = " sev "\nmessage = " msg "\n" body

static const char pairs_rule[] = RULE("punctuation.unpaired", "punctuation", "error", "m", "builtin = pairs\n");
static const char para_end_rule[] = RULE("punctuation.para-end", "punctuation", "warning", "m", "builtin = para-end\n");
static const char comma_rule[] = RULE("punctuation.para-end-comma", "punctuation", "error", "m",
                                      "builtin = para-end-comma\n");
static const char wrap_rule[] = RULE("artifact.hard-wrap", "artifact", "warning", "m", "builtin = hard-wrap\n");
static const char debris_rule[] = RULE("artifact.page-counter", "artifact", "error", "m", "builtin = page-debris\n");

TEST_IMPL(builtin_find_and_name_list_the_builtins)
{
    static const char *const names[] = {"pairs", "para-end", "para-end-comma", "long-sentence", "page-debris",
                                        "placeholder-figure", "placeholder-missing", "placeholder-date",
                                        "placeholder-name", "placeholder-text", "placeholder-masked",
                                        "heading-skip", "heading-repeat", "heading-restart", "level-order",
                                        "mixed-style", "item-skip", "item-repeat", "item-lost-shi", "item-order",
                                        "heading-end", "runin-end", "hard-wrap", "site-line", "lm-pinyin", "lm-word", "lm-spinner",
                                        "lm-shape"};
    for (size_t i = 0; i < 28; i++) {
        int k = builtin_find(names[i]);
        ASSERT(k >= 0);
        ASSERT_STR_EQ(builtin_name(k), names[i]);
    }
    ASSERT_INT_EQ(builtin_find("nosuch"), -1);
    ASSERT(builtin_name(-1) == NULL);
    int n = 0;
    while (builtin_name(n)) n++;
    ASSERT_INT_EQ(n, 28);
}

/* ---- pairs ---------------------------------------------------------------- */

TEST_IMPL(builtin_pairs_flags_an_unclosed_quote)
{
    tu_fix t;
    tu_rules(&t, pairs_rule);
    /* 坚0 定3 “6 四9 个12 自15 信18 ，21 做24 到27 “30 两33 … ”45 。48 */
    tu_check(&t, "坚定“四个自信，做到“两个维护”。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 6);
    ASSERT_INT_EQ(t.res.f[0].end, 9);
    tu_check(&t, "学习《中国共产党纪律处分条例。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 6);
    tu_free(&t);
}

TEST_IMPL(builtin_pairs_flags_a_stray_closer)
{
    tu_fix t;
    tu_rules(&t, pairs_rule);
    /* 完0 成3 了6 规9 划12 编15 制18 ）21 */
    tu_check(&t, "完成了规划编制）和评审。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 21);
    ASSERT_INT_EQ(t.res.f[0].end, 24);
    tu_check(&t, "完成了规划编制)和评审。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 21);
    ASSERT_INT_EQ(t.res.f[0].end, 22);
    tu_check(&t, "完成规划”和评审。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 12);
    tu_free(&t);
}

TEST_IMPL(builtin_pairs_flags_crossed_nesting)
{
    tu_fix t;
    tu_rules(&t, pairs_rule);
    /* 《0 关3 于6 “9 加12 强15 》18 工21 作24 ”27 */
    tu_check(&t, "《关于“加强》工作”", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].col, 9);
    ASSERT_INT_EQ(t.res.f[1].col, 27);
    tu_free(&t);
}

TEST_IMPL(builtin_pairs_accepts_balanced_and_nested_marks)
{
    tu_fix t;
    tu_rules(&t, pairs_rule);
    tu_check(&t, "坚定“四个自信”，做到“两个维护”。\n"
                 "认真学习《关于新时代加强和改进思想政治工作的意见》（以下简称《意见》）。\n"
                 "按照“‘三个区分开来’要求”执行。\n"
                 "【重要】〔2023〕1号「通知」『附件』〈说明〉(备注)",
             NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(builtin_pairs_exempts_enumeration_closers)
{
    tu_fix t;
    tu_rules(&t, pairs_rule);
    tu_check(&t, "1）加强组织领导；2）完善工作机制。\n一）加强领导，二）完善机制。\na) 第一项 b) 第二项\n 10）其他。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    /* A closer after an ordinary word is still stray. */
    tu_check(&t, "加强其中2）工作。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 13);
    tu_free(&t);
}

TEST_IMPL(builtin_pairs_at_line_ends_and_in_broken_text)
{
    tu_fix t;
    tu_rules(&t, pairs_rule);
    /* an opener starting a line, one ending it, a closer after a Han
     * character */
    tu_check(&t, "（甲\n甲（\n甲）\n甲“乙”丙‘丁’", NULL);
    ASSERT_INT_EQ(t.res.n, 3);
    ASSERT_INT_EQ(t.res.f[0].col, 0);
    ASSERT_INT_EQ(t.res.f[1].line, 1);
    ASSERT_INT_EQ(t.res.f[1].col, 3);
    ASSERT_INT_EQ(t.res.f[2].line, 2);
    ASSERT_INT_EQ(t.res.f[2].col, 3);
    ASSERT_INT_EQ(t.res.f[2].end, 6);
    /* marks cut at the end of a line are no marks */
    tu_check(&t, "甲\xEF\xBC\n甲\xE2\x80\n甲\xE3\x80", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    /* a broken character before a mark does not hide it */
    tu_check(&t, "\xE4（甲\n甲\xE3\x80“乙", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].col, 1);
    ASSERT_INT_EQ(t.res.f[1].col, 5);
    /* marks on both sides of the map's 64-byte word boundary */
    for (size_t at = 60; at <= 66; at++) {
        char text[128];
        memset(text, 'a', at);
        memcpy(text + at, "“b", 5);
        tu_check(&t, text, NULL);
        ASSERT_INT_EQ(t.res.n, 1);
        ASSERT_INT_EQ(t.res.f[0].col, at);
    }
    tu_free(&t);
}

TEST_IMPL(builtin_pairs_does_not_carry_across_paragraphs)
{
    tu_fix t;
    tu_rules(&t, pairs_rule);
    tu_check(&t, "“甲\n乙”", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].line, 0);
    ASSERT_INT_EQ(t.res.f[0].col, 0);
    ASSERT_INT_EQ(t.res.f[1].line, 1);
    ASSERT_INT_EQ(t.res.f[1].col, 3);
    tu_free(&t);
}

/* ---- paragraph ends --------------------------------------------------------- */

TEST_IMPL(builtin_para_end_flags_a_paragraph_without_end_mark_at_its_last_char)
{
    tu_fix t;
    tu_rules(&t, para_end_rule);
    /* 24 characters, the last (稳) at byte 69. */
    tu_check(&t, "园区党工委召开会议\n今年以来，园区各项工作稳步推进，经济运行总体平稳", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].line, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 69);
    ASSERT_INT_EQ(t.res.f[0].end, 72);
    /* Trailing spaces do not move it. */
    tu_check(&t, "园区党工委召开会议\n今年以来，园区各项工作稳步推进，经济运行总体平稳 \xE3\x80\x80", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 69);
    /* A long line with no punctuation at all is a paragraph too. */
    tu_check(&t, "园区工作报告\n今年以来园区各项工作稳步推进经济运行总体平稳主要指标均超额完成年度目标任务", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].line, 1);
    tu_free(&t);
}

TEST_IMPL(builtin_para_end_accepts_end_marks)
{
    tu_fix t;
    tu_rules(&t, para_end_rule);
    tu_check(&t, "园区工作报告\n"
                 "今年以来，园区各项工作稳步推进。\n"
                 "今年以来，园区各项工作稳步推进！\n"
                 "园区各项工作是否稳步推进？\n"
                 "会上强调，要坚定“四个自信”\n"
                 "会议审议了《工作规则（试行）》\n"
                 "主要做法如下：\n"
                 "今年以来，园区各项工作稳步推进……\n"
                 "今年以来，园区各项工作稳步推进，",
             NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(builtin_para_end_exempts_title_headings_and_signatures)
{
    tu_fix t;
    tu_rules(&t, para_end_rule);
    tu_check(&t, "\n"
                 "今年以来，园区各项工作稳步推进，经济运行总体平稳\n"          /* the title */
                 "一、加强基层组织和干部队伍建设，党的建设成效显著\n"          /* headings */
                 "（二）坚持把政治建设摆在首位，全面加强党的领导，为园区发展提供有力政治保障\n"
                 "3.强化监督执纪问责\n"
                 "\n"
                 "园区党工委\n"                                                  /* signature */
                 "2023年1月5日",
             NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(builtin_para_end_comma_flags_comma_and_enumeration_comma)
{
    tu_fix t;
    tu_rules(&t, comma_rule);
    /* 加0 强3 组6 织9 领12 导15 、18 */
    tu_check(&t, "园区工作报告\n加强组织领导、", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].line, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 18);
    ASSERT_INT_EQ(t.res.f[0].end, 21);
    tu_check(&t, "园区工作报告\n园区各项工作稳步推进，经济运行总体平稳，\n经济运行总体平稳,  ", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].col, 57);
    ASSERT_INT_EQ(t.res.f[0].end, 60);
    ASSERT_INT_EQ(t.res.f[1].line, 2);
    ASSERT_INT_EQ(t.res.f[1].col, 24);
    ASSERT_INT_EQ(t.res.f[1].end, 25);
    /* The title is exempt; an end mark is fine. */
    tu_check(&t, "园区工作报告，\n园区各项工作稳步推进，经济运行总体平稳。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

/* ---- long sentences ------------------------------------------------------------ */

TEST_IMPL(builtin_long_sentence_uses_param)
{
    tu_fix t;
    tu_rules(&t, RULE("style.long", "style", "hint", "m", "builtin = long-sentence\nparam = 5\n"));
    /* 甲0 乙3 丙6 。9 | 甲12 … 己27 ；30 | sp33 sp34 甲35 乙38 。41 */
    tu_check(&t, "甲乙丙。甲乙丙丁戊己；  甲乙。\n甲乙丙丁戊。\n  甲乙丙丁戊己", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].line, 0);
    ASSERT_INT_EQ(t.res.f[0].col, 12);
    ASSERT_INT_EQ(t.res.f[0].end, 33);
    /* A sentence that runs to the end of the line; spaces are not counted
     * and not included. */
    ASSERT_INT_EQ(t.res.f[1].line, 2);
    ASSERT_INT_EQ(t.res.f[1].col, 2);
    ASSERT_INT_EQ(t.res.f[1].end, 20);
    /* Commas do not end a sentence. */
    tu_check(&t, "甲乙，丙丁，戊。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    tu_free(&t);
}

TEST_IMPL(builtin_long_sentence_ends_and_spaces_in_any_form)
{
    tu_fix t;
    tu_rules(&t, RULE("style.long", "style", "hint", "m", "builtin = long-sentence\nparam = 5\n"));
    /* the ends ！？；!?; and the spaces U+3000 U+00A0 tab, after Han
     * characters and at the line's start and end */
    tu_check(&t, "甲乙丙丁戊！甲乙丙丁戊？甲乙丙丁戊；甲乙丙丁戊!甲乙丙丁戊?甲乙丙丁戊;\n"
                 "\xE3\x80\x80甲乙\xC2\xA0丙丁\t戊。\n！甲乙丙丁戊\n",
             NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    /* a cut 。 at the end of the line ends nothing: the sentence runs on
     * (甲0 … 己15, then E3 80 count as one character) */
    tu_check(&t, "甲乙丙丁戊\xE3\x80\n甲乙丙丁\xE3\x80", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].line, 0);
    ASSERT_INT_EQ(t.res.f[0].col, 0);
    ASSERT_INT_EQ(t.res.f[0].end, 17);
    /* a broken character before 。 does not hide it */
    tu_check(&t, "甲乙丙丁\xE4。甲乙丙丁戊己。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 16);
    ASSERT_INT_EQ(t.res.f[0].end, 37);
    /* sentences across the 64-byte words of the map: 30 characters, an
     * end at byte 60, 63, 66 … */
    for (size_t at = 60; at <= 69; at += 3) {
        char text[256];
        size_t n = 0;
        while (n < at) memcpy(text + n, "字", 3), n += 3;
        memcpy(text + n, "。甲乙丙丁戊己", 22);
        tu_check(&t, text, NULL);
        ASSERT_INT_EQ(t.res.n, 2);
        ASSERT_INT_EQ(t.res.f[0].end, at + 3);
        ASSERT_INT_EQ(t.res.f[1].col, at + 3);
        ASSERT_INT_EQ(t.res.f[1].end, at + 21);
    }
    tu_free(&t);
}

TEST_IMPL(builtin_long_sentence_defaults_to_150_characters)
{
    tu_fix t;
    tu_rules(&t, RULE("style.long", "style", "hint", "m", "builtin = long-sentence\n"));
    char text[2048];
    size_t n = 0;
    for (int i = 0; i < 150; i++) memcpy(text + n, "字", 3), n += 3;
    memcpy(text + n, "。", 4);
    tu_check(&t, text, NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    memcpy(text + n, "字。", 7);
    tu_check(&t, text, NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 0);
    ASSERT_INT_EQ(t.res.f[0].end, n + 6);
    tu_free(&t);
}

/* ---- page debris ----------------------------------------------------------------- */

TEST_IMPL(builtin_page_debris_flags_a_counter_inside_a_sentence)
{
    tu_fix t;
    char buf[8];
    tu_rules(&t, debris_rule);
    tu_check(&t, "园区全年完成固定资产投资12亿元，较上年有较大幅度\n3、增长，其中工业投资占比进一步提高。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].line, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 0);
    ASSERT_INT_EQ(t.res.f[0].end, 4);
    ASSERT_STR_EQ(tu_fixtext(&t, 0, buf, sizeof buf), "");
    tu_check(&t, "园区全年完成固定资产投资，较上年有较大幅度\n  12、增长，其中工业投资占比进一步提高。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 2);
    ASSERT_INT_EQ(t.res.f[0].end, 7);
    tu_free(&t);
}

TEST_IMPL(builtin_page_debris_ignores_real_list_items)
{
    tu_fix t;
    tu_rules(&t, debris_rule);
    tu_check(&t, "3、加强招商引资。\n"                                               /* no line before */
                 "园区全年完成固定资产投资较上年有较大幅度增长。\n3、加强招商引资。\n" /* sentence ended */
                 "二、主要做法\n1、加强招商引资。\n"                                   /* after a heading */
                 "园区全年完成固定资产投资，较上年有较大幅度\n2023、增长。",           /* four digits */
             NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}


TEST_IMPL(builtin_para_end_flags_a_run_in_heading_with_body_text)
{
    tu_fix t;
    tu_rules(&t, para_end_rule);
    /* 一、 opens the line but a sentence follows: it is a paragraph. The
     * last character 进 is at byte 60. */
    tu_check(&t, "园区工作报告\n一、加强组织领导。今年以来各项工作稳步推进\n（二）完善工作机制", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].line, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 60);
    ASSERT_INT_EQ(t.res.f[0].end, 63);
    tu_free(&t);
}

/* para-end exempts a standalone heading by asking the outline, so the two
 * agree on every marker style the outline knows: a heading without an end
 * mark is never a paragraph missing one, and a run-in heading with body
 * text is. */
TEST_IMPL(builtin_para_end_and_outline_agree_on_every_heading_style)
{
    tu_fix t;
    tu_rules(&t, para_end_rule);
    for (int style = 0; style < OUTLINE_STYLE_COUNT; style++) {
        char text[256];
        const char *ex = outline_style_example(style);
        snprintf(text, sizeof text, "园区工作报告\n%s加强组织领导，完善工作机制，落实责任分工\n", ex);
        doc_text doc;
        outline o;
        doc_init(&doc, text, strlen(text));
        outline_parse(&o, &doc, OUTLINE_TITLES);
        ASSERT_INT_EQ(o.nh, 1);
        ASSERT_INT_EQ(o.h[0].style, style);
        ASSERT_INT_EQ(o.kind[1], OUTLINE_HEADING);
        outline_free(&o);
        doc_free(&doc);
        tu_check(&t, text, NULL);
        if (t.res.n != 0) fprintf(stderr, "style %s: para-end fired on a heading\n", ex);
        ASSERT_INT_EQ(t.res.n, 0);
        snprintf(text, sizeof text, "园区工作报告\n%s加强组织领导。完善工作机制，落实责任分工\n", ex);
        tu_check(&t, text, NULL);
        if (t.res.n != 1) fprintf(stderr, "style %s: para-end missed a run-in paragraph\n", ex);
        ASSERT_INT_EQ(t.res.n, 1);
    }
    tu_free(&t);
}

/* ---- hard-wrapped runs ------------------------------------------------------ */

/* Four lines of one paragraph at a PDF's width, then an indented paragraph. */
static const char wrapped[] = "园区工作报告\n"
                              "　　今年以来，园区紧紧围绕年初确定的目标任\n"
                              "务，坚持稳中求进工作总基调，扎实推进的各\n"
                              "项工作，取得了明显成效。全年完成地区生产\n"
                              "总值123亿元\n"
                              "　　全年工作稳步推进。";

TEST_IMPL(builtin_hard_wrap_is_one_finding_over_the_run_whose_fix_joins_it)
{
    tu_fix t;
    tu_rules(&t, wrap_rule);
    tu_check(&t, wrapped, NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    const check_finding *f = &t.res.f[0];
    ASSERT_INT_EQ(f->line, 1);
    ASSERT_INT_EQ(f->col, strlen("　　今年以来，园区紧紧围绕年初确定的目标任"));
    ASSERT_INT_EQ(f->end_line, 4);
    ASSERT_INT_EQ(f->end, 0);
    ASSERT(f->has_fix);
    sbuf b = SBUF_INIT;
    sbuf_add(&b, t.res.arena.s + f->fix_off, f->fix_len);
    sbuf_addc(&b, 0);
    ASSERT_STR_EQ(b.s, "务，坚持稳中求进工作总基调，扎实推进的各项工作，取得了明显成效。全年完成地区生产");
    sbuf_clear(&b);
    check_match(&t.doc, f, &b);
    sbuf_addc(&b, 0);
    ASSERT_STR_EQ(b.s, "\n务，坚持稳中求进工作总基调，扎实推进的各\n项工作，取得了明显成效。全年完成地区生产\n");
    sbuf_free(&b);
    tu_free(&t);
}

TEST_IMPL(builtin_hard_wrap_needs_three_lines_of_one_width_and_not_markdown)
{
    tu_fix t;
    tu_rules(&t, wrap_rule);
    /* two lines: no width to compare */
    tu_check(&t, "园区工作报告\n今年以来，园区紧紧围绕年初确定的目标任\n务，坚持稳中求进工作总基调。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    /* paragraphs of any width, each missing its end mark: not one wrap */
    tu_check(&t, "园区工作报告\n全年完成投资12亿元\n加强领导，完善机制，压实责任，确保落实到位，取得实效\n强化督查", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    check_opts md = {0};
    md.markdown = 1;
    tu_check(&t, wrapped, &md);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(builtin_para_end_sees_a_hard_wrapped_run_as_one_paragraph)
{
    tu_fix t;
    tu_rules(&t, para_end_rule);
    tu_check(&t,
             "园区工作报告\n"
             "　　今年以来，园区紧紧围绕年初确定的目标任\n"
             "务，坚持稳中求进工作总基调，扎实推进的各\n"
             "项工作，取得了明显成效。全年完成地区生产\n"
             "总值123亿元，同比增长6.5%\n"
             "　　全年工作稳步推进。",
             NULL);
    /* the run's last line lacks the end mark: one finding, not one per line */
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].line, 4);
    tu_free(&t);
}
