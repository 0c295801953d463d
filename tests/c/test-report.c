/* test-report.c -- findings printed as compiler-style text and as JSON
 * Lines: 1-based byte columns, the BOM counted, escaping. */

#include "report.h"
#include "task.h"
#include "test-util.h"

#define RULE(id, cat, sev, msg, body) "[" id "]\ncategory = " cat "\nseverity = " sev "\nmessage = " msg "\n" body

static const char bu_shu[] = RULE("typo.bu-shu", "typo", "error", "错别字：“{match}”应为“{fix}”", "list:\n布署 -> 部署\n")
    RULE("watermark.xb", "watermark", "warning", "删除“{match}”", "list:\n小编精心整理\n");

TEST_IMPL(report_text_gives_file_line_byte_column_severity_message_rule)
{
    tu_fix t;
    tu_rules(&t, bu_shu);
    tu_check(&t, "园区工作报告\n要认真布署工作。小编精心整理", NULL);
    sbuf out = SBUF_INIT;
    report_text(&out, "报告.txt", t.rs, &t.doc, &t.res);
    /* After 3 Chinese characters (9 bytes): column 10. */
    ASSERT_STR_EQ(out.s, "报告.txt:2:10: error: 错别字：“布署”应为“部署” [typo.bu-shu]\n"
                         "报告.txt:2:25: warning: 删除“小编精心整理” [watermark.xb]\n");
    sbuf_free(&out);
    /* Nothing found: nothing printed. */
    tu_check(&t, "要认真部署工作。", NULL);
    report_text(&out, "报告.txt", t.rs, &t.doc, &t.res);
    ASSERT_INT_EQ(out.len, 0);
    sbuf_free(&out);
    tu_free(&t);
}

TEST_IMPL(report_text_counts_the_bom_on_line_one_only)
{
    tu_fix t;
    tu_rules(&t, bu_shu);
    tu_check(&t, "\xEF\xBB\xBF要认真布署工作\r\n要认真布署工作\r\n", NULL);
    sbuf out = SBUF_INIT;
    report_text(&out, "a.txt", t.rs, &t.doc, &t.res);
    ASSERT_STR_EQ(out.s, "a.txt:1:13: error: 错别字：“布署”应为“部署” [typo.bu-shu]\n"
                         "a.txt:2:10: error: 错别字：“布署”应为“部署” [typo.bu-shu]\n");
    sbuf_free(&out);
    tu_free(&t);
}

TEST_IMPL(report_text_shows_the_effective_severity)
{
    tu_fix t;
    tu_rules(&t, bu_shu);
    rule_directive d = {RULEFILE_DIR_SEVERITY, "typo", RULEFILE_SEV_HINT};
    check_opts o = {.dirs = &d, .ndirs = 1};
    tu_check(&t, "布署", &o);
    sbuf out = SBUF_INIT;
    report_text(&out, "a.txt", t.rs, &t.doc, &t.res);
    ASSERT_STR_EQ(out.s, "a.txt:1:1: hint: 错别字：“布署”应为“部署” [typo.bu-shu]\n");
    sbuf_free(&out);
    tu_free(&t);
}

TEST_IMPL(report_json_gives_all_keys_with_end_column_and_fix)
{
    tu_fix t;
    tu_rules(&t, bu_shu);
    tu_check(&t, "\xEF\xBB\xBF要认真布署工作。小编精心整理\n布署", NULL);
    sbuf out = SBUF_INIT;
    report_json(&out, "doc.txt", t.rs, &t.doc, &t.res);
    ASSERT_STR_EQ(out.s,
                  "{\"file\":\"doc.txt\",\"line\":1,\"col\":13,\"end_line\":1,\"end_col\":19,\"severity\":\"error\","
                  "\"category\":\"typo\",\"rule\":\"typo.bu-shu\",\"message\":\"错别字：“布署”应为“部署”\","
                  "\"match\":\"布署\",\"fix\":\"部署\"}\n"
                  "{\"file\":\"doc.txt\",\"line\":1,\"col\":28,\"end_line\":1,\"end_col\":46,\"severity\":\"warning\","
                  "\"category\":\"watermark\",\"rule\":\"watermark.xb\",\"message\":\"删除“小编精心整理”\","
                  "\"match\":\"小编精心整理\",\"fix\":null}\n"
                  "{\"file\":\"doc.txt\",\"line\":2,\"col\":1,\"end_line\":2,\"end_col\":7,\"severity\":\"error\","
                  "\"category\":\"typo\",\"rule\":\"typo.bu-shu\",\"message\":\"错别字：“布署”应为“部署”\","
                  "\"match\":\"布署\",\"fix\":\"部署\"}\n");
    sbuf_free(&out);
    tu_free(&t);
}

