/* api_outline.c -- the outline RPC methods: fold levels for a buffer (the
 * session's copy, kept in step with it by line-range updates, see
 * apidoc.h) and the edits of :ParkRenumber.
 *
 * `outline` runs after every pause in typing, so it does only what folding
 * needs (outline_parse without items) unless the headings are asked for,
 * and for a buffer it keeps each line's outline_mark beside the copy, so
 * only the lines an edit changed are read again; its result is a flat
 * array of small integers. The result shapes are in api_outline.h. */

#include "api_outline.h"

#include <stdlib.h>
#include <string.h>

#include "apidoc.h"
#include "mem.h"
#include "mpack.h"
#include "outline.h"
#include "renumber.h"

static void api_outline_pack_headings(msgpack_packer *pk, const outline *o, const doc_text *doc)
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

int api_outline_outline(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    const msgpack_object *want = mpack_get(opts, "headings");
    int headings = want && want->type == MSGPACK_OBJECT_BOOLEAN && want->via.boolean;
    apidoc d;
    int rc = apidoc_read(ctx->bufs, opts, "outline", pk, &d, e);
    if (rc != 0) {
        apidoc_free(&d);
        return rc == APIDOC_RESYNC ? 0 : rc;
    }
    const doc_text *doc = d.doc;
    outline_mark *marks = d.has_buf ? bufstore_aux(ctx->bufs, d.buf, sizeof *marks) : NULL;
    /* Folds never start at flattened headings (finding them costs a scan of
     * every line); the listing shows them. */
    outline o, full;
    outline_parse_with(&o, doc, OUTLINE_FOLDS, marks, NULL);
    if (headings) outline_parse_with(&full, doc, OUTLINE_FLAT, marks, NULL);
    msgpack_pack_map(pk, headings ? 8 : 6);
    mpack_cstr(pk, "method"), mpack_cstr(pk, "outline");
    mpack_echo(pk, opts, "buf");
    mpack_echo(pk, opts, "tick");
    mpack_cstr(pk, "resync"), mpack_bool(pk, 0);
    mpack_cstr(pk, "levels");
    mpack_int_array(pk, o.fold, o.nlines);
    if (headings) api_outline_pack_headings(pk, &full, doc);
    mpack_cstr(pk, "error"), msgpack_pack_nil(pk);
    if (headings) outline_free(&full);
    outline_free(&o);
    apidoc_free(&d);
    return 0;
}

int api_outline_renumber(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)ctx;
    const msgpack_object *opts = mpack_opts(params, 1, e);
    if (!opts) return PARK_EPARAM;
    doc_text doc;
    if (apidoc_lines(opts, &doc, e) != 0) {
        doc_free(&doc);
        return PARK_EPARAM;
    }
    long first = 0, last = (long)doc.nlines;
    if (mpack_int(opts, "first", &first) < 0 || mpack_int(opts, "last", &last) < 0 || first < 0 ||
        last < first) {
        doc_free(&doc);
        return perr_set(e, PARK_EPARAM, "renumber 的 first、last 应为整数（0 ≤ first ≤ last）");
    }
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
    doc_free(&doc);
    return 0;
}
