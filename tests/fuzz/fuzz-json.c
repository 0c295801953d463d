/* fuzz-json.c -- arbitrary bytes as a snippet file: the JSON reader, strict
 * and with VS Code's comments and trailing commas (chosen by the first
 * byte). */

#include <string.h>

#include "fuzz.h"
#include "json.h"
#include "mem.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = xmalloc(size ? size : 1);
    if (size) memcpy(text, data, size);
    json_value *v = NULL;
    perr e = {0};
    if (json_parse(text, size, size > 0 && (data[0] & 1) ? JSON_JSONC : 0, &v, &e) == 0) json_get(v, "body");
    json_free(v);
    free(text);
    return 0;
}
