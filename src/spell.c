/* spell.c -- wrong words, found by how unlikely the text is.
 *
 * The clause is segmented into the most likely words of the model (dynamic
 * programming over its word costs, lm.h). Then two kinds of suspect:
 * - A character left standing alone. A typo such as 大力培育发展大数局产业
 *   breaks a word, so its character stays alone; its homophones (the same
 *   reading, tones aside) and its look-alikes (技木 for 技术) that make a
 *   word with the neighbours are the candidates. A character common alone
 *   (的 是 不 …) is a suspect only beside a rarer one alone: 干不 for 干部.
 *   The window of four characters on each side is segmented
 *   again with each, and scored with the association of adjacent words.
 * - A word with confusable words in the model: a homophone word (机智 for
 *   机制, 时常 for 市场) or the original a spinner replaced (效劳 for 服务).
 *   The candidate replaces the word in place; its cost and its association
 *   with the words on either side decide.
 * A suspect is reported when the candidate makes the text more likely by the
 * source's margin; the fix is that candidate. Clauses in quotation marks or
 * 《》 are left alone: slogans, titles and quotations are written as they
 * are. */

#include "spell.h"

#include <string.h>

#include "utf8.h"

#define SPELL_MAX_WORD 6   /* characters: the model's longest words */
#define SPELL_RUN 256      /* characters of a run looked at in one piece */
#define SPELL_SIDE 4       /* characters of context on each side */
#define SPELL_CANDS 48   /* homophones (up to 40) and look-alikes of a character */
#define SPELL_CONF 8       /* confusable words looked at per word */
#define SPELL_SLACK 300    /* how far short of the margin a guess in place may fall */
#define SPELL_COMMON_WORD 1000 /* cost of a word so common it is no homophone suspect: p > 1/22000 */
#define SPELL_FITS 400     /* a word this associated with a neighbour is no suspect: 4 nats */
#define SPELL_RARER 500    /* how much rarer than the word a candidate may be: 5 nats */
#define SPELL_COMMON_CANDS 8 /* homophones looked at for a common character (spell_common) */
#ifndef SPELL_COMMON_ALONE
#define SPELL_COMMON_ALONE 800 /* cost of a one-character word so common it stands alone by nature: p > 1/3000 */
#endif

/* Han characters of the model: all three bytes long in UTF-8. */
static int spell_is_han(uint32_t cp) { return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF); }

/* Whether cp is one of the characters so common that they stand alone by nature. */
static int spell_common(const lm *m, uint32_t cp)
{
    int alone = lm_char_cost(m, cp);
    return alone >= 0 && alone < SPELL_COMMON_ALONE;
}

/* A Han character (U+0800..U+FFFF) as its three UTF-8 bytes. */
static void spell_encode(uint32_t cp, char *out)
{
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
}

#define SPELL_NO_LONGER (-2) /* no word of this length or longer starts here */

/* The words of the model in a run: memo[i][len - 2] is the slot of the word
 * of len characters at character i, -1 for none, SPELL_NO_LONGER. It is
 * filled once per run; a window with a candidate in it then looks up only
 * the words that touch the candidate. */
typedef long spell_memo[SPELL_RUN][SPELL_MAX_WORD - 1];

/* k characters at s (3 bytes each, code points cps) to segment: a run, or a
 * window of one that starts at its character off, where [lo, hi) is what a
 * candidate changed. The words of the run that do not touch [lo, hi) are
 * read from memo. */
typedef struct {
    const lm *m;
    const char *s;
    const uint32_t *cps;
    size_t k, off, lo, hi;
    const spell_memo *memo;
} spell_text;

/* Fills memo for the run of k characters at s. The slots of all its
 * possible words are loaded before the first is compared: the lookups are
 * memory-bound, and this way their loads overlap. */
