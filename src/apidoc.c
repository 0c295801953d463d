/* apidoc.c -- reading the document a request is about (apidoc.h).
 *
 * Neovim keeps the session's copy of a buffer in step by sending, with any
 * request about it, what changed since the last one (or nothing, or the
 * whole buffer the first time). Since a session handles its messages in
 * order, the copy is at the request's changedtick by the time the method
 * runs; when it cannot be (the helper restarted, the copy was evicted, an
 * earlier message failed), the method answers resync and Neovim sends the
 * whole buffer again. */

#include "apidoc.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "mem.h"
#include "mpack.h"
#include "rpc.h"

int apidoc_lines(const msgpack_object *opts, doc_text *doc, perr *e)
{
    memset(doc, 0, sizeof *doc);
    const msgpack_object *lines = mpack_get(opts, "lines");
    if (!lines || lines->type != MSGPACK_OBJECT_ARRAY) return perr_set(e, PARK_EPARAM, "需要 lines（字符串数组）");
    doc->lines = xcalloc(lines->via.array.size + 1, sizeof *doc->lines);
    for (uint32_t i = 0; i < lines->via.array.size; i++) {
        doc_line *ln = &doc->lines[i];
        if (!mpack_bytes(&lines->via.array.ptr[i], &ln->s, &ln->len))
            return perr_set(e, PARK_EPARAM, "lines[%u] 不是字符串", i);
        if (!ln->s) ln->s = ""; /* an empty string's ptr may be NULL */
        doc->nlines++;
    }
    return 0;
}

/* The buf option: 1 and *v set for an integer or a Buffer handle (msgpack
 * EXT 0 holding an integer, as Neovim sends it); 0 when absent or nil; -1
 * otherwise. */
static int apidoc_buf(const msgpack_object *opts, long *v)
{
    const msgpack_object *o = mpack_get(opts, "buf");
    if (!o || o->type != MSGPACK_OBJECT_EXT) return mpack_int(opts, "buf", v);
    if (o->via.ext.type != 0) return -1;
    msgpack_unpacked u;
    msgpack_unpacked_init(&u);
    size_t off = 0;
    int rc = -1;
    if (msgpack_unpack_next(&u, o->via.ext.ptr, o->via.ext.size, &off) == MSGPACK_UNPACK_SUCCESS) {
        if (u.data.type == MSGPACK_OBJECT_POSITIVE_INTEGER) *v = (long)u.data.via.u64, rc = 1;
        else if (u.data.type == MSGPACK_OBJECT_NEGATIVE_INTEGER) *v = (long)u.data.via.i64, rc = 1;
    }
    msgpack_unpacked_destroy(&u);
    return rc;
}

/* Replaces lines [first, last) of the copy at base (every line when full)
 * with the lines option. */
static int apidoc_update(bufstore *bufs, const msgpack_object *opts, apidoc *d, int full, long base, long first,
                         long last, perr *e)
{
    doc_text in;
    int rc = apidoc_lines(opts, &in, e);
    if (rc == 0) {
        bufstore_text *t = xcalloc(in.nlines + 1, sizeof *t);
        for (size_t i = 0; i < in.nlines; i++) t[i] = (bufstore_text){in.lines[i].s, in.lines[i].len};
        rc = bufstore_update(bufs, d->buf, d->tick, full, base, (size_t)first, (size_t)last, t, in.nlines, e);
        free(t);
    }
    doc_free(&in);
    return rc == PARK_ENOENT ? APIDOC_RESYNC : rc;
}

/* The answer that asks for the whole buffer: {method, buf, tick, resync =
 * true, error = nil}, buf and tick echoed from opts. */
static void apidoc_pack_resync(msgpack_packer *pk, const char *method, const msgpack_object *opts)
{
    msgpack_pack_map(pk, 5);
    mpack_kv(pk, "method", method);
    mpack_echo(pk, opts, "buf");
    mpack_echo(pk, opts, "tick");
    mpack_cstr(pk, "resync"), mpack_bool(pk, 1);
    mpack_kv(pk, "error", NULL);
}

/* PARK_ELIMIT when a document of bytes bytes (lines and their newlines) is
 * larger than the max_size option (default RPC_MAX_MESSAGE, the most one
 * message can bring). */
static int apidoc_limit(const msgpack_object *opts, size_t bytes, perr *e)
{
    long max = 0;
    if (mpack_int(opts, "max_size", &max) < 0 || max < 0) return perr_set(e, PARK_EPARAM, "max_size 应为非负整数");
    size_t limit = max ? (size_t)max : RPC_MAX_MESSAGE;
    if (bytes <= limit) return 0;
    char lim[32];
    fileio_format_size(limit, lim, sizeof lim);
    return perr_set(e, PARK_ELIMIT, "缓冲区超过大小上限 %s，未检查", lim);
}

/* apidoc_read() but for the resync answer. */
static int apidoc_find(bufstore *bufs, const msgpack_object *opts, apidoc *d, perr *e)
{
    memset(d, 0, sizeof *d);
    long base = 0, first = 0, last = 0;
    int has_buf = apidoc_buf(opts, &d->buf), has_base = mpack_int(opts, "base", &base);
    if (has_buf < 0) return perr_set(e, PARK_EPARAM, "buf 应为缓冲区编号（整数）");
    if (!has_buf) {
        if (has_base) return perr_set(e, PARK_EPARAM, "带 base 时需要 buf");
        int rc = apidoc_lines(opts, &d->own, e);
        d->doc = &d->own;
        size_t bytes = 0;
        for (size_t i = 0; i < d->own.nlines; i++) bytes += d->own.lines[i].len + 1;
        return rc ? rc : apidoc_limit(opts, bytes, e);
    }
    d->has_buf = 1;
    if (has_base < 0 || mpack_int(opts, "tick", &d->tick) < 0 ||
        (has_base && (mpack_int(opts, "first", &first) < 0 || mpack_int(opts, "last", &last) < 0 || first < 0 ||
                      last < first)))
        return perr_set(e, PARK_EPARAM, "tick、base、first、last 应为整数（0 ≤ first ≤ last）");
    const msgpack_object *lines = mpack_get(opts, "lines");
    int rc = 0;
    if (has_base || (lines && lines->type != MSGPACK_OBJECT_NIL)) rc = apidoc_update(bufs, opts, d, !has_base, base, first, last, e);
    if (rc) return rc;
    long at;
    d->doc = bufstore_doc(bufs, d->buf, &at);
    if (!d->doc || at != d->tick) {
        d->doc = NULL;
        return APIDOC_RESYNC;
    }
    if ((rc = apidoc_limit(opts, bufstore_bytes(bufs, d->buf), e)) != 0) {
        bufstore_drop(bufs, d->buf); /* the next request brings the whole buffer */
        d->doc = NULL;
    }
    return rc;
}

int apidoc_read(bufstore *bufs, const msgpack_object *opts, const char *method, msgpack_packer *pk, apidoc *d,
                perr *e)
{
    int rc = apidoc_find(bufs, opts, d, e);
    if (rc == APIDOC_RESYNC) apidoc_pack_resync(pk, method, opts);
    return rc;
}

void apidoc_free(apidoc *d)
{
    doc_free(&d->own);
}
