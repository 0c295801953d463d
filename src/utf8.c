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

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* The table-lookup validation of Keiser and Lemire ("Validating UTF-8 in
 * less than one instruction per byte", 2021), as simdjson does it, on 32
 * bytes at a time with AVX2 where the processor has it. Each byte is
 * checked against its three predecessors: three 16-entry tables, indexed by
 * the previous byte's high and low nibbles and this byte's high nibble,
 * share one error bit per kind of fault, and a byte that must continue a
 * 3- or 4-byte sequence must be a continuation byte. It only says whether a
 * block is valid: returns the offset of the first 32-byte block in which
 * an error shows (or the end of the last whole block), and the exact
 * offset is left to the scalar loop. An error shows in the block holding
 * the faulty byte, or, for a sequence cut by the block's end, in the next
 * one. */
#define U8_TOO_SHORT (1 << 0)
#define U8_TOO_LONG (1 << 1)
#define U8_OVERLONG_3 (1 << 2)
#define U8_TOO_LARGE (1 << 3)
#define U8_SURROGATE (1 << 4)
#define U8_OVERLONG_2 (1 << 5)
#define U8_TOO_LARGE_1000 (1 << 6)
#define U8_OVERLONG_4 (1 << 6)
#define U8_TWO_CONTS (1 << 7)
#define U8_CARRY (U8_TOO_SHORT | U8_TOO_LONG | U8_TWO_CONTS)
#define U8_TABLE(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)

__attribute__((target("avx2"))) static size_t utf8_valid_blocks_avx2(const unsigned char *s, size_t n)
{
    const __m256i byte1_high = U8_TABLE(
        U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG, U8_TOO_LONG,
        U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TWO_CONTS, U8_TOO_SHORT | U8_OVERLONG_2, U8_TOO_SHORT,
        U8_TOO_SHORT | U8_OVERLONG_3 | U8_SURROGATE, U8_TOO_SHORT | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_OVERLONG_4);
    const __m256i byte1_low = U8_TABLE(
        U8_CARRY | U8_OVERLONG_3 | U8_OVERLONG_2 | U8_OVERLONG_4, U8_CARRY | U8_OVERLONG_2, U8_CARRY, U8_CARRY,
        U8_CARRY | U8_TOO_LARGE, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000 | U8_SURROGATE,
        U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000, U8_CARRY | U8_TOO_LARGE | U8_TOO_LARGE_1000);
    const __m256i byte2_high = U8_TABLE(
        U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT, U8_TOO_SHORT,
        U8_TOO_SHORT,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE_1000 | U8_OVERLONG_4,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_OVERLONG_3 | U8_TOO_LARGE,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE,
        U8_TOO_LONG | U8_OVERLONG_2 | U8_TWO_CONTS | U8_SURROGATE | U8_TOO_LARGE, U8_TOO_SHORT, U8_TOO_SHORT,
        U8_TOO_SHORT, U8_TOO_SHORT);
    /* the last three bytes of a block may start a sequence the next completes */
    const __m256i incomplete_max = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                                    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                                    (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    __m256i prev = _mm256_setzero_si256(), prev_incomplete = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i in = _mm256_loadu_si256((const __m256i *)(s + i)), err;
        if (!_mm256_movemask_epi8(in)) {
            err = prev_incomplete;
            prev_incomplete = _mm256_setzero_si256();
        } else {
            __m256i carry = _mm256_permute2x128_si256(prev, in, 0x21);
            __m256i prev1 = _mm256_alignr_epi8(in, carry, 15), prev2 = _mm256_alignr_epi8(in, carry, 14),
                    prev3 = _mm256_alignr_epi8(in, carry, 13);
            __m256i sc = _mm256_and_si256(
                _mm256_and_si256(_mm256_shuffle_epi8(byte1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble)),
                                 _mm256_shuffle_epi8(byte1_low, _mm256_and_si256(prev1, nibble))),
                _mm256_shuffle_epi8(byte2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), nibble)));
            __m256i must23 = _mm256_or_si256(_mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80))),
                                             _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80))));
            err = _mm256_xor_si256(_mm256_and_si256(must23, _mm256_set1_epi8((char)0x80)), sc);
            prev_incomplete = _mm256_subs_epu8(in, incomplete_max);
        }
        if (!_mm256_testz_si256(err, err)) return i;
        prev = in;
    }
    return i;
}
#endif

size_t utf8_find_invalid(const char *s, size_t n)
{
    size_t i = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    if (n >= 64 && __builtin_cpu_supports("avx2")) {
        const unsigned char *u = (const unsigned char *)s;
        size_t m = utf8_valid_blocks_avx2(u, n);
        /* Everything before m is valid but a sequence the block boundary
         * cuts: the scalar loop resumes at its first byte, the last one in
         * the three before m that is no continuation byte. */
        i = m;
        for (size_t j = 1; j <= 3 && j <= m; j++)
            if ((u[m - j] & 0xC0) != 0x80) {
                i = m - j;
                break;
            }
    }
#endif
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