static void spell_fill(const lm *m, const char *s, const uint32_t *cps, size_t k, spell_memo *memo)
{
    uint32_t key[SPELL_RUN][SPELL_MAX_WORD - 1];
    for (size_t i = 0; i < k; i++) {
        size_t len = 2;
        uint32_t h = lm_key_next(LM_KEY_SEED, cps[i]);
        for (; len <= SPELL_MAX_WORD && i + len <= k; len++) {
            if (len <= 3 && !lm_may_start(m, cps + i, len)) break;
            key[i][len - 2] = h = lm_key_next(h, cps[i + len - 1]);
            lm_prefetch(m, h);
            (*memo)[i][len - 2] = -1;
        }
        for (; len <= SPELL_MAX_WORD; len++) (*memo)[i][len - 2] = SPELL_NO_LONGER;
    }
    for (size_t i = 0; i < k; i++)
        for (size_t len = 2; len <= SPELL_MAX_WORD && (*memo)[i][len - 2] != SPELL_NO_LONGER; len++)
            (*memo)[i][len - 2] = lm_find_key(m, key[i][len - 2], s + 3 * i, len);
}

/* The slot of the word of len characters at i, -1, or SPELL_NO_LONGER. */
static long spell_word_at(const spell_text *t, size_t i, size_t len)
{
    if (t->memo && (i + len <= t->lo || i >= t->hi)) return (*t->memo)[t->off + i][len - 2];
    if (len <= 3 && !lm_may_start(t->m, t->cps + i, len)) return SPELL_NO_LONGER;
    return lm_find_cp(t->m, t->s + 3 * i, t->cps + i, len);
}

/* The cost of the best segmentation of t; when ends, ends[j] is where the
 * word ending at character j starts, and when slots, slots[j] is that
 * word's slot (words of two characters or more). */
static int spell_segment(const spell_text *t, int *ends, long *slots)
{
    int best[SPELL_RUN + 1];
    size_t k = t->k;
    best[0] = 0;
    for (size_t j = 1; j <= k; j++) best[j] = -1;
    for (size_t i = 0; i < k; i++) {
        int c = lm_char_cost(t->m, t->cps[i]);
        if (c < 0) c = lm_floor(t->m);
        if (best[i + 1] < 0 || best[i] + c < best[i + 1]) {
            best[i + 1] = best[i] + c;
            if (ends) ends[i + 1] = (int)i;
        }
        for (size_t len = 2; len <= SPELL_MAX_WORD && i + len <= k; len++) {
            long slot = spell_word_at(t, i, len);
            if (slot == SPELL_NO_LONGER) break;
            if (slot < 0) continue;
            int w = lm_slot_cost(t->m, slot);
            if (best[i + len] < 0 || best[i] + w < best[i + len]) {
                best[i + len] = best[i] + w;
                if (ends) ends[i + len] = (int)i;
                if (slots) slots[i + len] = slot;
            }
        }
    }
    return best[k];
}

/* The cost of the best segmentation of t, less the association of its
 * adjacent words where one of the two covers part of [t->lo, t->hi). (The
 * pairs elsewhere are the same with and without the candidate and would
 * only cancel out.) */
static int spell_window(const spell_text *t)
{
    int ends[SPELL_RUN + 1];
    const uint32_t *cps = t->cps;
    size_t lo = t->lo, hi = t->hi;
    int cost = spell_segment(t, ends, NULL);
    for (size_t j = t->k; j > 0 && ends[j] > 0;) {
        size_t i = (size_t)ends[j], h = (size_t)ends[i];
        if (h < hi && j > lo) cost -= lm_assoc(t->m, cps + h, i - h, cps + i, j - i);
        if (j <= lo) break;
        j = i;
    }
    return cost;
}

/* Whether the characters around [i, j) of the run, with the j - i code
 * points wcp in its place, make a word of the model longer than j - i and
 * of at most maxlen characters. */
