/* test-placeholder.c -- the placeholder detector: every form it reports,
 * every look-alike it leaves alone, the kind it gives each slot, and the
 * placeholder-* builtins run through check_run (strict mode, Markdown). */

#include "placeholder.h"

#include "builtin.h"
#include "task.h"
#include "test-util.h"

/* The placeholders of one line as "match:kind" items joined by " | "
 * (missing figures as "match:missing"), into buf. */
static const char *ph_describe(const char *line, int markdown, char *buf, size_t cap)
{
    placeholder_list l = {0};
    placeholder_scan(line, strlen(line), markdown, &l);
    size_t w = 0;
    buf[0] = 0;
    for (size_t i = 0; i < l.n && w < cap; i++) {
        const placeholder *p = &l.p[i];
        w += (size_t)snprintf(buf + w, cap - w, "%s%.*s:%s", i ? " | " : "", (int)(p->end - p->col), line + p->col,
                              p->missing ? "missing" : placeholder_kind_name(p->kind));
    }
    placeholder_list_free(&l);
    return buf;
}

#define PH(line, want)                                                    \
    do {                                                                  \
        char _buf[1024];                                                  \
        ASSERT_STR_EQ(ph_describe(line, 0, _buf, sizeof _buf), want);     \
    } while (0)

#define PH_MD(line, want)                                                 \
    do {                                                                  \
        char _buf[1024];                                                  \
        ASSERT_STR_EQ(ph_describe(line, 1, _buf, sizeof _buf), want);     \
    } while (0)

/* ---- forms -------------------------------------------------------------- */

TEST_IMPL(placeholder_letters_in_chinese_text)
{
    PH("完成营业收入X亿元，同比增长X%。", "X:figure | X:figure");
    PH("现将XX区XXX同志的考察情况报告如下：", "XX:name | XXX:name");
    PH("会议于x月x日召开", "x:date | x:date");
    PH("新增高新技术企业Ｘ家，带动就业ｘ名", "Ｘ:figure | ｘ:figure");
    PH("新增企业xx家", "xx:figure");
    PH("X年，科技园认真制定学习计划", "X:date");
    PH("税收增长X.X%", "X.X:figure");
    PH("我们重点抓好了XKV变电站建设", "X:figure");
    PH("学习X、X等同志先进事迹", "X:name | X:name");
    PH("区委X届X次全会精神", "X:figure | X:figure");
    PH("时间为x-x月", "x:date | x:date");
    PH("联系电话：XXXX-XXXXXXX", "XXXX:text | XXXXXXX:text");
}

TEST_IMPL(placeholder_times_stars_and_symbols)
{
    PH("经××县委研究决定，全年完成投资×亿元", "××:name | ×:figure");
    PH("园区实现工业总产值*亿元，同比增长*%", "*:figure | *:figure");
    PH("在***正式成立的关键节点", "***:name");
    PH("协议引进资金**余亿元", "**:figure");
    PH("带动就业＊余人", "＊:figure");
    PH("○○同志、□□县和△△公司", "○○:name | □□:name | △△:name");
    PH("某某同志担任园区党工委委员", "某某:name");
    PH("全年完成投资____亿元，签名：＿＿", "____:figure | ＿＿:name");
    PH("现在我代表 **向大会作报告。", "**:name");
    PH("报告人：×××", "×××:name");
}

TEST_IMPL(placeholder_dates)
{
    PH("20XX年工作总结", "20XX:date");
    PH("202X年上半年", "202X:date");
    PH("20××年、20**年度、２０ＸＸ年", "20××:date | 20**:date | ２０ＸＸ:date");
    PH("XXXX年X月X日", "XXXX:date | X:date | X:date");
    PH("定于X月X日召开", "X:date | X:date");
    PH("*月底前已全部支出完毕", "*:date");
    PH("近X年来，连续X年", "X:figure | X:figure");
    PH("二〇XX年一月", "XX:date");
    /* the title of Park's own 年度工作总结 skeleton: the unit, then the year */
    PH("XX20XX年工作总结", "XX:name | 20XX:date");
    PH("XX园区20XX年度工作", "XX:name | 20XX:date");
    PH("型号ABXX2023年上市，X2023年", "");
}

TEST_IMPL(placeholder_brackets_and_cut_text)
{
    PH("全年完成固定资产投资【待补充】亿元", "【待补充】:figure");
    PH("经【】研究决定，【 】", "【】:text | 【 】:text");
    PH("是否通过：[ ]，结论：[]", "[ ]:text | []:text");
    PH("主要成效：（略）", "（略）:text");
    PH("特此报告（此处填写单位名称）", "（此处填写单位名称）:text");
    PH("报告人（姓名），日期（日期），金额（金额）元", "（姓名）:name | （日期）:date | （金额）:figure");
    PH("附件：（ ）", "（ ）:text");
    PH("今年以来，重点项目进展如下……", "……:text");
    PH("主要做法：……。", "……:text");
    PH("……", "……:text");
}

