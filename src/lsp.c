/* lsp.c -- the Language Server's transport, lifecycle and documents.
 *
 * The stream is JSON-RPC 2.0 messages, each after a header block
 * "Content-Length: N\r\n…\r\n\r\n". A session gathers bytes until a whole
 * message is there, parses it with json.c, and dispatches it through one
 * table; the answers are written whole through the session's out function.
 * Nothing in the input takes the server down: a malformed header or bad JSON
 * gets a ParseError answer (id null), an unknown method MethodNotFound, a
 * request before `initialize` ServerNotInitialized, a request about a
 * document never opened InvalidParams, and the next message is read.
 *
 * Documents are kept whole (one text per URI) and edited in place by
 * didChange, full or by ranges. Positions on the wire are UTF-16 code units
 * unless the client offers "utf-8" in general.positionEncodings; inside,
 * as everywhere in park, bytes. The features themselves are lsp_feat.c.
 *
 * Checks are not run per didChange: lsp_run() checks the documents that
 * changed and pushes their diagnostics when its input pauses (no byte
 * ready), so a burst of typing costs one check. */

#include "lsp.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp_int.h"
#include "mem.h"
#include "utf8.h"
#include "version.h"

#define LSP_MAX_HEADER 8192

static void lsp_log(const char *msg, const char *detail)
{
    fprintf(stderr, "park lsp: %s%s%s\n", msg, detail ? "：" : "", detail ? detail : "");
}

/* ---- output ------------------------------------------------------------ */

static void lsp_send(lsp_session *s, const sbuf *body)
{
    if (s->closed) return;
    char head[64];
    int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", body->len);
    sbuf m = SBUF_INIT;
    sbuf_add(&m, head, (size_t)hn);
    sbuf_add(&m, body->s, body->len);
    if (s->out(s->out_ctx, m.s, m.len) < 0) s->closed = 1;
    sbuf_free(&m);
}

void lsp_put_str(sbuf *b, const char *str, size_t n)
{
    sbuf_addc(b, '"');
    sbuf_add_json(b, str, n);
    sbuf_addc(b, '"');
}

/* Appends the id as it came (a number or a string), or null. */
static void lsp_put_id(sbuf *b, const json_value *id)
{
    if (id && id->type == JSON_STRING) lsp_put_str(b, id->str, id->len);
    else if (id && id->type == JSON_NUMBER) sbuf_printf(b, "%.17g", id->num);
    else sbuf_adds(b, "null");
}

static void lsp_reply(lsp_session *s, const json_value *id, const char *result, size_t n)
{
    sbuf b = SBUF_INIT;
    sbuf_adds(&b, "{\"jsonrpc\":\"2.0\",\"id\":");
    lsp_put_id(&b, id);
    sbuf_adds(&b, ",\"result\":");
    sbuf_add(&b, result, n);
    sbuf_addc(&b, '}');
    lsp_send(s, &b);
    sbuf_free(&b);
}

static void lsp_error(lsp_session *s, const json_value *id, int code, const char *msg)
{
    sbuf b = SBUF_INIT;
    sbuf_adds(&b, "{\"jsonrpc\":\"2.0\",\"id\":");
    lsp_put_id(&b, id);
    sbuf_printf(&b, ",\"error\":{\"code\":%d,\"message\":", code);
    lsp_put_str(&b, msg, strlen(msg));
    sbuf_adds(&b, "}}");
    lsp_send(s, &b);
    sbuf_free(&b);
}

void lsp_notify(lsp_session *s, const char *method, const char *params, size_t n)
{
    sbuf b = SBUF_INIT;
    sbuf_adds(&b, "{\"jsonrpc\":\"2.0\",\"method\":");
    lsp_put_str(&b, method, strlen(method));
    sbuf_adds(&b, ",\"params\":");
    sbuf_add(&b, params, n);
    sbuf_addc(&b, '}');
    lsp_send(s, &b);
    sbuf_free(&b);
}

/* ---- positions --------------------------------------------------------- */

