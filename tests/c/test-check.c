/* test-check.c -- splitting documents into lines and running rulesets over
 * them: literal and pattern findings at byte offsets, fixes, triggers,
 * exceptions and allow-lists, dates, severities, invalid UTF-8, runaway
 * patterns, ordering and messages. */

#include <time.h>

#include "check.h"
#include "task.h"
#include "test-util.h"

#define RULE(id, cat, sev, msg, body) "[" id "]\ncategory = " cat "\nseverity = " sev "\nmessage = " msg "\n" body

static const char bu_shu[] = RULE("typo.bu-shu", "typo", "error", "错别字：“{match}”应为“{fix}”", "list:\n布署 -> 部署\n");

/* ---- documents --------------------------------------------------------- */

TEST_IMPL(check_doc_init_splits_lf_lines)
{
    const char *t = "甲乙\n丙\n\n丁";
    doc_text d;
    doc_init(&d, t, strlen(t));
    ASSERT_INT_EQ(d.nlines, 4);
    ASSERT(d.lines[0].s == t);
    ASSERT_INT_EQ(d.lines[0].len, 6);
    ASSERT(d.lines[1].s == t + 7);
    ASSERT_INT_EQ(d.lines[1].len, 3);
    ASSERT_INT_EQ(d.lines[2].len, 0);
    ASSERT_MEM_EQ(d.lines[3].s, d.lines[3].len, "丁");
    ASSERT_INT_EQ(d.crlf, 0);
    for (size_t i = 0; i < d.nlines; i++) ASSERT_INT_EQ(d.lines[i].coloff, 0);
    doc_free(&d);
}

TEST_IMPL(check_doc_init_strips_crlf)
{
    const char *t = "甲\r\n乙\r\n";
    doc_text d;
    doc_init(&d, t, strlen(t));
    ASSERT_INT_EQ(d.nlines, 2);
    ASSERT_MEM_EQ(d.lines[0].s, d.lines[0].len, "甲");
    ASSERT_MEM_EQ(d.lines[1].s, d.lines[1].len, "乙");
    ASSERT_INT_EQ(d.crlf, 1);
    doc_free(&d);
    /* A lone \r inside a line is text. */
    t = "甲\r乙\n";
    doc_init(&d, t, strlen(t));
    ASSERT_INT_EQ(d.nlines, 1);
    ASSERT_INT_EQ(d.lines[0].len, 7);
    ASSERT_INT_EQ(d.crlf, 0);
    doc_free(&d);
}

TEST_IMPL(check_doc_init_skips_bom_on_the_first_line_only)
{
    const char *t = "\xEF\xBB\xBF甲\n乙";
    doc_text d;
    doc_init(&d, t, strlen(t));
    ASSERT_INT_EQ(d.nlines, 2);
    ASSERT(d.lines[0].s == t + 3);
    ASSERT_MEM_EQ(d.lines[0].s, d.lines[0].len, "甲");
    ASSERT_INT_EQ(d.lines[0].coloff, 3);
    ASSERT_INT_EQ(d.lines[1].coloff, 0);
    doc_free(&d);
    /* A BOM alone is an empty document. */
    doc_init(&d, "\xEF\xBB\xBF", 3);
    ASSERT_INT_EQ(d.nlines, 0);
    doc_free(&d);
}

TEST_IMPL(check_doc_init_counts_lines_like_an_editor)
{
    doc_text d;
    doc_init(&d, "", 0);
    ASSERT_INT_EQ(d.nlines, 0);
    doc_free(&d);
    doc_init(&d, "\n", 1);
    ASSERT_INT_EQ(d.nlines, 1);
    ASSERT_INT_EQ(d.lines[0].len, 0);
    doc_free(&d);
    doc_init(&d, "甲\n", 4);
    ASSERT_INT_EQ(d.nlines, 1);
    doc_free(&d);
    doc_init(&d, "甲\n\n", 5);
    ASSERT_INT_EQ(d.nlines, 2);
    doc_free(&d);
    doc_init(&d, "\r\n", 2);
    ASSERT_INT_EQ(d.nlines, 1);
    ASSERT_INT_EQ(d.lines[0].len, 0);
    doc_free(&d);
}

