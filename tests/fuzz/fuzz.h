#ifndef PARK_FUZZ_H
#define PARK_FUZZ_H

/* What every fuzz target defines: libFuzzer's entry points. The same
 * targets link against tests/fuzz/replay.c (no libFuzzer) so `make test`
 * can replay the seeds and the regression inputs with any compiler. */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The default rules directory: $PARK_RULES_DIR, else the repository's
 * rules/ (PARK_FUZZ_ROOT is set by the Makefile). */
static inline const char *fuzz_rules_dir(void)
{
    const char *env = getenv("PARK_RULES_DIR");
    return env && *env ? env : PARK_FUZZ_ROOT "/rules";
}

/* An output function for sessions that collects what they write in the
 * sbuf ctx. */
static inline int fuzz_collect(void *ctx, const char *p, size_t n)
{
    sbuf_add(ctx, p, n);
    return 0;
}

/* A stream target: feeds data[0, size) to a fresh session in pieces of
 * piece bytes, collecting what it writes in out; returns how it ended. */
typedef int (*fuzz_stream_fn)(const uint8_t *data, size_t size, size_t piece, sbuf *out);

/* Runs the stream whole and in pieces whose size comes from its first byte,
 * and aborts unless both wrote the same bytes and ended alike: a framing bug
 * at a read boundary is found even when nothing crashes. */
static inline void fuzz_same_in_pieces(fuzz_stream_fn run, const uint8_t *data, size_t size)
{
    sbuf whole = SBUF_INIT, pieces = SBUF_INIT;
    int c1 = run(data, size, size ? size : 1, &whole);
    int c2 = run(data, size, size ? (size_t)data[0] % 13 + 1 : 1, &pieces);
    if (c1 != c2 || whole.len != pieces.len || (whole.len && memcmp(whole.s, pieces.s, whole.len) != 0)) abort();
    sbuf_free(&whole);
    sbuf_free(&pieces);
}

#endif