size_t lsp_char_of(const lsp_session *s, const doc_line *ln, size_t col)
{
    if (col > ln->len) col = ln->len;
    if (s->utf8) return col;
    size_t units = 0;
    for (size_t i = 0; i < col;) {
        uint32_t cp;
        size_t k = utf8_decode(ln->s + i, ln->len - i, &cp);
        units += cp >= 0x10000 ? 2 : 1;
        i += k;
    }
    return units;
}

size_t lsp_col_of(const lsp_session *s, const doc_line *ln, size_t ch)
{
    if (s->utf8) return ch < ln->len ? ch : ln->len;
    size_t i = 0, units = 0;
    while (i < ln->len && units < ch) {
        uint32_t cp;
        size_t k = utf8_decode(ln->s + i, ln->len - i, &cp);
        units += cp >= 0x10000 ? 2 : 1;
        i += k;
    }
    return i;
}

void lsp_put_pos(const lsp_session *s, sbuf *b, const lsp_doc *d, size_t line, size_t col)
{
    size_t ch = 0;
    if (line < d->doc.nlines) ch = lsp_char_of(s, &d->doc.lines[line], col);
    sbuf_printf(b, "{\"line\":%zu,\"character\":%zu}", line, ch);
}

void lsp_put_range(const lsp_session *s, sbuf *b, const lsp_doc *d, size_t l1, size_t c1, size_t l2, size_t c2)
{
    sbuf_adds(b, "{\"start\":");
    lsp_put_pos(s, b, d, l1, c1);
    sbuf_adds(b, ",\"end\":");
    lsp_put_pos(s, b, d, l2, c2);
    sbuf_addc(b, '}');
}

static int lsp_get_size(const json_value *v, const char *key, size_t *out)
{
    const json_value *x = json_get(v, key);
    if (!x || x->type != JSON_NUMBER || x->num < 0 || x->num > 1e15) return -1;
    *out = (size_t)x->num;
    return 0;
}

int lsp_get_pos(const lsp_session *s, const lsp_doc *d, const json_value *pos, size_t *line, size_t *col)
{
    size_t l, ch;
    if (lsp_get_size(pos, "line", &l) != 0 || lsp_get_size(pos, "character", &ch) != 0) return -1;
    if (l >= d->doc.nlines) {
        *line = d->doc.nlines, *col = 0;
        return 0;
    }
    *line = l;
    *col = lsp_col_of(s, &d->doc.lines[l], ch);
    return 0;
}

/* ---- documents --------------------------------------------------------- */

static void lsp_findings_free(lsp_doc *d)
{
    for (size_t i = 0; i < d->nf; i++) free(d->f[i].rule), free(d->f[i].message), free(d->f[i].fix);
    free(d->f);
    d->f = NULL, d->nf = 0;
}

static void lsp_doc_reset(lsp_doc *d)
{
    doc_free(&d->doc);
    doc_init(&d->doc, d->text.s ? d->text.s : "", d->text.len);
    d->dirty = 1;
}

static int lsp_hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}

/* "file:///a/b%20c" -> "/a/b c"; NULL for other schemes. */
static char *lsp_uri_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0) return NULL;
    sbuf b = SBUF_INIT;
    for (const char *p = uri + 7; *p; p++) {
        if (*p == '%' && lsp_hex(p[1]) >= 0 && lsp_hex(p[2]) >= 0) {
            sbuf_addc(&b, (char)(lsp_hex(p[1]) * 16 + lsp_hex(p[2])));
            p += 2;
        } else {
            sbuf_addc(&b, *p);
        }
    }
    sbuf_addc(&b, '\0');
    return sbuf_detach(&b);
}

lsp_doc *lsp_doc_find(lsp_session *s, const char *uri, size_t n)
{
    for (size_t i = 0; i < s->ndocs; i++)
        if (strlen(s->docs[i].uri) == n && memcmp(s->docs[i].uri, uri, n) == 0) return &s->docs[i];
    return NULL;
}

