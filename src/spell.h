#ifndef PARK_SPELL_H
#define PARK_SPELL_H

#include <stddef.h>
#include <stdint.h>

#include "lm.h"

/* Homophone typos found by the language model (lm.h): a character the
 * best segmentation of its clause leaves alone, whose homophone makes a
 * word with its neighbours and the clause far more likely. */

typedef struct spell_hit {
    size_t col, end;   /* the character, bytes of the line */
    char fix[4];       /* its homophone, UTF-8 */
    size_t fixlen;
    int gain;          /* how much more likely: cost units (-log p * 100) */
} spell_hit;

/* Looks for typos in the n bytes of line s (valid UTF-8) and writes up to
 * max of them, in order, to out; returns how many. A typo needs a gain of
 * at least margin. Text in quotation marks and 《》 titles is left alone. */
size_t spell_line(const lm *m, const char *s, size_t n, int margin, spell_hit *out, size_t max);

#endif
