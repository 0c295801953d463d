/* outlineapi.c -- the outline RPC methods: fold levels for a buffer (kept
 * in step with it by line-range updates, see bufstore.c) and the edits of
 * :ParkRenumber.
 *
 * `outline` runs after every pause in typing, so it does only what folding
 * needs (outline_parse without items) unless the headings are asked for;
 * its result is a flat array of small integers. The result shapes are in
 * outlineapi.h. */

#include "outlineapi.h"

#include <stdlib.h>
#include <string.h>

#include "bufstore.h"
#include "mem.h"
#include "outline.h"
#include "renumber.h"

static void outlineapi_str(msgpack_packer *pk, const char *s, size_t n)
{
    msgpack_pack_str(pk, n);
    msgpack_pack_str_body(pk, s, n);
}

static void outlineapi_key(msgpack_packer *pk, const char *s)
{
    outlineapi_str(pk, s, strlen(s));
}

static void outlineapi_bool(msgpack_packer *pk, int v)
{
    if (v) msgpack_pack_true(pk);
    else msgpack_pack_false(pk);
}

static const msgpack_object *outlineapi_get(const msgpack_object *o, const char *key)
{
    if (!o || o->type != MSGPACK_OBJECT_MAP) return NULL;
    size_t kl = strlen(key);
    for (uint32_t i = 0; i < o->via.map.size; i++) {
        const msgpack_object *k = &o->via.map.ptr[i].key;
        if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == kl && memcmp(k->via.str.ptr, key, kl) == 0)
            return &o->via.map.ptr[i].val;
    }
    return NULL;
}

/* An integer option: 1 and *v set, 0 when absent or nil, -1 when not an integer. */
static int outlineapi_int(const msgpack_object *opts, const char *key, long *v)
{
    const msgpack_object *o = outlineapi_get(opts, key);
    if (!o || o->type == MSGPACK_OBJECT_NIL) return 0;
    if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) *v = (long)o->via.u64;
    else if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) *v = (long)o->via.i64;
    else return -1;
    return 1;
}

static void outlineapi_echo(msgpack_packer *pk, const msgpack_object *opts, const char *key)
{
    const msgpack_object *v = outlineapi_get(opts, key);
    outlineapi_key(pk, key);
    if (v) msgpack_pack_object(pk, *v);
    else msgpack_pack_nil(pk);
}

/* The lines option as borrowed texts (caller frees the array), or NULL with e set. */
static bufstore_text *outlineapi_lines(const msgpack_object *opts, size_t *n, perr *e)
{
    const msgpack_object *lines = outlineapi_get(opts, "lines");
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

static const msgpack_object *outlineapi_opts(const msgpack_object *params, perr *e)
{
    if (params->via.array.size >= 1 && params->via.array.ptr[0].type == MSGPACK_OBJECT_MAP)
        return &params->via.array.ptr[0];
    perr_set(e, PARK_EPARAM, "参数应为 [选项表]");
    return NULL;
}

static void outlineapi_pack_headings(msgpack_packer *pk, const outline *o, const check_doc *doc)
{
    outlineapi_key(pk, "headings");
    msgpack_pack_array(pk, o->nh);
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        const char *s = doc->lines[h->line].s;
        size_t mend = h->mend;
        while (mend > h->nend && (s[mend - 1] == ' ' || s[mend - 1] == '\t')) mend--;
        msgpack_pack_map(pk, 10);
        outlineapi_key(pk, "lnum"), msgpack_pack_uint64(pk, h->line);
        outlineapi_key(pk, "col"), msgpack_pack_uint64(pk, h->col);
        outlineapi_key(pk, "level"), msgpack_pack_int(pk, h->level);
        outlineapi_key(pk, "depth"), msgpack_pack_int(pk, h->depth);
        outlineapi_key(pk, "marker"), outlineapi_str(pk, s + h->col, mend - h->col);
        outlineapi_key(pk, "number"), msgpack_pack_int(pk, h->number);
        outlineapi_key(pk, "title"), outlineapi_str(pk, s + h->tstart, h->tend - h->tstart);
        outlineapi_key(pk, "end_lnum"), msgpack_pack_uint64(pk, h->end_line);
        outlineapi_key(pk, "runin"), outlineapi_bool(pk, h->runin);
        outlineapi_key(pk, "flat"), outlineapi_bool(pk, h->flat);
    }
    size_t nframe = 0;
    for (size_t l = 0; l < o->nlines; l++)
        nframe += o->kind[l] == OUTLINE_TITLE || o->kind[l] == OUTLINE_SALUTATION || o->kind[l] == OUTLINE_CLOSING;
    outlineapi_key(pk, "frame");
    msgpack_pack_array(pk, nframe);
    for (size_t l = 0; l < o->nlines; l++) {
        int k = o->kind[l];
        if (k != OUTLINE_TITLE && k != OUTLINE_SALUTATION && k != OUTLINE_CLOSING) continue;
        msgpack_pack_map(pk, 2);
        outlineapi_key(pk, "lnum"), msgpack_pack_uint64(pk, l);
        outlineapi_key(pk, "kind"), outlineapi_key(pk, outline_kind_name(k));
    }
}