TEST_IMPL(placeholder_missing_figures)
{
    PH("全年实现营业收入亿元，同比增长%。", "亿元:missing | %:missing");
    PH("完成固定资产投资万元，出口额亿美元", "万元:missing | 亿美元:missing");
    PH("研发投入占比提高个百分点，增长％", "个百分点:missing | ％:missing");
}

TEST_IMPL(placeholder_masked_names)
{
    PH("确立*********同志党中央的核心", "*********:masked");
    PH("以******同志为班长", "******:masked");
    PH("确立************************************************的指导地位",
       "************************************************:masked");
    PH("************************************************思想", "************************************************:masked");
    /* Not masked: too short, or not a multiple of three before 同志. */
    PH("现将**同志的情况报告如下", "**:name");
    PH("在****正式成立的关键节点", "****:name");
}

TEST_IMPL(placeholder_kinds_from_context)
{
    PH("扭住“*”战略部署", "*:text");
    PH("聚焦金属智造、**、新材料", "**:text");
    PH("计划实施*、*、*硫磷钛一体化等项目", "*:name | *:name | *:name");
    PH("增长*，全口径税收", "*:figure");
    PH("居全市第X位", "X:figure");
    PH("组建X市联盟，推进X项目建设", "X:name | X:name");
    PH("《*理论学习中心组学习计划》", "*:name");
}

/* ---- look-alikes -------------------------------------------------------- */

TEST_IMPL(placeholder_leaves_latin_words_and_codes)
{
    PH("医院新购置X光机和X射线探伤设备，X线片", "");
    PH("系统采用XML格式交换数据，支持Xbox和iPhone X终端", "");
    PH("升级到Windows X后，配备X-ray检测设备", "");
    PH("推进“1+X”证书制度试点，沿X轴布置，X型钢", "");
    PH("新建110kV变电站，敷设XLPE电缆", "");
    PH("公式为f(x)=2x", "");
}

TEST_IMPL(placeholder_leaves_products_and_marks)
{
    PH("管廊断面为3×4米，按长×宽×高计算体积", "");
    PH("会议室面积为6*8米，按2*3的比例配置，3 × 4，2 * 3", "");
    PH("* 加强组织领导", "");
    PH("***", "");
    PH("带*的为约束性指标，注：*表示预计数，标注*号", "");
    PH("【参考】全年完成投资12亿元（含技改投资），企业（单位）营业收入", "");
    PH("要坚持不懈……我们一定能够实现目标", "");
    PH("计算公式为f()，编号XXX-2023-01-A", "");
    PH("2023年1月5日，实现营业收入12亿元，增长8.5%", "");
}

TEST_IMPL(placeholder_leaves_units_that_need_no_figure)
{
    PH("引进投资亿元以上项目5个，其中超亿元项目3个，近亿元项目2个", "");
    PH("累计实施千万元以上工业项目12个，总投资近百亿元，迈向万亿元", "");
    PH("各项指标（单位：%）见附表，提高了两个百分点", "");
}

TEST_IMPL(placeholder_markdown_emphasis_is_not_a_slot)
{
    PH_MD("要把**重点工作**抓实，*斜体*也不算", "");
    PH_MD("- [ ] 完成材料报送", "");
    PH_MD("参见[](http://example.invalid)", "");
    /* A slot is still a slot in Markdown. */
    PH_MD("**同志在**重点**工作中", "**:name");
    PH_MD("完成投资*亿元", "*:figure");
    /* The same text outside Markdown: every run is a slot. */
    PH("我们园区是**对口帮扶**的主阵地", "**:name | **:name");
    PH("要把**重点工作**抓实", "**:name | **:name");
}

TEST_IMPL(placeholder_offsets_are_bytes_and_never_overlap)
{
    const char *line = "X年X月，完成【待补充】亿元";
    placeholder_list l = {0};
    placeholder_scan(line, strlen(line), 0, &l);
    ASSERT_INT_EQ(l.n, 3);
    ASSERT_INT_EQ(l.p[0].col, 0);
    ASSERT_INT_EQ(l.p[0].end, 1);
    ASSERT_INT_EQ(l.p[1].col, 4);
    ASSERT_INT_EQ(l.p[2].col, 17);
    ASSERT_INT_EQ(l.p[2].end, 17 + 15);
    for (size_t i = 1; i < l.n; i++) ASSERT(l.p[i].col >= l.p[i - 1].end);
    /* Appending: a second line's results follow the first's. */
    placeholder_scan("X家", 4, 0, &l);
    ASSERT_INT_EQ(l.n, 4);
    ASSERT_INT_EQ(l.p[3].col, 0);
    placeholder_list_free(&l);
    ASSERT(l.p == NULL && l.n == 0);
}

