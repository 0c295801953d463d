#ifndef PARK_BUFSTORE_H
#define PARK_BUFSTORE_H

#include <stddef.h>

#include "doc.h"
#include "error.h"

/* The helper's copies of Neovim buffers, so that a change costs Neovim only
 * the lines it touched: after one full copy, each update replaces a range of
 * lines and moves the copy from one changedtick to the next. A store keeps a
 * few buffers (least recently used goes first). Each RPC session owns one
 * (rpc.c), so a restarted helper or another connection has none, and Neovim
 * then sends the whole buffer again. A store is not thread-safe. */

#define BUFSTORE_MAX 16

typedef struct bufstore bufstore;

/* One new line: n bytes at s (borrowed for the call). */
typedef struct bufstore_text {
    const char *s;
    size_t n;
} bufstore_text;

/* An empty store. Caller frees with bufstore_free(). */
bufstore *bufstore_new(void);
/* Frees every copy and s. NULL-safe. */
void bufstore_free(bufstore *s);

/* Replaces lines [first, last) of buffer buf's copy with the n given lines
 * and labels the copy with tick. With full set, the copy is created afresh
 * from the lines (first/last/base ignored). Otherwise the copy must exist
 * and be at changedtick base: if not, returns PARK_ENOENT (send everything
 * again); a range outside the copy is PARK_EPARAM. Messages go to e. */
int bufstore_update(bufstore *s, long buf, long tick, int full, long base, size_t first, size_t last,
                    const bufstore_text *lines, size_t n, perr *e);
/* Buffer buf's copy (owned by the store, valid until the next update or
 * drop), or NULL. *tick gets its changedtick when tick is non-NULL. */
const doc_text *bufstore_doc(bufstore *s, long buf, long *tick);
/* The size of buffer buf's copy: its lines' lengths plus a newline each,
 * kept up to date by every update (0 when buf has no copy). */
size_t bufstore_bytes(bufstore *s, long buf);
/* Records of elem bytes, one per line of buffer buf's copy, kept beside it:
 * an update moves them with their lines and zeroes those of the lines it
 * brings in (all of them for a full copy). Created zeroed on the first call
 * for buf (or with another elem); valid until the next update or drop. NULL
 * when buf has no copy. */
void *bufstore_aux(bufstore *s, long buf, size_t elem);
/* Forgets buffer buf (no-op when unknown), or every buffer when buf < 0. */
void bufstore_drop(bufstore *s, long buf);

#endif