/* ---- literal and pattern rules ----------------------------------------- */

TEST_IMPL(check_list_entry_fires_at_byte_offsets_with_its_fix)
{
    tu_fix t;
    char buf[64];
    tu_rules(&t, bu_shu);
    ASSERT_INT_EQ(t.rs->nerrors, 0);
    /* 要0 认3 真6 布9 署12 工15 作18 | line 2: 布0 署3 */
    tu_check(&t, "要认真布署工作\n\n布署", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].line, 0);
    ASSERT_INT_EQ(t.res.f[0].col, 9);
    ASSERT_INT_EQ(t.res.f[0].end, 15);
    ASSERT_INT_EQ(t.res.f[0].sev, RULEFILE_SEV_ERROR);
    ASSERT_INT_EQ(t.res.f[0].rule, 0);
    ASSERT_STR_EQ(tu_fixtext(&t, 0, buf, sizeof buf), "部署");
    ASSERT_INT_EQ(t.res.f[1].line, 2);
    ASSERT_INT_EQ(t.res.f[1].col, 0);
    ASSERT_INT_EQ(t.res.f[1].end, 6);
    tu_check(&t, "要认真部署工作", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(check_list_entry_without_arrow_has_no_fix)
{
    tu_fix t;
    tu_rules(&t, RULE("watermark.x", "watermark", "error", "删除“{match}”{fix}", "list:\n小编精心整理\n"));
    tu_check(&t, "正文。小编精心整理", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 9);
    ASSERT_INT_EQ(t.res.f[0].end, 27);
    ASSERT_INT_EQ(t.res.f[0].has_fix, 0);
    sbuf m = SBUF_INIT;
    check_message(t.rs, &t.doc, &t.res, &t.res.f[0], &m);
    ASSERT_STR_EQ(m.s, "删除“小编精心整理”");
    sbuf_free(&m);
    tu_free(&t);
}

TEST_IMPL(check_pattern_with_keep_and_lookahead_reports_the_narrowed_span)
{
    tu_fix t;
    tu_rules(&t, RULE("typo.k", "typo", "error", "m", "pattern = 认真\\K布署(?=工作)\nfix = 部署\n"));
    ASSERT_INT_EQ(t.rs->nerrors, 0);
    /* 要0 认3 真6 布9 署12 工15 作18 ，21 认24 真27 布30 署33 会36 议39 */
    tu_check(&t, "要认真布署工作，认真布署会议", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 9);
    ASSERT_INT_EQ(t.res.f[0].end, 15);
    tu_free(&t);
    /* A lookbehind narrows the start the same way. */
    tu_rules(&t, RULE("typo.k", "typo", "error", "m", "pattern = (?<=认真)布署\n"));
    tu_check(&t, "布署，认真布署", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 15);
    ASSERT_INT_EQ(t.res.f[0].end, 21);
    ASSERT_INT_EQ(t.res.f[0].has_fix, 0);
    tu_free(&t);
}

TEST_IMPL(check_pattern_fix_expands_groups_and_dollars)
{
    tu_fix t;
    char buf[128];
    tu_rules(&t, RULE("numbering.shi", "numbering", "warning", "m",
                      "pattern = ([一二三四五六七八九十]+)是、\nfix = $1是，[$0|$$|$9]\n"));
    ASSERT_INT_EQ(t.rs->nerrors, 0);
    /* 一0 是3 、6 加9 强12 领15 导18 ；21 二24 是27 、30 */
    tu_check(&t, "一是、加强领导；二是、完善机制", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].col, 0);
    ASSERT_INT_EQ(t.res.f[0].end, 9);
    ASSERT_STR_EQ(tu_fixtext(&t, 0, buf, sizeof buf), "一是，[一是、|$|]");
    ASSERT_INT_EQ(t.res.f[1].col, 24);
    ASSERT_INT_EQ(t.res.f[1].end, 33);
    ASSERT_STR_EQ(tu_fixtext(&t, 1, buf, sizeof buf), "二是，[二是、|$|]");
    tu_free(&t);
}

