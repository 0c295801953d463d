#ifndef PARK_BYTEMAP_H
#define PARK_BYTEMAP_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* Where the punctuation of a document stands: one bit per byte of each
 * line, set at the first byte of each complete, valid occurrence of a mark
 * of one of these sets, which a walk tells apart as it meets them:
 *
 *   BYTEMAP_PAIR      ( ) （ ） 《 》 “ ” ‘ ’ 【 】 〔 〕 〈 〉 「 」 『 』
 *   BYTEMAP_SENTENCE  the sentence ends 。 ！ ？ ； ! ? ; and the spaces
 *                     (space, tab, U+3000, U+00A0)
 *   BYTEMAP_CLAUSE    the clause ends 。 ； ： ！ ？ ， ; : ,
 *   BYTEMAP_FLAT      、 and （, which a heading flattened into a line uses
 *   BYTEMAP_STOP      。 ！ ？, where a heading's title ends
 *
 * Made in one pass over the text, the map lets each of those scans visit
 * only marks, 64 bytes of text per word, instead of reading the text (most
 * of which is Han characters none of them cares about). One map for all the
 * sets rather than one per set keeps it at an eighth of the text's size. */

enum { BYTEMAP_PAIR, BYTEMAP_SENTENCE, BYTEMAP_CLAUSE, BYTEMAP_FLAT, BYTEMAP_STOP, BYTEMAP_NSETS };

typedef struct bytemap {
    uint64_t *bits;      /* bit i % 64 of bits[start[l] + i / 64]: byte i of line l */
    size_t *start;       /* per line, its first word */
    size_t nlines;
    const doc_text *doc; /* borrowed: the walks read the marks' bytes */
} bytemap;

/* Maps doc's lines (m needs no initialisation); free with bytemap_free. */
void bytemap_build(bytemap *m, const doc_text *doc);
void bytemap_free(bytemap *m);

#define BYTEMAP_BIT(set) (1u << (set))
#define BYTEMAP_B_END (BYTEMAP_BIT(BYTEMAP_SENTENCE) | BYTEMAP_BIT(BYTEMAP_CLAUSE) | BYTEMAP_BIT(BYTEMAP_STOP)) /* 。！？ */

/* The sets of the mark at byte p of s (n bytes), as bits. */
static inline unsigned bytemap_class(const char *s, size_t p, size_t n)
{
    const unsigned char *u = (const unsigned char *)s + p;
    switch (u[0]) {
    case '(': case ')': return BYTEMAP_BIT(BYTEMAP_PAIR);
    case '!': case '?': return BYTEMAP_BIT(BYTEMAP_SENTENCE);
    case ';': return BYTEMAP_BIT(BYTEMAP_SENTENCE) | BYTEMAP_BIT(BYTEMAP_CLAUSE);
    case ':': case ',': return BYTEMAP_BIT(BYTEMAP_CLAUSE);
    case ' ': case '\t': return BYTEMAP_BIT(BYTEMAP_SENTENCE);
    case 0xC2: return n - p >= 2 && u[1] == 0xA0 ? BYTEMAP_BIT(BYTEMAP_SENTENCE) : 0; /* U+00A0 */
    default: break;
    }
    if (n - p < 3) return 0;
    if (u[0] == 0xE2) /* ‘ ’ “ ” */
        return u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99 || u[2] == 0x9C || u[2] == 0x9D) ? BYTEMAP_BIT(BYTEMAP_PAIR) : 0;
    if (u[0] == 0xE3) {
        if (u[1] != 0x80) return 0;
        switch (u[2]) {
        case 0x80: return BYTEMAP_BIT(BYTEMAP_SENTENCE);                                  /* U+3000 */
        case 0x81: return BYTEMAP_BIT(BYTEMAP_FLAT);                                      /* 、 */
        case 0x82: return BYTEMAP_B_END;                                                /* 。 */
        case 0x88: case 0x89: case 0x8A: case 0x8B: case 0x8C: case 0x8D:      /* 〈〉《》「」 */
        case 0x8E: case 0x8F: case 0x90: case 0x91: case 0x94: case 0x95:      /* 『』【】〔〕 */
            return BYTEMAP_BIT(BYTEMAP_PAIR);
        default: return 0;
        }
    }
    if (u[0] == 0xEF && u[1] == 0xBC) {
        switch (u[2]) {
        case 0x81: case 0x9F: return BYTEMAP_B_END;                                 /* ！ ？ */
        case 0x9B: return BYTEMAP_BIT(BYTEMAP_SENTENCE) | BYTEMAP_BIT(BYTEMAP_CLAUSE);          /* ； */
        case 0x9A: case 0x8C: return BYTEMAP_BIT(BYTEMAP_CLAUSE);                     /* ： ， */
        case 0x88: return BYTEMAP_BIT(BYTEMAP_PAIR) | BYTEMAP_BIT(BYTEMAP_FLAT);                /* （ */
        case 0x89: return BYTEMAP_BIT(BYTEMAP_PAIR);                                  /* ） */
        default: return 0;
        }
    }
    return 0;
}

/* A walk over the marks of one set in one line, in order. */
typedef struct bytemap_iter {
    const uint64_t *w;   /* the line's words */
    uint64_t x;          /* the bits of word k not yet returned */
    size_t k, nw, n;
    const char *s;       /* the line */
    size_t len;
    unsigned want;       /* the set, as a bit */
} bytemap_iter;

/* Starts a walk over the marks of set in line l at or after byte i and
 * before byte n (at most the line's length). */
static inline void bytemap_seek(bytemap_iter *it, const bytemap *m, int set, size_t l, size_t i, size_t n)
{
    it->w = m->bits + m->start[l];
    it->s = m->doc->lines[l].s;
    it->len = m->doc->lines[l].len;
    it->want = 1u << set;
    it->nw = (n + 63) / 64;
    it->n = n;
    it->k = i >> 6;
    it->x = i < n ? it->w[it->k] & (~(uint64_t)0 << (i & 63)) : 0;
}

/* The next mark of the walk, or n when there is none left. */
static inline size_t bytemap_next(bytemap_iter *it)
{
    for (;;) {
        while (!it->x) {
            if (++it->k >= it->nw) return it->n;
            it->x = it->w[it->k];
        }
        size_t p = (it->k << 6) + (size_t)__builtin_ctzll(it->x);
        it->x &= it->x - 1;
        if (p >= it->n) return it->n;
        if (bytemap_class(it->s, p, it->len) & it->want) return p;
    }
}

/* The first mark of set in line l within [i, n), or n. */
static inline size_t bytemap_find(const bytemap *m, int set, size_t l, size_t i, size_t n)
{
    bytemap_iter it;
    bytemap_seek(&it, m, set, l, i, n);
    return bytemap_next(&it);
}

#endif
