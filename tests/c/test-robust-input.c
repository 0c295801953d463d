/* test-robust-input.c -- the checker on hostile text: NUL bytes, invalid
 * UTF-8 next to findings, CRLF with a BOM, empty documents, a 10 MB line and
 * a million lines with the default rules. (GB18030 files, whose positions
 * must come back in the original bytes, are in test-encoding.c.) */

#include <limits.h>
#include <time.h>

#include "config.h"
#include "mem.h"
#include "report.h"
#include "task.h"
#include "test-util.h"

#define ROBUST_BU_SHU                                                                              \
    "[typo.bu-shu]\ncategory = typo\nseverity = error\nmessage = 应为“{fix}”\nlist:\n布署 -> 部署\n" \
    "[style.any]\ncategory = style\nseverity = hint\nmessage = m\npattern = 工.\n"

static double robust_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Checks text[0, len) (not NUL-terminated: a private exact copy) with rs. */
static void robust_check(const ruleset *rs, const char *text, size_t len, doc_text *doc, check_result *res)
{
    check_opts o = {0};
    memset(res, 0, sizeof *res);
    doc_init(doc, text, len);
    check_run(rs, doc, &o, res);
}

TEST_IMPL(robust_nul_bytes_are_ordinary_text)
{
    tu_fix t;
    tu_rules(&t, ROBUST_BU_SHU);
    static const char text[] = "要\0认真布署\0工作。\n\0\n布署";
    size_t len = sizeof text - 1;
    char *copy = xmalloc(len);
    memcpy(copy, text, len);
    doc_text doc;
    check_result res;
    robust_check(t.rs, copy, len, &doc, &res);
    ASSERT_INT_EQ(doc.nlines, 3);
    ASSERT_INT_EQ(doc.lines[0].len, 26);
    int bu = ruleset_find(t.rs, "typo.bu-shu");
    size_t n = 0;
    for (size_t i = 0; i < res.n; i++)
        if ((int)res.f[i].rule == bu) {
            ASSERT(memcmp(doc.lines[res.f[i].line].s + res.f[i].col, "布署", 6) == 0);
            n++;
        }
    ASSERT_INT_EQ(n, 2);
    ASSERT_INT_EQ(res.f[0].col, 10); /* after 要, NUL, 认真 */
    check_result_free(&res);
    doc_free(&doc);
    free(copy);
    tu_free(&t);
}

TEST_IMPL(robust_invalid_utf8_everywhere_gives_one_note_and_right_columns)
{
    tu_fix t;
    tu_rules(&t, ROBUST_BU_SHU);
    /* a lone continuation byte, a truncated character, an overlong NUL, a surrogate */
    tu_check(&t, "\x80要认真布署\n\xe5\xb8布署\xc0\x80\n\xed\xa0\x80布署\xff", NULL);
    int bu = ruleset_find(t.rs, "typo.bu-shu");
    size_t cols[3] = {10, 2, 3}, k = 0;
    for (size_t i = 0; i < t.res.n; i++)
        if ((int)t.res.f[i].rule == bu) {
            ASSERT(k < 3);
            ASSERT_INT_EQ(t.res.f[i].line, k);
            ASSERT_INT_EQ(t.res.f[i].col, cols[k]);
            k++;
        }
    ASSERT_INT_EQ(k, 3);
    ASSERT_INT_EQ(t.res.nnotes, 1);
    ASSERT(strstr(t.res.notes[0], "UTF-8") && strstr(t.res.notes[0], "3 行"));
    tu_free(&t);
}

TEST_IMPL(robust_crlf_and_bom_keep_positions_and_bytes)
{
    tu_fix t;
    tu_rules(&t, ROBUST_BU_SHU);
    const char *text = "\xEF\xBB\xBF布署\r\n\r\n要布署\r\r\n布署";
    char *before = xstrdup(text);
    tu_check(&t, text, NULL);
    ASSERT(strcmp(text, before) == 0); /* nothing rewritten */
    ASSERT_INT_EQ(t.doc.nlines, 4);
    ASSERT_INT_EQ(t.doc.lines[0].coloff, 3);
    ASSERT_INT_EQ(t.doc.lines[2].len, 10); /* a lone \r before \r\n is text */
    sbuf out = SBUF_INIT;
    report_text(&out, "f", t.rs, &t.doc, &t.res);
    ASSERT(strstr(out.s, "f:1:4: error:") != NULL);
    ASSERT(strstr(out.s, "f:3:4: error:") != NULL);
    ASSERT(strstr(out.s, "f:4:1: error:") != NULL);
    sbuf_free(&out);
    free(before);
    tu_free(&t);
}

