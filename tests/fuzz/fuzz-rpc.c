/* fuzz-rpc.c -- arbitrary bytes as the RPC input stream: framing, decoding
 * and dispatch to every method, with the default rules. The input goes
 * through two sessions: whole, and in pieces whose size comes from its first
 * byte. Both must answer byte for byte the same and close (or not) alike, so
 * a framing bug at a read boundary is found even when nothing crashes.
 * Methods that write files are refused (RPC_NO_WRITES): a fuzzer must not
 * create .parkrc files on the machine. */

#include "config.h"
#include "fuzz.h"
#include "rpc.h"
#include "sbuf.h"

static config *fuzz_cfg;

/* Feeds data in pieces of piece bytes; returns 1 if the session closed. */
static int fuzz_run(const uint8_t *data, size_t size, size_t piece, sbuf *out)
{
    rpc_session *s = rpc_session_new(fuzz_cfg, RPC_NO_WRITES, fuzz_collect, out);
    int closed = 0;
    for (size_t off = 0; off < size && !closed;) {
        size_t n = size - off < piece ? size - off : piece;
        closed = rpc_session_feed(s, (const char *)data + off, n) < 0;
        off += n;
    }
    rpc_session_free(s);
    return closed;
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
