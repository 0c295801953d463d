/* outlineapi.c -- the outline RPC methods: fold levels for a buffer (kept
 * in step with it by line-range updates, see bufstore.c) and the edits of
 * :ParkRenumber.
 *
 * `outline` runs after every pause in typing, so it does only what folding
 * needs (outline_parse without items) unless the headings are asked for,
 * and for a buffer it keeps each line's outline_mark beside the copy, so
 * only the lines an edit changed are read again; its result is a flat
 * array of small integers. The result shapes are in outlineapi.h. */

#include "outlineapi.h"

#include <stdlib.h>
#include <string.h>

#include "bufstore.h"
#include "mem.h"
#include "mpack.h"
#include "outline.h"
#include "renumber.h"

/* The lines option as borrowed texts (caller frees the array), or NULL with e set. */
static bufstore_text *outlineapi_lines(const msgpack_object *opts, size_t *n, perr *e)
{
    const msgpack_object *lines = mpack_get(opts, "lines");
    if (!lines || lines->type != MSGPACK_OBJECT_ARRAY) {
        perr_set(e, PARK_EPARAM, "需要 lines（字符串数组）");
        return NULL;
    }
    *n = lines->via.array.size;
    bufstore_text *t = xcalloc(*n + 1, sizeof *t);
    for (uint32_t i = 0; i < lines->via.array.size; i++) {
        const msgpack_object *x = &lines->via.array.ptr[i];
        if (x->type == MSGPACK_OBJECT_STR) t[i] = (bufstore_text){x->via.str.ptr, x->via.str.size};
        else if (x->type == MSGPACK_OBJECT_BIN) t[i] = (bufstore_text){x->via.bin.ptr, x->via.bin.size};
        else {
            free(t);
            perr_set(e, PARK_EPARAM, "lines[%u] 不是字符串", i);
            return NULL;
        }
        if (!t[i].s) t[i].s = "";
    }
    return t;
}

static void outlineapi_pack_headings(msgpack_packer *pk, const outline *o, const doc_text *doc)
{
    mpack_cstr(pk, "headings");
    msgpack_pack_array(pk, o->nh);
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        const char *s = doc->lines[h->line].s;
        size_t mend = h->mend;
        while (mend > h->nend && (s[mend - 1] == ' ' || s[mend - 1] == '\t')) mend--;
        msgpack_pack_map(pk, 10);
        mpack_cstr(pk, "lnum"), msgpack_pack_uint64(pk, h->line);
        mpack_cstr(pk, "col"), msgpack_pack_uint64(pk, h->col);
        mpack_cstr(pk, "level"), msgpack_pack_int(pk, h->level);
        mpack_cstr(pk, "depth"), msgpack_pack_int(pk, h->depth);
        mpack_cstr(pk, "marker"), mpack_str(pk, s + h->col, mend - h->col);
        mpack_cstr(pk, "number"), msgpack_pack_int(pk, h->number);
        mpack_cstr(pk, "title"), mpack_str(pk, s + h->tstart, h->tend - h->tstart);
        mpack_cstr(pk, "end_lnum"), msgpack_pack_uint64(pk, h->end_line);
        mpack_cstr(pk, "runin"), mpack_bool(pk, h->runin);
        mpack_cstr(pk, "flat"), mpack_bool(pk, h->flat);
    }
    size_t nframe = 0;
    for (size_t l = 0; l < o->nlines; l++)
        nframe += o->kind[l] == OUTLINE_TITLE || o->kind[l] == OUTLINE_SALUTATION || o->kind[l] == OUTLINE_CLOSING;
    mpack_cstr(pk, "frame");
    msgpack_pack_array(pk, nframe);
    for (size_t l = 0; l < o->nlines; l++) {
        int k = o->kind[l];
        if (k != OUTLINE_TITLE && k != OUTLINE_SALUTATION && k != OUTLINE_CLOSING) continue;
        msgpack_pack_map(pk, 2);
        mpack_cstr(pk, "lnum"), msgpack_pack_uint64(pk, l);
        mpack_cstr(pk, "kind"), mpack_cstr(pk, outline_kind_name(k));
    }
}

