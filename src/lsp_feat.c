/* lsp_feat.c -- the Language Server's features, each a view of analyses
 * park already has: diagnostics are check.c's findings (pushed and pulled),
 * quick fixes their certain fixes, folding ranges and document symbols the
 * heading hierarchy of outline.c. Positions go out through lsp.c's
 * conversions (UTF-16 unless UTF-8 was negotiated). */

#include <stdlib.h>
#include <string.h>

#include "lsp_int.h"
#include "outline.h"

/* LSP DiagnosticSeverity of a RULEFILE_SEV_*. */
static int lsp_feat_severity(int sev)
{
    return sev >= RULEFILE_SEV_ERROR && sev < RULEFILE_SEV_COUNT ? sev + 1 : 2;
}

static void lsp_feat_put_diagnostic(lsp_session *s, sbuf *b, const lsp_doc *d, const lsp_finding *f)
{
    sbuf_adds(b, "{\"range\":");
    lsp_put_range(s, b, d, f->line, f->col, f->line, f->end);
    sbuf_printf(b, ",\"severity\":%d,\"source\":\"park\",\"code\":", lsp_feat_severity(f->sev));
    lsp_put_str(b, f->rule, strlen(f->rule));
    sbuf_adds(b, ",\"message\":");
    lsp_put_str(b, f->message, strlen(f->message));
    sbuf_addc(b, '}');
}

void lsp_feat_put_diagnostics(lsp_session *s, sbuf *b, lsp_doc *d)
{
    lsp_doc_check(s, d);
    sbuf_addc(b, '[');
    for (size_t i = 0; i < d->nf; i++) {
        if (i) sbuf_addc(b, ',');
        lsp_feat_put_diagnostic(s, b, d, &d->f[i]);
    }
    sbuf_addc(b, ']');
}

void lsp_feat_publish(lsp_session *s, lsp_doc *d)
{
    sbuf p = SBUF_INIT;
    sbuf_adds(&p, "{\"uri\":");
    lsp_put_str(&p, d->uri, strlen(d->uri));
    sbuf_printf(&p, ",\"version\":%ld,\"diagnostics\":", d->version);
    lsp_feat_put_diagnostics(s, &p, d);
    sbuf_addc(&p, '}');
    lsp_notify(s, "textDocument/publishDiagnostics", p.s, p.len);
    sbuf_free(&p);
}

int lsp_feat_diagnostic(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    sbuf_adds(out, "{\"kind\":\"full\",\"items\":");
    lsp_feat_put_diagnostics(s, out, d);
    sbuf_addc(out, '}');
    return 0;
}

/* Whether (l1, c1) comes before (l2, c2). */
static int lsp_feat_before(size_t l1, size_t c1, size_t l2, size_t c2) { return l1 < l2 || (l1 == l2 && c1 < c2); }

static void lsp_feat_put_edit(lsp_session *s, sbuf *b, const lsp_doc *d, const lsp_finding *f)
{
    sbuf_adds(b, "{\"range\":");
    lsp_put_range(s, b, d, f->line, f->col, f->line, f->end);
    sbuf_adds(b, ",\"newText\":");
    lsp_put_str(b, f->fix, strlen(f->fix));
    sbuf_addc(b, '}');
}

/* Opens {"changes":{"<uri>":[ ; the caller closes with "]}}". */
static void lsp_feat_open_changes(sbuf *b, const lsp_doc *d)
{
    sbuf_adds(b, "{\"changes\":{");
    lsp_put_str(b, d->uri, strlen(d->uri));
    sbuf_adds(b, ":[");
}

/* Whether kind is wanted by context.only (absent: every kind). */
static int lsp_feat_wanted(const json_value *only, const char *kind)
{
    if (!only || only->type != JSON_ARRAY) return 1;
    for (size_t i = 0; i < only->n; i++) {
        const json_value *k = &only->items[i];
        if (k->type == JSON_STRING && strncmp(kind, k->str, k->len) == 0 && (kind[k->len] == '\0' || kind[k->len] == '.'))
            return 1;
    }
    return 0;
}

/* Quick fixes for the findings with a certain fix that touch the range, and
 * one "fix all" edit for every certain fix of the document that does not
 * overlap an earlier one. */
