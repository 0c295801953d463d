/* fuzz-lsp.c -- arbitrary bytes as the LSP input stream: framing, JSON and
 * dispatch to every method, with the default rules, diagnostics pushed
 * after every piece. The input goes through two sessions, whole and in
 * pieces whose size comes from its first byte; both must write the same
 * bytes and exit alike, so a framing bug at a read boundary is found even
 * when nothing crashes. No method writes files. */

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz.h"
#include "lsp.h"
#include "sbuf.h"

static config *fuzz_cfg;

static int fuzz_collect(void *ctx, const char *p, size_t n)
{
    sbuf_add(ctx, p, n);
    return 0;
}

/* Feeds data in pieces of piece bytes; returns 1 if `exit` came. */
static int fuzz_run(const uint8_t *data, size_t size, size_t piece, sbuf *out)
{
    lsp_session *s = lsp_session_new(fuzz_cfg, fuzz_collect, out);
    int done = 0;
    for (size_t off = 0; off < size && !done;) {
        size_t n = size - off < piece ? size - off : piece;
        done = lsp_session_feed(s, (const char *)data + off, n);
        off += n;
    }
    lsp_session_idle(s);
    lsp_session_free(s);
    return done;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    setenv("XDG_CONFIG_HOME", "/nonexistent/park-fuzz", 1);
    fuzz_cfg = config_new(fuzz_rules_dir(), NULL, 0);
    config_ruleset(fuzz_cfg, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sbuf whole = SBUF_INIT, pieces = SBUF_INIT;
    int c1 = fuzz_run(data, size, size ? size : 1, &whole);
    int c2 = fuzz_run(data, size, size ? (size_t)data[0] % 13 + 1 : 1, &pieces);
    if (c1 != c2 || whole.len != pieces.len || (whole.len && memcmp(whole.s, pieces.s, whole.len) != 0)) abort();
    sbuf_free(&whole);
    sbuf_free(&pieces);
    return 0;
}
