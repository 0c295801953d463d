#ifndef PARK_API_H
#define PARK_API_H

#include <msgpack.h>

#include "bufstore.h"
#include "config.h"
#include "error.h"

/* What a method works with besides its parameters, owned by the RPC session
 * and borrowed for the call. */
typedef struct api_ctx {
    config *cfg;     /* the rules */
    bufstore *bufs;  /* the session's copies of Neovim buffers */
} api_ctx;

/* The RPC methods. A handler reads params (an array, borrowed for the call),
 * packs its result into pk and returns 0, or returns a negative PARK_* code
 * with a message in e (then nothing it packed is sent). */
typedef int (*api_fn)(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e);

typedef struct api_method {
    const char *name;
    api_fn fn;
    int writes; /* changes files (allow) */
} api_method;

/* The method called name (n bytes), or NULL. */
const api_method *api_find(const char *name, size_t n);
/* The Lua code the reply to a "call" notification is delivered to (its
 * argument is [id, error, result]). */
#define API_REPLY_LUA "return require('park.helper')._on_reply(...)"

#endif