static int spell_makes_word(const spell_text *run, size_t i, size_t j, const uint32_t *wcp, size_t maxlen)
{
    const uint32_t *cps = run->cps;
    uint32_t cp[SPELL_MAX_WORD];
    char buf[3 * SPELL_MAX_WORD];
    size_t reach = maxlen - (j - i);
    for (size_t x = i > reach ? i - reach : 0; x <= i; x++) {
        /* the run's own words tell which starts the candidate leaves unchanged lead nowhere */
        if (x + 2 <= i && (*run->memo)[x][0] == SPELL_NO_LONGER) continue;
        if (x + 3 <= i && (*run->memo)[x][1] == SPELL_NO_LONGER) continue;
        size_t end = run->k < x + maxlen ? run->k : x + maxlen, encoded = 0;
        for (size_t t = x; t < end; t++) cp[t - x] = t >= i && t < j ? wcp[t - i] : cps[t];
        for (size_t y = j; y <= end; y++) {
            if (y - x <= j - i) continue;
            if (!lm_may_start(run->m, cp, y - x)) {
                if (y - x <= 3) break; /* no longer word starts here either */
                continue;
            }
            for (; encoded < y - x; encoded++) spell_encode(cp[encoded], buf + 3 * encoded);
            if (lm_cost_cp(run->m, buf, cp, y - x) >= 0) return 1;
        }
    }
    return 0;
}

/* The word [i, j) of the run (its slot in the model), between the words
 * [h, i) and [j, l) (h == i, j == l: none): the best of its confusable words
 * by how much more likely the window around it becomes with it, when that
 * reaches its source's margin; 0 when none does. */
static int spell_word(const spell_text *run, long slot, size_t h, size_t i, size_t j, size_t l,
                      const int margin[SPELL_SOURCES], spell_hit *hit)
{
    const lm *m = run->m;
    const char *s = run->s;
    const uint32_t *cps = run->cps;
    size_t k = run->k, len = j - i;
    if (len < 2 || len > 4) return 0;
    /* a word this common is no homophone suspect; it may still be spun */
    int spun_only = lm_slot_cost(m, slot) < SPELL_COMMON_WORD;
    if (spun_only && (!margin[SPELL_SPIN] || !lm_slot_spun(m, slot))) return 0;
    uint32_t conf[SPELL_CONF];
    size_t nc = lm_confusables(m, slot, conf, SPELL_CONF);
    if (!nc) return 0;
    size_t a = i > SPELL_SIDE ? i - SPELL_SIDE : 0, b = j + SPELL_SIDE < k ? j + SPELL_SIDE : k;
    char win[3 * (2 * SPELL_SIDE + 4)];
    uint32_t wincp[2 * SPELL_SIDE + 4];
    int self = lm_slot_cost(m, slot), base = -1, best = 0, before = -1, after = -1;
    for (size_t c = 0; c < nc; c++) {
        int source = conf[c] & LM_SPUN ? SPELL_SPIN : SPELL_WORD;
        long other = (long)(conf[c] & ~LM_SPUN);
        if (spun_only && source != SPELL_SPIN) break; /* the spun originals come first */
        size_t wn, x = 0;
        const char *w = lm_slot_word(m, other, &wn);
        if (!margin[source] || !w || wn != 3 * len) continue;
        uint32_t wcp[4];
        while (x < len && utf8_decode(w + 3 * x, 3, &wcp[x]) == 3 && spell_is_han(wcp[x])) x++;
        if (x < len) continue;
        /* The window is segmented again only for a candidate that looks
         * promising in place (its cost and its association with the words
         * on either side), or that makes a longer word with its neighbours.
         * How much more common the candidate is does not count for a spun
         * word, a real word against which only the context speaks. */
        int uni = self - lm_slot_cost(m, other), uncounted = source == SPELL_SPIN ? uni : 0, guess = uni - uncounted;
        if (guess < -SPELL_RARER || guess + 2 * lm_slot_amax(m, other) < margin[source] - SPELL_SLACK) continue;
        if (before < 0) {
            before = h < i ? lm_assoc(m, cps + h, i - h, cps + i, len) : 0;
            after = j < l ? lm_assoc(m, cps + i, len, cps + j, l - j) : 0;
            if (before >= SPELL_FITS || after >= SPELL_FITS) return 0; /* it fits where it stands */
        }
        if (h < i) guess += lm_assoc(m, cps + h, i - h, wcp, len) - before;
        if (j < l) guess += lm_assoc(m, wcp, len, cps + j, l - j) - after;
        if (guess < margin[source] - SPELL_SLACK && !spell_makes_word(run, i, j, wcp, SPELL_MAX_WORD)) continue;
        spell_text t = {m, win, wincp, b - a, a, i - a, j - a, run->memo};
        if (base < 0) {
            memcpy(win, s + 3 * a, 3 * (b - a));
            memcpy(wincp, cps + a, (b - a) * sizeof *wincp);
            base = spell_window(&t);
        }
        memcpy(win + 3 * (i - a), w, wn);
        memcpy(wincp + (i - a), wcp, len * sizeof *wcp);
        int gain = base - spell_window(&t) - uncounted;
        memcpy(win + 3 * (i - a), s + 3 * i, wn);
        memcpy(wincp + (i - a), cps + i, len * sizeof *wcp);
        if (gain < margin[source] || gain <= best) continue;
        size_t p = 0, q = len;
        while (source == SPELL_WORD && wcp[p] == cps[i + p]) p++; /* only the characters that change */
        while (source == SPELL_WORD && wcp[q - 1] == cps[i + q - 1]) q--;
        best = gain;
        hit->col = 3 * (i + p), hit->end = 3 * (i + q);
        memcpy(hit->fix, w + 3 * p, 3 * (q - p));
        hit->fixlen = 3 * (q - p), hit->gain = gain, hit->source = source;
    }
    return best;
}