TEST_IMPL(check_empty_fix_deletes)
{
    tu_fix t;
    char buf[16];
    tu_rules(&t, RULE("artifact.sp", "artifact", "warning", "m", "pattern = (?<=\\p{Han}) +(?=\\p{Han})\nfix =\n"));
    tu_check(&t, "园区  建设", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 6);
    ASSERT_INT_EQ(t.res.f[0].end, 8);
    ASSERT_INT_EQ(t.res.f[0].has_fix, 1);
    ASSERT_STR_EQ(tu_fixtext(&t, 0, buf, sizeof buf), "");
    tu_free(&t);
}

TEST_IMPL(check_pattern_reports_every_match_and_skips_empty_ones)
{
    tu_fix t;
    tu_rules(&t, RULE("typo.a", "typo", "error", "m", "pattern = 布署\n")
                 RULE("typo.empty", "typo", "error", "m", "pattern = (?=布)\n"));
    tu_check(&t, "布署布署，布署", NULL);
    ASSERT_INT_EQ(tu_count(&t, "typo.empty"), 0);
    ASSERT_INT_EQ(t.res.n, 3);
    ASSERT_INT_EQ(t.res.f[0].col, 0);
    ASSERT_INT_EQ(t.res.f[1].col, 6);
    ASSERT_INT_EQ(t.res.f[2].col, 15);
    tu_free(&t);
}

TEST_IMPL(check_pattern_runs_only_on_lines_with_a_trigger)
{
    tu_fix t;
    tu_rules(&t, RULE("usage.hui", "usage", "info", "m", "pattern = 党委\\p{Han}{2}\ntrigger = 召开 | 主持\n"));
    /* The pattern matches all three lines; only the first and third carry a
     * trigger. */
    tu_check(&t, "召开党委会议\n举行党委会议\n党委会议由书记主持", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].line, 0);
    ASSERT_INT_EQ(t.res.f[0].col, 6);
    ASSERT_INT_EQ(t.res.f[1].line, 2);
    ASSERT_INT_EQ(t.res.f[1].col, 0);
    tu_free(&t);
    /* Without a trigger the pattern runs everywhere. */
    tu_rules(&t, RULE("usage.hui", "usage", "info", "m", "pattern = 党委\\p{Han}{2}\n"));
    tu_check(&t, "召开党委会议\n举行党委会议\n党委会议由书记主持", NULL);
    ASSERT_INT_EQ(t.res.n, 3);
    tu_free(&t);
}

TEST_IMPL(check_except_phrase_drops_findings_inside_it)
{
    tu_fix t;
    tu_rules(&t, RULE("typo.dw", "typo", "warning", "m", "except = 定位器 | 再定位\nlist:\n定位\n")
                 RULE("typo.p", "typo", "warning", "m", "pattern = 定位\nexcept = 定位器\n"));
    /* 精0 准3 定6 位9 定12 位15 器18 ，21 再24 定27 位30 */
    tu_check(&t, "精准定位定位器，再定位", NULL);
    ASSERT_INT_EQ(tu_count(&t, "typo.dw"), 1);
    ASSERT_INT_EQ(tu_count(&t, "typo.p"), 2);
    ASSERT_INT_EQ(t.res.n, 3);
    ASSERT_INT_EQ(t.res.f[0].col, 6);
    ASSERT_INT_EQ(t.res.f[1].col, 6);
    ASSERT_INT_EQ(t.res.f[2].col, 27);
    ASSERT_INT_EQ(t.res.f[2].rule, ruleset_find(t.rs, "typo.p"));
    tu_free(&t);
}

