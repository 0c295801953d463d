/* bytemap.c -- where the punctuation of a document stands, as bits.
 *
 * pairs, long-sentence, and the outline's item, flattened-heading and
 * title scans all look for punctuation in the same text. One pass finds
 * the bytes that can begin a mark, 16 at a time (bytescan.h): the lead
 * bytes C2, E2, E3, EF and the ASCII bytes below 0x40, about one byte in
 * twenty of a report. Each of those is then told apart by its own bytes
 * and its bit set in the maps of the sets it belongs to. */

#include "bytemap.h"

#include <stdlib.h>
#include <string.h>

#include "bytescan.h"
#include "mem.h"

#define BYTEMAP_LEAD(v) ((((v) & 0xC0) == 0) | ((v) == 0xC2) | (((v) & 0xFE) == 0xE2) | ((v) == 0xEF))

#define B(set) (1u << (set))
#define B_END (B(BYTEMAP_SENTENCE) | B(BYTEMAP_CLAUSE) | B(BYTEMAP_STOP)) /* 。！？ */

/* The sets of the mark at byte p of s (n bytes), as bits. */
static inline unsigned bytemap_class(const char *s, size_t p, size_t n)
{
    const unsigned char *u = (const unsigned char *)s + p;
    switch (u[0]) {
    case '(': case ')': return B(BYTEMAP_PAIR);
    case '!': case '?': return B(BYTEMAP_SENTENCE);
    case ';': return B(BYTEMAP_SENTENCE) | B(BYTEMAP_CLAUSE);
    case ':': case ',': return B(BYTEMAP_CLAUSE);
    case ' ': case '\t': return B(BYTEMAP_SENTENCE);
    case 0xC2: return n - p >= 2 && u[1] == 0xA0 ? B(BYTEMAP_SENTENCE) : 0; /* U+00A0 */
    default: break;
    }
    if (n - p < 3) return 0;
    if (u[0] == 0xE2) /* ‘ ’ “ ” */
        return u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99 || u[2] == 0x9C || u[2] == 0x9D) ? B(BYTEMAP_PAIR) : 0;
    if (u[0] == 0xE3) {
        if (u[1] != 0x80) return 0;
        switch (u[2]) {
        case 0x80: return B(BYTEMAP_SENTENCE);                                  /* U+3000 */
        case 0x81: return B(BYTEMAP_FLAT);                                      /* 、 */
        case 0x82: return B_END;                                                /* 。 */
        case 0x88: case 0x89: case 0x8A: case 0x8B: case 0x8C: case 0x8D:      /* 〈〉《》「」 */
        case 0x8E: case 0x8F: case 0x90: case 0x91: case 0x94: case 0x95:      /* 『』【】〔〕 */
            return B(BYTEMAP_PAIR);
        default: return 0;
        }
    }
    if (u[0] == 0xEF && u[1] == 0xBC) {
        switch (u[2]) {
        case 0x81: case 0x9F: return B_END;                                 /* ！ ？ */
        case 0x9B: return B(BYTEMAP_SENTENCE) | B(BYTEMAP_CLAUSE);          /* ； */
        case 0x9A: case 0x8C: return B(BYTEMAP_CLAUSE);                     /* ： ， */
        case 0x88: return B(BYTEMAP_PAIR) | B(BYTEMAP_FLAT);                /* （ */
        case 0x89: return B(BYTEMAP_PAIR);                                  /* ） */
        default: return 0;
        }
    }
    return 0;
}

static inline unsigned bytemap_leads16(const char *s)
{
    bytescan_vec v;
    memcpy(&v, s, 16);
    return bytescan_mask((bytescan_vec)(BYTEMAP_LEAD(v)));
}

/* The bytes among the 64 at s (n of them valid, 1 <= n <= 64) that can
 * begin a mark. */
static inline uint64_t bytemap_leads(const char *s, size_t n)
{
    char pad[64];
    if (n < 64) {
        memset(pad, 0x80, sizeof pad); /* a byte that begins no mark */
        memcpy(pad, s, n);
        s = pad;
    }
    return (uint64_t)bytemap_leads16(s) | (uint64_t)bytemap_leads16(s + 16) << 16 |
           (uint64_t)bytemap_leads16(s + 32) << 32 | (uint64_t)bytemap_leads16(s + 48) << 48;
}

void bytemap_build(bytemap *m, const check_doc *doc)
{
    size_t words = 0;
    m->nlines = doc->nlines;
    m->start = xmalloc((doc->nlines + 1) * sizeof *m->start);
    for (size_t l = 0; l < doc->nlines; l++) {
        m->start[l] = words;
        words += (doc->lines[l].len + 63) / 64;
    }
    m->start[doc->nlines] = words;
    for (int set = 0; set < BYTEMAP_NSETS; set++) m->bits[set] = xmalloc((words + 1) * sizeof *m->bits[set]);
    for (size_t l = 0; l < doc->nlines; l++) {
        const check_line *ln = &doc->lines[l];
        for (size_t i = 0, at = m->start[l]; i < ln->len; i += 64, at++) {
            uint64_t lead = bytemap_leads(ln->s + i, ln->len - i < 64 ? ln->len - i : 64), w[BYTEMAP_NSETS] = {0};
            for (; lead; lead &= lead - 1) {
                unsigned bit = (unsigned)__builtin_ctzll(lead), sets = bytemap_class(ln->s, i + bit, ln->len);
                for (; sets; sets &= sets - 1) w[__builtin_ctz(sets)] |= (uint64_t)1 << bit;
            }
            m->bits[BYTEMAP_PAIR][at] = w[BYTEMAP_PAIR];
            m->bits[BYTEMAP_SENTENCE][at] = w[BYTEMAP_SENTENCE];
            m->bits[BYTEMAP_CLAUSE][at] = w[BYTEMAP_CLAUSE];
            m->bits[BYTEMAP_FLAT][at] = w[BYTEMAP_FLAT];
            m->bits[BYTEMAP_STOP][at] = w[BYTEMAP_STOP];
        }
    }
}

void bytemap_free(bytemap *m)
{
    for (int set = 0; set < BYTEMAP_NSETS; set++) free(m->bits[set]);
    free(m->start);
    memset(m, 0, sizeof *m);
}
