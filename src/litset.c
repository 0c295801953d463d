/* litset.c -- many literal byte strings found in one pass over a line.
 *
 * All literal rules (thousands of wrong->right pairs, watermark phrases) and
 * the trigger words that gate regular expressions are found by one matcher,
 * so a line is read once however many literals there are.
 *
 * Every pattern is keyed by its first 1, 2, 3, 4, 6 or 8 bytes (the longest
 * that fits; 6 bytes are two Chinese characters). A compiled set is two
 * bitmap filters of 8 KB over the hashes of the keys (8-byte keys, and the
 * others), an exact hash table from key to the patterns sharing it, and per
 * first byte the key lengths to try. In Chinese text a position is a whole
 * character: unless a pattern shorter than 6 bytes begins with that
 * character, two filter tests, on its 6- and 8-byte keys, decide whether
 * anything can start there, and most characters are passed over with that
 * (continuation bytes are never tried when no pattern starts with one).
 * Only on a filter hit is the key looked up and the patterns compared.
 * Positions do not depend on each other, so the processor overlaps them;
 * and the scan only reads tables built by litset_compile(), so threads
 * share a set without writing to a common cache line. (An Aho-Corasick
 * automaton with a lazily filled transition table did this before: as fast
 * once warm, but its 2-3 MB of table for a megabyte of text cost 600 page
 * faults, and two threads filling it took turns invalidating each other's
 * TLB.)
 *
 * Matches are found in start order but reported in the order an automaton
 * reports them: by end offset; at one end, longer patterns first; of one
 * string added under several ids, the one added last first. A match ending
 * at or before the position being examined cannot be preceded by one found
 * later, so pending matches are sorted and flushed as the scan moves on. */

#include "litset.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define LITSET_FILTER_BITS 16 /* 8 KB: fits in L1 beside the line */
#define LITSET_PENDING 64     /* matches kept on the stack before a flush */

/* Key lengths: a pattern is keyed by as many of its first bytes as the
 * longest of these that fits. 6 and 8 bytes are two characters and two and
 * a bit: in the 1 MB report the 6-byte keys of all long patterns let 51,000
 * positions through, the 8-byte keys of those of 8 bytes and more 6,700. */
#define LITSET_NKLEN 6
static const uint8_t litset_klens[LITSET_NKLEN] = {1, 2, 3, 4, 6, 8};

typedef struct litset_pat {
    uint32_t id;
    uint32_t len;
    uint32_t off; /* of its bytes in the blob */
} litset_pat; /* pats[] is in order of addition */

/* A pattern in its key's bucket, with the up to 8 bytes after the key. */
typedef struct litset_cand {
    uint64_t next, mask; /* bytes [klen, klen + 8) of the pattern, and which of them exist */
    uint32_t len;
    uint32_t pat;
} litset_cand;

typedef struct litset_slot {
    uint64_t key;   /* first klen bytes, little-endian */
    uint32_t first; /* candidates cands[first, first + n) */
    uint32_t n;
    uint8_t klen;   /* 0: empty */
} litset_slot;

struct litset {
    char *blob;
    size_t bloblen, blobcap;
    litset_pat *pats;
    size_t npats, cappats;
    /* built by litset_compile */
    uint8_t starts[256]; /* bit k: some pattern starting with the byte has key length litset_klens[k] */
    uint64_t short3[16][64]; /* bit: a pattern shorter than 6 bytes starts with (a prefix of) this 3-byte character */
    int cont_starts;     /* some pattern starts with a continuation byte (80-BF) */
    uint64_t *filter;    /* bit per hash of every key of up to 6 bytes (litset_fkey) */
    uint64_t *filter8;   /* bit per hash of every 8-byte key */
    litset_slot *slots;      /* open addressing, power-of-two size */
    uint32_t mask;
    litset_cand *cands;      /* grouped by key */
    int compiled;
};

typedef struct litset_hit {
    uint32_t pat;
    size_t start;
} litset_hit;

litset *litset_new(void)
{
    return xcalloc(1, sizeof(litset));
}

void litset_add(litset *a, const char *p, size_t n, uint32_t id)
{
    if (a->compiled || n == 0 || n > UINT32_MAX || a->bloblen + n > UINT32_MAX) return;
    xgrow(&a->blob, &a->blobcap, a->bloblen + n, 1);
    memcpy(a->blob + a->bloblen, p, n);
    xgrow(&a->pats, &a->cappats, a->npats + 1, sizeof *a->pats);
    a->pats[a->npats] = (litset_pat){id, (uint32_t)n, (uint32_t)a->bloblen};
    a->bloblen += n;
    a->npats++;
}

/* Up to 8 bytes of s[0, avail), little-endian, zero padded. */
static inline uint64_t litset_load(const unsigned char *s, size_t avail)
{
    uint64_t w = 0;
    if (avail >= 8) {
        memcpy(&w, s, 8);
        return w;
    }
    for (size_t i = 0; i < avail; i++) w |= (uint64_t)s[i] << (8 * i);
    return w;
}

static inline uint64_t litset_bytes_mask(size_t n)
{
    return n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
}