TEST_IMPL(robust_empty_and_blank_documents_are_clean)
{
    tu_fix t;
    tu_rules(&t, ROBUST_BU_SHU);
    const char *texts[] = {"", "\n", "\r\n", "\xEF\xBB\xBF", "\xEF\xBB", "\n\n\n\n", " \t\r"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        tu_check(&t, texts[i], NULL);
        ASSERT_INT_EQ(t.res.n, 0);
    }
    tu_free(&t);
}

/* The default rules, without the user's. */
static config *robust_default_config(void)
{
    setenv("XDG_CONFIG_HOME", "/nonexistent/park-test", 1);
    char dir[PATH_MAX];
    return config_new(tu_join(dir, task_root(), "rules"), NULL, 0);
}

TEST_IMPL(robust_ten_megabyte_line_with_default_rules_is_prompt)
{
    config *cfg = robust_default_config();
    const ruleset *rs = config_ruleset(cfg, NULL);
    static const char unit[] = "园区各项工作稳步推进，认真部署工作。"; /* clean */
    size_t ul = sizeof unit - 1, reps = 10 * 1024 * 1024 / ul;
    sbuf b = SBUF_INIT;
    for (size_t i = 0; i < reps; i++) sbuf_add(&b, unit, ul);
    sbuf_adds(&b, "要认真布署");
    double t0 = robust_now();
    doc_text doc;
    check_result res;
    robust_check(rs, b.s, b.len, &doc, &res);
    double dt = robust_now() - t0;
    ASSERT_INT_EQ(doc.nlines, 1);
    size_t hits = 0;
    for (size_t i = 0; i < res.n; i++)
        if (strcmp(rs->rules[res.f[i].rule]->id, "typo.word") == 0) {
            ASSERT_INT_EQ(res.f[i].col, b.len - 6);
            hits++;
        }
    ASSERT_INT_EQ(hits, 1);
    if (dt > 20) task_fail(__FILE__, __LINE__, "10 MB line took %.1f s", dt);
    check_result_free(&res);
    doc_free(&doc);
    sbuf_free(&b);
    config_free(cfg);
}

TEST_IMPL(robust_many_findings_on_one_line_stay_linear)
{
    /* 200,000 findings on one line, with a rule that supersedes another */
    tu_fix t;
    tu_rules(&t, ROBUST_BU_SHU "[typo.sup]\ncategory = typo\nseverity = info\nmessage = m\nsupersedes = style.any\n"
                               "list:\n工作\n");
    sbuf b = SBUF_INIT;
    for (int i = 0; i < 100000; i++) sbuf_adds(&b, "布署工作");
    double t0 = robust_now();
    tu_check(&t, b.s, NULL);
    double dt = robust_now() - t0;
    ASSERT_INT_EQ(tu_count(&t, "typo.bu-shu"), 100000);
    ASSERT_INT_EQ(tu_count(&t, "typo.sup"), 100000);
    ASSERT_INT_EQ(tu_count(&t, "style.any"), 0); /* all superseded */
    if (dt > 10) task_fail(__FILE__, __LINE__, "took %.1f s", dt);
    tu_free(&t);
    sbuf_free(&b);
}

TEST_IMPL(robust_million_lines_with_default_rules)
{
    config *cfg = robust_default_config();
    const ruleset *rs = config_ruleset(cfg, NULL);
    sbuf b = SBUF_INIT;
    for (int i = 0; i < 1000000; i++) sbuf_adds(&b, i % 100000 == 99999 ? "要认真布署。\n" : "园区稳步发展。\n");
    double t0 = robust_now();
    doc_text doc;
    check_result res;
    robust_check(rs, b.s, b.len, &doc, &res);
    double dt = robust_now() - t0;
    ASSERT_INT_EQ(doc.nlines, 1000000);
    size_t n = 0, lastline = 0;
    for (size_t i = 0; i < res.n; i++)
        if (strcmp(rs->rules[res.f[i].rule]->id, "typo.word") == 0) n++, lastline = res.f[i].line;
    ASSERT_INT_EQ(n, 10);
    ASSERT_INT_EQ(lastline, 999999);
    if (dt > 30) task_fail(__FILE__, __LINE__, "1,000,000 lines took %.1f s", dt);
    check_result_free(&res);
    doc_free(&doc);
    sbuf_free(&b);
    config_free(cfg);
}