int lsp_feat_code_action(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    const json_value *range = json_get(params, "range");
    size_t l1, c1, l2, c2;
    if (lsp_get_pos(s, d, json_get(range, "start"), &l1, &c1) != 0 ||
        lsp_get_pos(s, d, json_get(range, "end"), &l2, &c2) != 0) {
        *msg = "codeAction 需要 range";
        return LSP_INVALID_PARAMS;
    }
    lsp_doc_check(s, d);
    const json_value *only = json_get(json_get(params, "context"), "only");
    sbuf_addc(out, '[');
    int first = 1;
    size_t nfix = 0;
    for (size_t i = 0; i < d->nf; i++) {
        const lsp_finding *f = &d->f[i];
        if (!f->fix) continue;
        nfix++;
        if (!lsp_feat_wanted(only, "quickfix")) continue;
        if (lsp_feat_before(f->line, f->end, l1, c1) || lsp_feat_before(l2, c2, f->line, f->col)) continue;
        const doc_line *ln = &d->doc.lines[f->line];
        if (!first) sbuf_addc(out, ',');
        first = 0;
        sbuf_adds(out, "{\"title\":");
        sbuf t = SBUF_INIT;
        sbuf_adds(&t, "修正：“");
        sbuf_add(&t, ln->s + f->col, f->end - f->col);
        sbuf_adds(&t, "”→“");
        sbuf_adds(&t, f->fix);
        sbuf_adds(&t, "”");
        lsp_put_str(out, t.s, t.len);
        sbuf_free(&t);
        sbuf_adds(out, ",\"kind\":\"quickfix\",\"isPreferred\":true,\"diagnostics\":[");
        lsp_feat_put_diagnostic(s, out, d, f);
        sbuf_adds(out, "],\"edit\":");
        lsp_feat_open_changes(out, d);
        lsp_feat_put_edit(s, out, d, f);
        sbuf_adds(out, "]}}}");
    }
    if (nfix > 0 && lsp_feat_wanted(only, "source.fixAll")) {
        sbuf edits = SBUF_INIT;
        size_t n = 0, bl = 0, bc = 0;
        for (size_t i = 0; i < d->nf; i++) {
            const lsp_finding *f = &d->f[i];
            if (!f->fix || (n > 0 && lsp_feat_before(f->line, f->col, bl, bc))) continue;
            if (n++) sbuf_addc(&edits, ',');
            lsp_feat_put_edit(s, &edits, d, f);
            bl = f->line, bc = f->end;
        }
        if (!first) sbuf_addc(out, ',');
        sbuf_printf(out, "{\"title\":\"Park：修正全部可确定的问题（%zu 处）\",\"kind\":\"source.fixAll\",\"edit\":", n);
        lsp_feat_open_changes(out, d);
        sbuf_add(out, edits.s, edits.len);
        sbuf_adds(out, "]}}}");
        sbuf_free(&edits);
    }
    sbuf_addc(out, ']');
    return 0;
}

/* The last line of heading h's section that is not blank. */
static size_t lsp_feat_last_line(const lsp_doc *d, const outline_heading *h)
{
    size_t e = h->end_line > h->line ? h->end_line - 1 : h->line;
    while (e > h->line && d->doc.lines[e].len == 0) e--;
    return e;
}

int lsp_feat_folding(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    outline o;
    outline_parse(&o, &d->doc, OUTLINE_FOLDS);
    sbuf_addc(out, '[');
    int first = 1;
    for (size_t i = 0; i < o.nh; i++) {
        const outline_heading *h = &o.h[i];
        size_t e = lsp_feat_last_line(d, h);
        if (e <= h->line) continue;
        if (!first) sbuf_addc(out, ',');
        first = 0;
        sbuf_printf(out, "{\"startLine\":%zu,\"endLine\":%zu,\"kind\":\"region\"}", h->line, e);
    }
    sbuf_addc(out, ']');
    outline_free(&o);
    return 0;
}

/* The DocumentSymbols of the headings whose parent is parent, nested. */
static void lsp_feat_put_symbols(lsp_session *s, sbuf *b, const lsp_doc *d, const outline *o, int parent)
{
    sbuf_addc(b, '[');
    int first = 1;
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        if (h->parent != parent) continue;
        const doc_line *ln = &d->doc.lines[h->line];
        size_t end = h->tend > h->col ? h->tend : ln->len;
        size_t last = lsp_feat_last_line(d, h);
        if (!first) sbuf_addc(b, ',');
        first = 0;
        sbuf_adds(b, "{\"name\":");
        lsp_put_str(b, ln->s + h->col, end - h->col);
        sbuf_printf(b, ",\"detail\":\"%d 级标题\",\"kind\":3,\"range\":", h->level);
        lsp_put_range(s, b, d, h->line, 0, last, d->doc.lines[last].len);
        sbuf_adds(b, ",\"selectionRange\":");
        lsp_put_range(s, b, d, h->line, h->col, h->line, end);
        sbuf_adds(b, ",\"children\":");
        lsp_feat_put_symbols(s, b, d, o, (int)i);
        sbuf_addc(b, '}');
    }
    sbuf_addc(b, ']');
}

int lsp_feat_symbols(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    outline o;
    outline_parse(&o, &d->doc, OUTLINE_TITLES);
    lsp_feat_put_symbols(s, out, d, &o, -1);
    outline_free(&o);
    return 0;
}
