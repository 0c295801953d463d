/* api.c -- the RPC methods and their one dispatch table.
 *
 *   check   [opts]        findings for a document; the document is named
 *                         as apidoc.h says (buf, tick, lines, base, first,
 *                         last); other opts: path, date, strict, disable,
 *                         severity, markdown (default: path ends in .md).
 *                         Problems in the rule files that apply come back
 *                         as notes. limit and view bound the findings
 *                         sent (api_pick); total and counts cover all.
 *   placeholders [opts]   the placeholders of lines [from, to) of a
 *                         document (default all), for highlighting; opts
 *                         as check. Only placeholder rules run.
 *   rules   []            every loaded rule
 *   info    []            version, libraries, rule count, rule-file problems
 *   allow   [{path,text}] add a phrase to the project allow-list
 *   allowed [{path}]      the phrases of the project allow-list, and its file
 *   unallow [{path,text}] take a phrase out of the project allow-list
 *   reload  []            re-read rule files now; returns what info returns
 *   snippets, snippet_expand   the snippet library (api_snippet.c)
 *   outline, renumber          fold levels, headings, renumbering (api_outline.c)
 *
 * Positions in results are 0-based lines and 0-based byte columns, end
 * exclusive, as Neovim's API uses them. */

#include "api.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "allow.h"
#include "apidoc.h"
#include "check.h"
#include "builtin.h"
#include "mem.h"
#include "mpack.h"
#include "placeholder.h"
#include "sbuf.h"
#include "api_snippet.h"
#include "api_outline.h"
#include "version.h"

typedef struct api_check_in {
    char *path;
    check_opts o;
    rule_directive *dirs;
    size_t ndirs, capdirs;
} api_check_in;

static void api_check_in_free(api_check_in *in)
{
    free(in->path);
    for (size_t i = 0; i < in->ndirs; i++) free(in->dirs[i].target);
    free(in->dirs);
}

static void api_add_dir(api_check_in *in, int kind, char *target, int sev)
{
    xgrow(&in->dirs, &in->capdirs, in->ndirs + 1, sizeof *in->dirs);
    in->dirs[in->ndirs++] = (rule_directive){kind, target, sev};
}

/* The options of check and placeholders besides the document. */
static int api_check_parse(const msgpack_object *opts, api_check_in *in, perr *e)
{
    in->path = mpack_dup(mpack_get(opts, "path"));
    char *date = mpack_dup(mpack_get(opts, "date"));
    if (date && *date) {
        in->o.date = rulefile_parse_date(date);
        if (!in->o.date) {
            perr_set(e, PARK_EPARAM, "date 的格式应为 YYYY-MM-DD，而不是“%s”", date);
            free(date);
            return PARK_EPARAM;
        }
    }
    free(date);
    const msgpack_object *strict = mpack_get(opts, "strict");
    in->o.strict = strict && strict->type == MSGPACK_OBJECT_BOOLEAN && strict->via.boolean;
    const msgpack_object *md = mpack_get(opts, "markdown");
    in->o.markdown = md && md->type == MSGPACK_OBJECT_BOOLEAN ? md->via.boolean : placeholder_markdown_path(in->path);
    const msgpack_object *dis = mpack_get(opts, "disable");
    if (dis && dis->type == MSGPACK_OBJECT_ARRAY) {
        for (uint32_t i = 0; i < dis->via.array.size; i++) {
            char *t = mpack_dup(&dis->via.array.ptr[i]);
            if (!t) return perr_set(e, PARK_EPARAM, "disable[%u] 不是字符串", i);
            api_add_dir(in, RULEFILE_DIR_DISABLE, t, 0);
        }
    }
    const msgpack_object *sev = mpack_get(opts, "severity");
    if (sev && sev->type == MSGPACK_OBJECT_MAP) {
        for (uint32_t i = 0; i < sev->via.map.size; i++) {
            char *t = mpack_dup(&sev->via.map.ptr[i].key), *v = mpack_dup(&sev->via.map.ptr[i].val);
            int s = v ? rulefile_severity_from_name(v) : -1;
            free(v);
            if (!t || s < 0) {
                free(t);
                return perr_set(e, PARK_EPARAM, "severity 应为 {规则或类别 = \"error\"|\"warning\"|\"info\"|\"hint\"}");
            }
            api_add_dir(in, RULEFILE_DIR_SEVERITY, t, s);
        }
    }
    in->o.dirs = in->dirs;
    in->o.ndirs = in->ndirs;
    return 0;
}