/* For each of the nc candidates for the character at i of the run: whether
 * it makes, in its place, a word of two to four characters with its
 * neighbours (ok[c]). spell_makes_word for many candidates at once: each
 * start's characters are gathered once. */
static void spell_fits(const spell_text *run, size_t i, const uint32_t *cands, size_t nc, unsigned char *ok)
{
    size_t left = nc;
    memset(ok, 0, nc);
    for (size_t x = i > 3 ? i - 3 : 0; x <= i && left; x++) {
        if (x + 2 <= i && (*run->memo)[x][0] == SPELL_NO_LONGER) continue;
        if (x + 3 <= i && (*run->memo)[x][1] == SPELL_NO_LONGER) continue;
        size_t end = run->k < x + 4 ? run->k : x + 4;
        uint32_t cp[4];
        char buf[12];
        for (size_t t = x; t < end; t++) cp[t - x] = run->cps[t];
        memcpy(buf, run->s + 3 * x, 3 * (end - x));
        for (size_t c = 0; c < nc; c++) {
            if (ok[c]) continue;
            cp[i - x] = cands[c];
            spell_encode(cands[c], buf + 3 * (i - x));
            for (size_t y = i + 1; y <= end; y++) {
                if (y - x < 2) continue;
                if (!lm_may_start(run->m, cp, y - x)) {
                    if (y - x <= 3) break; /* no longer word starts here either */
                    continue;
                }
                if (lm_cost_cp(run->m, buf, cp, y - x) >= 0) {
                    ok[c] = 1, left--;
                    break;
                }
            }
        }
    }
}

/* The character alone at i of the run (left_alone, right_alone: so are its
 * neighbours): the best of its homophones and look-alikes that make a word
 * with its neighbours, by how much more likely the window around it
 * becomes, when that clears its source's margin (by the most); hit->fixlen
 * 0 when none does. Columns are of the run. */