TEST_IMPL(check_allow_phrases_from_rule_files_and_options)
{
    tu_fix t;
    tu_rules(&t, RULE("typo.j", "typo", "warning", "m", "list:\n精尖\n") "[allow]\n小精尖\n");
    /* 打0 造3 小6 精9 尖12 ，15 高18 精21 尖24 ，27 精30 尖33 企36 业39 */
    const char *text = "打造小精尖，高精尖，精尖企业";
    tu_check(&t, text, NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].col, 21);
    ASSERT_INT_EQ(t.res.f[1].col, 30);
    char *extra[] = {"高精尖"};
    check_opts o = {.allow = extra, .nallow = 1};
    tu_check(&t, text, &o);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 30);
    /* A phrase must cover the finding; overlapping it is not enough. */
    char *covering[] = {"精尖企"}, *overlapping[] = {"尖企业"};
    check_opts o2 = {.allow = covering, .nallow = 1}, o3 = {.allow = overlapping, .nallow = 1};
    tu_check(&t, "精尖企业", &o2);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "精尖企业", &o3);
    ASSERT_INT_EQ(t.res.n, 1);
    tu_free(&t);
}

/* ---- dates -------------------------------------------------------------- */

static const char era_rules[] =
    RULE("era.shi-jiu", "era", "warning", "m", "after = 2022-10-22\nlist:\n十九届历次全会\n")
    RULE("era.xin-guan", "era", "warning", "m", "before = 2022-12-26\npattern = 新冠肺炎\n")
    RULE("typo.any", "typo", "error", "m", "list:\n布署\n");

TEST_IMPL(check_after_and_before_follow_the_given_date)
{
    tu_fix t;
    check_opts o = {0};
    tu_rules(&t, era_rules);
    const char *text = "学习十九届历次全会精神，做好新冠肺炎疫情防控，布署工作";
    o.date = 20230301;
    tu_check(&t, text, &o);
    ASSERT_INT_EQ(t.res.date, 20230301);
    ASSERT_INT_EQ(tu_count(&t, "era.shi-jiu"), 1);
    ASSERT_INT_EQ(tu_count(&t, "era.xin-guan"), 0);
    ASSERT_INT_EQ(tu_count(&t, "typo.any"), 1);
    o.date = 20220301;
    tu_check(&t, text, &o);
    ASSERT_INT_EQ(tu_count(&t, "era.shi-jiu"), 0);
    ASSERT_INT_EQ(tu_count(&t, "era.xin-guan"), 1);
    /* after is inclusive, before exclusive. */
    o.date = 20221022;
    tu_check(&t, text, &o);
    ASSERT_INT_EQ(tu_count(&t, "era.shi-jiu"), 1);
    o.date = 20221226;
    tu_check(&t, text, &o);
    ASSERT_INT_EQ(tu_count(&t, "era.xin-guan"), 0);
    o.date = 20221225;
    tu_check(&t, text, &o);
    ASSERT_INT_EQ(tu_count(&t, "era.xin-guan"), 1);
    tu_free(&t);
}

TEST_IMPL(check_date_rules_are_silent_when_the_date_is_unknown)
{
    tu_fix t;
    tu_rules(&t, era_rules);
    tu_check(&t, "学习十九届历次全会精神，做好新冠肺炎疫情防控，布署工作", NULL);
    ASSERT_INT_EQ(t.res.date, 0);
    ASSERT_INT_EQ(tu_count(&t, "era.shi-jiu"), 0);
    ASSERT_INT_EQ(tu_count(&t, "era.xin-guan"), 0);
    ASSERT_INT_EQ(tu_count(&t, "typo.any"), 1);
    tu_free(&t);
}

TEST_IMPL(check_date_comes_from_options_then_config_then_text)
{
    tu_fix t;
    tu_rules(&t, era_rules);
    /* Inferred from a signature line. */
    tu_check(&t, "园区工作报告\n学习十九届历次全会精神。\n2023年1月5日", NULL);
    ASSERT_INT_EQ(t.res.date, 20230105);
    ASSERT(t.res.date_source != NULL);
    ASSERT_INT_EQ(tu_count(&t, "era.shi-jiu"), 1);
    /* The option overrides the text. */
    check_opts o = {.date = 20220105};
    tu_check(&t, "园区工作报告\n学习十九届历次全会精神。\n2023年1月5日", &o);
    ASSERT_INT_EQ(t.res.date, 20220105);
    ASSERT_INT_EQ(tu_count(&t, "era.shi-jiu"), 0);
    tu_free(&t);
    /* A [config] date overrides the text, the option overrides it. */
    tu_rules(&t, "[config]\ndate = 2021-06-01\n" RULE("era.shi-jiu", "era", "warning", "m",
                                                      "after = 2022-10-22\nlist:\n十九届历次全会\n"));
    tu_check(&t, "学习十九届历次全会精神。\n2023年1月5日", NULL);
    ASSERT_INT_EQ(t.res.date, 20210601);
    ASSERT_INT_EQ(t.res.n, 0);
    o.date = 20230105;
    tu_check(&t, "学习十九届历次全会精神。\n2023年1月5日", &o);
    ASSERT_INT_EQ(t.res.n, 1);
    tu_free(&t);
}