static void api_pack_finding(msgpack_packer *pk, const ruleset *rs, const doc_text *doc, const check_result *res,
                             const check_finding *f, sbuf *msg)
{
    const rule *r = rs->rules[f->rule];
    msgpack_pack_map(pk, 10);
    mpack_cstr(pk, "lnum"), msgpack_pack_uint64(pk, f->line);
    mpack_cstr(pk, "col"), msgpack_pack_uint64(pk, f->col);
    mpack_cstr(pk, "end_lnum"), msgpack_pack_uint64(pk, f->end_line);
    mpack_cstr(pk, "end_col"), msgpack_pack_uint64(pk, f->end);
    mpack_kv(pk, "severity", rulefile_severity_name(f->sev));
    mpack_kv(pk, "category", rulefile_category_name(r->category));
    mpack_kv(pk, "rule", r->id);
    sbuf_clear(msg);
    check_message(rs, doc, res, f, msg);
    mpack_cstr(pk, "message"), mpack_str(pk, msg->s ? msg->s : "", msg->len);
    sbuf_clear(msg);
    check_match(doc, f, msg);
    mpack_cstr(pk, "match"), mpack_str(pk, msg->s ? msg->s : "", msg->len);
    mpack_cstr(pk, "fix");
    if (f->has_fix) mpack_str(pk, res->arena.s + f->fix_off, f->fix_len);
    else msgpack_pack_nil(pk);
}

/* Marks in keep[] the findings a check answers with: all of them, or with
 * opts limit > 0 at most limit -- those on lines of opts view (a list of
 * [first, last] 0-based line ranges, the windows' views) first, then the
 * more severe, then in buffer order. Returns how many are kept, or
 * PARK_EPARAM. */
static long api_pick(const msgpack_object *opts, const check_result *res, unsigned char *keep, perr *e)
{
    long limit = 0;
    if (mpack_int(opts, "limit", &limit) < 0 || limit < 0)
        return perr_set(e, PARK_EPARAM, "limit 应为非负整数");
    if (limit == 0 || (size_t)limit >= res->n) {
        memset(keep, 1, res->n);
        return (long)res->n;
    }
    const msgpack_object *view = mpack_get(opts, "view");
    long rng[16][2];
    size_t nr = 0;
    if (view && view->type == MSGPACK_OBJECT_ARRAY) {
        for (uint32_t i = 0; i < view->via.array.size && nr < 16; i++) {
            const msgpack_object *r = &view->via.array.ptr[i];
            if (r->type != MSGPACK_OBJECT_ARRAY || r->via.array.size != 2 ||
                r->via.array.ptr[0].type != MSGPACK_OBJECT_POSITIVE_INTEGER ||
                r->via.array.ptr[1].type != MSGPACK_OBJECT_POSITIVE_INTEGER)
                return perr_set(e, PARK_EPARAM, "view 应为 [[首行, 末行], …]（从 0 起的行号）");
            rng[nr][0] = (long)r->via.array.ptr[0].via.u64;
            rng[nr][1] = (long)r->via.array.ptr[1].via.u64;
            nr++;
        }
    }
    memset(keep, 0, res->n);
    long left = limit;
    /* rank 0: in view; rank 1 + severity: the rest */
    for (int rank = 0; rank <= RULEFILE_SEV_COUNT && left > 0; rank++) {
        for (size_t i = 0; i < res->n && left > 0; i++) {
            if (keep[i]) continue;
            const check_finding *f = &res->f[i];
            int in_view = 0;
            for (size_t k = 0; k < nr && !in_view; k++) in_view = f->line >= rng[k][0] && f->line <= rng[k][1];
            if (in_view ? rank == 0 : rank == 1 + f->sev) keep[i] = 1, left--;
        }
    }
    return limit - left;
}

/* Reads the options, then the document (so that a request with bad options
 * leaves the copy alone). Returns what apidoc_read() returns, or
 * PARK_EPARAM; the caller frees in and d either way. */
static int api_check_read(api_ctx *ctx, const msgpack_object *opts, const char *method, msgpack_packer *pk,
                          api_check_in *in, apidoc *d, perr *e)
{
    memset(in, 0, sizeof *in);
    memset(d, 0, sizeof *d);
    if (api_check_parse(opts, in, e) != 0) return PARK_EPARAM;
    return apidoc_read(ctx->bufs, opts, method, pk, d, e);
}

