/* doc.c -- cutting a text into the lines every analysis reads (doc.h).
 * A \r before \n is not part of the line; a CRLF file's lone \r at the end
 * is dropped too. A leading UTF-8 BOM is skipped and counted in the first
 * line's coloff, so reported columns still match the file. */

#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

void doc_init(doc_text *d, const char *text, size_t len)
{
    size_t cap = 0, i = 0, bom = 0;
    memset(d, 0, sizeof *d);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = bom = 3;
    for (;;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (!nl && i == len) break;
        size_t l = end - i;
        if (nl && l && text[end - 1] == '\r') l--, d->crlf = 1;
        else if (!nl && l && d->crlf && text[end - 1] == '\r') l--; /* CRLF file, CR at EOF */
        xgrow(&d->lines, &cap, d->nlines + 1, sizeof *d->lines);
        d->lines[d->nlines] = (doc_line){text + i, l, d->nlines == 0 ? bom : 0};
        d->nlines++;
        if (!nl) break;
        i = end + 1;
    }
}

void doc_free(doc_text *d)
{
    free(d->lines);
    d->lines = NULL;
    d->nlines = 0;
}
