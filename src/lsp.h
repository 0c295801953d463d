#ifndef PARK_LSP_H
#define PARK_LSP_H

#include <stddef.h>

#include "config.h"

/* `park lsp`: a Language Server (LSP 3.17) on stdin/stdout for Vim 9 and
 * every other LSP editor, on the same analyses as `park rpc`. JSON-RPC
 * messages framed by Content-Length headers; only LSP on stdout, logs on
 * stderr. Runs until `exit` (status 0 after `shutdown`, else 1) or the end
 * of stdin (1). */
int lsp_run(config *cfg);

/* Largest message accepted (its body); a bigger one is skipped with an
 * error answer, nothing of that size is allocated. */
#define LSP_MAX_MESSAGE ((size_t)64 * 1024 * 1024)

/* A session is the transport-independent part, for tests and fuzzing:
 * bytes in, messages out through out (which gets whole framed messages;
 * returns < 0 on a write failure). */
typedef struct lsp_session lsp_session;
typedef int (*lsp_out_fn)(void *ctx, const char *p, size_t n);

enum {
    LSP_NO_WRITES = 1  /* refuse what changes files (park.allow): for fuzzing */
};

/* A new session on cfg (borrowed) with flags (LSP_*). Caller frees with
 * lsp_session_free. */
lsp_session *lsp_session_new(config *cfg, int flags, lsp_out_fn out, void *ctx);
/* Handles the n bytes at p (any split of the stream). Returns 0, or 1 once
 * `exit` has arrived (later bytes are ignored). */
int lsp_session_feed(lsp_session *s, const char *p, size_t n);
/* Sends the diagnostics of the documents changed since they were last
 * checked: what the server does when its input pauses. */
void lsp_session_idle(lsp_session *s);
/* The exit status `exit` asks for: 0 after `shutdown`, else 1. */
int lsp_session_status(const lsp_session *s);
void lsp_session_free(lsp_session *s);

#endif