static inline uint64_t litset_hash(uint64_t key)
{
    return key * 0x9E3779B97F4A7C15ull;
}

/* A key of up to 6 bytes with its length in the top byte, for the filter
 * they share; an 8-byte key as it is (it has a filter of its own). */
static inline uint64_t litset_fkey(uint64_t key, size_t klen)
{
    return klen < 8 ? key | (uint64_t)klen << 56 : key;
}

/* 1 if the filter for keys of klen bytes may hold key. */
static inline int litset_maybe(const litset *a, uint64_t key, size_t klen)
{
    uint64_t f = litset_hash(litset_fkey(key, klen)) >> (64 - LITSET_FILTER_BITS);
    return (int)((klen == 8 ? a->filter8 : a->filter)[f >> 6] >> (f & 63) & 1);
}

static unsigned litset_kind_of(size_t len)
{
    unsigned k = LITSET_NKLEN - 1;
    while (litset_klens[k] > len) k--;
    return k;
}

static litset_slot *litset_slot_of(const litset *a, uint64_t key, size_t klen)
{
    for (uint32_t h = (uint32_t)(litset_hash(litset_fkey(key, klen)) >> 32) & a->mask;; h = (h + 1) & a->mask) {
        litset_slot *s = &a->slots[h];
        if (!s->klen || (s->key == key && s->klen == klen)) return s;
    }
}

