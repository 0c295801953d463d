/* test-utf8.c -- validity, decoding, stepping back and counting over
 * possibly invalid UTF-8. */

#include "task.h"
#include "utf8.h"

#define VP(lit) utf8_valid_prefix_char(lit, sizeof(lit) - 1)

TEST_IMPL(utf8_valid_prefix_accepts_one_to_four_byte_characters)
{
    ASSERT_INT_EQ(VP("a"), 1);
    ASSERT_INT_EQ(VP("\x7F"), 1);
    ASSERT_INT_EQ(VP("\xC3\xA9"), 2);          /* é */
    ASSERT_INT_EQ(VP("中"), 3);
    ASSERT_INT_EQ(VP("\xF0\x9F\x98\x80"), 4);  /* U+1F600 */
    ASSERT_INT_EQ(VP("\xE0\xA0\x80"), 3);      /* U+0800, smallest 3-byte */
    ASSERT_INT_EQ(VP("\xED\x9F\xBF"), 3);      /* U+D7FF, just below the surrogates */
    ASSERT_INT_EQ(VP("\xF4\x8F\xBF\xBF"), 4);  /* U+10FFFF */
    /* Only the first character counts. */
    ASSERT_INT_EQ(VP("中文"), 3);
}

TEST_IMPL(utf8_valid_prefix_rejects_invalid_overlong_surrogate_and_truncated)
{
    ASSERT_INT_EQ(VP("\x80"), 0);              /* lone continuation */
    ASSERT_INT_EQ(VP("\xBF"), 0);
    ASSERT_INT_EQ(VP("\xC0\x80"), 0);          /* overlong NUL */
    ASSERT_INT_EQ(VP("\xC1\xBF"), 0);          /* overlong DEL */
    ASSERT_INT_EQ(VP("\xE0\x80\x80"), 0);      /* overlong 3-byte */
    ASSERT_INT_EQ(VP("\xE0\x9F\xBF"), 0);
    ASSERT_INT_EQ(VP("\xF0\x80\x80\x80"), 0);  /* overlong 4-byte */
    ASSERT_INT_EQ(VP("\xF0\x8F\xBF\xBF"), 0);
    ASSERT_INT_EQ(VP("\xED\xA0\x80"), 0);      /* U+D800 */
    ASSERT_INT_EQ(VP("\xED\xBF\xBF"), 0);      /* U+DFFF */
    ASSERT_INT_EQ(VP("\xF4\x90\x80\x80"), 0);  /* U+110000 */
    ASSERT_INT_EQ(VP("\xF5\x80\x80\x80"), 0);
    ASSERT_INT_EQ(VP("\xFF"), 0);
    ASSERT_INT_EQ(VP("\xE4\xB8"), 0);          /* 中 cut short */
    ASSERT_INT_EQ(VP("\xE4\xB8" "a"), 0);         /* 中 with a bad continuation */
    ASSERT_INT_EQ(VP("\xF0\x9F\x98"), 0);
    ASSERT_INT_EQ(VP("\xC3"), 0);
    /* n limits the view even when more bytes follow. */
    ASSERT_INT_EQ(utf8_valid_prefix_char("中", 2), 0);
    ASSERT_INT_EQ(utf8_valid_prefix_char("中", 0), 0);
}

