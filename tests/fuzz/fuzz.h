#ifndef PARK_FUZZ_H
#define PARK_FUZZ_H

/* What every fuzz target defines: libFuzzer's entry points. The same
 * targets link against tests/fuzz/replay.c (no libFuzzer) so `make test`
 * can replay the seeds and the regression inputs with any compiler. */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The default rules directory: $PARK_RULES_DIR, else the repository's
 * rules/ (PARK_FUZZ_ROOT is set by the Makefile). */
static inline const char *fuzz_rules_dir(void)
{
    const char *env = getenv("PARK_RULES_DIR");
    return env && *env ? env : PARK_FUZZ_ROOT "/rules";
}

#endif
