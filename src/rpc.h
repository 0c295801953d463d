#ifndef PARK_RPC_H
#define PARK_RPC_H

#include <stddef.h>

#include "config.h"

/* msgpack-RPC over stdin/stdout, as Neovim's jobstart(…, {rpc = true})
 * speaks it:
 *   request       [0, msgid, method, params]  -> [1, msgid, error, result]
 *   notification  [2, method, params]         -> nothing
 *   async call    [2, "call", [id, method, params]]
 *                 -> [2, "nvim_exec_lua", [code, [[id, error, result]]]]
 * Methods are dispatched through api.c's table. Runs until stdin reaches EOF
 * (exit status 0), SIGTERM/SIGINT/SIGHUP (0), or an unreadable stream, a
 * malformed message or one over the limits below (1, after a message on
 * stderr). */
int rpc_run(config *cfg);

/* Largest message accepted: a buffer of 64 MiB is far beyond any report.
 * A bigger one closes the connection as soon as its headers announce it;
 * nothing of that size is allocated up front. */
#define RPC_MAX_MESSAGE ((size_t)64 * 1024 * 1024)
/* Most values in one message (a line is one): msgpack-c spends 24 bytes on
 * each, so this bounds decoding memory to about 100 MiB. */
#define RPC_MAX_OBJECTS ((unsigned long long)4 * 1024 * 1024)

/* A session is the transport-independent part: bytes in, dispatch, bytes
 * out. rpc_run() drives one from stdin; tests and fuzz targets feed their
 * own bytes. */
typedef struct rpc_session rpc_session;

/* Receives every outgoing message, whole. Returns 0, or -1 when the peer is
 * gone (the session then refuses further input). */
typedef int (*rpc_out_fn)(void *ctx, const char *p, size_t n);

enum {
    RPC_NO_WRITES = 1  /* refuse methods that change files (allow): for fuzzing */
};

/* A new session dispatching to cfg (borrowed) and writing through out. It
 * owns the copies of Neovim buffers its requests build up (bufstore.h): no
 * other session sees them. flags: RPC_* bits. Caller frees with
 * rpc_session_free(). */
rpc_session *rpc_session_new(config *cfg, int flags, rpc_out_fn out, void *ctx);
/* Takes n more bytes of the stream and handles every message they complete.
 * Returns 0, or -1 when the connection must be closed (the reason has been
 * logged to stderr); after -1 every call returns -1. */
int rpc_session_feed(rpc_session *s, const char *p, size_t n);
/* Frees s and its buffer copies. NULL-safe. */
void rpc_session_free(rpc_session *s);

#endif
