/* fuzz-lsp.c -- arbitrary bytes as the LSP input stream: framing, JSON and
 * dispatch to every method, with the default rules, then the diagnostics
 * pushed when the input pauses (fuzz_same_in_pieces compares whole and
 * piecewise feeding). park.allow, which writes .parkrc, is refused
 * (LSP_NO_WRITES): a fuzzer must not create files on the machine. */

#include <stdlib.h>

#include "config.h"
#include "fuzz.h"
#include "lsp.h"
#include "sbuf.h"

static config *fuzz_cfg;

/* Feeds data in pieces of piece bytes; returns 1 if `exit` came. */
static int fuzz_run(const uint8_t *data, size_t size, size_t piece, sbuf *out)
{
    lsp_session *s = lsp_session_new(fuzz_cfg, LSP_NO_WRITES, fuzz_collect, out);
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
    fuzz_same_in_pieces(fuzz_run, data, size);
    return 0;
}
