/* fuzz-snippet.c -- arbitrary bytes as a snippet body (the LSP grammar),
 * expanded with a fixed environment. */

#include <string.h>

#include "fuzz.h"
#include "mem.h"
#include "snippet.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *body = xmalloc(size ? size : 1);
    if (size) memcpy(body, data, size);
    snippet_env env = {20230115, "/tmp/园区/报告.park", "    ", "  ", "选中的文字"};
    snippet_result r = {0};
    perr e = {0};
    snippet_expand(body, size, &env, &r, &e);
    snippet_result_free(&r);
    free(body);
    return 0;
}