int outlineapi_outline(config *cfg, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)cfg;
    const msgpack_object *opts = outlineapi_opts(params, e);
    if (!opts) return PARK_EPARAM;
    long buf = 0, tick = 0, base = 0, first = 0, last = 0;
    int has_buf = outlineapi_int(opts, "buf", &buf), has_base = outlineapi_int(opts, "base", &base);
    if (has_buf < 0 || has_base < 0 || outlineapi_int(opts, "tick", &tick) < 0 ||
        outlineapi_int(opts, "first", &first) < 0 || outlineapi_int(opts, "last", &last) < 0 || first < 0 ||
        last < first)
        return perr_set(e, PARK_EPARAM, "outline 的 buf、tick、base、first、last 应为整数（0 ≤ first ≤ last）");
    if (has_base && !has_buf) return perr_set(e, PARK_EPARAM, "outline 带 base 时需要 buf");
    const msgpack_object *want = outlineapi_get(opts, "headings");
    int headings = want && want->type == MSGPACK_OBJECT_BOOLEAN && want->via.boolean;
    size_t n;
    bufstore_text *lines = outlineapi_lines(opts, &n, e);
    if (!lines) return PARK_EPARAM;
    check_doc own;
    memset(&own, 0, sizeof own);
    const check_doc *doc = &own;
    if (has_buf) {
        int rc = bufstore_update(buf, tick, !has_base, base, (size_t)first, (size_t)last, lines, n, e);
        free(lines);
        if (rc == PARK_ENOENT) {
            msgpack_pack_map(pk, 5);
            outlineapi_key(pk, "method"), outlineapi_key(pk, "outline");
            outlineapi_echo(pk, opts, "buf");
            outlineapi_echo(pk, opts, "tick");
            outlineapi_key(pk, "resync"), msgpack_pack_true(pk);
            outlineapi_key(pk, "error"), msgpack_pack_nil(pk);
            return 0;
        }
        if (rc) return rc;
        doc = bufstore_doc(buf, NULL);
    } else {
        own.nlines = n;
        own.lines = xcalloc(n + 1, sizeof *own.lines);
        for (size_t i = 0; i < n; i++) own.lines[i] = (check_line){lines[i].s, lines[i].n, 0};
        free(lines);
    }
    /* Folds never start at flattened headings (finding them costs a scan of
     * every line); the listing shows them. */
    outline o, full;
    outline_parse(&o, doc, OUTLINE_FOLDS);
    if (headings) outline_parse(&full, doc, OUTLINE_FLAT);
    msgpack_pack_map(pk, headings ? 8 : 6);
    outlineapi_key(pk, "method"), outlineapi_key(pk, "outline");
    outlineapi_echo(pk, opts, "buf");
    outlineapi_echo(pk, opts, "tick");
    outlineapi_key(pk, "resync"), msgpack_pack_false(pk);
    outlineapi_key(pk, "levels");
    msgpack_pack_array(pk, o.nlines);
    for (size_t i = 0; i < o.nlines; i++) msgpack_pack_int(pk, o.fold[i]);
    if (headings) outlineapi_pack_headings(pk, &full, doc);
    outlineapi_key(pk, "error"), msgpack_pack_nil(pk);
    if (headings) outline_free(&full);
    outline_free(&o);
    free(own.lines);
    return 0;
}

int outlineapi_renumber(config *cfg, const msgpack_object *params, msgpack_packer *pk, perr *e)
{
    (void)cfg;
    const msgpack_object *opts = outlineapi_opts(params, e);
    if (!opts) return PARK_EPARAM;
    size_t n;
    bufstore_text *lines = outlineapi_lines(opts, &n, e);
    if (!lines) return PARK_EPARAM;
    long first = 0, last = (long)n;
    if (outlineapi_int(opts, "first", &first) < 0 || outlineapi_int(opts, "last", &last) < 0 || first < 0 ||
        last < first) {
        free(lines);
        return perr_set(e, PARK_EPARAM, "renumber 的 first、last 应为整数（0 ≤ first ≤ last）");
    }
    check_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.lines = xcalloc(n + 1, sizeof *doc.lines);
    doc.nlines = n;
    for (size_t i = 0; i < n; i++) doc.lines[i] = (check_line){lines[i].s, lines[i].n, 0};
    free(lines);
    outline o;
    outline_parse(&o, &doc, OUTLINE_ITEMS);
    renumber_plan p = {0};
    if (last > first) renumber_make(&o, &doc, (size_t)first, (size_t)last - 1, &p);
    msgpack_pack_map(pk, 2);
    outlineapi_key(pk, "edits");
    msgpack_pack_array(pk, p.n);
    for (size_t i = 0; i < p.n; i++) {
        const renumber_edit *x = &p.e[i];
        msgpack_pack_map(pk, 4);
        outlineapi_key(pk, "lnum"), msgpack_pack_uint64(pk, x->line);
        outlineapi_key(pk, "col"), msgpack_pack_uint64(pk, x->col);
        outlineapi_key(pk, "end_col"), msgpack_pack_uint64(pk, x->end);
        outlineapi_key(pk, "text"), outlineapi_str(pk, p.arena.s + x->off, x->len);
    }
    outlineapi_key(pk, "count"), msgpack_pack_uint64(pk, p.n);
    renumber_plan_free(&p);
    outline_free(&o);
    free(doc.lines);
    return 0;
}