static int api_check(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    api_check_in in;
    apidoc d;
    int rc = api_check_read(ctx, opts, "check", pk, &in, &d, e);
    if (rc != 0) {
        apidoc_free(&d);
        api_check_in_free(&in);
        return rc == APIDOC_RESYNC ? 0 : rc;
    }
    const ruleset *rs = config_ruleset(ctx->cfg, in.path);
    check_result res = {0};
    check_run(rs, d.doc, &in.o, &res);
    unsigned char *keep = xmalloc(res.n ? res.n : 1);
    long kept = api_pick(opts, &res, keep, e);
    if (kept < 0) {
        free(keep);
        check_result_free(&res);
        apidoc_free(&d);
        api_check_in_free(&in);
        return PARK_EPARAM;
    }
    msgpack_pack_map(pk, 10);
    mpack_kv(pk, "method", "check");
    mpack_echo(pk, opts, "buf");
    mpack_echo(pk, opts, "tick");
    char date[16];
    if (res.date) snprintf(date, sizeof date, "%04d-%02d-%02d", res.date / 10000, res.date / 100 % 100, res.date % 100);
    mpack_kv(pk, "date", res.date ? date : NULL);
    mpack_kv(pk, "date_source", res.date ? res.date_source : NULL);
    size_t count[RULEFILE_SEV_COUNT] = {0};
    for (size_t i = 0; i < res.n; i++) count[res.f[i].sev]++;
    mpack_cstr(pk, "total"), msgpack_pack_uint64(pk, res.n);
    mpack_cstr(pk, "counts"), msgpack_pack_map(pk, RULEFILE_SEV_COUNT);
    for (int k = 0; k < RULEFILE_SEV_COUNT; k++) mpack_cstr(pk, rulefile_severity_name(k)), msgpack_pack_uint64(pk, count[k]);
    mpack_cstr(pk, "findings");
    msgpack_pack_array(pk, (uint32_t)kept);
    sbuf msg = SBUF_INIT;
    for (size_t i = 0; i < res.n; i++)
        if (keep[i]) api_pack_finding(pk, rs, d.doc, &res, &res.f[i], &msg);
    free(keep);
    mpack_cstr(pk, "notes");
    msgpack_pack_array(pk, res.nnotes + rs->nerrors);
    for (size_t i = 0; i < res.nnotes; i++) mpack_cstr(pk, res.notes[i]);
    sbuf_clear(&msg);
    for (size_t i = 0; i < rs->nerrors; i++) {
        sbuf_clear(&msg);
        sbuf_printf(&msg, "规则文件问题：%s", rs->errors[i]);
        mpack_str(pk, msg.s, msg.len);
    }
    sbuf_free(&msg);
    mpack_kv(pk, "error", NULL);
    check_result_free(&res);
    apidoc_free(&d);
    api_check_in_free(&in);
    return 0;
}

/* The kind of a placeholder rule's findings ("text" unless a placeholder-*
 * builtin says otherwise) and whether they are missing figures. */
static int api_placeholder_kind(const ruleset *rs, uint32_t ri, int *missing)
{
    int k = builtin_placeholder_kind(rs->builtin[ri], missing);
    return k >= 0 ? k : PLACEHOLDER_TEXT;
}

/* Lines [from, to) of doc (default all; clamped to it) as a document of
 * their own, in *view. */
static int api_range(const msgpack_object *opts, const doc_text *doc, doc_text *view, size_t *from, perr *e)
{
    long lo = 0, hi = (long)doc->nlines;
    if (mpack_int(opts, "from", &lo) < 0 || mpack_int(opts, "to", &hi) < 0 || lo < 0 || hi < lo)
        return perr_set(e, PARK_EPARAM, "from、to 应为整数（0 ≤ from ≤ to）");
    size_t to = (size_t)hi < doc->nlines ? (size_t)hi : doc->nlines;
    *from = (size_t)lo < to ? (size_t)lo : to;
    *view = *doc;
    view->lines = doc->lines + *from;
    view->nlines = to - *from;
    return 0;
}

/* placeholders: the placeholder rules over lines [from, to); overlapping
 * findings keep the detector's (its kind is known) or else the first.
 * Result: {method, buf, tick, from, count, items = [{lnum, col, end_col,
 * kind, missing, rule, match}]}, lnum counted from the document's start. */
