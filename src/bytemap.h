#ifndef PARK_BYTEMAP_H
#define PARK_BYTEMAP_H

#include <stddef.h>
#include <stdint.h>

#include "check.h"

/* Where the punctuation of a document stands, one bit per byte of each
 * line and one map per kind of mark a check scans for. A bit is set at the
 * first byte of each complete, valid occurrence of a mark of the set:
 *
 *   BYTEMAP_PAIR      ( ) （ ） 《 》 “ ” ‘ ’ 【 】 〔 〕 〈 〉 「 」 『 』
 *   BYTEMAP_SENTENCE  the sentence ends 。 ！ ？ ； ! ? ; and the spaces
 *                     (space, tab, U+3000, U+00A0)
 *   BYTEMAP_CLAUSE    the clause ends 。 ； ： ！ ？ ， ; : ,
 *   BYTEMAP_FLAT      、 and （, which a heading flattened into a line uses
 *   BYTEMAP_STOP      。 ！ ？, where a heading's title ends
 *
 * Made in one pass over the text, the maps let each of those scans visit
 * only its marks, 64 bytes of text per word of its map, instead of reading
 * the text (most of which is Han characters none of them cares about). */

enum { BYTEMAP_PAIR, BYTEMAP_SENTENCE, BYTEMAP_CLAUSE, BYTEMAP_FLAT, BYTEMAP_STOP, BYTEMAP_NSETS };

typedef struct bytemap {
    uint64_t *bits[BYTEMAP_NSETS];  /* bit i % 64 of bits[set][start[l] + i / 64]: byte i of line l */
    size_t *start;                   /* per line, its first word */
    size_t nlines;
} bytemap;

/* Maps doc's lines (m needs no initialisation); free with bytemap_free. */
void bytemap_build(bytemap *m, const check_doc *doc);
void bytemap_free(bytemap *m);

/* A walk over the marks of one set in one line, in order. */
typedef struct bytemap_iter {
    const uint64_t *w;   /* the line's words */
    uint64_t x;          /* the bits of word k not yet returned */
    size_t k, nw, n;
} bytemap_iter;

/* Starts a walk over the marks of set in line l at or after byte i and
 * before byte n (at most the line's length). */
static inline void bytemap_seek(bytemap_iter *it, const bytemap *m, int set, size_t l, size_t i, size_t n)
{
    it->w = m->bits[set] + m->start[l];
    it->nw = (n + 63) / 64;
    it->n = n;
    it->k = i >> 6;
    it->x = i < n ? it->w[it->k] & (~(uint64_t)0 << (i & 63)) : 0;
}

/* The next mark of the walk, or n when there is none left. */
static inline size_t bytemap_next(bytemap_iter *it)
{
    while (!it->x) {
        if (++it->k >= it->nw) return it->n;
        it->x = it->w[it->k];
    }
    size_t p = (it->k << 6) + (size_t)__builtin_ctzll(it->x);
    it->x &= it->x - 1;
    return p < it->n ? p : it->n;
}

/* The first mark of set in line l within [i, n), or n. */
static inline size_t bytemap_find(const bytemap *m, int set, size_t l, size_t i, size_t n)
{
    bytemap_iter it;
    bytemap_seek(&it, m, set, l, i, n);
    return bytemap_next(&it);
}

#endif
