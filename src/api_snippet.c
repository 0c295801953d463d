/* api_snippet.c -- the snippet RPC methods: listing the library and expanding
 * one snippet.
 *
 * Neovim asks for the list once and caches it (completion and the picker
 * work from the cache), and asks for one expansion per explicit expand; no
 * method here is meant for a per-keystroke path. Each call reads the library
 * afresh (snipset_load), so edited snippet files take effect at once. The
 * result shapes are in api_snippet.h; positions are 0-based lines and byte
 * columns, end exclusive, as Neovim's API uses them. */

#include "api_snippet.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "mpack.h"
#include "rulefile.h"
#include "sbuf.h"
#include "snipset.h"

/* Fills env from opts (path, indent, tab, selected, date); the strings are owned by the
 * caller through the returned copies. */
typedef struct api_snippet_in {
    char *path, *indent, *tab, *selected;
    snippet_env env;
} api_snippet_in;

static int api_snippet_read_env(const msgpack_object *opts, api_snippet_in *in, perr *e)
{
    memset(in, 0, sizeof *in);
    in->path = mpack_dup(mpack_get(opts, "path"));
    in->indent = mpack_dup(mpack_get(opts, "indent"));
    in->tab = mpack_dup(mpack_get(opts, "tab"));
    in->selected = mpack_dup(mpack_get(opts, "selected"));
    char *date = mpack_dup(mpack_get(opts, "date"));
    int rc = 0;
    if (date && *date && !(in->env.date = rulefile_parse_date(date)))
        rc = perr_set(e, PARK_EPARAM, "date 的格式应为 YYYY-MM-DD，而不是“%s”", date);
    free(date);
    in->env.path = in->path && *in->path ? in->path : NULL;
    in->env.indent = in->indent && *in->indent ? in->indent : NULL;
    in->env.tab = in->tab;
    in->env.selected = in->selected;
    return rc;
}

static void api_snippet_in_free(api_snippet_in *in)
{
    free(in->path);
    free(in->indent);
    free(in->tab);
    free(in->selected);
}

int api_snippet_snippets(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)ctx;
    const msgpack_object *opts = mpack_opts(params, 0, NULL);
    api_snippet_in in;
    if (api_snippet_read_env(opts, &in, e) != 0) {
        api_snippet_in_free(&in);
        return PARK_EPARAM;
    }
    char *prefix = mpack_dup(mpack_get(opts, "prefix"));
    size_t pl = prefix ? strlen(prefix) : 0;
    snipset *s = snipset_load(NULL, in.env.path);
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) n += strncmp(s->e[i].trigger, prefix ? prefix : "", pl) == 0;
    sbuf errs = SBUF_INIT; /* NUL-separated body errors found while previewing */
    size_t nerrs = 0;
    msgpack_pack_map(pk, 2);
    mpack_cstr(pk, "snippets");
    msgpack_pack_array(pk, n);
    for (size_t i = 0; i < s->n; i++) {
        const snipset_entry *en = &s->e[i];
        if (strncmp(en->trigger, prefix ? prefix : "", pl) != 0) continue;
        snippet_result r = {0};
        perr pe = {0};
        int rc = snipset_expand(en, &in.env, &r, &pe);
        if (rc != 0) {
            sbuf_add(&errs, pe.msg, strlen(pe.msg) + 1);
            nerrs++;
        }
        msgpack_pack_map(pk, 6);
        mpack_cstr(pk, "prefix"), mpack_cstr(pk, en->trigger);
        mpack_cstr(pk, "wraps"), mpack_bool(pk, strstr(en->body, "TM_SELECTED_TEXT") != NULL);
        mpack_cstr(pk, "name"), mpack_cstr(pk, en->name);
        mpack_cstr(pk, "description"), mpack_cstr(pk, en->description);
        mpack_cstr(pk, "body_preview");
        if (rc == 0) mpack_str(pk, r.text, r.len);
        else mpack_cstr(pk, en->body);
        mpack_cstr(pk, "file"), mpack_cstr(pk, en->file);
        snippet_result_free(&r);
    }
    mpack_cstr(pk, "errors");
    msgpack_pack_array(pk, s->nerrors + nerrs);
    for (size_t i = 0; i < s->nerrors; i++) mpack_cstr(pk, s->errors[i]);
    for (size_t off = 0, k = 0; k < nerrs; k++) {
        mpack_cstr(pk, errs.s + off);
        off += strlen(errs.s + off) + 1;
    }
    sbuf_free(&errs);
    snipset_free(s);
    free(prefix);
    api_snippet_in_free(&in);
    return 0;
}