lsp_doc *lsp_doc_of(lsp_session *s, const json_value *params, const char **msg)
{
    const json_value *uri = json_get(json_get(params, "textDocument"), "uri");
    if (!uri || uri->type != JSON_STRING) {
        *msg = "缺少 textDocument.uri";
        return NULL;
    }
    lsp_doc *d = lsp_doc_find(s, uri->str, uri->len);
    if (!d) *msg = "文档没有打开（先发送 textDocument/didOpen）";
    return d;
}

void lsp_doc_check(lsp_session *s, lsp_doc *d)
{
    if (!d->dirty && d->checked == d->version) return;
    lsp_findings_free(d);
    if (d->text.len > s->max_doc) {
        if (!d->too_big) {
            sbuf m = SBUF_INIT, p = SBUF_INIT;
            sbuf_printf(&m, "Park：文档有 %zu 字节，超过 %zu 字节的上限（选项 max_size），不作检查", d->text.len, s->max_doc);
            sbuf_adds(&p, "{\"type\":2,\"message\":");
            lsp_put_str(&p, m.s, m.len);
            sbuf_addc(&p, '}');
            lsp_notify(s, "window/showMessage", p.s, p.len);
            sbuf_free(&m);
            sbuf_free(&p);
        }
        d->too_big = 1, d->dirty = 0, d->checked = d->version;
        return;
    }
    d->too_big = 0;
    const ruleset *rs = config_ruleset(s->cfg, d->path);
    check_opts o = {0};
    o.date = s->date;
    o.dirs = s->dirs;
    o.ndirs = s->ndirs;
    check_result res = {0};
    check_run(rs, &d->doc, &o, &res);
    d->f = xcalloc(res.n ? res.n : 1, sizeof *d->f);
    sbuf msg = SBUF_INIT;
    for (size_t i = 0; i < res.n; i++) {
        const check_finding *f = &res.f[i];
        lsp_finding *x = &d->f[i];
        x->line = f->line, x->col = f->col, x->end_line = f->end_line, x->end = f->end, x->sev = f->sev;
        x->placeholder = rs->rules[f->rule]->category == RULEFILE_CAT_PLACEHOLDER;
        x->rule = xstrdup(rs->rules[f->rule]->id);
        sbuf_clear(&msg);
        check_message(rs, &d->doc, &res, f, &msg);
        x->message = xstrndup(msg.s ? msg.s : "", msg.len);
        x->fix = f->has_fix ? xstrndup(res.arena.s + f->fix_off, f->fix_len) : NULL;
    }
    d->nf = res.n;
    sbuf_free(&msg);
    check_result_free(&res);
    d->dirty = 0;
    d->checked = d->version;
}

/* The byte offset in d's text of (line, byte col). */
static size_t lsp_offset(const lsp_doc *d, size_t line, size_t col)
{
    if (line >= d->doc.nlines) return d->text.len;
    const doc_line *ln = &d->doc.lines[line];
    return (size_t)(ln->s - d->text.s) + (col < ln->len ? col : ln->len);
}

/* Applies one contentChanges entry. */
static int lsp_doc_edit(lsp_session *s, lsp_doc *d, const json_value *ch)
{
    const json_value *text = json_get(ch, "text"), *range = json_get(ch, "range");
    if (!text || text->type != JSON_STRING) return -1;
    if (!range) {
        sbuf_clear(&d->text);
        sbuf_add(&d->text, text->str, text->len);
    } else {
        size_t l1, c1, l2, c2;
        if (lsp_get_pos(s, d, json_get(range, "start"), &l1, &c1) != 0 ||
            lsp_get_pos(s, d, json_get(range, "end"), &l2, &c2) != 0)
            return -1;
        size_t a = lsp_offset(d, l1, c1), b = lsp_offset(d, l2, c2);
        if (b < a) return -1;
        sbuf t = SBUF_INIT;
        sbuf_add(&t, d->text.s, a);
        sbuf_add(&t, text->str, text->len);
        sbuf_add(&t, d->text.s + b, d->text.len - b);
        sbuf_free(&d->text);
        d->text = t;
    }
    lsp_doc_reset(d);
    return 0;
}

