#ifndef PARK_RENUMBER_H
#define PARK_RENUMBER_H

#include <stddef.h>

#include "doc.h"
#include "outline.h"
#include "sbuf.h"

/* The numbers a report's headings and inline items should carry, and the
 * edits that give them those numbers. Siblings (same parent, same family)
 * count 1, 2, 3 … in document order; so do the items of one sequence
 * (一是/二是, 第一，/第二，). Only numerals change; every other byte stays. */

/* Expected numbers: hexp[i] for o->h[i], iexp[i] for o->items[i] (0 where
 * there is none: ordinals 首先/其次). Both arrays are allocated here (caller
 * frees); iexp may be NULL when the items are not wanted. */
void renumber_expect(const outline *o, int **hexp, int **iexp);

typedef struct renumber_edit {
    size_t line;        /* 0-based */
    size_t col, end;    /* bytes of the old numeral in that line */
    size_t off, len;    /* the new numeral, in renumber_plan's arena */
} renumber_edit;

typedef struct renumber_plan {
    renumber_edit *e;   /* in document order, never overlapping */
    size_t n, cap;
    sbuf arena;
} renumber_plan;

/* Edits renumbering the headings and items that lie on lines first..last
 * (0-based, inclusive) of doc, with the numbers expected for the whole
 * document. o must come from outline_parse(doc, OUTLINE_ITEMS). Fills p
 * (zero it first; free with renumber_plan_free). */
void renumber_make(const outline *o, const doc_text *doc, size_t first, size_t last, renumber_plan *p);
void renumber_plan_free(renumber_plan *p);

/* Appends text (len bytes, the text doc was made from) with p's edits
 * applied. */
void renumber_apply(const char *text, size_t len, const doc_text *doc, const renumber_plan *p, sbuf *out);

#endif