void litset_compile(litset *a)
{
    if (a->compiled) return;
    a->compiled = 1;
    uint32_t size = 16;
    while (size < a->npats + a->npats / 2 + 1) size *= 2; /* never full: a key per pattern at most */
    a->mask = size - 1;
    a->slots = xcalloc(size, sizeof *a->slots);
    a->filter = xcalloc((size_t)1 << (LITSET_FILTER_BITS - 6), sizeof *a->filter);
    a->filter8 = xcalloc((size_t)1 << (LITSET_FILTER_BITS - 6), sizeof *a->filter8);
    a->cands = xmalloc((a->npats + 1) * sizeof *a->cands);
    /* count per key, then place, so each key's candidates are together */
    uint32_t *slot_of = xmalloc((a->npats + 1) * sizeof *slot_of);
    for (size_t i = 0; i < a->npats; i++) {
        const litset_pat *p = &a->pats[i];
        const unsigned char *s = (const unsigned char *)a->blob + p->off;
        unsigned kind = litset_kind_of(p->len), klen = litset_klens[kind];
        uint64_t key = litset_load(s, klen);
        litset_slot *sl = litset_slot_of(a, key, klen);
        sl->key = key;
        sl->klen = (uint8_t)klen;
        sl->n++;
        slot_of[i] = (uint32_t)(sl - a->slots);
        a->starts[s[0]] |= (uint8_t)(1u << kind);
        if ((s[0] & 0xC0) == 0x80) a->cont_starts = 1;
        if ((s[0] & 0xF0) == 0xE0 && p->len < 6) {
            /* every character this pattern could begin: it fixes 1-3 of
             * the bytes (none if its second or third is no continuation
             * byte: it never begins a whole character) */
            uint64_t *row = a->short3[s[0] & 15];
            if (p->len == 1)
                for (unsigned b1 = 0; b1 < 64; b1++) row[b1] = ~0ull;
            else if ((s[1] & 0xC0) == 0x80 && p->len == 2)
                row[s[1] & 63] = ~0ull;
            else if ((s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
                row[s[1] & 63] |= 1ull << (s[2] & 63);
        }
        uint64_t h = litset_hash(litset_fkey(key, klen)) >> (64 - LITSET_FILTER_BITS);
        (klen == 8 ? a->filter8 : a->filter)[h >> 6] |= 1ull << (h & 63);
    }
    uint32_t next = 0;
    for (uint32_t h = 0; h < size; h++) {
        a->slots[h].first = next;
        next += a->slots[h].n;
        a->slots[h].n = 0;
    }
    for (size_t i = 0; i < a->npats; i++) {
        const litset_pat *p = &a->pats[i];
        const unsigned char *s = (const unsigned char *)a->blob + p->off;
        size_t klen = litset_klens[litset_kind_of(p->len)], rest = p->len - klen;
        litset_slot *sl = &a->slots[slot_of[i]];
        a->cands[sl->first + sl->n++] = (litset_cand){litset_load(s + klen, rest), litset_bytes_mask(rest), p->len, (uint32_t)i};
    }
    free(slot_of);
}

/* x before y in report order: end, then longer first, then added later first. */
static int litset_hit_before(const litset *a, const litset_hit *x, const litset_hit *y)
{
    const litset_pat *p = &a->pats[x->pat], *q = &a->pats[y->pat];
    size_t ex = x->start + p->len, ey = y->start + q->len;
    if (ex != ey) return ex < ey;
    if (p->len != q->len) return p->len > q->len;
    return x->pat > y->pat;
}

/* Sorts the pending hits (found in start order, so nearly sorted) and
 * reports those ending at or before limit. Returns 1 if a callback stopped
 * the scan. */
static int litset_flush(const litset *a, litset_hit *h, size_t *n, size_t limit, litset_match_cb cb, void *ctx)
{
    for (size_t i = 1; i < *n; i++) {
        litset_hit x = h[i];
        size_t j = i;
        for (; j > 0 && litset_hit_before(a, &x, &h[j - 1]); j--) h[j] = h[j - 1];
        h[j] = x;
    }
    size_t done = 0;
    for (; done < *n; done++) {
        const litset_pat *p = &a->pats[h[done].pat];
        size_t end = h[done].start + p->len;
        if (end > limit) break;
        if (cb(ctx, p->id, h[done].start, end)) return 1;
    }
    memmove(h, h + done, (*n - done) * sizeof *h);
    *n -= done;
    return 0;
}

/* Tests every pattern that could start at text[i, n) and queues its matches.
 * Returns 1 if a callback, called by a flush, stopped the scan. */
static int litset_at(const litset *a, const unsigned char *t, size_t i, size_t n, litset_hit **h, size_t *nh, size_t *caph,
                 litset_hit *stack, litset_match_cb cb, void *ctx)
{
    size_t left = n - i;
    uint64_t w = litset_load(t + i, left);
    for (unsigned kinds = a->starts[t[i]]; kinds; kinds &= kinds - 1) {
        size_t klen = litset_klens[__builtin_ctz(kinds)];
        if (klen > left) break;
        uint64_t key = w & litset_bytes_mask(klen);
        if (!litset_maybe(a, key, klen)) continue;
        const litset_slot *sl = litset_slot_of(a, key, klen);
        if (!sl->n) continue;
        uint64_t after = litset_load(t + i + klen, left - klen);
        for (const litset_cand *c = a->cands + sl->first, *e = c + sl->n; c < e; c++) {
            if (c->len > left || (after & c->mask) != c->next) continue;
            if (c->len > klen + 8 &&
                memcmp(t + i + klen + 8, a->blob + a->pats[c->pat].off + klen + 8, c->len - klen - 8) != 0)
                continue;
            if (*nh == *caph) {
                if (litset_flush(a, *h, nh, i, cb, ctx)) return 1;
                if (*nh == *caph) {
                    *caph *= 2;
                    litset_hit *bigger = xmalloc(*caph * sizeof *bigger);
                    memcpy(bigger, *h, *nh * sizeof **h);
                    if (*h != stack) free(*h);
                    *h = bigger;
                }
            }
            (*h)[(*nh)++] = (litset_hit){c->pat, i};
        }
    }
    return 0;
}

/* The first position from i on where a pattern may start, passing over
 * whole 3-byte characters (Chinese text) that begin no pattern shorter
 * than 6 bytes and whose 6- and 8-byte keys miss their filters. Stops at any
 * other byte, and 8 bytes before the end. A loop of its own, so that it
 * keeps everything in registers. */
__attribute__((noinline)) static size_t litset_skip(const litset *a, const unsigned char *t, size_t i, size_t n,
                                                    size_t step3)
{
    const uint64_t *filter = a->filter, *filter8 = a->filter8;
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        if ((w & 0xC0C0F0u) != 0x8080E0u || a->short3[w & 15][(w >> 8) & 63] >> ((w >> 16) & 63) & 1) return i;
        uint64_t f = litset_hash((w & 0xFFFFFFFFFFFFull) | 6ull << 56) >> (64 - LITSET_FILTER_BITS);
        uint64_t f8 = litset_hash(w) >> (64 - LITSET_FILTER_BITS);
        if ((filter[f >> 6] >> (f & 63) | filter8[f8 >> 6] >> (f8 & 63)) & 1) return i;
        i += step3;
    }
    return i;
}

int litset_scan(const litset *a, const char *text, size_t n, litset_match_cb cb, void *ctx)
{
    if (!a->compiled || a->npats == 0) return 0;
    const unsigned char *t = (const unsigned char *)text;
    litset_hit stack[LITSET_PENDING], *h = stack;
    size_t nh = 0, caph = LITSET_PENDING;
    /* After a whole 3-byte character, its continuation bytes can start a
     * pattern only if some pattern starts with such a byte. */
    const size_t step3 = a->cont_starts ? 1 : 3;
    int stopped = 0;
    for (size_t i = 0; i < n;) {
        i = litset_skip(a, t, i, n, step3);
        if (i >= n) break;
        size_t step = 1;
        if (n - i >= 3 && (t[i] & 0xF0) == 0xE0 && (t[i + 1] & 0xC0) == 0x80 && (t[i + 2] & 0xC0) == 0x80)
            step = step3;
        else if (!a->starts[t[i]]) {
            i++;
            continue;
        }
        if (litset_at(a, t, i, n, &h, &nh, &caph, stack, cb, ctx)) {
            stopped = 1;
            break;
        }
        i += step;
    }
    if (!stopped) stopped = litset_flush(a, h, &nh, SIZE_MAX, cb, ctx);
    if (h != stack) free(h);
    return stopped;
}

size_t litset_count(const litset *a)
{
    return a->npats;
}

void litset_free(litset *a)
{
    if (!a) return;
    XFREE_ALL(a->blob, a->pats, a->filter, a->filter8, a->slots, a->cands, a);
}
