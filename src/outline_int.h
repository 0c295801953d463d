#ifndef PARK_OUTLINE_INT_H
#define PARK_OUTLINE_INT_H

/* Private to the outline module (outline.c, outline_items.c): character
 * helpers shared by the heading and the item parsers. */

#include <stddef.h>
#include <stdint.h>

#include "bytescan.h"
#include "check.h"
#include "outline.h"
#include "utf8.h"

/* The character at byte i of s (n bytes) and its length in *k (k may be
 * NULL); 0 and length 0 at the end. */
static inline uint32_t ol_cp(const char *s, size_t n, size_t i, size_t *k)
{
    size_t len = 0;
    uint32_t cp = i < n ? bytescan_cp(s, n, i, &len) : 0;
    if (k) *k = len;
    return cp;
}

static inline int ol_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

/* 1-9 for 一…九, 10 for 十, else 0. */
static inline int ol_cjk_digit(uint32_t cp)
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

/* Length of the space at byte i (' ', tab, U+3000, U+00A0), or 0. */
static inline size_t ol_space_len(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] == ' ' || u[0] == '\t') return 1;
    if (u[0] == 0xE3) return n - i >= 3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
    if (u[0] == 0xC2) return n - i >= 2 && u[1] == 0xA0 ? 2 : 0;
    return 0;
}

/* ol_cjk_digit of the character at byte i (a CJK digit is 3 bytes). */
static inline int ol_cjk_digit_at(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (i >= n || n - i < 3 || (u[0] != 0xE4 && u[0] != 0xE5)) return 0;
    switch ((uint32_t)u[0] << 16 | (uint32_t)u[1] << 8 | u[2]) {
    case 0xE4B880: return 1; /* 一 */
    case 0xE4BA8C: return 2; /* 二 */
    case 0xE4B889: return 3; /* 三 */
    case 0xE59B9B: return 4; /* 四 */
    case 0xE4BA94: return 5; /* 五 */
    case 0xE585AD: return 6; /* 六 */
    case 0xE4B883: return 7; /* 七 */
    case 0xE585AB: return 8; /* 八 */
    case 0xE4B99D: return 9; /* 九 */
    case 0xE58D81: return 10; /* 十 */
    default: return 0;
    }
}

static inline size_t ol_skip_space(const char *s, size_t n, size_t i)
{
    size_t k;
    while (i < n && (k = ol_space_len(s, n, i))) i += k;
    return i;
}

/* End of a run of numeral characters at i: up to 3 CJK digits or 3 ASCII
 * digits (i when there is none or the run is longer). *sys says which. */
static inline size_t ol_numeral_run(const char *s, size_t n, size_t i, int *sys)
{
    size_t j = i;
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        while (j < n && j - i < 4 && s[j] >= '0' && s[j] <= '9') j++;
        *sys = OUTLINE_NUM_ARABIC;
        return j - i > 3 ? i : j;
    }
    int count = 0;
    while (count < 4 && ol_cjk_digit_at(s, n, j)) j += 3, count++;
    *sys = OUTLINE_NUM_CJK;
    return count > 3 ? i : j;
}

/* Collects the inline items of doc into o->items (outline_items.c); o's
 * line kinds and headings must be parsed already. map is doc's bytemap. */
void outline_items_parse(outline *o, const check_doc *doc, const bytemap *map);

#endif
