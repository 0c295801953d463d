/* spell.c -- homophone typos, found by how unlikely the text is.
 *
 * A typo such as 大力培育发展大数局产业 or 技木创新 breaks a word: the most
 * likely segmentation of the clause (dynamic programming over the words of
 * the model, lm.h) has to leave the wrong character standing alone. So only
 * characters left alone are suspects, and only their homophones (the same
 * reading, tones aside) that make a word of two or more characters with the
 * neighbours are candidates. The window of four characters on each side is
 * segmented again with the candidate; the typo is reported when the window
 * becomes more likely by the margin, and the fix is that candidate. Clauses
 * in quotation marks or 《》 are left alone: slogans, titles and quotations
 * are written as they are. */

#include "spell.h"

#include <string.h>

#include "utf8.h"

#define SPELL_MAX_WORD 6   /* characters: the model's longest words */
#define SPELL_RUN 256      /* characters of a run looked at in one piece */
#define SPELL_SIDE 4       /* characters of context on each side */
#define SPELL_CANDS 40
#ifndef SPELL_COMMON_ALONE
#define SPELL_COMMON_ALONE 800 /* cost of a one-character word so common it is no suspect: p > 1/3000 */
#endif

/* Han characters of the model: all three bytes long in UTF-8. */
static int spell_is_han(uint32_t cp) { return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF); }

/* A Han character (U+0800..U+FFFF) as its three UTF-8 bytes. */
static void spell_encode(uint32_t cp, char *out)
{
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
}

/* The cost of the best segmentation of the k characters (3 bytes each) at
 * s (code points cps); when ends, ends[j] is where the word ending at
 * character j starts. */
static int spell_segment(const lm *m, const char *s, const uint32_t *cps, size_t k, int *ends)
{
    int best[SPELL_RUN + 1];
    best[0] = 0;
    for (size_t j = 1; j <= k; j++) best[j] = -1;
    for (size_t i = 0; i < k; i++) {
        int c = lm_char_cost(m, cps[i]);
        if (c < 0) c = lm_floor(m);
        if (best[i + 1] < 0 || best[i] + c < best[i + 1]) {
            best[i + 1] = best[i] + c;
            if (ends) ends[i + 1] = (int)i;
        }
        for (size_t len = 2; len <= SPELL_MAX_WORD && i + len <= k; len++) {
            if (len <= 3 && !lm_may_start(m, cps + i, len)) break;
            int w = lm_cost_cp(m, s + 3 * i, cps + i, len);
            if (w < 0) continue;
            if (best[i + len] < 0 || best[i] + w < best[i + len]) {
                best[i + len] = best[i] + w;
                if (ends) ends[i + len] = (int)i;
            }
        }
    }
    return best[k];
}

/* Whether the characters around position i of the run (k characters at s,
 * code points cps) make a word of two to four characters with cand (code
 * point c, 3 bytes enc) in place of i. */
static int spell_makes_word(const lm *m, const char *s, const uint32_t *cps, size_t k, size_t i, uint32_t c,
                            const char *enc)
{
    char buf[3 * 4];
    uint32_t cp[4];
    for (size_t x = i > 3 ? i - 3 : 0; x <= i; x++)
        for (size_t y = i + 1; y <= k && y <= x + 4; y++) {
            if (y - x < 2) continue;
            for (size_t t = x; t < y; t++) cp[t - x] = t == i ? c : cps[t];
            if (!lm_may_start(m, cp, y - x)) {
                if (y - x <= 3) break; /* no longer word starts here either */
                continue;
            }
            memcpy(buf, s + 3 * x, 3 * (y - x));
            memcpy(buf + 3 * (i - x), enc, 3);
            if (lm_cost_cp(m, buf, cp, y - x) >= 0) return 1;
        }
    return 0;
}

/* Suspects and candidates of one run of k Han characters at s (byte col of
 * the line); appends hits. */
static size_t spell_run(const lm *m, const char *s, size_t k, size_t col, int margin, spell_hit *out, size_t n,
                        size_t max)
{
    int ends[SPELL_RUN + 1];
    uint32_t cps[SPELL_RUN];
    if (k < 2) return n;
    for (size_t i = 0; i < k; i++) utf8_decode(s + 3 * i, 3, &cps[i]);
    spell_segment(m, s, cps, k, ends);
    for (size_t j = k; j > 0 && n < max; j = (size_t)ends[j]) {
        if ((size_t)ends[j] != j - 1) continue; /* a word, not a character alone */
        size_t i = j - 1;
        uint32_t cp = cps[i], cands[SPELL_CANDS];
        /* the frequent characters that stand alone by nature: 的 了 是 在 和 … */
        int alone = lm_char_cost(m, cp);
        if (alone >= 0 && alone < SPELL_COMMON_ALONE) continue;
        size_t nc = lm_homophones(m, cp, cands, SPELL_CANDS);
        if (!nc) continue;
        size_t a = i > SPELL_SIDE ? i - SPELL_SIDE : 0, b = i + SPELL_SIDE + 1 < k ? i + SPELL_SIDE + 1 : k;
        char win[3 * (2 * SPELL_SIDE + 1)];
        uint32_t wcp[2 * SPELL_SIDE + 1];
        memcpy(win, s + 3 * a, 3 * (b - a));
        memcpy(wcp, cps + a, (b - a) * sizeof *wcp);
        int base = spell_segment(m, win, wcp, b - a, NULL), best = 0;
        char bestc[4];
        for (size_t c = 0; c < nc; c++) {
            char enc[4];
            if (!spell_is_han(cands[c])) continue;
            spell_encode(cands[c], enc);
            if (!spell_makes_word(m, s, cps, k, i, cands[c], enc)) continue;
            memcpy(win + 3 * (i - a), enc, 3);
            wcp[i - a] = cands[c];
            int gain = base - spell_segment(m, win, wcp, b - a, NULL);
            if (gain > best) best = gain, memcpy(bestc, enc, 3);
        }
        if (best >= margin) {
            spell_hit h = {col + 3 * i, col + 3 * i + 3, {0}, 3, best};
            memcpy(h.fix, bestc, 3);
            out[n++] = h;
        }
    }
    return n;
}

size_t spell_line(const lm *m, const char *s, size_t n, int margin, spell_hit *out, size_t max)
{
    size_t found = 0, i = 0;
    int quoted = 0;
    while (i < n && found < max) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) k = 1;
        if (cp == 0x201C || cp == 0x300A) quoted++;            /* “ 《 */
        else if ((cp == 0x201D || cp == 0x300B) && quoted) quoted--; /* ” 》 */
        if (!spell_is_han(cp) || quoted) {
            i += k;
            continue;
        }
        size_t start = i, chars = 0;
        while (i < n && chars < SPELL_RUN) {
            k = utf8_decode(s + i, n - i, &cp);
            if (k != 3 || !spell_is_han(cp)) break;
            i += 3, chars++;
        }
        size_t before = found;
        found = spell_run(m, s + start, chars, start, margin, out, found, max);
        /* spell_run walks its run from the end: put this run's hits in order */
        for (size_t a = before, b = found; b > a + 1; a++, b--) {
            spell_hit t = out[a];
            out[a] = out[b - 1];
            out[b - 1] = t;
        }
    }
    return found;
}
