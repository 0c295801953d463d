/* mpack.c -- msgpack helpers shared by the RPC methods.
 *
 * Every method takes [opts] and answers a map; these are the few operations
 * they all need, written once: strings and flags out, typed options in. */

#include "mpack.h"

#include <string.h>

#include "mem.h"

void mpack_str(msgpack_packer *pk, const char *s, size_t n)
{
    msgpack_pack_str(pk, n);
    msgpack_pack_str_body(pk, s, n);
}

void mpack_int_array(msgpack_packer *pk, const int *v, size_t n)
{
    char buf[4096];
    size_t k = 0;
    msgpack_pack_array(pk, n);
    for (size_t i = 0; i < n; i++) {
        if (v[i] >= -32 && v[i] <= 127) {
            buf[k++] = (char)(signed char)v[i]; /* positive or negative fixint */
            if (k == sizeof buf) pk->callback(pk->data, buf, k), k = 0;
            continue;
        }
        if (k) pk->callback(pk->data, buf, k), k = 0;
        msgpack_pack_int(pk, v[i]);
    }
    if (k) pk->callback(pk->data, buf, k);
}

void mpack_cstr(msgpack_packer *pk, const char *s)
{
    mpack_str(pk, s, strlen(s));
}

void mpack_bool(msgpack_packer *pk, int v)
{
    if (v) msgpack_pack_true(pk);
    else msgpack_pack_false(pk);
}

void mpack_kv(msgpack_packer *pk, const char *key, const char *val)
{
    mpack_cstr(pk, key);
    if (val) mpack_cstr(pk, val);
    else msgpack_pack_nil(pk);
}

void mpack_echo(msgpack_packer *pk, const msgpack_object *opts, const char *key)
{
    const msgpack_object *v = mpack_get(opts, key);
    mpack_cstr(pk, key);
    if (v) msgpack_pack_object(pk, *v);
    else msgpack_pack_nil(pk);
}

const msgpack_object *mpack_get(const msgpack_object *o, const char *key)
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

int mpack_bytes(const msgpack_object *o, const char **s, size_t *n)
{
    if (!o) return 0;
    if (o->type == MSGPACK_OBJECT_STR) *s = o->via.str.ptr, *n = o->via.str.size;
    else if (o->type == MSGPACK_OBJECT_BIN) *s = o->via.bin.ptr, *n = o->via.bin.size;
    else return 0;
    return 1;
}

char *mpack_dup(const msgpack_object *o)
{
    const char *s;
    size_t n;
    return mpack_bytes(o, &s, &n) ? xstrndup(s, n) : NULL;
}

int mpack_int(const msgpack_object *opts, const char *key, long *v)
{
    const msgpack_object *o = mpack_get(opts, key);
    if (!o || o->type == MSGPACK_OBJECT_NIL) return 0;
    if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) *v = (long)o->via.u64;
    else if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) *v = (long)o->via.i64;
    else return -1;
    return 1;
}

const msgpack_object *mpack_opts(const msgpack_object *params, int required, perr *e)
{
    if (params->type == MSGPACK_OBJECT_ARRAY && params->via.array.size >= 1 &&
        params->via.array.ptr[0].type == MSGPACK_OBJECT_MAP)
        return &params->via.array.ptr[0];
    if (required) perr_set(e, PARK_EPARAM, "参数应为 [选项表]");
    return NULL;
}
