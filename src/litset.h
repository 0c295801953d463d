#ifndef PARK_LITSET_H
#define PARK_LITSET_H

#include <stddef.h>
#include <stdint.h>

/* A set of literal byte strings, all found in one pass over a text. */

typedef struct litset litset;

/* Called for every occurrence (overlapping ones too) of pattern id at
 * text[start, end). Returning nonzero stops the scan. */
typedef int (*litset_match_cb)(void *ctx, uint32_t id, size_t start, size_t end);

/* A new, empty set (caller frees with litset_free). */
litset *litset_new(void);
/* Adds pattern p[0, n) under id; n == 0 adds nothing. Only before
 * litset_compile(). */
void litset_add(litset *a, const char *p, size_t n, uint32_t id);
/* Freezes the set and builds its lookup tables, which scans only read. */
void litset_compile(litset *a);
/* Reports every occurrence in text[0, n) in order of end offset (at one end,
 * longer patterns first, and of one string added under several ids, the one
 * added last first). Returns 1 if a callback stopped the scan, else 0. Any
 * number of threads may scan one compiled set at once. */
int litset_scan(const litset *a, const char *text, size_t n, litset_match_cb cb, void *ctx);
/* Number of patterns added. */
size_t litset_count(const litset *a);
/* NULL-safe. */
void litset_free(litset *a);

#endif
