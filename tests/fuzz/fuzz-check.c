/* fuzz-check.c -- the checker on arbitrary bytes: the default rules (loaded
 * once) over a document made of the input, then both report formats. The
 * first byte's low bits turn on strict and Markdown mode. The input is not
 * NUL-terminated, as RPC lines are not. */

#include <string.h>

#include "check.h"
#include "fileio.h"
#include "fuzz.h"
#include "mem.h"
#include "report.h"
#include "rulefile.h"
#include "ruleset.h"

static rulefile **fuzz_files;
static size_t fuzz_nfiles;
static ruleset *fuzz_rs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char **paths = fileio_list(fuzz_rules_dir(), ".rules", &fuzz_nfiles);
    fuzz_files = xcalloc(fuzz_nfiles + 1, sizeof *fuzz_files);
    for (size_t i = 0; i < fuzz_nfiles; i++) fuzz_files[i] = rulefile_load(paths[i]);
    fileio_free_list(paths, fuzz_nfiles);
    fuzz_rs = ruleset_build(fuzz_files, fuzz_nfiles);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a private copy, so reads past the end are caught */
    char *text = xmalloc(size ? size : 1);
    if (size) memcpy(text, data, size);
    doc_text doc;
    doc_init(&doc, text, size);
    check_opts o = {0};
    o.strict = size > 0 && (data[0] & 1);
    o.markdown = size > 0 && (data[0] & 2);
    check_result res = {0};
    check_run(fuzz_rs, &doc, &o, &res);
    sbuf out = SBUF_INIT;
    report_text(&out, "fuzz.txt", fuzz_rs, &doc, &res);
    report_json(&out, "fuzz.txt", fuzz_rs, &doc, &res);
    sbuf_free(&out);
    check_result_free(&res);
    doc_free(&doc);
    free(text);
    return 0;
}
