/* report.c -- findings as compiler-style text or JSON Lines.
 *
 * The text form is what Vim's default 'errorformat' reads
 * (FILE:LINE:COL: …); columns count bytes from 1, as compilers print. */

#include "report.h"

#include <string.h>

#include "par.h"

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
static size_t report_col(const doc_text *doc, const doc_line *ln, size_t col)
{
    return doc->orig_col ? doc->orig_col(doc->orig_ctx, ln, col) : col + ln->coloff;
}

static void report_text_range(sbuf *out, const char *file, const ruleset *rs, const doc_text *doc,
                              const check_result *res, size_t from, size_t to)
{
    size_t flen = strlen(file);
    for (size_t i = from; i < to; i++) {
        const check_finding *f = &res->f[i];
        const doc_line *ln = &doc->lines[f->line];
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

static void report_json_range(sbuf *out, const char *file, const ruleset *rs, const doc_text *doc,
                              const check_result *res, size_t from, size_t to)
{
    sbuf msg = SBUF_INIT;
    for (size_t i = from; i < to; i++) {
        const check_finding *f = &res->f[i];
        const doc_line *ln = &doc->lines[f->line], *eln = &doc->lines[f->end_line];
        const rule *r = rs->rules[f->rule];
        sbuf_adds(out, "{\"file\":\"");
        sbuf_add_json(out, file, strlen(file));
        sbuf_printf(out, "\",\"line\":%zu,\"col\":%zu,\"end_line\":%zu,\"end_col\":%zu", (size_t)f->line + 1,
                    report_col(doc, ln, f->col) + 1, (size_t)f->end_line + 1, report_col(doc, eln, f->end) + 1);
        sbuf_printf(out, ",\"severity\":\"%s\",\"category\":\"%s\"", rulefile_severity_name(f->sev),
                    rulefile_category_name(r->category));
        sbuf_addc(out, ','), sbuf_add_json_member(out, "rule", r->id, strlen(r->id));
        sbuf_clear(&msg);
        check_message(rs, doc, res, f, &msg);
        sbuf_addc(out, ','), sbuf_add_json_member(out, "message", msg.s ? msg.s : "", msg.len);
        sbuf_clear(&msg);
        check_match(doc, f, &msg);
        sbuf_addc(out, ','), sbuf_add_json_member(out, "match", msg.s ? msg.s : "", msg.len);
        if (f->has_fix) sbuf_addc(out, ','), sbuf_add_json_member(out, "fix", res->arena.s + f->fix_off, f->fix_len);
        else sbuf_adds(out, ",\"fix\":null");
        sbuf_adds(out, "}\n");
    }
    sbuf_free(&msg);
}

void report_text(sbuf *out, const char *file, const ruleset *rs, const doc_text *doc, const check_result *res)
{
    report_text_range(out, file, rs, doc, res, 0, res->n);
}

void report_json(sbuf *out, const char *file, const ruleset *rs, const doc_text *doc, const check_result *res)
{
    report_json_range(out, file, rs, doc, res, 0, res->n);
}

/* Findings per write: the whole report of a 10 MB file would be 8 MB. */
#define REPORT_BATCH 512

/* One batch of a report being formatted. */
typedef struct report_batch {
    int json;
    const char *file;
    const ruleset *rs;
    const doc_text *doc;
    const check_result *res;
    size_t from, to;
    sbuf out;
} report_batch;

static void *report_format(void *arg)
{
    report_batch *b = arg;
    sbuf_clear(&b->out);
    if (b->from >= b->to) return NULL;
    if (b->json) report_json_range(&b->out, b->file, b->rs, b->doc, b->res, b->from, b->to);
    else report_text_range(&b->out, b->file, b->rs, b->doc, b->res, b->from, b->to);
    return NULL;
}

int report_write(FILE *fp, int json, const char *file, const ruleset *rs, const doc_text *doc,
                 const check_result *res, int threaded)
{
    /* Two batches are formatted at once (on the helper thread, par.c) and
     * written in order. */
    report_batch b[2];
    for (int k = 0; k < 2; k++) b[k] = (report_batch){json, file, rs, doc, res, 0, 0, SBUF_INIT};
    int ok = 1;
    for (size_t i = 0; i < res->n && ok; i += 2 * REPORT_BATCH) {
        for (int k = 0; k < 2; k++) {
            b[k].from = i + (size_t)k * REPORT_BATCH;
            if (b[k].from > res->n) b[k].from = res->n;
            b[k].to = res->n - b[k].from > REPORT_BATCH ? b[k].from + REPORT_BATCH : res->n;
        }
        par_both(report_format, &b[0], report_format, &b[1], threaded && b[1].from < b[1].to);
        for (int k = 0; k < 2 && ok; k++) ok = fwrite(b[k].out.s ? b[k].out.s : "", 1, b[k].out.len, fp) == b[k].out.len;
    }
    sbuf_free(&b[0].out);
    sbuf_free(&b[1].out);
    return ok ? 0 : -1;
}
