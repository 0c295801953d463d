#ifndef PARK_TEST_API_H
#define PARK_TEST_API_H

/* test-api.h -- calling an RPC method in process, for the tests of the API
 * files (test-api_outline.c, test-api_snippet.c): the params are packed by
 * the test, the method runs with a session's buffer store, and the result
 * is unpacked. Every file that includes it uses all of it. */

#include <msgpack.h>
#include <string.h>

#include "api.h"
#include "bufstore.h"

typedef struct api_call {
    msgpack_sbuffer out;
    msgpack_unpacked res; /* the result when rc == 0 */
    perr e;
    int rc;
} api_call;

/* Runs method on the params packed in `in`; free c with api_call_free(). */
static inline void api_call_run(api_call *c, const char *method, const msgpack_sbuffer *in)
{
    memset(c, 0, sizeof *c);
    msgpack_unpacked params;
    msgpack_unpacked_init(&params);
    msgpack_unpack_next(&params, in->data, in->size, NULL);
    msgpack_sbuffer_init(&c->out);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &c->out, msgpack_sbuffer_write);
    const api_method *m = api_find(method, strlen(method));
    api_ctx ctx = {NULL, bufstore_new()};
    c->rc = m ? m->fn(&ctx, &params.data, &pk, &c->e) : -99;
    bufstore_free(ctx.bufs);
    msgpack_unpacked_init(&c->res);
    if (c->rc == 0) msgpack_unpack_next(&c->res, c->out.data, c->out.size, NULL);
    msgpack_unpacked_destroy(&params);
}

static inline void api_call_free(api_call *c)
{
    msgpack_unpacked_destroy(&c->res);
    msgpack_sbuffer_destroy(&c->out);
}

/* The value of key in map o, or NULL. */
static inline const msgpack_object *api_get(const msgpack_object *o, const char *key)
{
    if (!o || o->type != MSGPACK_OBJECT_MAP) return NULL;
    for (uint32_t i = 0; i < o->via.map.size; i++) {
        const msgpack_object *k = &o->via.map.ptr[i].key;
        if (k->via.str.size == strlen(key) && memcmp(k->via.str.ptr, key, k->via.str.size) == 0)
            return &o->via.map.ptr[i].val;
    }
    return NULL;
}

#endif
