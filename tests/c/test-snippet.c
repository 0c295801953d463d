/* test-snippet.c -- the snippet body grammar: tabstops, placeholders and
 * their nesting, choices, mirrors, $0, variables (with a fixed date),
 * escapes, indentation and every kind of malformed body. */

#include <stdlib.h>

#include "sbuf.h"
#include "snippet.h"
#include "task.h"

static const snippet_env fixed = {20240701, "/home/u/reports/总结.park.txt", NULL, NULL, NULL}; /* a Monday */

/* Expands body under env (NULL: fixed); returns the status. */
static int expand(const char *body, const snippet_env *env, snippet_result *r, perr *e)
{
    memset(r, 0, sizeof *r);
    memset(e, 0, sizeof *e);
    return snippet_expand(body, strlen(body), env ? env : &fixed, r, e);
}

/* The tabstop with this index, or NULL. */
static const snippet_tabstop *tab(const snippet_result *r, int index)
{
    for (size_t i = 0; i < r->ntabstops; i++)
        if (r->tabstops[i].index == index) return &r->tabstops[i];
    return NULL;
}

/* 1 if range g is (line, col, end_line, end_col). */
static int at(const snippet_range *g, size_t l, size_t c, size_t el, size_t ec)
{
    if (g->line == l && g->col == c && g->end_line == el && g->end_col == ec) return 1;
    fprintf(stderr, "  range is (%zu,%zu)-(%zu,%zu), expected (%zu,%zu)-(%zu,%zu)\n", g->line, g->col, g->end_line,
            g->end_col, l, c, el, ec);
    return 0;
}

/* 1 if body fails with a message containing want. */
static int fails(const char *body, const char *want)
{
    snippet_result r;
    perr e;
    int rc = expand(body, NULL, &r, &e);
    snippet_result_free(&r);
    if (rc == 0) {
        fprintf(stderr, "  \"%s\" expanded, expected an error containing \"%s\"\n", body, want);
        return 0;
    }
    if (!strstr(e.msg, want)) {
        fprintf(stderr, "  \"%s\": error \"%s\" lacks \"%s\"\n", body, e.msg, want);
        return 0;
    }
    return 1;
}

TEST_IMPL(snippet_plain_text_gets_a_final_tabstop_at_the_end)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("以上报告，请审议。", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "以上报告，请审议。");
    ASSERT_INT_EQ(r.ntabstops, 0);
    ASSERT(at(&r.final, 0, 27, 0, 27));
    snippet_result_free(&r);
    ASSERT_INT_EQ(expand("", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "");
    ASSERT(at(&r.final, 0, 0, 0, 0));
    snippet_result_free(&r);
}

TEST_IMPL(snippet_tabstops_and_placeholders_give_byte_ranges)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("同比增长${1:X}%，$2${3}。", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "同比增长X%，。");
    ASSERT_INT_EQ(r.ntabstops, 3);
    ASSERT_INT_EQ(r.tabstops[0].index, 1);
    ASSERT(at(&r.tabstops[0].ranges[0], 0, 12, 0, 13));
    ASSERT(at(&tab(&r, 2)->ranges[0], 0, 17, 0, 17));
    ASSERT(at(&tab(&r, 3)->ranges[0], 0, 17, 0, 17));
    ASSERT(tab(&r, 1)->choices == NULL);
    ASSERT(at(&r.final, 0, 20, 0, 20));
    snippet_result_free(&r);
}

TEST_IMPL(snippet_tabstops_are_sorted_by_number_not_position)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("${3:c}${1:a}${10:j}${2:b}", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "cajb");
    ASSERT_INT_EQ(r.ntabstops, 4);
    ASSERT_INT_EQ(r.tabstops[0].index, 1);
    ASSERT_INT_EQ(r.tabstops[1].index, 2);
    ASSERT_INT_EQ(r.tabstops[2].index, 3);
    ASSERT_INT_EQ(r.tabstops[3].index, 10);
    ASSERT(at(&r.tabstops[3].ranges[0], 0, 2, 0, 3));
    snippet_result_free(&r);
}

