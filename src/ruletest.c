/* ruletest.c -- every rule's own examples, as tests.
 *
 * Each rule file example is one test: a `fire` line must produce the rule
 * (and, with "=> text", turn into text when the rule's fixes are applied),
 * a `pass` line must not. The rule runs alone (everything else disabled) at
 * its `date`, so examples do not depend on other rules. A rule without both
 * kinds of example, with a broken pattern, or a file that failed to parse,
 * counts as a failure too. */

#include "ruletest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mem.h"
#include "sbuf.h"

/* The byte offset of (line, col) in the text of doc joined by newlines. */
static size_t ruletest_offset(const doc_text *doc, size_t line, size_t col)
{
    size_t off = 0;
    for (size_t l = 0; l < line; l++) off += doc->lines[l].len + 1;
    return off + col;
}

/* Applies the fixes of rule ri's findings, last first, skipping overlapping
 * ones, to the text of doc joined by newlines. */
static void ruletest_apply(const doc_text *doc, const check_result *res, uint32_t ri, sbuf *out)
{
    sbuf_clear(out);
    for (size_t l = 0; l < doc->nlines; l++) {
        if (l) sbuf_addc(out, '\n');
        sbuf_add(out, doc->lines[l].s, doc->lines[l].len);
    }
    size_t limit = out->len + 1;
    for (size_t i = res->n; i > 0; i--) {
        const check_finding *f = &res->f[i - 1];
        if (f->rule != ri || !f->has_fix) continue;
        size_t a = ruletest_offset(doc, f->line, f->col), b = ruletest_offset(doc, f->end_line, f->end);
        if (b > limit) continue;
        sbuf n = SBUF_INIT;
        sbuf_add(&n, out->s, a);
        sbuf_add(&n, res->arena.s + f->fix_off, f->fix_len);
        sbuf_add(&n, out->s + b, out->len - b);
        sbuf_free(out);
        *out = n;
        limit = a;
    }
}

static int ruletest_example(const ruleset *rs, uint32_t ri, const rule_example *ex, const rule_directive *dirs,
                            size_t ndirs)
{
    const rule *r = rs->rules[ri];
    doc_text doc;
    doc_init(&doc, ex->text, strlen(ex->text));
    check_opts o = {.date = r->date, .dirs = dirs, .ndirs = ndirs};
    check_result res = {0};
    check_run(rs, &doc, &o, &res);
    size_t hits = 0;
    for (size_t i = 0; i < res.n; i++) hits += res.f[i].rule == ri;
    int ok = ex->fire ? hits > 0 : hits == 0;
    if (!ok) {
        printf("FAIL %s (%s:%d): %s 示例%s：%s\n", r->id, r->file, ex->line, ex->fire ? "fire" : "pass",
               ex->fire ? "没有触发" : "误触发", ex->text);
    } else if (ex->fire && ex->expect) {
        sbuf got = SBUF_INIT;
        ruletest_apply(&doc, &res, ri, &got);
        if (strcmp(got.s ? got.s : "", ex->expect) != 0) {
            printf("FAIL %s (%s:%d): 修正后应为“%s”，实为“%s”\n", r->id, r->file, ex->line, ex->expect, got.s);
            ok = 0;
        }
        sbuf_free(&got);
    }
    check_result_free(&res);
    doc_free(&doc);
    return ok;
}

int ruletest_run(const ruleset *rs)
{
    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < rs->nerrors; i++) {
        printf("FAIL %s\n", rs->errors[i]);
        failed++;
    }
    rule_directive *dirs = xcalloc(RULEFILE_CAT_COUNT + 1, sizeof *dirs);
    for (int c = 0; c < RULEFILE_CAT_COUNT; c++)
        dirs[c] = (rule_directive){RULEFILE_DIR_DISABLE, (char *)rulefile_category_name(c), 0};
    for (size_t i = 0; i < rs->nrules; i++) {
        const rule *r = rs->rules[i];
        if (r->re_state < 0) continue; /* reported above with the ruleset errors */
        size_t fires = 0, passes = 0;
        for (size_t k = 0; k < r->nex; k++) {
            if (r->ex[k].fire) fires++;
            else passes++;
        }
        if (!fires || !passes) {
            printf("FAIL %s (%s:%d): 规则至少需要一个 fire 示例和一个 pass 示例\n", r->id, r->file, r->line);
            failed++;
        }
        dirs[RULEFILE_CAT_COUNT] = (rule_directive){RULEFILE_DIR_ENABLE, r->id, 0};
        for (size_t k = 0; k < r->nex; k++) {
            if (ruletest_example(rs, (uint32_t)i, &r->ex[k], dirs, RULEFILE_CAT_COUNT + 1)) passed++;
            else failed++;
        }
    }
    free(dirs);
    printf("%zu passed, %zu failed\n", passed, failed);
    return (int)failed;
}
