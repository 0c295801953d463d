/* utf8.c -- the few UTF-8 facts the checker needs.
 *
 * Text arrives as bytes and may be invalid: files converted from GBK, OCR
 * output, pasted fragments. Positions are byte offsets everywhere in park, so
 * these helpers never allocate and never reject input; they tell what is
 * valid and step over what is not. */

#include "utf8.h"

#include <endian.h>
#include <string.h>

size_t utf8_valid_prefix_char(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) return 0;
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    if (c < 0xC2) return 0;
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80) return 0;
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0;
        if (c == 0xED && s[1] >= 0xA0) return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;
        if (c == 0xF4 && s[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

size_t utf8_decode_slow(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t k = utf8_valid_prefix_char(str, n);
    switch (k) {
    case 1: *cp = s[0]; break;
    case 2: *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F); break;
    case 3: *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F); break;
    case 4:
        *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
              ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        break;
    default: *cp = 0xFFFD; k = 1;
    }
    return k;
}

size_t utf8_find_invalid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* eight ASCII bytes, or two or one 3-byte characters E1-EC / EE-EF
         * (most of Chinese text), tested on one 64-bit load */
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            w = le64toh(w);
            if (!(w & 0x8080808080808080ull)) {
                i += 8;
                continue;
            }
            unsigned l0 = (unsigned)(w & 0xFF), l1 = (unsigned)(w >> 24 & 0xFF);
            if ((w & 0xC0C0F0u) == 0x8080E0u && l0 != 0xE0 && l0 != 0xED) {
                i += 3;
                if ((w & 0xC0C0F0000000ull) == 0x8080E0000000ull && l1 != 0xE0 && l1 != 0xED) i += 3;
                continue;
            }
        } else if (utf8_is_common3((const unsigned char *)s + i, n - i)) {
            i += 3;
            continue;
        }
        size_t k = utf8_valid_prefix_char(s + i, n - i);
        if (!k) return i;
        i += k;
    }
    return n;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t i = 0, c = 0;
    uint32_t cp;
    while (i < n) {
        i += utf8_decode(s + i, n - i, &cp);
        c++;
    }
    return c;
}

size_t utf8_prev(const char *s, size_t i)
{
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80) j--;
    if (utf8_valid_prefix_char(s + j, i - j) == i - j) return j;
    return i - 1;
}