static void lsp_doc_close(lsp_session *s, lsp_doc *d)
{
    free(d->uri);
    free(d->path);
    sbuf_free(&d->text);
    doc_free(&d->doc);
    lsp_findings_free(d);
    size_t i = (size_t)(d - s->docs);
    memmove(d, d + 1, (s->ndocs - i - 1) * sizeof *d);
    s->ndocs--;
}

/* ---- methods ----------------------------------------------------------- */

/* Reads date, disable and severity from an options object. */
static void lsp_options(lsp_session *s, const json_value *o)
{
    if (!o || o->type != JSON_OBJECT) return;
    const json_value *park = json_get(o, "park");
    if (park && park->type == JSON_OBJECT) o = park;
    for (size_t i = 0; i < s->ndirs; i++) free(s->dirs[i].target);
    free(s->dirs);
    s->dirs = NULL, s->ndirs = 0, s->date = 0;
    const json_value *max = json_get(o, "max_size");
    s->max_doc = max && max->type == JSON_NUMBER && max->num >= 1 && max->num < (double)LSP_MAX_MESSAGE
                     ? (size_t)max->num
                     : LSP_MAX_MESSAGE;
    const json_value *date = json_get(o, "date");
    if (date && date->type == JSON_STRING) s->date = rulefile_parse_date(date->str);
    const json_value *dis = json_get(o, "disable"), *sev = json_get(o, "severity");
    size_t n = (dis && dis->type == JSON_ARRAY ? dis->n : 0) + (sev && sev->type == JSON_OBJECT ? sev->n : 0);
    s->dirs = xcalloc(n ? n : 1, sizeof *s->dirs);
    for (size_t i = 0; dis && dis->type == JSON_ARRAY && i < dis->n; i++)
        if (dis->items[i].type == JSON_STRING)
            s->dirs[s->ndirs++] = (rule_directive){RULEFILE_DIR_DISABLE, xstrdup(dis->items[i].str), 0};
    for (size_t i = 0; sev && sev->type == JSON_OBJECT && i < sev->n; i++) {
        const json_value *v = &sev->members[i].value;
        int x = v->type == JSON_STRING ? rulefile_severity_from_name(v->str) : -1;
        if (x >= 0) s->dirs[s->ndirs++] = (rule_directive){RULEFILE_DIR_SEVERITY, xstrdup(sev->members[i].key), x};
    }
    for (size_t i = 0; i < s->ndocs; i++) s->docs[i].dirty = 1;
}

static int lsp_initialize(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    const json_value *enc = json_get(json_get(json_get(params, "capabilities"), "general"), "positionEncodings");
    for (size_t i = 0; enc && enc->type == JSON_ARRAY && i < enc->n; i++)
        if (enc->items[i].type == JSON_STRING && strcmp(enc->items[i].str, "utf-8") == 0) s->utf8 = 1;
    const json_value *snip = json_get(json_get(json_get(json_get(json_get(params, "capabilities"), "textDocument"),
                                                        "completion"), "completionItem"), "snippetSupport");
    s->snippets = snip && snip->type == JSON_TRUE;
    lsp_options(s, json_get(params, "initializationOptions"));
    s->initialized = 1;
    sbuf_printf(out,
                "{\"capabilities\":{\"positionEncoding\":\"%s\","
                "\"textDocumentSync\":{\"openClose\":true,\"change\":2,\"save\":{\"includeText\":false}},"
                "\"diagnosticProvider\":{\"interFileDependencies\":false,\"workspaceDiagnostics\":false},"
                "\"codeActionProvider\":{\"codeActionKinds\":[\"quickfix\",\"source.fixAll\"]},"
                "\"foldingRangeProvider\":true,\"documentSymbolProvider\":true,"
                "\"completionProvider\":{\"triggerCharacters\":[]},"
                "\"semanticTokensProvider\":{\"legend\":{\"tokenTypes\":[\"parkPlaceholder\"],\"tokenModifiers\":[]},"
                "\"full\":true},"
                "\"executeCommandProvider\":{\"commands\":[\"park.renumber\",\"park.allow\",\"park.placeholders\"]}},"
                "\"serverInfo\":{\"name\":\"park\",\"version\":\"" PARK_VERSION "\"}}",
                s->utf8 ? "utf-8" : "utf-16");
    (void)msg;
    return 0;
}

