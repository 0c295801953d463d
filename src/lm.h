#ifndef PARK_LM_H
#define PARK_LM_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Park's language model (data/park.lm, made by tools/build-lm.py): the cost
 * (-log p * 100) of the words of modern written Chinese, the association of
 * word pairs, each character's common homophones and look-alikes, and each
 * word's confusable words. Mapped read-only; every lookup is bounds-checked
 * against the file, which lm_open has validated. */

typedef struct lm lm;

/* Maps and validates the model at path. NULL on failure, with a Chinese
 * message in e (missing, not a Park model, truncated, inconsistent). Free
 * with lm_close. */
lm *lm_open(const char *path, perr *e);
/* The same for a model in memory (the bytes must outlive the model). */
lm *lm_open_bytes(const void *p, size_t n, perr *e);
void lm_close(lm *m);

/* The cost of the n bytes at w as one word, or -1 when it is not one. */
int lm_cost(const lm *m, const char *w, size_t n);
/* lm_cost of `chars` Han characters (3 bytes each at w) whose code points
 * the caller has at cps: no decoding. */
int lm_cost_cp(const lm *m, const char *w, const uint32_t *cps, size_t chars);
/* The slot of the word of `chars` Han characters at w (code points cps),
 * or -1: a handle for lm_slot_* and lm_confusables. */
long lm_find_cp(const lm *m, const char *w, const uint32_t *cps, size_t chars);
/* lm_find_cp in two steps, for a caller with many words to look up: the
 * key of a word's code points is lm_key_next over them from LM_KEY_SEED;
 * lm_prefetch starts loading its slot, and lm_find_key finds it. */
#define LM_KEY_SEED 0x811C9DC5u
static inline uint32_t lm_key_next(uint32_t key, uint32_t cp) { return (key ^ cp) * 0x9E3779B1u; }
void lm_prefetch(const lm *m, uint32_t key);
long lm_find_key(const lm *m, uint32_t key, const char *w, size_t chars);
/* The cost of the word in slot, or -1 for no word. */
int lm_slot_cost(const lm *m, long slot);
/* Whether the word in slot is one a spinner puts for another (its
 * confusables then begin with the originals, marked LM_SPUN). */
int lm_slot_spun(const lm *m, long slot);
/* The largest lm_assoc of the word in slot with any word, on either side. */
int lm_slot_amax(const lm *m, long slot);
/* The UTF-8 bytes of the word in slot (inside the model; *len bytes), or NULL. */
const char *lm_slot_word(const lm *m, long slot, size_t *len);
/* Copies up to max confusables of the word in slot to out, each the slot of
 * a word | LM_SPUN when it is the original a spinner replaces by this word
 * (else a homophone), most frequent first; returns how many. */
#define LM_SPUN 0x80000000u
size_t lm_confusables(const lm *m, long slot, uint32_t *out, size_t max);
/* How much more likely the word b (nb code points) is right after the word a
 * than anywhere: ln p(b|a) - ln p(b), in hundredths of a nat; 0 for pairs
 * the model does not know (or knows as weak). */
int lm_assoc(const lm *m, const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
/* The cost of Han character cp as a word of one character, or -1. */
int lm_char_cost(const lm *m, uint32_t cp);
/* 0 when no word of `chars` characters (2 or more) can start with the first
 * min(chars, 3) code points at cps; 1 when one may (then ask lm_cost).
 * Never 0 for a word of the model. */
int lm_may_start(const lm *m, const uint32_t *cps, size_t chars);
/* The cost given to a single character that is no word of the model. */
int lm_floor(const lm *m);
/* Copies up to max homophones of character cp, most frequent first, to out;
 * returns how many (0 when cp has none). */
size_t lm_homophones(const lm *m, uint32_t cp, uint32_t *out, size_t max);
/* The same for the common characters of a shape like cp's (形近字), most
 * alike first. */
size_t lm_lookalikes(const lm *m, uint32_t cp, uint32_t *out, size_t max);
/* Words and characters with homophones, for messages. */
size_t lm_nwords(const lm *m);

/* The model of this process, opened on first use from $PARK_DATA_DIR or
 * park's data directory (<exe>/../data, <exe>/../share/park/data); NULL when
 * it cannot be, with the reason (static, Chinese) in *why. Thread-safe;
 * lives until exit. */
const lm *lm_default(const char **why);

#endif