TEST_IMPL(utf8_decode_gives_code_points_and_fffd_for_bad_bytes)
{
    uint32_t cp = 0;
    ASSERT_INT_EQ(utf8_decode("中", 3, &cp), 3);
    ASSERT_INT_EQ(cp, 0x4E2D);
    ASSERT_INT_EQ(utf8_decode("A", 1, &cp), 1);
    ASSERT_INT_EQ(cp, 'A');
    ASSERT_INT_EQ(utf8_decode("\xC3\xA9", 2, &cp), 2);
    ASSERT_INT_EQ(cp, 0xE9);
    ASSERT_INT_EQ(utf8_decode("，", 3, &cp), 3);
    ASSERT_INT_EQ(cp, 0xFF0C);
    ASSERT_INT_EQ(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    ASSERT_INT_EQ(cp, 0x1F600);
    ASSERT_INT_EQ(utf8_decode("\xFF中", 4, &cp), 1);
    ASSERT_INT_EQ(cp, 0xFFFD);
    ASSERT_INT_EQ(utf8_decode("\xE4\xB8", 2, &cp), 1);
    ASSERT_INT_EQ(cp, 0xFFFD);
    ASSERT_INT_EQ(utf8_decode("\xED\xA0\x80", 3, &cp), 1);
    ASSERT_INT_EQ(cp, 0xFFFD);
}

TEST_IMPL(utf8_find_invalid_gives_the_first_bad_offset)
{
    ASSERT_INT_EQ(utf8_find_invalid("中文abc", 9), 9);
    ASSERT_INT_EQ(utf8_find_invalid("", 0), 0);
    ASSERT_INT_EQ(utf8_find_invalid("中\xFF文\xFF", 8), 3);
    ASSERT_INT_EQ(utf8_find_invalid("中文\xE4\xB8", 8), 6);   /* truncated at the end */
    ASSERT_INT_EQ(utf8_find_invalid("ab\xC0\x80", 4), 2);
    ASSERT_INT_EQ(utf8_find_invalid("中", 2), 0);             /* n cuts the character */
    /* Three-byte forms that only look like a CJK character. */
    ASSERT_INT_EQ(utf8_find_invalid("中\xED\xA0\x80", 6), 3);  /* surrogate */
    ASSERT_INT_EQ(utf8_find_invalid("中\xE0\x80\x80", 6), 3);  /* overlong */
    ASSERT_INT_EQ(utf8_find_invalid("中\xEF\xBF", 5), 3);      /* cut at the end */
    ASSERT_INT_EQ(utf8_find_invalid("中\xE4" "a" "\xAD", 6), 3);
    ASSERT_INT_EQ(utf8_find_invalid("\xEF\xBF\xBD\xED\x9F\xBF", 6), 6); /* U+FFFD, U+D7FF */
}

TEST_IMPL(utf8_count_counts_each_invalid_byte_once)
{
    ASSERT_INT_EQ(utf8_count("", 0), 0);
    ASSERT_INT_EQ(utf8_count("中文", 6), 2);
    ASSERT_INT_EQ(utf8_count("中a文", 7), 3);
    ASSERT_INT_EQ(utf8_count("中\xFF文", 7), 3);
    ASSERT_INT_EQ(utf8_count("\xE4\xB8", 2), 2);              /* two stray bytes */
    ASSERT_INT_EQ(utf8_count("a\xE4\xB8" "b", 4), 4);
    ASSERT_INT_EQ(utf8_count("\xF0\x9F\x98\x80", 4), 1);
}

TEST_IMPL(utf8_prev_steps_back_one_character)
{
    const char *s = "中文a，";  /* 中0 文3 a6 ，7 */
    ASSERT_INT_EQ(utf8_prev(s, 10), 7);
    ASSERT_INT_EQ(utf8_prev(s, 7), 6);
    ASSERT_INT_EQ(utf8_prev(s, 6), 3);
    ASSERT_INT_EQ(utf8_prev(s, 3), 0);
    ASSERT_INT_EQ(utf8_prev("\xF0\x9F\x98\x80", 4), 0);
    /* Invalid bytes are single characters. */
    const char *bad = "\xFF中\x80"; /* FF0 中1 804 */
    ASSERT_INT_EQ(utf8_prev(bad, 5), 4);
    ASSERT_INT_EQ(utf8_prev(bad, 4), 1);
    ASSERT_INT_EQ(utf8_prev(bad, 1), 0);
    /* A truncated character before i: its last byte alone. */
    ASSERT_INT_EQ(utf8_prev("a\xE4\xB8", 3), 2);
}

TEST_IMPL(utf8_is_han_covers_ideographs_only)
{
    ASSERT(utf8_is_han(0x4E2D));   /* 中 */
    ASSERT(utf8_is_han(0x4E00));   /* 一 */
    ASSERT(utf8_is_han(0x9FA5));
    ASSERT(utf8_is_han(0x3007));   /* 〇 */
    ASSERT(utf8_is_han(0x3400));   /* extension A */
    ASSERT(utf8_is_han(0x20000));  /* extension B */
    ASSERT(!utf8_is_han('a'));
    ASSERT(!utf8_is_han(0xFF0C));  /* ， */
    ASSERT(!utf8_is_han(0x3002));  /* 。 */
    ASSERT(!utf8_is_han(0x3001));  /* 、 */
    ASSERT(!utf8_is_han(0x2460));  /* ① */
}

/* The same answer as stepping with utf8_valid_prefix_char one character at a
 * time, on random mixes of ASCII, 2-4 byte characters, E0/ED edge forms,
 * stray continuation bytes and cut sequences, at every length and alignment
 * (utf8_find_invalid reads eight bytes at a time). */
TEST_IMPL(utf8_find_invalid_agrees_with_a_character_by_character_scan)
{
    static const char *const pieces[] = {"a", "中", "，", "\xC2\xA0", "\xF0\x9F\x98\x80", "\xE0\xA0\x80",
                                         "\xE0\x80\x80", "\xED\x9F\xBF", "\xED\xA0\x80", "\x80", "\xE4\xB8",
                                         "\xEF\xBC\x8C", "\xFF", "      "};
    uint32_t seed = 7;
    for (int round = 0; round < 3000; round++) {
        char buf[64];
        size_t n = 0;
        for (int k = 0; k < 12; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            size_t l = strlen(p);
            if (n + l > sizeof buf) break;
            memcpy(buf + n, p, l);
            n += l;
        }
        for (size_t from = 0; from < n; from++) {
            size_t want = from, k;
            while (want < n && (k = utf8_valid_prefix_char(buf + want, n - want)) > 0) want += k;
            ASSERT_INT_EQ(utf8_find_invalid(buf + from, n - from), want - from);
        }
    }
}

/* Long texts, so the 32-byte blocks of the vector path (used where the
 * processor has AVX2) are exercised: all-ASCII blocks, sequences cut by
 * a block's end, and faults just before, on and after block boundaries. */
TEST_IMPL(utf8_find_invalid_agrees_with_a_character_by_character_scan_on_long_texts)
{
    static const char *const pieces[] = {"a", "中", "，", "\xC2\xA0", "\xF0\x9F\x98\x80", "\xE0\xA0\x80",
                                         "\xE0\x80\x80", "\xED\x9F\xBF", "\xED\xA0\x80", "\x80", "\xE4\xB8",
                                         "\xEF\xBC\x8C", "\xFF", "\xF4\x90\x80\x80", "\xC1\xBF", "\xF5\x80\x80\x80",
                                         "abcdefghijklmnopqrstuvwxyz0123456789", "中华人民共和国", "\xF0"};
    static const size_t good[] = {0, 1, 2, 3, 4, 5, 7, 11, 16, 17};
    uint32_t seed = 11;
    for (int round = 0; round < 4000; round++) {
        char buf[700];
        size_t n = 0, bad_every = round % 3 == 0 ? 0 : 8 + round % 40;
        for (int k = 0; n < 600; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t pick = (seed >> 16) % (sizeof pieces / sizeof *pieces);
            /* mostly valid text, with a fault every so many pieces */
            if (!bad_every || k % bad_every) pick = good[(seed >> 8) % (sizeof good / sizeof *good)];
            const char *p = pieces[pick];
            size_t l = strlen(p);
            if (n + l > sizeof buf) break;
            memcpy(buf + n, p, l);
            n += l;
        }
        for (size_t from = 0; from < 40; from += 1 + round % 7) {
            size_t want = from, k;
            while (want < n && (k = utf8_valid_prefix_char(buf + want, n - want)) > 0) want += k;
            ASSERT_INT_EQ(utf8_find_invalid(buf + from, n - from), want - from);
        }
    }
}