TEST_IMPL(placeholder_survives_invalid_utf8_and_edges)
{
    static const char bad[] = "\xff\xfeX\xe4\xba\xbf\xe5\x85"; /* invalid, X, 亿, a cut character */
    placeholder_list l = {0};
    placeholder_scan(bad, sizeof bad - 1, 0, &l);
    placeholder_scan("", 0, 0, &l);
    placeholder_scan("*", 1, 1, &l);
    placeholder_scan("【", 3, 0, &l);
    placeholder_scan("20X", 3, 0, &l);
    for (size_t i = 0; i < l.n; i++) ASSERT(l.p[i].end <= sizeof bad - 1);
    placeholder_list_free(&l);
}

/* The placeholders of s[0, n) (any bytes) as "col-end:kind" items. */
static const char *ph_offsets(const char *s, size_t n, int markdown, char *buf, size_t cap)
{
    placeholder_list l = {0};
    placeholder_scan(s, n, markdown, &l);
    size_t w = 0;
    buf[0] = 0;
    for (size_t i = 0; i < l.n && w < cap; i++)
        w += (size_t)snprintf(buf + w, cap - w, "%s%zu-%zu:%s", i ? " | " : "", l.p[i].col, l.p[i].end,
                              l.p[i].missing ? "missing" : placeholder_kind_name(l.p[i].kind));
    placeholder_list_free(&l);
    return buf;
}

#define PH_BYTES(s, n, want)                                              \
    do {                                                                  \
        char _buf[1024];                                                  \
        ASSERT_STR_EQ(ph_offsets(s, n, 0, _buf, sizeof _buf), want);      \
    } while (0)

#define PH_B(lit, want) PH_BYTES(lit, sizeof lit - 1, want)

/* The scan steps over most bytes without decoding them and over whole
 * 3-byte characters at once: a slot must still be found wherever a full
 * decode would reach it, and nothing past the end of the line is read. */
TEST_IMPL(placeholder_scan_reaches_every_character)
{
    /* At the start and at the very end of a line. */
    PH_B("X亿元", "0-1:figure");
    PH_B("增长X", "6-7:figure");
    PH_B("同比增长%", "12-13:missing");
    PH_B("实现营业收入亿元", "18-24:missing");
    PH_B("全年投资某某", "12-18:figure");
    PH_B("增长％", "6-9:missing");
    PH_B("进展如下……", "12-18:text");
    /* Every 3-byte character that can begin a slot. */
    PH("◯◯同志、［ ］", "◯◯:name | ［ ］:text");
    for (int d = 0; d < 10; d++) { /* ０Ｘ年 … ９Ｘ年: each full-width digit first */
        char year[] = "\xef\xbc\x90０ＸＸ年";
        year[2] = (char)(0x90 + d);
        PH_BYTES(year, sizeof year - 1, "0-12:date");
    }
    /* After 2- and 4-byte characters. */
    PH_B("\xf0\xa0\x80\x80X亿元", "4-5:figure");
    PH_B("\xc3\xa9×亿元", "2-4:figure");
    /* After a cut or invalid sequence, whatever its lead byte. */
    PH_B("全年\xe4X亿", "7-8:figure");
    PH_B("全年\xe4\xbaX亿", "8-9:figure");
    PH_B("全年\xe6\x9fX亿", "8-9:figure");
    PH_B("全年\xe5\x85X亿", "8-9:figure");
    PH_B("投资\xef*亿元", "7-8:figure");
    PH_B("\x80\x80X亿元", "2-3:figure");
    PH_B("\xe0\x80\x80X亿元", "3-4:figure");
    PH_B("\xed\xa0\x80X亿元", "3-4:figure");
    PH_B("\xe3\x80【待补充】", "2-17:text");
    PH_B("\xef\xbc\xb8\xef\xbcX同志", "5-6:name");
    /* A cut character at the end is no unit, nor a slot. */
    PH_B("全年X\xe4\xba", "6-7:text");
    PH_B("增长\xef\xbc", "");
    PH_B("进展如下\xe2\x80\xa6\xe2\x80", "");
    /* The line ends where n says, not at the NUL. */
    PH_BYTES("全年X亿元", 9, "6-7:text");
    PH_BYTES("全年X亿元", 10, "6-7:figure");
    PH_BYTES("亿元同比增长%", 6, "");
    PH_BYTES("X亿元", 1, "");
}