TEST_IMPL(snippet_final_tabstop_where_written)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("在$0${1:XX}的正确领导下", NULL, &r, &e), 0);
    ASSERT(at(&r.final, 0, 3, 0, 3));
    snippet_result_free(&r);
    /* ${0:text}: the final tabstop covers its text; a second $0 is ignored. */
    ASSERT_INT_EQ(expand("a${0:end}b$0", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "aendb");
    ASSERT(at(&r.final, 0, 1, 0, 4));
    ASSERT_INT_EQ(r.ntabstops, 0);
    snippet_result_free(&r);
}

TEST_IMPL(snippet_placeholders_nest)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("${1:加强${2:组织${3:X}}领导}。", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "加强组织X领导。");
    ASSERT(at(&tab(&r, 1)->ranges[0], 0, 0, 0, 19));
    ASSERT(at(&tab(&r, 2)->ranges[0], 0, 6, 0, 13));
    ASSERT(at(&tab(&r, 3)->ranges[0], 0, 12, 0, 13));
    snippet_result_free(&r);
}

TEST_IMPL(snippet_mirrors_copy_the_placeholder_in_any_order)
{
    snippet_result r;
    perr e;
    /* The mirror comes first; the placeholder defines the text of both. */
    ASSERT_INT_EQ(expand("$1年，在${1:2024}年", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "2024年，在2024年");
    const snippet_tabstop *t = tab(&r, 1);
    ASSERT_INT_EQ(t->nranges, 2);
    ASSERT(at(&t->ranges[0], 0, 13, 0, 17)); /* the placeholder first */
    ASSERT(at(&t->ranges[1], 0, 0, 0, 4));
    snippet_result_free(&r);
    /* The first placeholder wins over a later one; plain repeats mirror it. */
    ASSERT_INT_EQ(expand("${1:a}-${1:b}-$1", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "a-a-a");
    ASSERT_INT_EQ(tab(&r, 1)->nranges, 3);
    snippet_result_free(&r);
    /* A mirror of a placeholder with a nested tabstop copies text only. */
    ASSERT_INT_EQ(expand("${1:x${2:y}z} $1", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "xyz xyz");
    ASSERT_INT_EQ(tab(&r, 2)->nranges, 1);
    ASSERT_INT_EQ(tab(&r, 1)->nranges, 2);
    snippet_result_free(&r);
    /* Without any placeholder the repeats are empty mirrors. */
    ASSERT_INT_EQ(expand("$1,$1", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, ",");
    ASSERT_INT_EQ(tab(&r, 1)->nranges, 2);
    snippet_result_free(&r);
}

TEST_IMPL(snippet_mirrors_across_lines_report_their_lines)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("${1:XX}${2:20XX}年工作总结\n$2年，$1坚持", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "XX20XX年工作总结\n20XX年，XX坚持");
    ASSERT(at(&tab(&r, 1)->ranges[1], 1, 10, 1, 12));
    ASSERT(at(&tab(&r, 2)->ranges[1], 1, 0, 1, 4));
    ASSERT(at(&r.final, 1, 18, 1, 18));
    snippet_result_free(&r);
}

TEST_IMPL(snippet_choices_give_the_first_as_text_and_the_list)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("下面，我讲${1|三,两,四|}点意见。", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "下面，我讲三点意见。");
    const snippet_tabstop *t = tab(&r, 1);
    ASSERT_INT_EQ(t->nchoices, 3);
    ASSERT_STR_EQ(t->choices[0], "三");
    ASSERT_STR_EQ(t->choices[2], "四");
    ASSERT(at(&t->ranges[0], 0, 15, 0, 18));
    snippet_result_free(&r);
    /* Escapes inside choices, an empty item, and a mirror of a choice. */
    ASSERT_INT_EQ(expand("${1|a\\,b,c\\|d,\\$e\\},|} $1", NULL, &r, &e), 0);
    t = tab(&r, 1);
    ASSERT_INT_EQ(t->nchoices, 4);
    ASSERT_STR_EQ(t->choices[0], "a,b");
    ASSERT_STR_EQ(t->choices[1], "c|d");
    ASSERT_STR_EQ(t->choices[2], "$e}");
    ASSERT_STR_EQ(t->choices[3], "");
    ASSERT_STR_EQ(r.text, "a,b a,b");
    ASSERT_INT_EQ(t->nranges, 2);
    snippet_result_free(&r);
}

TEST_IMPL(snippet_date_variables_use_the_injected_date_without_padding)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("$CURRENT_YEAR年${CURRENT_MONTH}月$CURRENT_DATE日，$CURRENT_DAY_NAME，$CURRENT_YEAR_SHORT，$CURRENT_MONTH_NAME",
                         NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "2024年7月1日，星期一，24，七月");
    ASSERT_INT_EQ(r.ntabstops, 0);
    snippet_result_free(&r);
    snippet_env dec = {20231231, NULL, NULL, NULL, NULL};
    ASSERT_INT_EQ(expand("$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE $CURRENT_DAY_NAME", &dec, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "2023-12-31 星期日");
    snippet_result_free(&r);
    /* A variable inside a placeholder: the placeholder's default. */
    ASSERT_INT_EQ(expand("${1:$CURRENT_YEAR}年", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "2024年");
    ASSERT(at(&tab(&r, 1)->ranges[0], 0, 0, 0, 4));
    snippet_result_free(&r);
}

TEST_IMPL(snippet_without_a_date_uses_today)
{
    snippet_result r;
    perr e;
    snippet_env today = {0, NULL, NULL, NULL, NULL};
    ASSERT_INT_EQ(expand("$CURRENT_YEAR", &today, &r, &e), 0);
    ASSERT_INT_EQ(r.len, 4);
    ASSERT(atoi(r.text) >= 2024);
    snippet_result_free(&r);
}

TEST_IMPL(snippet_file_variables_come_from_the_path)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("$TM_FILENAME|$TM_FILENAME_BASE|$TM_DIRECTORY|${TM_SELECTED_TEXT:选中}|$TM_SELECTED_TEXT.", NULL,
                         &r, &e), 0);
    ASSERT_STR_EQ(r.text, "总结.park.txt|总结|/home/u/reports|选中|.");
    snippet_result_free(&r);
    snippet_env none = {20240701, NULL, NULL, NULL, NULL};
    ASSERT_INT_EQ(expand("[$TM_FILENAME]", &none, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "[]");
    snippet_result_free(&r);
}

TEST_IMPL(snippet_selected_text_is_wrapped_and_indented_like_the_body)
{
    snippet_result r;
    perr e;
    snippet_env env = {20240701, NULL, "　　", NULL, "加强党的建设\n提高治理能力"};
    ASSERT_INT_EQ(expand("一、${1:${TM_SELECTED_TEXT:XX}}$0", &env, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "一、加强党的建设\n　　提高治理能力");
    ASSERT_INT_EQ(r.ntabstops, 1);
    snippet_result_free(&r);
    snippet_env empty = {20240701, NULL, NULL, NULL, ""};
    ASSERT_INT_EQ(expand("《${1:${TM_SELECTED_TEXT:XX}}》", &empty, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "《XX》");
    snippet_result_free(&r);
}

TEST_IMPL(snippet_unknown_variables_become_tabstops_holding_their_name)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("${2:b}$UNIT_NAME，${NO_SUCH:默认}，${1:a}$OTHER", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "bUNIT_NAME，默认，aOTHER");
    ASSERT_INT_EQ(r.ntabstops, 4);
    ASSERT_INT_EQ(r.tabstops[2].index, 3);
    ASSERT(at(&r.tabstops[2].ranges[0], 0, 1, 0, 10));
    ASSERT_INT_EQ(r.tabstops[3].index, 4);
    snippet_result_free(&r);
    /* A default may itself hold tabstops. */
    ASSERT_INT_EQ(expand("${NO_SUCH:${1:XX}单位}", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "XX单位");
    ASSERT(at(&tab(&r, 1)->ranges[0], 0, 0, 0, 2));
    snippet_result_free(&r);
}

TEST_IMPL(snippet_escapes_and_literal_dollars_and_braces)
{
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand("\\$1 \\} \\\\ \\n $ 5$ } a\\b ${1:x\\}y}", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "$1 } \\ \\n $ 5$ } a\\b x}y");
    ASSERT_INT_EQ(r.ntabstops, 1);
    snippet_result_free(&r);
    ASSERT_INT_EQ(expand("价格$", NULL, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "价格$");
    snippet_result_free(&r);
}

TEST_IMPL(snippet_indent_follows_every_line_break_and_tabs_are_replaced)
{
    snippet_result r;
    perr e;
    snippet_env env = {20240701, NULL, "\xE3\x80\x80\xE3\x80\x80", "  ", NULL};
    ASSERT_INT_EQ(expand("一、${1:XX}\n\t（一）${2:YY}\n$1", &env, &r, &e), 0);
    ASSERT_STR_EQ(r.text, "一、XX\n　　  （一）YY\n　　XX");
    ASSERT(at(&tab(&r, 2)->ranges[0], 1, 17, 1, 19));
    ASSERT(at(&tab(&r, 1)->ranges[1], 2, 6, 2, 8));
    snippet_result_free(&r);
}

TEST_IMPL(snippet_malformed_bodies_are_errors_with_positions)
{
    ASSERT(fails("同比增长${1:X%", "第1行第5列"));
    ASSERT(fails("同比增长${1:X%", "没有对应的“}”"));
    ASSERT(fails("a\nbc${1", "第2行第3列：“${”没有结束"));
    ASSERT(fails("${AB", "第1行第1列：“${”没有结束"));
    ASSERT(fails("${1x}", "制表位编号后应为"));
    ASSERT(fails("${}", "“${”后应为制表位编号或变量名"));
    ASSERT(fails("${-1}", "“${”后应为"));
    ASSERT(fails("${", "没有结束"));
    ASSERT(fails("${1|a,b}", "缺少“|}”"));
    ASSERT(fails("${1|a,b", "没有结束"));
    ASSERT(fails("${1||}", "选项列表为空"));
    ASSERT(fails("${1|a|b|}", "选项中的“|”"));
    ASSERT(fails("${NAME!}", "变量名后应为"));
    ASSERT(fails("${NAME/a/b/}", "不支持变量变换"));
    ASSERT(fails("${1:a${1:b}}", "自我嵌套"));
    ASSERT(fails("${1:a$2} ${2:b$1}", "自我嵌套"));
    ASSERT(fails("$1000", "编号过大"));
}

TEST_IMPL(snippet_limits_nesting_depth_and_output_size)
{
    sbuf deep = SBUF_INIT;
    for (int i = 1; i <= SNIPPET_MAX_DEPTH; i++) sbuf_printf(&deep, "${%d:", i);
    for (int i = 1; i <= SNIPPET_MAX_DEPTH; i++) sbuf_addc(&deep, '}');
    snippet_result r;
    perr e;
    ASSERT_INT_EQ(expand(deep.s, NULL, &r, &e), 0);
    ASSERT_INT_EQ(r.ntabstops, SNIPPET_MAX_DEPTH);
    snippet_result_free(&r);
    sbuf_clear(&deep);
    for (int i = 1; i <= SNIPPET_MAX_DEPTH + 1; i++) sbuf_printf(&deep, "${%d:", i);
    for (int i = 1; i <= SNIPPET_MAX_DEPTH + 1; i++) sbuf_addc(&deep, '}');
    ASSERT_INT_EQ(expand(deep.s, NULL, &r, &e), PARK_ELIMIT);
    ASSERT(strstr(e.msg, "嵌套层数过多"));
    snippet_result_free(&r);
    /* Mirrors of mirrors grow as 8^k: stopped at SNIPPET_MAX_TEXT. */
    sbuf big = SBUF_INIT;
    sbuf_adds(&big, "${1:0123456789}");
    for (int i = 2; i <= 9; i++) {
        sbuf_printf(&big, "${%d:", i);
        for (int k = 0; k < 8; k++) sbuf_printf(&big, "$%d", i - 1);
        sbuf_addc(&big, '}');
    }
    ASSERT_INT_EQ(expand(big.s, NULL, &r, &e), PARK_ELIMIT);
    ASSERT(strstr(e.msg, "过长"));
    snippet_result_free(&r);
    sbuf_free(&deep);
    sbuf_free(&big);
}
