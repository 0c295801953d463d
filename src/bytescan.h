#ifndef PARK_BYTESCAN_H
#define PARK_BYTESCAN_H

/* bytescan.h -- finding the few bytes that matter in long lines of Chinese.
 *
 * A report's paragraph is mostly 3-byte Han characters, and a check of
 * punctuation or structure cares about a handful of byte values: the lead
 * bytes E2 (“” …), E3 (。、《》), EF (，：；（）！？) and some ASCII. The
 * helpers here test 16 bytes at a time (GCC/Clang vector extensions: SSE2
 * on x86-64, NEON on ARM, plain integers elsewhere), so the bytes in
 * between are never looked at one by one (bytemap.c builds on them).
 * bytescan_cp and bytescan_cp_before are utf8_decode and utf8_decode_before
 * in the (string, length, offset) shape the scans use. */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

typedef unsigned char bytescan_vec __attribute__((vector_size(16)));

/* The lanes of m that are set (0xFF), as bits: bit j for lane j. */
#if defined(__SSE2__)
#include <emmintrin.h>
static inline unsigned bytescan_mask(bytescan_vec m)
{
    return (unsigned)_mm_movemask_epi8((__m128i)m);
}
#else
static inline unsigned bytescan_mask(bytescan_vec m)
{
    uint64_t w[2];
    unsigned bits = 0;
    memcpy(w, &m, sizeof w);
    for (unsigned h = 0; h < 2; h++) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w[h] = __builtin_bswap64(w[h]);
#endif
        bits |= (unsigned)(((w[h] & 0x8040201008040201ull) * 0x0101010101010101ull) >> 56) << (8 * h);
    }
    return bits;
}
#endif

/* The first occurrence of the 3-byte character c (UTF-8, no zero byte) in
 * s[i, n), or n. */
static inline size_t bytescan_find3(const char *s, size_t i, size_t n, const char *c)
{
    const unsigned char *u = (const unsigned char *)s, *x = (const unsigned char *)c;
    bytescan_vec v0, v1, v2;
    for (; i + 18 <= n; i += 16) {
        memcpy(&v0, s + i, 16);
        memcpy(&v1, s + i + 1, 16);
        memcpy(&v2, s + i + 2, 16);
        unsigned m = bytescan_mask((bytescan_vec)((v0 == x[0]) & (v1 == x[1]) & (v2 == x[2])));
        if (m) return i + (unsigned)__builtin_ctz(m);
    }
    for (; i + 3 <= n; i++)
        if (u[i] == x[0] && u[i + 1] == x[1] && u[i + 2] == x[2]) return i;
    return n;
}

/* The number of UTF-8 continuation bytes (10xxxxxx) in s[0, n). */
static inline size_t bytescan_count_cont(const char *s, size_t n)
{
    size_t count = 0, i = 0;
    while (i + 16 <= n) {
        bytescan_vec acc = {0}, v;
        /* each lane counts up to 255 */
        for (int b = 0; b < 255 && i + 16 <= n; b++, i += 16) {
            memcpy(&v, s + i, 16);
            acc -= (bytescan_vec)((v & 0xC0) == 0x80);
        }
        uint64_t w[2];
        memcpy(w, &acc, sizeof w);
        for (int h = 0; h < 2; h++) {
            uint64_t x = (w[h] & 0x00FF00FF00FF00FFull) + ((w[h] >> 8) & 0x00FF00FF00FF00FFull);
            count += (size_t)((x * 0x0001000100010001ull) >> 48);
        }
    }
    for (; i < n; i++) count += ((unsigned char)s[i] & 0xC0) == 0x80;
    return count;
}

static inline int bytescan_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* utf8_decode at byte i of s (n bytes, i < n): the character and its length
 * in *k. */
static inline uint32_t bytescan_cp(const char *s, size_t n, size_t i, size_t *k)
{
    uint32_t cp;
    *k = utf8_decode(s + i, n - i, &cp);
    return cp;
}

/* The character that utf8_prev(s, i) finds before byte i (0 < i <= n),
 * read by utf8_decode within s[0, n); its start goes to *start. */
static inline uint32_t bytescan_cp_before(const char *s, size_t n, size_t i, size_t *start)
{
    return utf8_decode_before(s, i, n, start);
}

/* min(utf8_count(s, n), cap): stops reading after cap characters. */
static inline size_t bytescan_count_upto(const char *s, size_t n, size_t cap)
{
    size_t i = 0, c = 0, k;
    while (i < n && c < cap) {
        bytescan_cp(s, n, i, &k);
        i += k;
        c++;
    }
    return c;
}

#endif