TEST_IMPL(placeholder_names_and_builtin_kinds)
{
    int missing;
    ASSERT_STR_EQ(placeholder_kind_name(PLACEHOLDER_FIGURE), "figure");
    ASSERT_STR_EQ(placeholder_kind_name(PLACEHOLDER_MASKED), "masked");
    ASSERT(placeholder_kind_name(PLACEHOLDER_NKINDS) == NULL);
    ASSERT(placeholder_kind_name(-1) == NULL);
    ASSERT_INT_EQ(builtin_placeholder_kind(builtin_find("placeholder-date"), &missing), PLACEHOLDER_DATE);
    ASSERT_INT_EQ(missing, 0);
    ASSERT_INT_EQ(builtin_placeholder_kind(builtin_find("placeholder-missing"), &missing), PLACEHOLDER_FIGURE);
    ASSERT_INT_EQ(missing, 1);
    ASSERT_INT_EQ(builtin_placeholder_kind(builtin_find("pairs"), &missing), -1);
    ASSERT_INT_EQ(builtin_placeholder_kind(-1, &missing), -1);
    ASSERT(placeholder_markdown_path("/a/report.md"));
    ASSERT(placeholder_markdown_path("notes.markdown"));
    ASSERT(!placeholder_markdown_path("report.txt"));
    ASSERT(!placeholder_markdown_path("md"));
    ASSERT(!placeholder_markdown_path(NULL));
}

/* ---- the builtins ------------------------------------------------------- */

#define PH_RULE(id, builtin) \
    "[" id "]\ncategory = placeholder\nseverity = warning\nmessage = m\nbuiltin = " builtin "\n"

static const char ph_rules[] = PH_RULE("placeholder.figure", "placeholder-figure")
    PH_RULE("placeholder.empty-number", "placeholder-missing") PH_RULE("placeholder.date", "placeholder-date")
        PH_RULE("placeholder.name", "placeholder-name") PH_RULE("placeholder.text", "placeholder-text")
            PH_RULE("placeholder.masked", "placeholder-masked");

TEST_IMPL(placeholder_builtins_report_each_kind_under_its_rule)
{
    tu_fix t;
    tu_rules(&t, ph_rules);
    ASSERT_INT_EQ(t.rs->nerrors, 0);
    tu_check(&t, "20XX年工作报告\nX书记讲话，完成投资X亿元，增长%\n确立*********同志\n主要做法：……", NULL);
    ASSERT_INT_EQ(tu_count(&t, "placeholder.figure"), 1);
    ASSERT_INT_EQ(tu_count(&t, "placeholder.empty-number"), 1);
    ASSERT_INT_EQ(tu_count(&t, "placeholder.date"), 1);
    ASSERT_INT_EQ(tu_count(&t, "placeholder.name"), 1);
    ASSERT_INT_EQ(tu_count(&t, "placeholder.text"), 1);
    ASSERT_INT_EQ(tu_count(&t, "placeholder.masked"), 1);
    ASSERT_INT_EQ(t.res.n, 6);
    for (size_t i = 0; i < t.res.n; i++) {
        ASSERT_INT_EQ(t.res.f[i].sev, RULEFILE_SEV_WARNING);
        ASSERT(!t.res.f[i].has_fix);
    }
    ASSERT_INT_EQ(t.res.f[0].line, 0);
    ASSERT_INT_EQ(t.res.f[0].end, 4);
    tu_free(&t);
}

TEST_IMPL(placeholder_builtins_are_errors_in_strict_mode)
{
    tu_fix t;
    tu_rules(&t, ph_rules);
    check_opts o = {.strict = 1};
    tu_check(&t, "完成投资X亿元，实现税收亿元", &o);
    ASSERT_INT_EQ(t.res.n, 2);
    for (size_t i = 0; i < t.res.n; i++) ASSERT_INT_EQ(t.res.f[i].sev, RULEFILE_SEV_ERROR);
    tu_free(&t);
}

TEST_IMPL(placeholder_builtins_follow_the_markdown_option)
{
    tu_fix t;
    tu_rules(&t, ph_rules);
    tu_check(&t, "要把**重点工作**抓实", NULL);
    ASSERT_INT_EQ(t.res.n, 2);
    check_opts o = {.markdown = 1};
    tu_check(&t, "要把**重点工作**抓实", &o);
    ASSERT_INT_EQ(t.res.n, 0);
    tu_free(&t);
}

TEST_IMPL(placeholder_builtins_respect_allow_and_except)
{
    tu_fix t;
    tu_rules(&t, PH_RULE("placeholder.name", "placeholder-name") "except = X书记\n\n[allow]\n某某\n");
    tu_check(&t, "X书记、某某同志、X市", NULL);
    ASSERT_INT_EQ(t.res.n, 1);
    ASSERT_INT_EQ(t.res.f[0].col, strlen("X书记、某某同志、"));
    tu_free(&t);
}
