#ifndef PARK_OUTLINE_INT_H
#define PARK_OUTLINE_INT_H

/* Private to the outline module (outline.c, outline_flat.c,
 * outline_items.c): what the heading, flattened-heading and item parsers
 * share beyond zh.h. */

#include <stddef.h>
#include <stdint.h>

#include "bytemap.h"
#include "bytescan.h"
#include "doc.h"
#include "outline.h"
#include "utf8.h"
#include "zh.h"

/* End of a run of numeral characters at i: up to 3 CJK digits or 3 ASCII
 * digits (i when there is none or the run is longer). *sys says which. */
static inline size_t ol_numeral_run(const char *s, size_t n, size_t i, int *sys)
{
    size_t j = i;
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        while (j < n && j - i < 4 && s[j] >= '0' && s[j] <= '9') j++;
        *sys = OUTLINE_NUM_ARABIC;
        return j - i > 3 ? i : j;
    }
    int count = 0;
    while (count < 4 && zh_cjk_digit_at(s, n, j)) j += 3, count++;
    *sys = OUTLINE_NUM_CJK;
    return count > 3 ? i : j;
}

/* Appends heading h to o->h (outline.c). */
void outline_add_heading(outline *o, const outline_heading *h);
/* Sets h's title span and run-in flag from line ln (outline.c): the title
 * ends at the first 。, ！ or ？. map is the document's bytemap. */
void outline_set_title(const doc_line *ln, outline_heading *h, const bytemap *map);
/* Adds the headings flattened into lines to o (outline_flat.c); o's line
 * headings must be parsed already. */
void outline_flat_parse(outline *o, const doc_text *doc, const bytemap *map);

/* Collects the inline items of doc into o->items (outline_items.c); o's
 * line kinds and headings must be parsed already. map is doc's bytemap. */
void outline_items_parse(outline *o, const doc_text *doc, const bytemap *map);

#endif