static int lsp_shutdown(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    (void)params, (void)msg;
    s->shutdown = 1;
    sbuf_adds(out, "null");
    return 0;
}

static int lsp_did_open(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    (void)out;
    const json_value *td = json_get(params, "textDocument");
    const json_value *uri = json_get(td, "uri"), *text = json_get(td, "text"), *ver = json_get(td, "version");
    if (!uri || uri->type != JSON_STRING || !text || text->type != JSON_STRING) {
        *msg = "didOpen 需要 textDocument.uri 与 text";
        return LSP_INVALID_PARAMS;
    }
    lsp_doc *d = lsp_doc_find(s, uri->str, uri->len);
    if (d) lsp_doc_close(s, d);
    xgrow(&s->docs, &s->capdocs, s->ndocs + 1, sizeof *s->docs);
    d = &s->docs[s->ndocs++];
    memset(d, 0, sizeof *d);
    d->uri = xstrndup(uri->str, uri->len);
    d->path = lsp_uri_path(d->uri);
    d->version = ver && ver->type == JSON_NUMBER ? (long)ver->num : 0;
    d->checked = -1;
    sbuf_add(&d->text, text->str, text->len);
    lsp_doc_reset(d);
    return 0;
}

static int lsp_did_change(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    (void)out;
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    const json_value *changes = json_get(params, "contentChanges");
    if (!changes || changes->type != JSON_ARRAY) {
        *msg = "didChange 需要 contentChanges 数组";
        return LSP_INVALID_PARAMS;
    }
    for (size_t i = 0; i < changes->n; i++) {
        if (lsp_doc_edit(s, d, &changes->items[i]) != 0) {
            *msg = "contentChanges 中有无效的修改";
            return LSP_INVALID_PARAMS;
        }
    }
    const json_value *ver = json_get(json_get(params, "textDocument"), "version");
    d->version = ver && ver->type == JSON_NUMBER ? (long)ver->num : d->version + 1;
    return 0;
}

static int lsp_did_save(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    (void)out;
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    config_forget(s->cfg); /* a saved .parkrc or rule file counts at once */
    d->dirty = 1;
    lsp_feat_publish(s, d);
    return 0;
}

static int lsp_did_close(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    (void)out;
    lsp_doc *d = lsp_doc_of(s, params, msg);
    if (!d) return LSP_INVALID_PARAMS;
    char *uri = xstrdup(d->uri);
    lsp_doc_close(s, d);
    sbuf p = SBUF_INIT;
    sbuf_adds(&p, "{\"uri\":");
    lsp_put_str(&p, uri, strlen(uri));
    sbuf_adds(&p, ",\"diagnostics\":[]}");
    lsp_notify(s, "textDocument/publishDiagnostics", p.s, p.len);
    sbuf_free(&p);
    free(uri);
    return 0;
}

static int lsp_did_configure(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    (void)out, (void)msg;
    lsp_options(s, json_get(params, "settings"));
    return 0;
}

static int lsp_ignore(lsp_session *s, const json_value *params, sbuf *out, const char **msg)
{
    (void)s, (void)params, (void)out, (void)msg;
    return 0;
}

static const struct {
    const char *name;
    lsp_feat_fn fn;
} lsp_methods[] = {
    {"initialize", lsp_initialize},
    {"initialized", lsp_ignore},
    {"shutdown", lsp_shutdown},
    {"textDocument/didOpen", lsp_did_open},
    {"textDocument/didChange", lsp_did_change},
    {"textDocument/didSave", lsp_did_save},
    {"textDocument/didClose", lsp_did_close},
    {"textDocument/diagnostic", lsp_feat_diagnostic},
    {"textDocument/codeAction", lsp_feat_code_action},
    {"textDocument/foldingRange", lsp_feat_folding},
    {"textDocument/documentSymbol", lsp_feat_symbols},
    {"textDocument/completion", lsp_feat_completion},
    {"textDocument/semanticTokens/full", lsp_feat_tokens},
    {"workspace/executeCommand", lsp_feat_command},
    {"workspace/didChangeConfiguration", lsp_did_configure},
    {"$/cancelRequest", lsp_ignore},
    {"$/setTrace", lsp_ignore},
};