TEST_IMPL(report_json_escapes_quotes_backslashes_controls_and_bad_utf8)
{
    tu_fix t;
    tu_rules(&t, RULE("style.esc", "style", "info", "说\"{match}\"\\改为\t{fix}",
                      "list:\n甲\t乙 -> 甲乙\n丙\x1f丁 -> \"丙丁\"\n戊\xff -> \\戊\n"));
    ASSERT_INT_EQ(t.rs->nerrors, 0);
    tu_check(&t, "甲\t乙，丙\x1f丁，戊\xff。", NULL);
    ASSERT_INT_EQ(t.res.n, 3);
    sbuf out = SBUF_INIT;
    report_json(&out, "d\"q\\\x01\xfe.txt", t.rs, &t.doc, &t.res);
    const char *want =
        "{\"file\":\"d\\\"q\\\\\\u0001\xEF\xBF\xBD.txt\",\"line\":1,\"col\":1,\"end_line\":1,\"end_col\":8,"
        "\"severity\":\"info\",\"category\":\"style\",\"rule\":\"style.esc\","
        "\"message\":\"说\\\"甲\\t乙\\\"\\\\改为\\t甲乙\",\"match\":\"甲\\t乙\",\"fix\":\"甲乙\"}\n"
        "{\"file\":\"d\\\"q\\\\\\u0001\xEF\xBF\xBD.txt\",\"line\":1,\"col\":11,\"end_line\":1,\"end_col\":18,"
        "\"severity\":\"info\",\"category\":\"style\",\"rule\":\"style.esc\","
        "\"message\":\"说\\\"丙\\u001f丁\\\"\\\\改为\\t\\\"丙丁\\\"\",\"match\":\"丙\\u001f丁\","
        "\"fix\":\"\\\"丙丁\\\"\"}\n"
        "{\"file\":\"d\\\"q\\\\\\u0001\xEF\xBF\xBD.txt\",\"line\":1,\"col\":21,\"end_line\":1,\"end_col\":25,"
        "\"severity\":\"info\",\"category\":\"style\",\"rule\":\"style.esc\","
        "\"message\":\"说\\\"戊\xEF\xBF\xBD\\\"\\\\改为\\t\\\\戊\",\"match\":\"戊\xEF\xBF\xBD\",\"fix\":\"\\\\戊\"}\n";
    ASSERT_STR_EQ(out.s, want);
    sbuf_free(&out);
    tu_free(&t);
}

TEST_IMPL(report_sbuf_add_json_escapes_every_control_character)
{
    sbuf b = SBUF_INIT;
    char in[32];
    for (int i = 0; i < 31; i++) in[i] = (char)(i + 1);
    sbuf_add_json(&b, in, 31);
    ASSERT_STR_EQ(b.s, "\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n\\u000b\\u000c\\r\\u000e"
                       "\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b"
                       "\\u001c\\u001d\\u001e\\u001f");
    sbuf_clear(&b);
    /* A truncated character at the end and an overlong form. */
    sbuf_add_json(&b, "中\xE4\xB8", 5);
    ASSERT_STR_EQ(b.s, "中\xEF\xBF\xBD\xEF\xBF\xBD");
    sbuf_clear(&b);
    sbuf_add_json(&b, "\xC0\xAF/", 3);
    ASSERT_STR_EQ(b.s, "\xEF\xBF\xBD\xEF\xBF\xBD/");
    sbuf_free(&b);
}

/* As for GBK text decoded to UTF-8: a 3-byte character was 2 bytes. */
static size_t two_of_three(const void *ctx, const doc_line *ln, size_t col)
{
    (void)ln;
    if (*(const int *)ctx != 42) task_fail(__FILE__, __LINE__, "orig_col got the wrong context");
    return col / 3 * 2 + col % 3;
}

TEST_IMPL(report_uses_the_original_column_of_decoded_text)
{
    tu_fix t;
    tu_rules(&t, bu_shu);
    tu_check(&t, "园区工作报告\n要认真布署工作。", NULL);
    int ctx = 42;
    t.doc.orig_col = two_of_three;
    t.doc.orig_ctx = &ctx;
    sbuf out = SBUF_INIT;
    report_text(&out, "gbk.txt", t.rs, &t.doc, &t.res);
    ASSERT_STR_EQ(out.s, "gbk.txt:2:7: error: 错别字：“布署”应为“部署” [typo.bu-shu]\n");
    sbuf_clear(&out);
    report_json(&out, "gbk.txt", t.rs, &t.doc, &t.res);
    ASSERT(strstr(out.s, "\"line\":2,\"col\":7,\"end_line\":2,\"end_col\":11,") != NULL);
    ASSERT(strstr(out.s, "\"match\":\"布署\"") != NULL);
    sbuf_free(&out);
    tu_free(&t);
}
