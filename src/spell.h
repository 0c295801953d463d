#ifndef PARK_SPELL_H
#define PARK_SPELL_H

#include <stddef.h>
#include <stdint.h>

#include "lm.h"

/* Wrong words found by the language model (lm.h), from four sources:
 *   SPELL_CHAR  a character the best segmentation of its clause leaves
 *               alone, whose homophone makes a word with its neighbours;
 *   SPELL_SHAPE the same with a character of similar shape (OCR, 形近字:
 *               技木 for 技术);
 *   SPELL_WORD  a word whose confusable homophone word (one character, or
 *               the whole reading) fits its neighbours far better;
 *   SPELL_SPIN  a word a synonym spinner puts for another (效劳 for 服务),
 *               where the original fits its neighbours far better.
 * In each case the clause must become more likely by a margin. */

enum { SPELL_CHAR, SPELL_WORD, SPELL_SPIN, SPELL_SHAPE, SPELL_SOURCES };

typedef struct spell_hit {
    size_t col, end;   /* what to replace, bytes of the line */
    char fix[12];      /* the replacement, UTF-8: up to four characters */
    size_t fixlen;
    int gain;          /* how much more likely: cost units (-log p * 100) */
    int source;        /* SPELL_CHAR, SPELL_WORD, SPELL_SPIN or SPELL_SHAPE */
} spell_hit;

/* Looks for wrong words in the n bytes of line s (valid UTF-8) and writes
 * up to max of them, in order, to out; returns how many. A source is off
 * when its margin (margin[SPELL_*], cost units) is 0. Text in quotation
 * marks and 《》 titles is left alone. */
size_t spell_line(const lm *m, const char *s, size_t n, const int margin[SPELL_SOURCES], spell_hit *out,
                  size_t max);

#endif
