/* test-numbering.c -- the numbering checks (src/numbering.c), each run alone
 * through check_run from a one-rule file as rules/outline.rules declares it:
 * where each finding lies (line, and byte columns: a Chinese character is 3
 * bytes, 、 ， ； 。 and the full-width brackets too), the fix it offers, and
 * a text of the same shape where it must stay silent. */

#include "task.h"
#include "test-util.h"

#define RULE(id, builtin) "[numbering." id "]\ncategory = numbering\nseverity = error\nmessage = m\nbuiltin = " builtin "\n"

/* Finding k of t lies at line, [col, end), with fix (NULL: none). */
static int finding_is(const tu_fix *t, size_t k, size_t line, size_t col, size_t end, const char *fix)
{
    char buf[64];
    if (k >= t->res.n) {
        task_fail(__FILE__, __LINE__, "finding %zu of %zu", k, t->res.n);
        return 0;
    }
    const check_finding *f = &t->res.f[k];
    const char *got = tu_fixtext(t, k, buf, sizeof buf);
    if (f->line != line || f->col != col || f->end != end || (fix == NULL) != (got == NULL) ||
        (fix && strcmp(fix, got) != 0)) {
        task_fail(__FILE__, __LINE__, "finding %zu: %u:[%u,%u) fix \"%s\", want %zu:[%zu,%zu) fix \"%s\"", k,
                  (unsigned)f->line, (unsigned)f->col, (unsigned)f->end, got ? got : "(none)", line, col, end,
                  fix ? fix : "(none)");
        return 0;
    }
    return 1;
}

