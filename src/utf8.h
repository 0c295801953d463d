#ifndef PARK_UTF8_H
#define PARK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns the length (1-4) of the valid UTF-8 character at s, or 0 when the
 * bytes at s do not start a valid, complete, shortest-form character. */
size_t utf8_valid_prefix_char(const char *s, size_t n);
/* Decodes the character at s into *cp and returns its length; an invalid byte
 * decodes as U+FFFD with length 1. n must be > 0. ASCII and the common 3-byte
 * characters of Chinese text (utf8_is_common3) are decoded inline; the rest
 * out of line. */
static inline size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t utf8_decode_slow(const char *s, size_t n, uint32_t *cp);
/* Byte offset of the first invalid sequence in s, or n when all is valid. */
size_t utf8_find_invalid(const char *s, size_t n);
/* Number of characters (invalid bytes count one each). */
size_t utf8_count(const char *s, size_t n);
/* Offset of the start of the character before position i (i > 0). */
size_t utf8_prev(const char *s, size_t i);
/* 1 for CJK ideographs (the common blocks), else 0. */
static inline int utf8_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) || cp == 0x3007;
}

/* 1 when s (n bytes) starts with a valid 3-byte character led by E1-EC or
 * EE-EF, which any two continuation bytes complete (E0 and ED need a closer
 * look): most of a Chinese line. */
static inline int utf8_is_common3(const unsigned char *s, size_t n)
{
    return n >= 3 && s[0] - 0xE1u < 15 && s[0] != 0xED && ((s[1] ^ 0x80) | (s[2] ^ 0x80)) < 0x40;
}

static inline uint32_t utf8_decode3(const unsigned char *s)
{
    return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
}

static inline size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (utf8_is_common3(s, n)) {
        *cp = utf8_decode3(s);
        return 3;
    }
    return utf8_decode_slow(str, n, cp);
}

/* The character before byte i of s (0 < i <= end): it starts where
 * utf8_prev(s, i) says (*start) and is decoded from there within s[0, end).
 * ASCII and common 3-byte characters are read inline. */
static inline uint32_t utf8_decode_before(const char *str, size_t i, size_t end, size_t *start)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t cp;
    if (s[i - 1] < 0x80) {
        *start = i - 1;
        return s[i - 1];
    }
    if (i >= 3 && utf8_is_common3(s + i - 3, 3)) {
        *start = i - 3;
        return utf8_decode3(s + i - 3);
    }
    *start = utf8_prev(str, i);
    utf8_decode(str + *start, end - *start, &cp);
    return cp;
}

#endif
