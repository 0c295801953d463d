/* lsp_feat.c -- the Language Server's features, each a view of analyses
 * park already has: diagnostics are check.c's findings (pushed and pulled),
 * quick fixes their certain fixes, folding ranges and document symbols the
 * heading hierarchy of outline.c, completions the snippet library, and the
 * commands park.renumber (renumber.c's edits), park.allow (allow.c) and
 * park.placeholders. Positions go out through lsp.c's
 * conversions (UTF-16 unless UTF-8 was negotiated). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allow.h"
#include "lsp_int.h"
#include "outline.h"
#include "renumber.h"
#include "snipset.h"
#include "utf8.h"

/* LSP DiagnosticSeverity of a RULEFILE_SEV_*. */
static int lsp_feat_severity(int sev)
{
    return sev >= RULEFILE_SEV_ERROR && sev < RULEFILE_SEV_COUNT ? sev + 1 : 2;
}

static void lsp_feat_put_diagnostic(lsp_session *s, sbuf *b, const lsp_doc *d, const lsp_finding *f)
{
    sbuf_adds(b, "{\"range\":");
    lsp_put_range(s, b, d, f->line, f->col, f->end_line, f->end);
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
    lsp_put_range(s, b, d, f->line, f->col, f->end_line, f->end);
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
        if (lsp_feat_before(f->end_line, f->end, l1, c1) || lsp_feat_before(l2, c2, f->line, f->col)) continue;
        const doc_line *ln = &d->doc.lines[f->line];
        if (!first) sbuf_addc(out, ',');
        first = 0;
        sbuf_adds(out, "{\"title\":");
        sbuf t = SBUF_INIT;
        if (f->end_line != f->line) { /* a join of lines: say what, not the text */
            sbuf_adds(&t, "修正：");
            sbuf_adds(&t, f->message);
        } else {
            sbuf_adds(&t, "修正：“");
            sbuf_add(&t, ln->s + f->col, f->end - f->col);
            sbuf_adds(&t, "”→“");
            sbuf_adds(&t, f->fix);
            sbuf_adds(&t, "”");
        }
        lsp_put_str(out, t.s, t.len);
        sbuf_free(&t);
        sbuf_adds(out, ",\"kind\":\"quickfix\",\"isPreferred\":true,\"diagnostics\":[");
        lsp_feat_put_diagnostic(s, out, d, f);
        sbuf_adds(out, "],\"edit\":");
        lsp_feat_open_changes(out, d);
        lsp_feat_put_edit(s, out, d, f);
        sbuf_adds(out, "]}}}");
    }
    for (size_t i = 0; i < d->nf && lsp_feat_wanted(only, "quickfix"); i++) {
        const lsp_finding *f = &d->f[i];
        if (f->placeholder || f->end_line != f->line || lsp_feat_before(f->end_line, f->end, l1, c1) ||
            lsp_feat_before(l2, c2, f->line, f->col))
            continue;
        const doc_line *ln = &d->doc.lines[f->line];
        size_t a = f->col, b = f->end;
        /* one character alone would silence it everywhere: take two on each side */
        if (utf8_count(ln->s + a, b - a) < 2)
            for (int k = 0; k < 2; k++) {
                uint32_t cp;
                if (a > 0) a = utf8_prev(ln->s, a);
                if (b < ln->len) b += utf8_decode(ln->s + b, ln->len - b, &cp);
            }
        if (!first) sbuf_addc(out, ',');
        first = 0;
        sbuf t = SBUF_INIT;
        sbuf_adds(&t, "Park：在本项目中忽略“");
        sbuf_add(&t, ln->s + a, b - a);
        sbuf_adds(&t, "”（写入 .parkrc）");
        sbuf_adds(out, "{\"title\":");
        lsp_put_str(out, t.s, t.len);
        sbuf_free(&t);
        sbuf_adds(out, ",\"kind\":\"quickfix\",\"command\":{\"title\":\"忽略\",\"command\":\"park.allow\",\"arguments\":[{\"uri\":");
        lsp_put_str(out, d->uri, strlen(d->uri));
        sbuf_adds(out, ",\"text\":");
        lsp_put_str(out, ln->s + a, b - a);
        sbuf_adds(out, "}]}}");
    }
    if (nfix > 0 && lsp_feat_wanted(only, "source.fixAll")) {
        sbuf edits = SBUF_INIT;
        size_t n = 0, bl = 0, bc = 0;
        for (size_t i = 0; i < d->nf; i++) {
            const lsp_finding *f = &d->f[i];
            if (!f->fix || (n > 0 && lsp_feat_before(f->line, f->col, bl, bc))) continue;
            if (n++) sbuf_addc(&edits, ',');
            lsp_feat_put_edit(s, &edits, d, f);
            bl = f->end_line, bc = f->end;
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

/* ---- completion: the snippet library ------------------------------------ */

static int lsp_feat_word_byte(unsigned char c) { return c == '_' || (c < 0x80 && ((c | 32) >= 'a' && (c | 32) <= 'z')) || (c >= '0' && c <= '9'); }

/* Where the trigger being typed before byte col of ln starts: an ASCII
 * word, else the earliest of the last eight characters from which the text
 * begins some trigger; col when none does. */
static size_t lsp_feat_prefix_start(const doc_line *ln, size_t col, const snipset *set)
{
    size_t a = col;
    while (a > 0 && lsp_feat_word_byte((unsigned char)ln->s[a - 1])) a--;
    if (a < col) return a;
    size_t best = col, st = col;
    for (int k = 0; k < 8 && st > 0; k++) {
        st = utf8_prev(ln->s, st);
        for (size_t i = 0; i < set->n; i++)
            if (strncmp(set->e[i].trigger, ln->s + st, col - st) == 0) {
                best = st;
                break;
            }
    }
    return best;
}

int lsp_feat_completion(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    size_t line, col;
    if (lsp_get_pos(s, d, json_get(params, "position"), &line, &col) != 0) {
        *msg = "completion 需要 position";
        return LSP_INVALID_PARAMS;
    }
    static const doc_line empty = {"", 0, 0};
    const doc_line *ln = line < d->doc.nlines ? &d->doc.lines[line] : &empty;
    snipset *set = snipset_load(NULL, d->path);
    size_t start = lsp_feat_prefix_start(ln, col, set);
    snippet_env env = {s->date, d->path, NULL, NULL, NULL};
    sbuf_adds(out, "{\"isIncomplete\":false,\"items\":[");
    int first = 1;
    for (size_t i = 0; i < set->n; i++) {
        const snipset_entry *en = &set->e[i];
        if (strncmp(en->trigger, ln->s + start, col - start) != 0) continue;
        snippet_result r = {0};
        perr pe = {0};
        int ok = snipset_expand(en, &env, &r, &pe) == 0;
        if (!first) sbuf_addc(out, ',');
        first = 0;
        sbuf_adds(out, "{\"label\":");
        lsp_put_str(out, en->trigger, strlen(en->trigger));
        sbuf_adds(out, ",\"kind\":15,\"filterText\":");
        lsp_put_str(out, en->trigger, strlen(en->trigger));
        sbuf_adds(out, ",\"detail\":");
        const char *det = en->description[0] ? en->description : en->name;
        lsp_put_str(out, det, strlen(det));
        sbuf_adds(out, ",\"documentation\":");
        lsp_put_str(out, ok ? r.text : en->body, ok ? r.len : strlen(en->body));
        sbuf_printf(out, ",\"insertTextFormat\":%d,\"textEdit\":{\"range\":", s->snippets ? 2 : 1);
        lsp_put_range(s, out, d, line, start, line, col);
        sbuf_adds(out, ",\"newText\":");
        if (s->snippets || !ok) lsp_put_str(out, en->body, strlen(en->body));
        else lsp_put_str(out, r.text, r.len);
        sbuf_adds(out, "}}");
        snippet_result_free(&r);
    }
    sbuf_adds(out, "]}");
    snipset_free(set);
    return 0;
}

/* ---- semantic tokens: the placeholders ----------------------------------- */

/* textDocument/semanticTokens/full: one token (type 0, "parkPlaceholder" in
 * the legend of initialize) per unfilled placeholder, so editors paint them
 * as the Neovim plugin does. */
int lsp_feat_tokens(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    lsp_doc_check(s, d);
    sbuf_adds(out, "{\"data\":[");
    size_t pl = 0, pc = 0;
    int first = 1;
    for (size_t i = 0; i < d->nf; i++) {
        const lsp_finding *f = &d->f[i];
        if (!f->placeholder || f->end <= f->col) continue;
        const doc_line *ln = &d->doc.lines[f->line];
        size_t c = lsp_char_of(s, ln, f->col), e = lsp_char_of(s, ln, f->end);
        if (!first && f->line == pl && c < pc) continue; /* overlapping: tokens must not */
        sbuf_printf(out, "%s%zu,%zu,%zu,0,0", first ? "" : ",", f->line - pl, f->line == pl ? c - pc : c, e - c);
        first = 0;
        pl = f->line, pc = c;
    }
    sbuf_adds(out, "]}");
    return 0;
}

/* ---- commands ------------------------------------------------------------ */

/* park.renumber [{uri}]: the edit numbering every heading and item anew. */
static int lsp_feat_renumber(lsp_session *s, lsp_doc *d, sbuf *out)
{
    outline o;
    outline_parse(&o, &d->doc, OUTLINE_ITEMS);
    renumber_plan p = {0};
    if (d->doc.nlines) renumber_make(&o, &d->doc, 0, d->doc.nlines - 1, &p);
    lsp_feat_open_changes(out, d);
    for (size_t i = 0; i < p.n; i++) {
        const renumber_edit *e = &p.e[i];
        if (i) sbuf_addc(out, ',');
        sbuf_adds(out, "{\"range\":");
        lsp_put_range(s, out, d, e->line, e->col, e->line, e->end);
        sbuf_adds(out, ",\"newText\":");
        lsp_put_str(out, p.arena.s + e->off, e->len);
        sbuf_addc(out, '}');
    }
    sbuf_adds(out, "]}}");
    renumber_plan_free(&p);
    outline_free(&o);
    return 0;
}

/* park.allow [{uri, text}]: text joins the project's [allow] (.parkrc,
 * rewritten atomically); the documents are checked again. */
static int lsp_feat_allow(lsp_session *s, lsp_doc *d, const json_value *arg, sbuf *out, const char **msg)
{
    const json_value *text = json_get(arg, "text");
    if (!text || text->type != JSON_STRING || text->len == 0) {
        *msg = "park.allow 需要 text（要忽略的文字）";
        return LSP_INVALID_PARAMS;
    }
    if (!d->path) {
        *msg = "只有文件里的文档才有项目设置（.parkrc）";
        return LSP_INVALID_PARAMS;
    }
    if (s->flags & LSP_NO_WRITES) {
        *msg = "此连接不允许修改文件";
        return LSP_INVALID_REQUEST;
    }
    static char err[1024];
    char *written = NULL;
    perr e = {0};
    if (allow_add(d->path, text->str, &written, &e) != 0) {
        snprintf(err, sizeof err, "%s", e.msg);
        *msg = err;
        return LSP_INTERNAL_ERROR;
    }
    config_forget(s->cfg);
    for (size_t i = 0; i < s->ndocs; i++) s->docs[i].dirty = 1;
    sbuf_adds(out, "{\"file\":");
    lsp_put_str(out, written, strlen(written));
    sbuf_addc(out, '}');
    free(written);
    return 0;
}

/* park.placeholders [{uri}]: every unfilled placeholder of the document,
 * [{range, text, message}] in order. */
static int lsp_feat_placeholders(lsp_session *s, lsp_doc *d, sbuf *out)
{
    lsp_doc_check(s, d);
    sbuf_addc(out, '[');
    int first = 1;
    for (size_t i = 0; i < d->nf; i++) {
        const lsp_finding *f = &d->f[i];
        if (!f->placeholder) continue;
        if (!first) sbuf_addc(out, ',');
        first = 0;
        sbuf_adds(out, "{\"range\":");
        lsp_put_range(s, out, d, f->line, f->col, f->line, f->end);
        sbuf_adds(out, ",\"text\":");
        lsp_put_str(out, d->doc.lines[f->line].s + f->col, f->end - f->col);
        sbuf_adds(out, ",\"message\":");
        lsp_put_str(out, f->message, strlen(f->message));
        sbuf_addc(out, '}');
    }
    sbuf_addc(out, ']');
    return 0;
}

int lsp_feat_command(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    const json_value *cmd = json_get(params, "command"), *args = json_get(params, "arguments");
    const json_value *arg = args && args->type == JSON_ARRAY && args->n > 0 ? &args->items[0] : NULL;
    const json_value *uri = json_get(arg, "uri");
    lsp_doc *d = uri && uri->type == JSON_STRING ? lsp_doc_find(s, uri->str, uri->len) : NULL;
    if (!cmd || cmd->type != JSON_STRING) {
        *msg = "executeCommand 需要 command";
        return LSP_INVALID_PARAMS;
    }
    if (!d) {
        *msg = "命令的参数应为 [{uri: 已打开的文档, …}]";
        return LSP_INVALID_PARAMS;
    }
    if (strcmp(cmd->str, "park.renumber") == 0) return lsp_feat_renumber(s, d, out);
    if (strcmp(cmd->str, "park.allow") == 0) return lsp_feat_allow(s, d, arg, out, msg);
    if (strcmp(cmd->str, "park.placeholders") == 0) return lsp_feat_placeholders(s, d, out);
    *msg = "未知命令";
    return LSP_INVALID_PARAMS;
}