/* ---- severities and directives ------------------------------------------ */

TEST_IMPL(check_strict_makes_placeholders_errors)
{
    tu_fix t;
    tu_rules(&t, RULE("placeholder.x", "placeholder", "warning", "m", "pattern = X(?=[亿万个人项])\n")
                 RULE("style.y", "style", "hint", "m", "list:\n进一步\n"));
    const char *text = "完成投资X亿元，进一步加强";
    tu_check(&t, text, NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].col, 12);
    ASSERT_INT_EQ(t.res.f[0].sev, RULEFILE_SEV_WARNING);
    ASSERT_INT_EQ(t.res.f[1].sev, RULEFILE_SEV_HINT);
    check_opts o = {.strict = 1};
    tu_check(&t, text, &o);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].sev, RULEFILE_SEV_ERROR);
    ASSERT_INT_EQ(t.res.f[1].sev, RULEFILE_SEV_HINT);
    /* The ruleset itself is unchanged. */
    ASSERT_INT_EQ(t.rs->sev[0], RULEFILE_SEV_WARNING);
    tu_free(&t);
}

TEST_IMPL(check_per_check_directives_apply_last)
{
    tu_fix t;
    tu_rules(&t, RULE("typo.a", "typo", "error", "m", "list:\n布署\n") RULE("typo.b", "typo", "error", "m",
                                                                          "list:\n既使\n")
                     RULE("style.c", "style", "hint", "m", "pattern = 进一步\n") "[config]\ndisable = style\n");
    const char *text = "布署，既使，进一步";
    tu_check(&t, text, NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    rule_directive d[] = {
        {RULEFILE_DIR_DISABLE, "typo", 0},
        {RULEFILE_DIR_ENABLE, "typo.b", 0},
        {RULEFILE_DIR_SEVERITY, "typo.b", RULEFILE_SEV_INFO},
        {RULEFILE_DIR_ENABLE, "style", 0},
    };
    check_opts o = {.dirs = d, .ndirs = 4};
    tu_check(&t, text, &o);
    ASSERT_INT_EQ(tu_count(&t, "typo.a"), 0);
    ASSERT_INT_EQ(tu_count(&t, "typo.b"), 1);
    ASSERT_INT_EQ(tu_count(&t, "style.c"), 1);
    ASSERT_INT_EQ(t.res.f[0].sev, RULEFILE_SEV_INFO);
    /* Nothing leaks into the next check. */
    tu_check(&t, text, NULL);
    ASSERT_INT_EQ(tu_count(&t, "typo.a"), 1);
    ASSERT_INT_EQ(tu_count(&t, "style.c"), 0);
    ASSERT_INT_EQ(t.res.f[1].sev, RULEFILE_SEV_ERROR);
    tu_free(&t);
}

/* ---- robustness ----------------------------------------------------------- */

TEST_IMPL(check_invalid_utf8_gives_a_note_and_keeps_offsets)
{
    tu_fix t;
    tu_rules(&t, RULE("typo.a", "typo", "error", "m", "list:\n布署\n") RULE("typo.p", "typo", "error", "m",
                                                                          "pattern = 既使\n"));
    /* 要0 认3 真6 \xFF9 布10 署13 工16 作19 \xE4\xB8 22 既24 使27 */
    tu_check(&t, "正常的一行\n要认真\xFF布署工作\xE4\xB8既使", NULL);
    ASSERT_INT_EQ(t.res.nnotes, 1);
    ASSERT(strstr(t.res.notes[0], "UTF-8") != NULL);
    ASSERT(strstr(t.res.notes[0], "第 2 行第 10 字节") != NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].line, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 10);
    ASSERT_INT_EQ(t.res.f[0].end, 16);
    ASSERT_INT_EQ(t.res.f[1].col, 24);
    ASSERT_INT_EQ(t.res.f[1].end, 30);
    /* Valid text has no note. */
    tu_check(&t, "要认真布署工作", NULL);
    ASSERT_INT_EQ(t.res.nnotes, 0);
    tu_free(&t);
}