TEST_IMPL(numbering_heading_skip_gives_the_missing_number)
{
    tu_fix t;
    tu_rules(&t, RULE("heading-skip", "heading-skip"));
    ASSERT(t.rs->nrules == 1);
    /* 四 at the start of line 2 should be 三 */
    tu_check(&t, "一、加强党的建设\n二、推动经济发展\n四、优化营商环境", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 2, 0, 3, "三"));
    /* second level: （ is 3 bytes, so 三 of （三） is [3, 6) */
    tu_check(&t, "一、主要工作\n（一）项目建设\n（三）招商引资", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 2, 3, 6, "二"));
    /* Arabic numbers are fixed in Arabic */
    tu_check(&t, "1.加快规划编制\n3.完善路网配套", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 1, 0, 1, "2"));
    /* a first sibling that is not 一, and the one after it, off because of it */
    tu_check(&t, "二、推动经济发展\n三、优化营商环境", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT(finding_is(&t, 0, 0, 0, 3, "一"));
    ASSERT(finding_is(&t, 1, 1, 0, 3, "二"));
    /* silent: in order, and siblings under different parents */
    tu_check(&t, "一、加强党的建设\n二、推动经济发展\n三、优化营商环境", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "一、主要工作\n（一）项目建设\n（二）招商引资\n二、下一步打算\n（一）强化招商\n（二）优化服务", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    /* a repeat is not a skip */
    tu_check(&t, "一、加强党的建设\n二、推动经济发展\n二、优化营商环境", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_heading_repeat_gives_the_next_number)
{
    tu_fix t;
    tu_rules(&t, RULE("heading-repeat", "heading-repeat"));
    tu_check(&t, "一、加强党的建设\n二、推动经济发展\n二、优化营商环境", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 2, 0, 3, "三"));
    /* the heading after the repeat is off by one too, and reported with it */
    tu_check(&t, "（一）项目建设\n（二）招商引资\n（二）要素保障\n（三）企业服务", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT(finding_is(&t, 0, 2, 3, 6, "三"));
    ASSERT(finding_is(&t, 1, 3, 3, 6, "四"));
    /* going back is a repeat too */
    tu_check(&t, "一、甲\n二、乙\n三、丙\n二、丁", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 3, 0, 3, "四"));
    /* silent: in order; (一) again under another parent; a skip */
    tu_check(&t, "（一）项目建设\n（二）招商引资\n（三）要素保障\n（四）企业服务", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "一、主要工作\n（一）项目建设\n二、下一步打算\n（一）强化招商", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "一、甲\n三、乙", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_heading_restart_gives_the_continuing_number)
{
    tu_fix t;
    tu_rules(&t, RULE("heading-restart", "heading-restart"));
    tu_check(&t, "一、过去五年的工作\n二、当前形势\n三、今后五年的目标\n一、主要任务", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 3, 0, 3, "四"));
    /* silent: 一、 again under a new 第二部分; a repeat that is not of 1 */
    tu_check(&t, "第一部分 工作回顾\n一、经济发展\n二、项目建设\n第二部分 工作安排\n一、招大引强\n二、优化服务", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "一、甲\n二、乙\n三、丙\n二、丁", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_level_order_flags_a_senior_heading_under_a_junior_once)
{
    tu_fix t;
    tu_rules(&t, RULE("level-order", "level-order"));
    /* （一） and （二） under 1.: one finding, on the marker （一） [0, 9), no fix */
    tu_check(&t, "一、主要工作\n1.项目建设\n（一）加快开工\n（二）加快投产", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 2, 0, 9, NULL));
    /* 1. under （1）: the marker 1. is [0, 2) */
    tu_check(&t, "一、主要工作\n（1）项目建设\n1.加快开工", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 2, 0, 2, NULL));
    /* silent: the levels in order; a senior heading back at the top */
    tu_check(&t, "一、主要工作\n（一）项目建设\n1.加快开工\n2.加快投产", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "（一）项目建设\n（二）招商引资\n一、下一步打算", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_mixed_style_flags_the_odd_form_among_siblings)
{
    tu_fix t;
    tu_rules(&t, RULE("mixed-style", "mixed-style"));
    /* 3） among ①②: the marker 3） is [0, 4) */
    tu_check(&t, "（一）基础设施\n①完善道路管网\n②建设标准厂房\n3）完善供水设施", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 3, 0, 4, NULL));
    /* （2) among （1）（3）: [0, 5) */
    tu_check(&t, "1.基础设施\n（1）完善道路管网\n（2)建设标准厂房\n（3）完善供水设施", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 2, 0, 5, NULL));
    tu_check(&t, "（一）基础设施\n①完善道路管网\n②建设标准厂房\n③完善供水设施", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_item_skip_gives_the_missing_item)
{
    tu_fix t;
    tu_rules(&t, RULE("item-skip", "item-skip"));
    /* the item span is the numeral and 是: 三是 [0, 6) -> 二是 */
    tu_check(&t, "一是深化政治理论学习。\n三是扎实推进党史学习教育。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 1, 0, 6, "二是"));
    /* 主要做法：15 一是21 加强领导33 ；36 二是42 完善机制54 ；57 四是63 */
    tu_check(&t, "主要做法：一是加强领导；二是完善机制；四是强化考核。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 57, 63, "三是"));
    /* 我讲三点意见。21 第一27 ，30 要提高政治站位51 ；54 第三60 */
    tu_check(&t, "我讲三点意见。第一，要提高政治站位；第三，要压实工作责任。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 54, 60, "第二"));
    /* silent: two sequences each in order; 第一/第三 inside sentences; 一是一 */
    tu_check(&t, "主要做法：一是加强领导；二是完善机制。存在问题：一是投入不足；二是人才短缺。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "全区招商引资第一，项目建设第三。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "坚持一是一、二是二，实事求是。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_item_repeat_gives_the_next_item)
{
    tu_fix t;
    tu_rules(&t, RULE("item-repeat", "item-repeat"));
    /* 一是6 加强领导18 ；21 一是27 完善机制39 ；42 二是48 */
    tu_check(&t, "一是加强领导；一是完善机制；二是强化考核。", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    ASSERT(finding_is(&t, 0, 0, 21, 27, "二是"));
    ASSERT(finding_is(&t, 1, 0, 42, 48, "三是"));
    tu_check(&t, "一是加强领导。\n二是完善机制。\n二是强化考核。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 2, 0, 6, "三是"));
    /* silent: a new 一是 after 二是 starts a new sequence */
    tu_check(&t, "一是加强领导；二是完善机制。\n一是投入不足；二是人才短缺。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "一是加强领导；二是完善机制；三是强化考核。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_item_lost_shi_adds_the_shi)
{
    tu_fix t;
    tu_rules(&t, RULE("item-lost-shi", "item-lost-shi"));
    /* 一是6 加强组织领导24 ；27 二30: the fix replaces 二 by 二是 */
    tu_check(&t, "一是加强组织领导；二完善工作机制；三是强化督查考核。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 27, 30, "二是"));
    tu_check(&t, "一是加强组织领导。\n二完善工作机制。\n三是强化督查考核。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 1, 0, 3, "二是"));
    /* silent: 是 present; 二期 is a word; no sequence around 二 */
    tu_check(&t, "一是加强组织领导；二是完善工作机制；三是强化督查考核。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "一是加快一期建设；二期工程已开工；三是强化督查考核。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "园区建设稳步推进；二完善工作机制。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_item_order_flags_a_repeated_or_backward_ordinal)
{
    tu_fix t;
    tu_rules(&t, RULE("item-order", "item-order"));
    /* 首先6 ，9 要提高认识24 ；27 其次33 ，36 要加强领导51 ；54 其次60: no fix */
    tu_check(&t, "首先，要提高认识；其次，要加强领导；其次，要抓好落实。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 54, 60, NULL));
    /* 其次 after 最后 */
    tu_check(&t, "首先，要提高认识；最后，要抓好落实；其次，要加强领导。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 54, 60, NULL));
    /* silent: in order; a new paragraph starts again */
    tu_check(&t, "首先，要提高认识；其次，要加强领导；最后，要抓好落实。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "首先，要提高认识。\n首先，要加强领导。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_heading_end_deletes_the_mark_of_a_standalone_heading)
{
    tu_fix t;
    tu_rules(&t, RULE("heading-end", "heading-end"));
    /* 一、6 加强基层组织建设30 。33: the fix is empty (delete) */
    tu_check(&t, "一、加强基层组织建设。\n园区党工委认真履行主体责任。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 30, 33, ""));
    /* trailing spaces are not the end: still the 。 */
    tu_check(&t, "一、加强基层组织建设。\xE3\x80\x80 \n园区党工委认真履行主体责任。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 30, 33, ""));
    /* （一）9 主要做法21 ：24 */
    tu_check(&t, "（一）主要做法：\n1.强化组织领导\n2.完善工作机制", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 21, 24, ""));
    /* a short 1. heading counts: 1.2 强化组织领导20 。23 */
    tu_check(&t, "1.强化组织领导。\n园区成立工作专班。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 20, 23, ""));
    /* silent: no mark; a run-in heading; a numbered 1. paragraph with a comma */
    tu_check(&t, "一、加强基层组织建设\n园区党工委认真履行主体责任。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "（一）强化政治意识，超前部署防疫工作。按照上级部署，园区第一时间成立专班。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "1.园区全年完成固定资产投资12亿元，同比增长15%。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(numbering_runin_end_puts_a_full_stop_for_the_spaces)
{
    tu_fix t;
    tu_rules(&t, RULE("runin-end", "runin-end"));
    /* （一）9 强化政治意识27, two spaces 29: both become 。 */
    tu_check(&t, "（一）强化政治意识  按照上级部署，园区第一时间成立工作专班。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 27, 29, "。"));
    /* 二、6 积极干事创业24, U+3000 27 */
    tu_check(&t, "二、积极干事创业　面对经济发展新常态，园区坚持规划引领。", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT(finding_is(&t, 0, 0, 24, 27, "。"));
    /* silent: a full stop already; no space; a space only after the marker;
     * too little text after the space to be the body */
    tu_check(&t, "（一）强化政治意识，超前部署防疫工作。按照上级部署，园区第一时间成立工作专班。", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "一、加强基层组织和干部队伍建设，党的建设成效显著", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "一、 加强基层组织建设", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_check(&t, "（一）强化政治意识  按照部署", NULL);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}