static int api_placeholders(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    api_check_in in;
    apidoc d;
    doc_text view;
    size_t base = 0;
    int rc = api_check_read(ctx, opts, "placeholders", pk, &in, &d, e);
    if (rc == 0) rc = api_range(opts, d.doc, &view, &base, e);
    if (rc != 0) {
        apidoc_free(&d);
        api_check_in_free(&in);
        return rc == APIDOC_RESYNC ? 0 : rc;
    }
    for (int cat = 0; cat < RULEFILE_CAT_COUNT; cat++)
        if (cat != RULEFILE_CAT_PLACEHOLDER) api_add_dir(&in, RULEFILE_DIR_DISABLE, xstrdup(rulefile_category_name(cat)), 0);
    in.o.dirs = in.dirs;
    in.o.ndirs = in.ndirs;
    const ruleset *rs = config_ruleset(ctx->cfg, in.path);
    check_result res = {0};
    check_run(rs, &view, &in.o, &res);
    size_t n = 0;
    for (size_t i = 0; i < res.n; i++) {
        const check_finding *f = &res.f[i];
        if (rs->rules[f->rule]->category != RULEFILE_CAT_PLACEHOLDER) continue;
        if (n && res.f[n - 1].line == f->line && f->col < res.f[n - 1].end) {
            int m;
            if (builtin_placeholder_kind(rs->builtin[res.f[n - 1].rule], &m) < 0 &&
                builtin_placeholder_kind(rs->builtin[f->rule], &m) >= 0)
                res.f[n - 1] = *f;
            continue;
        }
        res.f[n++] = *f;
    }
    msgpack_pack_map(pk, 6);
    mpack_kv(pk, "method", "placeholders");
    mpack_echo(pk, opts, "buf");
    mpack_echo(pk, opts, "tick");
    mpack_cstr(pk, "from"), msgpack_pack_uint64(pk, base);
    mpack_cstr(pk, "count"), msgpack_pack_uint64(pk, view.nlines);
    mpack_cstr(pk, "items");
    msgpack_pack_array(pk, n);
    for (size_t i = 0; i < n; i++) {
        const check_finding *f = &res.f[i];
        int missing, kind = api_placeholder_kind(rs, f->rule, &missing);
        msgpack_pack_map(pk, 7);
        mpack_cstr(pk, "lnum"), msgpack_pack_uint64(pk, base + f->line);
        mpack_cstr(pk, "col"), msgpack_pack_uint64(pk, f->col);
        mpack_cstr(pk, "end_col"), msgpack_pack_uint64(pk, f->end);
        mpack_kv(pk, "kind", placeholder_kind_name(kind));
        mpack_cstr(pk, "missing");
        mpack_bool(pk, missing);
        mpack_kv(pk, "rule", rs->rules[f->rule]->id);
        mpack_cstr(pk, "match"), mpack_str(pk, view.lines[f->line].s + f->col, f->end - f->col);
    }
    check_result_free(&res);
    apidoc_free(&d);
    api_check_in_free(&in);
    return 0;
}

static int api_rules(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)params, (void)e;
    const ruleset *rs = config_ruleset(ctx->cfg, NULL);
    msgpack_pack_array(pk, rs->nrules);
    sbuf src = SBUF_INIT;
    for (size_t i = 0; i < rs->nrules; i++) {
        const rule *r = rs->rules[i];
        msgpack_pack_map(pk, 8);
        mpack_kv(pk, "id", r->id);
        mpack_kv(pk, "category", rulefile_category_name(r->category));
        mpack_kv(pk, "severity", rulefile_severity_name(rs->sev[i]));
        mpack_kv(pk, "description", r->description);
        mpack_kv(pk, "message", r->message);
        sbuf_clear(&src);
        sbuf_printf(&src, "%s:%d", r->file, r->line);
        mpack_kv(pk, "source", src.s);
        mpack_cstr(pk, "enabled");
        mpack_bool(pk, rs->on[i]);
        mpack_cstr(pk, "entries"), msgpack_pack_uint64(pk, r->nents);
    }
    sbuf_free(&src);
    return 0;
}

