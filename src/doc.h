#ifndef PARK_DOC_H
#define PARK_DOC_H

/* doc.h -- a document as every analysis reads it: a list of lines (in these
 * reports a line is a paragraph), each a borrowed span of the caller's
 * text. Positions anywhere in park are byte offsets into one line. The
 * analyses (outline, renumber, docdate, placeholder, bytemap) and the rule
 * engine all take this type and nothing of each other's. */

#include <stddef.h>

typedef struct doc_line {
    const char *s;   /* borrowed bytes, without the line terminator */
    size_t len;
    size_t coloff;   /* bytes before s in the original line (a BOM: 3) */
} doc_line;

typedef struct doc_text {
    doc_line *lines;
    size_t nlines;
    int crlf;        /* 1 when any line ended in \r\n */
    int utf8_valid;  /* 1 when the caller has already found all of it valid UTF-8 */
    /* For text decoded from another encoding: the column in the original
     * file of byte col of line ln (report.c prints these). NULL: col +
     * coloff. */
    size_t (*orig_col)(const void *ctx, const doc_line *ln, size_t col);
    const void *orig_ctx;
} doc_text;

/* A document date and where it came from. */
typedef struct doc_date {
    int date;           /* YYYYMMDD, or 0 when unknown */
    int exact;          /* 1: the date itself; 0: only a lower bound */
    const char *source; /* static description */
} doc_date;

/* Splits text into lines (\n or \r\n; a leading UTF-8 BOM is skipped). The
 * lines borrow text, which must outlive d. Free with doc_free(), which
 * frees the line array only. */
void doc_init(doc_text *d, const char *text, size_t len);
void doc_free(doc_text *d);

#endif
