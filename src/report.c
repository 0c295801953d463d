/* report.c -- findings as compiler-style text or JSON Lines.
 *
 * The text form is what Vim's default 'errorformat' reads
 * (FILE:LINE:COL: …); columns count bytes from 1, as compilers print. */

#include "report.h"

#include <string.h>

/* Appends n in decimal; printf costs more than the rest of a finding. */
static void report_num(sbuf *out, size_t n)
{
    char buf[24];
    size_t i = sizeof buf;
    do {
        buf[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    sbuf_add(out, buf + i, sizeof buf - i);
}

/* 0-based byte column in the original file. */
static size_t report_col(const check_doc *doc, const check_line *ln, size_t col)
{
    return doc->orig_col ? doc->orig_col(doc->orig_ctx, ln, col) : col + ln->coloff;
}

static void report_text_range(sbuf *out, const char *file, const ruleset *rs, const check_doc *doc,
                              const check_result *res, size_t from, size_t to)
{
    size_t flen = strlen(file);
    for (size_t i = from; i < to; i++) {
        const check_finding *f = &res->f[i];
        const check_line *ln = &doc->lines[f->line];
        sbuf_add(out, file, flen);
        sbuf_addc(out, ':');
        report_num(out, f->line + 1);
        sbuf_addc(out, ':');
        report_num(out, report_col(doc, ln, f->col) + 1);
        sbuf_adds(out, ": ");
        sbuf_adds(out, rulefile_severity_name(f->sev));
        sbuf_adds(out, ": ");
        size_t at = out->len;
        check_message(rs, doc, res, f, out);
        char *end = out->s + out->len;
        for (char *p = out->s + at; (p = memchr(p, '\n', (size_t)(end - p)));) *p = ' ';
        for (char *p = out->s + at; (p = memchr(p, '\r', (size_t)(end - p)));) *p = ' ';
        sbuf_adds(out, " [");
        sbuf_adds(out, rs->rules[f->rule]->id);
        sbuf_adds(out, "]\n");
    }
}

static void report_json_str(sbuf *out, const char *key, const char *s, size_t n)
{
    sbuf_printf(out, ",\"%s\":\"", key);
    sbuf_add_json(out, s, n);
    sbuf_addc(out, '"');
}

static void report_json_range(sbuf *out, const char *file, const ruleset *rs, const check_doc *doc,
                              const check_result *res, size_t from, size_t to)
{
    sbuf msg = SBUF_INIT;
    for (size_t i = from; i < to; i++) {
        const check_finding *f = &res->f[i];
        const check_line *ln = &doc->lines[f->line];
        const rule *r = rs->rules[f->rule];
        sbuf_adds(out, "{\"file\":\"");
        sbuf_add_json(out, file, strlen(file));
        sbuf_printf(out, "\",\"line\":%zu,\"col\":%zu,\"end_line\":%zu,\"end_col\":%zu", (size_t)f->line + 1,
                    report_col(doc, ln, f->col) + 1, (size_t)f->line + 1, report_col(doc, ln, f->end) + 1);
        sbuf_printf(out, ",\"severity\":\"%s\",\"category\":\"%s\"", rulefile_severity_name(f->sev),
                    rulefile_category_name(r->category));
        report_json_str(out, "rule", r->id, strlen(r->id));
        sbuf_clear(&msg);
        check_message(rs, doc, res, f, &msg);
        report_json_str(out, "message", msg.s ? msg.s : "", msg.len);
        report_json_str(out, "match", ln->s + f->col, f->end - f->col);
        if (f->has_fix) report_json_str(out, "fix", res->arena.s + f->fix_off, f->fix_len);
        else sbuf_adds(out, ",\"fix\":null");
        sbuf_adds(out, "}\n");
    }
    sbuf_free(&msg);
}

void report_text(sbuf *out, const char *file, const ruleset *rs, const check_doc *doc, const check_result *res)
{
    report_text_range(out, file, rs, doc, res, 0, res->n);
}

void report_json(sbuf *out, const char *file, const ruleset *rs, const check_doc *doc, const check_result *res)
{
    report_json_range(out, file, rs, doc, res, 0, res->n);
}

/* Findings per write: the whole report of a 10 MB file would be 8 MB. */
#define REPORT_BATCH 512

int report_write(FILE *fp, int json, const char *file, const ruleset *rs, const check_doc *doc,
                 const check_result *res)
{
    sbuf out = SBUF_INIT;
    int ok = 1;
    for (size_t i = 0; i < res->n && ok; i += REPORT_BATCH) {
        size_t to = res->n - i > REPORT_BATCH ? i + REPORT_BATCH : res->n;
        sbuf_clear(&out);
        if (json) report_json_range(&out, file, rs, doc, res, i, to);
        else report_text_range(&out, file, rs, doc, res, i, to);
        ok = fwrite(out.s, 1, out.len, fp) == out.len;
    }
    sbuf_free(&out);
    return ok ? 0 : -1;
}