static int api_info(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)params, (void)e;
    const ruleset *rs = config_ruleset(ctx->cfg, NULL);
    char pcre[64] = "";
    pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    msgpack_pack_map(pk, 9);
    mpack_kv(pk, "version", PARK_VERSION);
    mpack_kv(pk, "libuv", uv_version_string());
    mpack_kv(pk, "msgpack", msgpack_version());
    mpack_kv(pk, "pcre2", pcre);
    uint32_t jit = 0;
    pcre2_config(PCRE2_CONFIG_JIT, &jit);
    mpack_cstr(pk, "jit");
    mpack_bool(pk, jit);
    size_t entries = 0;
    for (size_t i = 0; i < rs->nrules; i++) entries += rs->rules[i]->nents;
    mpack_cstr(pk, "rules"), msgpack_pack_uint64(pk, rs->nrules);
    mpack_cstr(pk, "entries"), msgpack_pack_uint64(pk, entries);
    const char *const *files;
    size_t nf = config_files(ctx->cfg, &files);
    mpack_cstr(pk, "rule_files");
    msgpack_pack_array(pk, nf);
    for (size_t i = 0; i < nf; i++) mpack_cstr(pk, files[i]);
    mpack_cstr(pk, "errors");
    msgpack_pack_array(pk, rs->nerrors);
    for (size_t i = 0; i < rs->nerrors; i++) mpack_cstr(pk, rs->errors[i]);
    return 0;
}

static int api_allow(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)ctx;
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    char *path = mpack_dup(mpack_get(opts, "path")), *text = mpack_dup(mpack_get(opts, "text"));
    int rc;
    char *written = NULL;
    if (!path || !*path) rc = perr_set(e, PARK_EPARAM, "allow 需要 path（文档所在的文件路径）");
    else if (!text) rc = perr_set(e, PARK_EPARAM, "allow 需要 text（要忽略的文字）");
    else rc = allow_add(path, text, &written, e);
    if (rc == 0) {
        msgpack_pack_map(pk, 1);
        mpack_kv(pk, "file", written);
    }
    free(written);
    free(path);
    free(text);
    return rc;
}

static int api_allowed(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)ctx;
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    char *path = mpack_dup(mpack_get(opts, "path")), *file = NULL;
    if (!path || !*path) {
        free(path);
        return perr_set(e, PARK_EPARAM, "allowed 需要 path（文档所在的文件路径）");
    }
    size_t n;
    char **list = allow_list(path, &n, &file);
    msgpack_pack_map(pk, 2);
    mpack_kv(pk, "file", file);
    mpack_cstr(pk, "phrases");
    msgpack_pack_array(pk, n);
    for (size_t i = 0; i < n; i++) mpack_cstr(pk, list[i]);
    xstrs_free(list, n);
    free(file);
    free(path);
    return 0;
}

static int api_unallow(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)ctx;
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    char *path = mpack_dup(mpack_get(opts, "path")), *text = mpack_dup(mpack_get(opts, "text")), *written = NULL;
    size_t removed = 0;
    int rc;
    if (!path || !*path) rc = perr_set(e, PARK_EPARAM, "unallow 需要 path（文档所在的文件路径）");
    else if (!text || !*text) rc = perr_set(e, PARK_EPARAM, "unallow 需要 text（要取消的允许项）");
    else rc = allow_remove(path, text, &written, &removed, e);
    if (rc == 0) {
        msgpack_pack_map(pk, 2);
        mpack_kv(pk, "file", written);
        mpack_cstr(pk, "removed"), msgpack_pack_uint64(pk, removed);
    }
    free(written);
    free(path);
    free(text);
    return rc;
}

/* reload: every rule file is read again (even with an unchanged stamp, as
 * after a restore from backup), then what info returns. */
static int api_reload(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    config_forget(ctx->cfg);
    return api_info(ctx, params, pk, e);
}

static const api_method api_table[] = {
    {"check", api_check, 0}, {"placeholders", api_placeholders, 0}, {"rules", api_rules, 0}, {"info", api_info, 0},
    {"allow", api_allow, 1}, {"allowed", api_allowed, 0}, {"unallow", api_unallow, 1}, {"reload", api_reload, 0},
    {"snippets", api_snippet_snippets, 0}, {"snippet_expand", api_snippet_expand, 0},
    {"outline", api_outline_outline, 0}, {"renumber", api_outline_renumber, 0},
};

const api_method *api_find(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof api_table / sizeof *api_table; i++)
        if (strlen(api_table[i].name) == n && memcmp(api_table[i].name, name, n) == 0) return &api_table[i];
    return NULL;
}
