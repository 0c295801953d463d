#ifndef PARK_ZH_H
#define PARK_ZH_H

/* zh.h -- the one copy of the small character questions Chinese report text
 * asks everywhere: what is a space, where does a line's text start and end,
 * which characters are CJK numerals. Header-only: these sit on hot loops.
 *
 * A space is ' ', tab, U+3000 (ideographic space) or U+00A0. */

#include <stddef.h>
#include <stdint.h>

#include "bytescan.h"

/* The character at byte i of s (n bytes) and its length in *k (k may be
 * NULL); 0 and length 0 at the end. */
static inline uint32_t zh_cp(const char *s, size_t n, size_t i, size_t *k)
{
    size_t len = 0;
    uint32_t cp = i < n ? bytescan_cp(s, n, i, &len) : 0;
    if (k) *k = len;
    return cp;
}

static inline int zh_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

/* Length of the space at byte i, or 0. */
static inline size_t zh_space_len(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] == ' ' || u[0] == '\t') return 1;
    if (u[0] == 0xE3) return n - i >= 3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
    if (u[0] == 0xC2) return n - i >= 2 && u[1] == 0xA0 ? 2 : 0;
    return 0;
}

/* The offset of the first non-space at or after i. */
static inline size_t zh_skip_space(const char *s, size_t n, size_t i)
{
    size_t k;
    while (i < n && (k = zh_space_len(s, n, i))) i += k;
    return i;
}

/* The offset just past the last non-space of s[0, n). */
static inline size_t zh_trim_end(const char *s, size_t n)
{
    size_t p;
    while (n > 0 && zh_is_space(bytescan_cp_before(s, n, n, &p))) n = p;
    return n;
}

/* 1-9 for 一…九, 10 for 十, else 0. */
static inline int zh_cjk_digit(uint32_t cp)
{
    switch (cp) {
    case 0x4E00: return 1;
    case 0x4E8C: return 2;
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    case 0x5341: return 10;
    default: return 0;
    }
}

/* A character of a CJK numeral as markers write it: 一…十, 〇, 零, 百. */
static inline int zh_is_cjk_numeral(uint32_t cp)
{
    return zh_cjk_digit(cp) || cp == 0x3007 || cp == 0x96F6 || cp == 0x767E;
}

/* zh_cjk_digit of the character at byte i (a CJK digit is 3 bytes). */
static inline int zh_cjk_digit_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (i >= n || n - i < 3 || (u[0] != 0xE4 && u[0] != 0xE5)) return 0;
    switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
    case 0xE4B880: return 1;  /* 一 */
    case 0xE4BA8C: return 2;  /* 二 */
    case 0xE4B889: return 3;  /* 三 */
    case 0xE59B9B: return 4;  /* 四 */
    case 0xE4BA94: return 5;  /* 五 */
    case 0xE585AD: return 6;  /* 六 */
    case 0xE4B883: return 7;  /* 七 */
    case 0xE585AB: return 8;  /* 八 */
    case 0xE4B99D: return 9;  /* 九 */
    case 0xE58D81: return 10; /* 十 */
    default: return 0;
    }
}

/* A mark that may end a paragraph: 。！？…”’）》】」』：；— and their
 * ASCII forms. */
static inline int zh_is_end_mark(uint32_t cp)
{
    switch (cp) {
    case 0x3002: case 0xFF01: case 0xFF1F: case 0x2026: case 0x201D: case 0x2019: case 0xFF09: case 0x300B:
    case 0x3011: case 0x300D: case 0x300F: case 0xFF1A: case 0xFF1B: case 0x2014: case '!': case '?': case ';':
    case ':': case '.': case ')': case '"': return 1;
    default: return 0;
    }
}

#endif