static void lsp_handle(lsp_session *s, const json_value *m)
{
    const json_value *id = json_get(m, "id"), *method = json_get(m, "method");
    if (m->type != JSON_OBJECT || !method || method->type != JSON_STRING) {
        if (m->type == JSON_OBJECT && id && !method) return; /* a response to nothing we asked */
        lsp_error(s, id, LSP_INVALID_REQUEST, "消息应为含 method 的 JSON-RPC 对象");
        return;
    }
    if (strcmp(method->str, "exit") == 0) {
        s->exited = 1;
        return;
    }
    size_t i = 0, n = sizeof lsp_methods / sizeof *lsp_methods;
    while (i < n && strcmp(lsp_methods[i].name, method->str) != 0) i++;
    if (i == n) {
        if (id) lsp_error(s, id, LSP_METHOD_NOT_FOUND, "未知方法");
        else if (strncmp(method->str, "$/", 2) != 0) lsp_log("忽略未知通知", method->str);
        return;
    }
    /* Before initialize the protocol allows initialize and the $/ notifications. */
    if (!s->initialized && lsp_methods[i].fn != lsp_initialize && strncmp(method->str, "$/", 2) != 0) {
        if (id) lsp_error(s, id, LSP_NOT_INITIALIZED, "尚未 initialize");
        return;
    }
    if (s->shutdown && id) {
        lsp_error(s, id, LSP_INVALID_REQUEST, "已 shutdown，只接受 exit");
        return;
    }
    sbuf out = SBUF_INIT;
    const char *msg = NULL;
    int rc = lsp_methods[i].fn(s, json_get(m, "params"), &out, &msg);
    if (id) {
        if (rc != 0) lsp_error(s, id, rc, msg ? msg : "请求失败");
        else lsp_reply(s, id, out.len ? out.s : "null", out.len ? out.len : 4);
    } else if (rc != 0) {
        lsp_log(method->str, msg);
    }
    sbuf_free(&out);
}

/* ---- framing ----------------------------------------------------------- */

/* Content-Length of the header block h[0, n), or -1. */
static long lsp_content_length(const char *h, size_t n)
{
    long len = -1;
    for (size_t i = 0; i < n;) {
        const char *e = memchr(h + i, '\n', n - i);
        size_t ln = e ? (size_t)(e - h) - i : n - i;
        static const char key[] = "content-length:";
        if (ln > sizeof key - 1 && strncasecmp(h + i, key, sizeof key - 1) == 0) {
            char num[32] = "";
            size_t k = sizeof key - 1, j = 0;
            while (k < ln && (h[i + k] == ' ' || h[i + k] == '\t')) k++;
            while (k < ln && j < sizeof num - 1 && h[i + k] >= '0' && h[i + k] <= '9') num[j++] = h[i + k++];
            while (k < ln && (h[i + k] == ' ' || h[i + k] == '\t' || h[i + k] == '\r')) k++;
            if (j == 0 || j > 15 || k != ln) return -1;
            len = strtol(num, NULL, 10);
        }
        i += ln + 1;
    }
    return len;
}

static void lsp_consume(lsp_session *s, size_t n)
{
    memmove(s->in.s, s->in.s + n, s->in.len - n);
    s->in.len -= n;
}

