/* fuzz-outline.c -- arbitrary bytes as a report's outline: headings, items
 * and the renumbering plan applied to the text (what `park renumber` and the
 * fold levels do). The first byte picks the parse flags; the plan is made
 * with all of them (OUTLINE_ITEMS), as `park renumber` does. */

#include <string.h>

#include "check.h"
#include "fuzz.h"
#include "mem.h"
#include "outline.h"
#include "renumber.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = xmalloc(size ? size : 1);
    if (size) memcpy(text, data, size);
    doc_text doc;
    doc_init(&doc, text, size);
    static const int flag_sets[4] = {OUTLINE_FOLDS, OUTLINE_TITLES, OUTLINE_FLAT, OUTLINE_ITEMS};
    int flags = flag_sets[size ? data[0] & 3 : 3];
    outline o;
    outline_parse(&o, &doc, flags);
    renumber_plan p = {0};
    if (doc.nlines && flags == OUTLINE_ITEMS) renumber_make(&o, &doc, 0, doc.nlines - 1, &p);
    sbuf out = SBUF_INIT;
    renumber_apply(text, size, &doc, &p, &out);
    sbuf_free(&out);
    renumber_plan_free(&p);
    outline_free(&o);
    doc_free(&doc);
    free(text);
    return 0;
}