static void api_snippet_range(msgpack_packer *pk, const snippet_range *g)
{
    msgpack_pack_map(pk, 4);
    mpack_cstr(pk, "lnum"), msgpack_pack_uint64(pk, g->line);
    mpack_cstr(pk, "col"), msgpack_pack_uint64(pk, g->col);
    mpack_cstr(pk, "end_lnum"), msgpack_pack_uint64(pk, g->end_line);
    mpack_cstr(pk, "end_col"), msgpack_pack_uint64(pk, g->end_col);
}

static void api_snippet_pack_result(msgpack_packer *pk, const snipset_entry *en, const snippet_result *r)
{
    msgpack_pack_map(pk, 6);
    mpack_cstr(pk, "trigger"), mpack_cstr(pk, en ? en->trigger : "");
    mpack_cstr(pk, "name"), mpack_cstr(pk, en ? en->name : "");
    mpack_cstr(pk, "file"), mpack_cstr(pk, en ? en->file : "");
    mpack_cstr(pk, "text");
    size_t nl = 1;
    for (size_t i = 0; i < r->len; i++) nl += r->text[i] == '\n';
    msgpack_pack_array(pk, nl);
    for (size_t start = 0, i = 0; i <= r->len; i++) {
        if (i == r->len || r->text[i] == '\n') {
            mpack_str(pk, r->text + start, i - start);
            start = i + 1;
        }
    }
    mpack_cstr(pk, "tabstops");
    msgpack_pack_array(pk, r->ntabstops);
    for (size_t i = 0; i < r->ntabstops; i++) {
        const snippet_tabstop *t = &r->tabstops[i];
        msgpack_pack_map(pk, 3);
        mpack_cstr(pk, "index"), msgpack_pack_int(pk, t->index);
        mpack_cstr(pk, "ranges");
        msgpack_pack_array(pk, t->nranges);
        for (size_t k = 0; k < t->nranges; k++) api_snippet_range(pk, &t->ranges[k]);
        mpack_cstr(pk, "choices");
        if (!t->choices) {
            msgpack_pack_nil(pk);
        } else {
            msgpack_pack_array(pk, t->nchoices);
            for (size_t c = 0; c < t->nchoices; c++) mpack_cstr(pk, t->choices[c]);
        }
    }
    mpack_cstr(pk, "final");
    api_snippet_range(pk, &r->final);
}

int api_snippet_expand(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)ctx;
    const msgpack_object *opts = mpack_opts(params, 0, NULL);
    if (!opts) return perr_set(e, PARK_EPARAM, "snippet_expand 的参数应为 [{trigger 或 body, path, indent}]");
    api_snippet_in in;
    if (api_snippet_read_env(opts, &in, e) != 0) {
        api_snippet_in_free(&in);
        return PARK_EPARAM;
    }
    char *trigger = mpack_dup(mpack_get(opts, "trigger")), *body = mpack_dup(mpack_get(opts, "body"));
    snipset *s = NULL;
    const snipset_entry *en = NULL;
    snippet_result r = {0};
    int rc;
    if (trigger) {
        s = snipset_load(NULL, in.env.path);
        en = snipset_find(s, trigger, strlen(trigger));
        if (!en) rc = perr_set(e, PARK_ENOENT, "没有触发词为“%s”的片段（:ParkSnippet 可列出全部片段）", trigger);
        else rc = snipset_expand(en, &in.env, &r, e);
    } else if (body) {
        rc = snippet_expand(body, strlen(body), &in.env, &r, e);
    } else {
        rc = perr_set(e, PARK_EPARAM, "snippet_expand 需要 trigger（触发词）或 body（片段正文）");
    }
    if (rc == 0) api_snippet_pack_result(pk, en, &r);
    snippet_result_free(&r);
    snipset_free(s);
    free(trigger);
    free(body);
    api_snippet_in_free(&in);
    return rc;
}
