#ifndef PARK_MPACK_H
#define PARK_MPACK_H

#include <msgpack.h>
#include <stddef.h>

#include "error.h"

/* Small msgpack helpers shared by the RPC method modules (api.c,
 * api_outline.c, api_snippet.c) and the transport: packing strings and flags,
 * reading options out of a params map. Objects passed in are borrowed and
 * valid only while their msgpack_unpacked lives. */

/* Packs n bytes of s as a msgpack str. */
void mpack_str(msgpack_packer *pk, const char *s, size_t n);
/* Packs the NUL-terminated s as a msgpack str. */
void mpack_cstr(msgpack_packer *pk, const char *s);
void mpack_bool(msgpack_packer *pk, int v);
/* Packs v[0, n) as an array of integers, byte for byte what msgpack_pack_int
 * would give, but values from -32 to 127 (one byte each: fold levels) are
 * written in blocks instead of one call each. */
void mpack_int_array(msgpack_packer *pk, const int *v, size_t n);
/* Packs the key, then val as a str, or nil when val is NULL. */
void mpack_kv(msgpack_packer *pk, const char *key, const char *val);
/* Packs key and the value under the same key in opts (nil if absent). */
void mpack_echo(msgpack_packer *pk, const msgpack_object *opts, const char *key);

/* The value under key in map o, or NULL (also when o is NULL or no map). */
const msgpack_object *mpack_get(const msgpack_object *o, const char *key);
/* A str or bin value's bytes (borrowed); 0 when o is neither. */
int mpack_bytes(const msgpack_object *o, const char **s, size_t *n);
/* A NUL-terminated copy of a str or bin value (caller frees), or NULL. */
char *mpack_dup(const msgpack_object *o);
/* An integer option: 1 and *v set; 0 when absent or nil; -1 when not an integer. */
int mpack_int(const msgpack_object *opts, const char *key, long *v);
/* The options map params[0], or NULL; when required and missing, e gets
 * PARK_EPARAM with a message. */
const msgpack_object *mpack_opts(const msgpack_object *params, int required, perr *e);

#endif