int outlineapi_outline(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    long buf = 0, tick = 0, base = 0, first = 0, last = 0;
    int has_buf = mpack_int(opts, "buf", &buf), has_base = mpack_int(opts, "base", &base);
    if (has_buf < 0 || has_base < 0 || mpack_int(opts, "tick", &tick) < 0 ||
        mpack_int(opts, "first", &first) < 0 || mpack_int(opts, "last", &last) < 0 || first < 0 ||
        last < first)
        return perr_set(e, PARK_EPARAM, "outline 的 buf、tick、base、first、last 应为整数（0 ≤ first ≤ last）");
    if (has_base && !has_buf) return perr_set(e, PARK_EPARAM, "outline 带 base 时需要 buf");
    const msgpack_object *want = mpack_get(opts, "headings");
    int headings = want && want->type == MSGPACK_OBJECT_BOOLEAN && want->via.boolean;
    size_t n;
    bufstore_text *lines = outlineapi_lines(opts, &n, e);
    if (!lines) return PARK_EPARAM;
    doc_text own;
    memset(&own, 0, sizeof own);
    const doc_text *doc = &own;
    outline_mark *marks = NULL;
    if (has_buf) {
        int rc = bufstore_update(ctx->bufs, buf, tick, !has_base, base, (size_t)first, (size_t)last, lines, n, e);
        free(lines);
        if (rc == PARK_ENOENT) {
            msgpack_pack_map(pk, 5);
            mpack_cstr(pk, "method"), mpack_cstr(pk, "outline");
            mpack_echo(pk, opts, "buf");
            mpack_echo(pk, opts, "tick");
            mpack_cstr(pk, "resync"), msgpack_pack_true(pk);
            mpack_cstr(pk, "error"), msgpack_pack_nil(pk);
            return 0;
        }
        if (rc) return rc;
        doc = bufstore_doc(ctx->bufs, buf, NULL);
        marks = bufstore_aux(ctx->bufs, buf, sizeof *marks);
    } else {
        own.nlines = n;
        own.lines = xcalloc(n + 1, sizeof *own.lines);
        for (size_t i = 0; i < n; i++) own.lines[i] = (doc_line){lines[i].s, lines[i].n, 0};
        free(lines);
    }
    /* Folds never start at flattened headings (finding them costs a scan of
     * every line); the listing shows them. */
    outline o, full;
    outline_parse_with(&o, doc, OUTLINE_FOLDS, marks, NULL);
    if (headings) outline_parse_with(&full, doc, OUTLINE_FLAT, marks, NULL);
    msgpack_pack_map(pk, headings ? 8 : 6);
    mpack_cstr(pk, "method"), mpack_cstr(pk, "outline");
    mpack_echo(pk, opts, "buf");
    mpack_echo(pk, opts, "tick");
    mpack_cstr(pk, "resync"), msgpack_pack_false(pk);
    mpack_cstr(pk, "levels");
    mpack_int_array(pk, o.fold, o.nlines);
    if (headings) outlineapi_pack_headings(pk, &full, doc);
    mpack_cstr(pk, "error"), msgpack_pack_nil(pk);
    if (headings) outline_free(&full);
    outline_free(&o);
    free(own.lines);
    return 0;
}

int outlineapi_renumber(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)ctx;
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    size_t n;
    bufstore_text *lines = outlineapi_lines(opts, &n, e);
    if (!lines) return PARK_EPARAM;
    long first = 0, last = (long)n;
    if (mpack_int(opts, "first", &first) < 0 || mpack_int(opts, "last", &last) < 0 || first < 0 ||
        last < first) {
        free(lines);
        return perr_set(e, PARK_EPARAM, "renumber 的 first、last 应为整数（0 ≤ first ≤ last）");
    }
    doc_text doc;
    memset(&doc, 0, sizeof doc);
    doc.lines = xcalloc(n + 1, sizeof *doc.lines);
    doc.nlines = n;
    for (size_t i = 0; i < n; i++) doc.lines[i] = (doc_line){lines[i].s, lines[i].n, 0};
    free(lines);
    outline o;
    outline_parse(&o, &doc, OUTLINE_ITEMS);
    renumber_plan p = {0};
    if (last > first) renumber_make(&o, &doc, (size_t)first, (size_t)last - 1, &p);
    msgpack_pack_map(pk, 2);
    mpack_cstr(pk, "edits");
    msgpack_pack_array(pk, p.n);
    for (size_t i = 0; i < p.n; i++) {
        const renumber_edit *x = &p.e[i];
        msgpack_pack_map(pk, 4);
        mpack_cstr(pk, "lnum"), msgpack_pack_uint64(pk, x->line);
        mpack_cstr(pk, "col"), msgpack_pack_uint64(pk, x->col);
        mpack_cstr(pk, "end_col"), msgpack_pack_uint64(pk, x->end);
        mpack_cstr(pk, "text"), mpack_str(pk, p.arena.s + x->off, x->len);
    }
    mpack_cstr(pk, "count"), msgpack_pack_uint64(pk, p.n);
    renumber_plan_free(&p);
    outline_free(&o);
    free(doc.lines);
    return 0;
}