TEST_IMPL(check_catastrophic_pattern_returns_promptly_with_a_note)
{
    tu_fix t;
    tu_rules(&t, RULE("style.slow", "style", "hint", "m", "pattern = (a+)+$\n")
                 RULE("typo.a", "typo", "error", "m", "list:\n布署\n"));
    ASSERT_INT_EQ(t.rs->nerrors, 0);
    /* 布署 + 5000 × a + b, then 4000 × a + b + 布署 on a second line. */
    static char text[20000];
    size_t n = 0;
    memcpy(text, "布署", 6), n += 6;
    memset(text + n, 'a', 5000), n += 5000;
    memcpy(text + n, "b\n", 2), n += 2;
    memset(text + n, 'a', 4000), n += 4000;
    memcpy(text + n, "b布署", 8);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    tu_check(&t, text, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    ASSERT(secs < 5.0);
    ASSERT_INT_EQ(t.res.nnotes, 1);
    ASSERT(strstr(t.res.notes[0], "style.slow") != NULL);
    ASSERT_INT_EQ(tu_count(&t, "style.slow"), 0);
    ASSERT_INT_EQ(tu_count(&t, "typo.a"), 2);
    tu_free(&t);
}

/* ---- results --------------------------------------------------------------- */

TEST_IMPL(check_findings_are_sorted_and_deduplicated)
{
    tu_fix t;
    /* typo.b is defined first, so it has the lower index; a list with the
     * same entry twice and a pattern reporting the same span once more. */
    tu_rules(&t, RULE("typo.b", "typo", "error", "m", "pattern = 既使|布署\n")
                 RULE("typo.a", "typo", "error", "m", "list:\n布署\n布署\n布署工\n"));
    /* line 0: 既0 使3 布6 署9 工12 | line 1: 布0 署3 */
    tu_check(&t, "既使布署工\n布署", NULL);
    ASSERT_INT_EQ(t.res.n, 6);
    static const size_t want[][4] = {{0, 0, 6, 0}, {0, 6, 12, 0}, {0, 6, 12, 1},
                                     {0, 6, 15, 1}, {1, 0, 6, 0}, {1, 0, 6, 1}};
    for (size_t i = 0; i < 6; i++) {
        ASSERT_INT_EQ(t.res.f[i].line, want[i][0]);
        ASSERT_INT_EQ(t.res.f[i].col, want[i][1]);
        ASSERT_INT_EQ(t.res.f[i].end, want[i][2]);
        ASSERT_INT_EQ(t.res.f[i].rule, want[i][3]);
    }
    tu_free(&t);
}

TEST_IMPL(check_message_fills_match_and_fix)
{
    tu_fix t;
    tu_rules(&t, RULE("typo.bu-shu", "typo", "error", "“{match}”应为“{fix}”，{match}{fix}{其他}", "list:\n布署 -> 部署\n"));
    tu_check(&t, "第二行\n要认真布署工作", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    sbuf m = SBUF_INIT;
    sbuf_adds(&m, ">");
    check_message(t.rs, &t.doc, &t.res, &t.res.f[0], &m);
    ASSERT_STR_EQ(m.s, ">“布署”应为“部署”，布署部署{其他}");
    sbuf_free(&m);
    tu_free(&t);
}

TEST_IMPL(check_emit_respects_excepts_and_allow_for_builtins)
{
    /* The pairs builtin reports through check_emit, so [allow] covers it
     * too. */
    tu_fix t;
    tu_rules(&t, RULE("punctuation.unpaired", "punctuation", "error", "m", "builtin = pairs\n")
                 "[allow]\n（试行\n");
    tu_check(&t, "印发《办法（试行》。\n印发办法（暂行。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].line, 1);
    ASSERT_INT_EQ(t.res.f[0].col, 12);
    tu_free(&t);
}

TEST_IMPL(check_before_rules_need_an_exact_date)
{
    tu_fix t;
    tu_rules(&t, era_rules);
    /* A year in the body is only a lower bound: it proves "after", never
     * "before". */
    tu_check(&t, "园区工作报告\n2021年，园区做好新冠肺炎疫情防控，学习十九届历次全会精神。", NULL);
    ASSERT_INT_EQ(t.res.date, 20210101);
    ASSERT_INT_EQ(t.res.date_exact, 0);
    ASSERT_INT_EQ(tu_count(&t, "era.xin-guan"), 0);
    /* A signature is the date itself. */
    tu_check(&t, "园区工作报告\n做好新冠肺炎疫情防控。\n2021年3月1日", NULL);
    ASSERT_INT_EQ(t.res.date, 20210301);
    ASSERT_INT_EQ(t.res.date_exact, 1);
    ASSERT_INT_EQ(tu_count(&t, "era.xin-guan"), 1);
    /* So are the option and the [config] date. */
    check_opts o = {.date = 20210301};
    tu_check(&t, "做好新冠肺炎疫情防控。", &o);
    ASSERT_INT_EQ(t.res.date_exact, 1);
    ASSERT_INT_EQ(tu_count(&t, "era.xin-guan"), 1);
    tu_free(&t);
    /* A lower bound past the after day does make an after rule fire. */
    tu_rules(&t, era_rules);
    tu_check(&t, "园区工作报告\n2023年，园区学习十九届历次全会精神。", NULL);
    ASSERT_INT_EQ(t.res.date_exact, 0);
    ASSERT_INT_EQ(tu_count(&t, "era.shi-jiu"), 1);
    tu_free(&t);
}

TEST_IMPL(check_supersedes_drops_overlapping_findings_of_the_general_rule)
{
    tu_fix t;
    tu_rules(&t, RULE("usage.general", "usage", "warning", "m", "list:\n的落实\n")
                 RULE("usage.specific", "usage", "error", "m", "supersedes = usage.general\nlist:\n认真的\n")
                     RULE("usage.other", "usage", "hint", "m", "list:\n的\n"));
    /* 认0 真3 的6 落9 实12 ，15 有18 效21 的24 落27 实30 */
    tu_check(&t, "认真的落实，有效的落实", NULL);
    ASSERT_INT_EQ(tu_count(&t, "usage.specific"), 1);
    /* The general finding overlapping 认真的 goes; the one at 24 stays. */
    ASSERT_INT_EQ(tu_count(&t, "usage.general"), 1);
    int g = ruleset_find(t.rs, "usage.general");
    for (size_t i = 0; i < t.res.n; i++)
        if ((int)t.res.f[i].rule == g) ASSERT_INT_EQ(t.res.f[i].col, 24);
    /* A rule not named in supersedes is kept even where it overlaps. */
    ASSERT_INT_EQ(tu_count(&t, "usage.other"), 2);
    /* Adjacent is not overlapping. */
    tu_check(&t, "认真的的落实", NULL);
    ASSERT_INT_EQ(tu_count(&t, "usage.general"), 1);
    tu_free(&t);
}

TEST_IMPL(check_anchored_pattern_with_keep_reports_after_the_number)
{
    /* Anchored patterns are not gated by triggers (ruleset.c); the result is
     * the same. */
    tu_fix t;
    tu_rules(&t, RULE("numbering.dun", "numbering", "warning", "m", "pattern = ^[0-9]+\\K、\ntrigger = 、\n"));
    tu_check(&t, "1、加强领导\n加强、完善\n12、完善机制", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT_INT_EQ(t.res.f[0].line, 0);
    ASSERT_INT_EQ(t.res.f[0].col, 1);
    ASSERT_INT_EQ(t.res.f[1].line, 2);
    ASSERT_INT_EQ(t.res.f[1].col, 2);
    tu_free(&t);
}