static void spell_alone(const spell_text *run, size_t i, int left_alone, int right_alone,
                        const int margin[SPELL_SOURCES], spell_hit *hit)
{
    const lm *m = run->m;
    uint32_t cp = run->cps[i], cands[SPELL_CANDS];
    if (!margin[SPELL_CHAR] && !margin[SPELL_SHAPE]) return;
    /* The frequent characters stand alone by nature (的 了 是 在 和 …): one
     * is a suspect only as half of a broken word (工做 for 工作, 管里 for
     * 管理) beside a rarer one alone, and mistyped by reading, hardly by
     * shape. */
    int common = spell_common(m, cp);
    if (common && !(left_alone && !spell_common(m, run->cps[i - 1])) &&
        !(right_alone && !spell_common(m, run->cps[i + 1])))
        return;
    size_t nh = margin[SPELL_CHAR] ? lm_homophones(m, cp, cands, common ? SPELL_COMMON_CANDS : SPELL_CANDS) : 0;
    size_t nc = nh + (margin[SPELL_SHAPE] && !common ? lm_lookalikes(m, cp, cands + nh, SPELL_CANDS - nh) : 0);
    if (!nc) return;
    size_t a = i > SPELL_SIDE ? i - SPELL_SIDE : 0, b = i + SPELL_SIDE + 1 < run->k ? i + SPELL_SIDE + 1 : run->k;
    char win[3 * (2 * SPELL_SIDE + 1)];
    uint32_t wcp[2 * SPELL_SIDE + 1];
    int base = -1;
    unsigned char ok[SPELL_CANDS];
    spell_text t = {m, win, wcp, b - a, a, i - a, i - a + 1, run->memo};
    for (size_t c = 0; c < nc; c++)
        if (!spell_is_han(cands[c])) cands[c] = cp; /* never a candidate: it is the character itself */
    spell_fits(run, i, cands, nc, ok);
    for (size_t c = 0; c < nc; c++) {
        int source = c < nh ? SPELL_CHAR : SPELL_SHAPE;
        if (!ok[c] || cands[c] == cp) continue;
        if (base < 0) {
            memcpy(win, run->s + 3 * a, 3 * (b - a));
            memcpy(wcp, run->cps + a, (b - a) * sizeof *wcp);
            base = spell_window(&t);
        }
        spell_encode(cands[c], win + 3 * (i - a));
        wcp[i - a] = cands[c];
        int gain = base - spell_window(&t);
        if (gain >= margin[source] && (!hit->fixlen || gain - margin[source] > hit->gain - margin[hit->source])) {
            *hit = (spell_hit){3 * i, 3 * i + 3, {0}, 3, gain, source};
            spell_encode(cands[c], hit->fix);
        }
    }
}

/* Suspects and candidates of one run of k Han characters at s (code points
 * cps, byte col of the line); appends hits, last first. */
static size_t spell_run(const lm *m, const char *s, const uint32_t *cps, size_t k, size_t col,
                        const int margin[SPELL_SOURCES], spell_hit *out, size_t n, size_t max)
{
    int ends[SPELL_RUN + 1];
    long slots[SPELL_RUN + 1];
    spell_memo memo;
    size_t first = n;
    if (k < 2) return n;
    spell_fill(m, s, cps, k, &memo);
    spell_text run = {m, s, cps, k, 0, 0, 0, &memo};
    spell_segment(&run, ends, slots);
    for (size_t j = k, l = k; j > 0 && n < max; l = j, j = (size_t)ends[j]) {
        if ((size_t)ends[j] != j - 1) { /* a word, not a character alone */
            size_t i = (size_t)ends[j];
            spell_hit h;
            if ((margin[SPELL_WORD] || margin[SPELL_SPIN]) &&
                spell_word(&run, slots[j], i ? (size_t)ends[i] : 0, i, j, l, margin, &h)) {
                h.col += col, h.end += col;
                out[n++] = h;
            }
            continue;
        }
        size_t i = j - 1;
        spell_hit best = {0};
        spell_alone(&run, i, i > 0 && (size_t)ends[i] == i - 1, l == j + 1, margin, &best);
        if (!best.fixlen) continue;
        best.col += col, best.end += col;
        /* two neighbours alone, each mended by the other's word (贯切: 关切
         * or 贯彻): only the better of the two */
        spell_hit *right = n > first ? &out[n - 1] : NULL;
        if (right && right->col == best.end && right->source != SPELL_WORD && right->source != SPELL_SPIN) {
            if (best.gain > right->gain) *right = best;
        } else {
            out[n++] = best;
        }
    }
    return n;
}

size_t spell_line(const lm *m, const char *s, size_t n, const int margin[SPELL_SOURCES], spell_hit *out,
                  size_t max)
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
        uint32_t cps[SPELL_RUN];
        while (chars < SPELL_RUN) {
            cps[chars++] = cp, i += 3;
            if (i >= n || chars == SPELL_RUN || utf8_decode(s + i, n - i, &cp) != 3 || !spell_is_han(cp)) break;
        }
        size_t before = found;
        found = spell_run(m, s + start, cps, chars, start, margin, out, found, max);
        /* spell_run walks its run from the end: put this run's hits in order */
        for (size_t a = before, b = found; b > a + 1; a++, b--) {
            spell_hit t = out[a];
            out[a] = out[b - 1];
            out[b - 1] = t;
        }
    }
    return found;
}