int lsp_session_feed(lsp_session *s, const char *p, size_t n)
{
    if (s->exited) return 1;
    if (s->skip) {
        size_t k = n < s->skip ? n : s->skip;
        s->skip -= k, p += k, n -= k;
    }
    sbuf_add(&s->in, p, n);
    while (!s->exited && s->in.len > 0) {
        const char *end = s->in.len >= 4 ? memmem(s->in.s, s->in.len, "\r\n\r\n", 4) : NULL;
        if (!end) {
            if (s->in.len > LSP_MAX_HEADER) {
                lsp_error(s, NULL, LSP_PARSE_ERROR, "消息头过长或缺少空行");
                s->in.len = 0;
            }
            break;
        }
        size_t hlen = (size_t)(end - s->in.s) + 4;
        long len = lsp_content_length(s->in.s, hlen - 4);
        if (len < 0) {
            lsp_error(s, NULL, LSP_PARSE_ERROR, "消息头缺少有效的 Content-Length");
            lsp_consume(s, hlen);
            continue;
        }
        if ((size_t)len > LSP_MAX_MESSAGE) {
            lsp_error(s, NULL, LSP_PARSE_ERROR, "消息超过 64 MiB 的上限");
            size_t have = s->in.len - hlen;
            s->skip = (size_t)len > have ? (size_t)len - have : 0;
            lsp_consume(s, hlen + ((size_t)len < have ? (size_t)len : have));
            continue;
        }
        if (s->in.len - hlen < (size_t)len) break;
        json_value *m = NULL;
        perr e = {0};
        if (json_parse(s->in.s + hlen, (size_t)len, 0, &m, &e) != 0) {
            lsp_error(s, NULL, LSP_PARSE_ERROR, e.msg[0] ? e.msg : "JSON 无效");
        } else {
            lsp_handle(s, m);
            json_free(m);
        }
        lsp_consume(s, hlen + (size_t)len);
    }
    return s->exited;
}

void lsp_session_idle(lsp_session *s)
{
    for (size_t i = 0; i < s->ndocs && !s->exited; i++)
        if (s->docs[i].dirty || s->docs[i].checked != s->docs[i].version) lsp_feat_publish(s, &s->docs[i]);
}

int lsp_session_status(const lsp_session *s) { return s->shutdown ? 0 : 1; }

lsp_session *lsp_session_new(config *cfg, int flags, lsp_out_fn out, void *ctx)
{
    lsp_session *s = xcalloc(1, sizeof *s);
    s->cfg = cfg, s->flags = flags, s->out = out, s->out_ctx = ctx;
    s->max_doc = LSP_MAX_MESSAGE;
    return s;
}

void lsp_session_free(lsp_session *s)
{
    if (!s) return;
    while (s->ndocs) lsp_doc_close(s, &s->docs[s->ndocs - 1]);
    free(s->docs);
    for (size_t i = 0; i < s->ndirs; i++) free(s->dirs[i].target);
    free(s->dirs);
    sbuf_free(&s->in);
    free(s);
}

/* ---- stdio ------------------------------------------------------------- */

static int lsp_write_fd(void *ctx, const char *p, size_t n)
{
    int fd = *(int *)ctx;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && errno == EAGAIN) {
            struct pollfd pf = {fd, POLLOUT, 0};
            poll(&pf, 1, -1);
            continue;
        }
        if (w <= 0) return -1;
        p += w, n -= (size_t)w;
    }
    return 0;
}

int lsp_run(config *cfg)
{
    int out = 1;
    lsp_session *s = lsp_session_new(cfg, 0, lsp_write_fd, &out);
    char buf[65536];
    int status = 1;
    for (;;) {
        struct pollfd pf = {0, POLLIN, 0};
        int ready = poll(&pf, 1, 0);
        if (ready == 0) {
            lsp_session_idle(s); /* the input paused: check what changed */
            ready = poll(&pf, 1, -1);
        }
        if (ready < 0 && errno == EINTR) continue;
        ssize_t r = read(0, buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            lsp_log("标准输入已结束", NULL);
            break;
        }
        if (lsp_session_feed(s, buf, (size_t)r)) {
            status = lsp_session_status(s);
            break;
        }
        if (s->closed) break;
    }
    lsp_session_free(s);
    return status;
}
