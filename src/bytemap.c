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

void bytemap_build(bytemap *m, const doc_text *doc)
{
    size_t words = 0;
    m->nlines = doc->nlines;
    m->start = xmalloc((doc->nlines + 1) * sizeof *m->start);
    for (size_t l = 0; l < doc->nlines; l++) {
        m->start[l] = words;
        words += (doc->lines[l].len + 63) / 64;
    }
    m->start[doc->nlines] = words;
    m->doc = doc;
    m->bits = xmalloc((words + 1) * sizeof *m->bits);
    for (size_t l = 0; l < doc->nlines; l++) {
        const doc_line *ln = &doc->lines[l];
        for (size_t i = 0, at = m->start[l]; i < ln->len; i += 64, at++) {
            uint64_t lead = bytemap_leads(ln->s + i, ln->len - i < 64 ? ln->len - i : 64), w = 0;
            for (; lead; lead &= lead - 1) {
                unsigned bit = (unsigned)__builtin_ctzll(lead);
                if (bytemap_class(ln->s, i + bit, ln->len)) w |= (uint64_t)1 << bit;
            }
            m->bits[at] = w;
        }
    }
}

void bytemap_free(bytemap *m)
{
    free(m->bits);
    free(m->start);
    memset(m, 0, sizeof *m);
}
