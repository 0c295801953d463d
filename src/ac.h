#ifndef PARK_AC_H
#define PARK_AC_H

#include <stddef.h>
#include <stdint.h>

/* Aho-Corasick: many literal byte strings found in one pass over the text. */

typedef struct ac ac;

/* Called for every occurrence (overlapping ones too) of pattern id at
 * text[start, end). Returning nonzero stops the scan. */
typedef int (*ac_match_cb)(void *ctx, uint32_t id, size_t start, size_t end);

/* A new, empty matcher (caller frees with ac_free). */
ac *ac_new(void);
/* Adds pattern p[0, n) under id. n must be > 0. Only before ac_compile(). */
void ac_add(ac *a, const char *p, size_t n, uint32_t id);
/* Freezes the matcher: computes failure links; transitions are resolved
 * lazily by the scans that take them. */
void ac_compile(ac *a);
/* Reports every occurrence in text[0, n) in order of end offset. Returns 1 if
 * a callback stopped the scan, else 0. Several threads may scan one compiled
 * matcher at once (they share its lazily filled table). */
int ac_scan(const ac *a, const char *text, size_t n, ac_match_cb cb, void *ctx);
/* Number of patterns added. */
size_t ac_count(const ac *a);
/* NULL-safe. */
void ac_free(ac *a);

#endif
