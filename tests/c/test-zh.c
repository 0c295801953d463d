/* test-zh.c -- the character helpers of src/zh.h: what is a space (' ', tab,
 * U+3000, U+00A0), skipping and trimming them, the CJK digits 一…十 read from
 * a code point and from bytes, the characters of CJK numerals, and the
 * marks that may end a paragraph. */

#include "task.h"
#include "zh.h"

/* s as its bytes, without the NUL: zh_* take lengths. */
#define S(lit) lit, sizeof(lit) - 1

/* The UTF-8 bytes of cp (a BMP code point above U+07FF) in b[3]. */
static void enc3(uint32_t cp, char *b)
{
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
}

TEST_IMPL(zh_cp_reads_characters_and_the_end)
{
    static const char s[] = "a一\xff";
    size_t k = 99;
    ASSERT_INT_EQ(zh_cp(S(s), 0, &k), 'a');
    ASSERT_INT_EQ(k, 1);
    ASSERT_INT_EQ(zh_cp(S(s), 1, &k), 0x4E00);
    ASSERT_INT_EQ(k, 3);
    ASSERT_INT_EQ(zh_cp(S(s), 4, &k), 0xFFFD); /* an invalid byte: one replacement character */
    ASSERT_INT_EQ(k, 1);
    ASSERT_INT_EQ(zh_cp(S(s), 5, &k), 0); /* the end */
    ASSERT_INT_EQ(k, 0);
    ASSERT_INT_EQ(zh_cp(S(s), 1, NULL), 0x4E00);
    /* a character cut by the length is not read past it */
    ASSERT_INT_EQ(zh_cp(s, 3, 1, &k), 0xFFFD);
    ASSERT_INT_EQ(k, 1);
}

TEST_IMPL(zh_is_space_takes_the_four_spaces_only)
{
    ASSERT(zh_is_space(' '));
    ASSERT(zh_is_space('\t'));
    ASSERT(zh_is_space(0x3000));
    ASSERT(zh_is_space(0xA0));
    static const uint32_t no[] = {'\n', '\r', 0, 'a', 0x2002, 0x200B, 0xFEFF, 0x3001, 0x4E00};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) ASSERT(!zh_is_space(no[i]));
}

TEST_IMPL(zh_space_len_measures_each_space_and_no_cut_one)
{
    ASSERT_INT_EQ(zh_space_len(S(" x"), 0), 1);
    ASSERT_INT_EQ(zh_space_len(S("\tx"), 0), 1);
    ASSERT_INT_EQ(zh_space_len(S("\xE3\x80\x80x"), 0), 3);
    ASSERT_INT_EQ(zh_space_len(S("\xC2\xA0x"), 0), 2);
    ASSERT_INT_EQ(zh_space_len(S("一\xE3\x80\x80"), 3), 3); /* at an offset */
    /* cut by the length */
    ASSERT_INT_EQ(zh_space_len(S("\xE3\x80"), 0), 0);
    ASSERT_INT_EQ(zh_space_len("\xE3\x80\x80", 2, 0), 0);
    ASSERT_INT_EQ(zh_space_len(S("\xC2"), 0), 0);
    ASSERT_INT_EQ(zh_space_len("\xC2\xA0", 1, 0), 0);
    /* not spaces: 、 (E3 80 81), ¡ (C2 A1), a lone A0 byte, letters, newlines */
    ASSERT_INT_EQ(zh_space_len(S("\xE3\x80\x81"), 0), 0);
    ASSERT_INT_EQ(zh_space_len(S("\xC2\xA1"), 0), 0);
    ASSERT_INT_EQ(zh_space_len(S("\xA0"), 0), 0);
    ASSERT_INT_EQ(zh_space_len(S("a"), 0), 0);
    ASSERT_INT_EQ(zh_space_len(S("\n"), 0), 0);
}

TEST_IMPL(zh_skip_space_stops_at_the_first_non_space)
{
    /* ' ' 1 + tab 1 + U+3000 3 + U+00A0 2 = 7 */
    ASSERT_INT_EQ(zh_skip_space(S(" \t\xE3\x80\x80\xC2\xA0一 "), 0), 7);
    ASSERT_INT_EQ(zh_skip_space(S("一  二"), 3), 5);
    ASSERT_INT_EQ(zh_skip_space(S("一二"), 3), 3); /* no space: i itself */
    ASSERT_INT_EQ(zh_skip_space(S("   "), 0), 3); /* all spaces: n */
    ASSERT_INT_EQ(zh_skip_space(S("一"), 3), 3);  /* at the end */
    ASSERT_INT_EQ(zh_skip_space("", 0, 0), 0);
    ASSERT_INT_EQ(zh_skip_space(S("  \xE3\x80"), 0), 2); /* a cut U+3000 is no space */
    ASSERT_INT_EQ(zh_skip_space("  x", 1, 0), 1);        /* never past n */
}

TEST_IMPL(zh_trim_end_drops_trailing_spaces_only)
{
    ASSERT_INT_EQ(zh_trim_end(S("一 \t\xE3\x80\x80\xC2\xA0")), 3);
    ASSERT_INT_EQ(zh_trim_end(S("一 二")), 7);  /* inner spaces stay */
    ASSERT_INT_EQ(zh_trim_end(S("一二")), 6);   /* nothing to trim */
    ASSERT_INT_EQ(zh_trim_end(S(" \xE3\x80\x80 ")), 0); /* all spaces */
    ASSERT_INT_EQ(zh_trim_end("", 0), 0);
    ASSERT_INT_EQ(zh_trim_end(S("一\n")), 4);   /* a newline is not a space */
    /* a lone A0 byte is not U+00A0, nor is a cut U+3000 a space */
    ASSERT_INT_EQ(zh_trim_end(S(" \xA0")), 2);
    ASSERT_INT_EQ(zh_trim_end(S("一\xA0")), 4);
    ASSERT_INT_EQ(zh_trim_end(S("一 \x80\x80")), 6);
    ASSERT_INT_EQ(zh_trim_end(S("\xE3\x80\x80一")), 6);
}

TEST_IMPL(zh_cjk_digit_reads_one_to_ten)
{
    static const char digits[] = "一二三四五六七八九十";
    for (size_t i = 0; i < 10; i++) {
        size_t k;
        uint32_t cp = zh_cp(S(digits), 3 * i, &k);
        ASSERT_INT_EQ(k, 3);
        ASSERT_INT_EQ(zh_cjk_digit(cp), (int)i + 1);
        ASSERT_INT_EQ(zh_cjk_digit_at(S(digits), 3 * i), (int)i + 1);
    }
    /* 〇 零 百 千 两 壹 are not digits here, nor are ASCII digits */
    static const uint32_t no[] = {0x3007, 0x96F6, 0x767E, 0x5343, 0x4E24, 0x58F9, '1', '0', 0, 0x5E74};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) ASSERT_INT_EQ(zh_cjk_digit(no[i]), 0);
}

TEST_IMPL(zh_cjk_digit_at_agrees_with_zh_cjk_digit_on_every_three_byte_character)
{
    char b[4] = {0};
    int digits = 0;
    for (uint32_t cp = 0x800; cp <= 0xFFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        enc3(cp, b);
        int want = zh_cjk_digit(cp);
        if (zh_cjk_digit_at(b, 3, 0) != want) {
            task_fail(__FILE__, __LINE__, "U+%04X: zh_cjk_digit_at %d, zh_cjk_digit %d", (unsigned)cp,
                      zh_cjk_digit_at(b, 3, 0), want);
            return;
        }
        digits += want != 0;
    }
    ASSERT_INT_EQ(digits, 10);
    /* cut by the length, past the end, or not at a character's start */
    ASSERT_INT_EQ(zh_cjk_digit_at("一", 2, 0), 0);
    ASSERT_INT_EQ(zh_cjk_digit_at(S("a一"), 1), 1);
    ASSERT_INT_EQ(zh_cjk_digit_at("a一", 3, 1), 0);
    ASSERT_INT_EQ(zh_cjk_digit_at(S("一"), 3), 0);
    ASSERT_INT_EQ(zh_cjk_digit_at(S("一二"), 1), 0);
}

TEST_IMPL(zh_is_cjk_numeral_takes_the_digits_and_ling_and_bai)
{
    static const char yes[] = "一二三四五六七八九十〇零百";
    for (size_t i = 0; i < sizeof yes - 1; i += 3) ASSERT(zh_is_cjk_numeral(zh_cp(S(yes), i, NULL)));
    static const char no[] = "千万两壹是第、";
    for (size_t i = 0; i < sizeof no - 1; i += 3) ASSERT(!zh_is_cjk_numeral(zh_cp(S(no), i, NULL)));
    ASSERT(!zh_is_cjk_numeral('1'));
    ASSERT(!zh_is_cjk_numeral(0));
}

TEST_IMPL(zh_is_end_mark_takes_the_listed_marks_and_their_ascii_forms)
{
    static const char yes[] = "。！？…”’）》】」』：；—";
    size_t i = 0, k, n = 0;
    while (i < sizeof yes - 1) {
        uint32_t cp = zh_cp(S(yes), i, &k);
        if (!zh_is_end_mark(cp)) {
            task_fail(__FILE__, __LINE__, "U+%04X is not an end mark", (unsigned)cp);
            return;
        }
        i += k, n++;
    }
    ASSERT_INT_EQ(n, 14);
    for (const char *a = "!?;:.)\""; *a; a++) ASSERT(zh_is_end_mark((unsigned char)*a));
    /* commas, openers and text do not end a paragraph */
    static const char no[] = "，、“‘（《【「『一";
    for (i = 0; i < sizeof no - 1; i += k) {
        uint32_t cp = zh_cp(S(no), i, &k);
        if (zh_is_end_mark(cp)) {
            task_fail(__FILE__, __LINE__, "U+%04X is an end mark", (unsigned)cp);
            return;
        }
    }
    for (const char *a = ",(a1 "; *a; a++) ASSERT(!zh_is_end_mark((unsigned char)*a));
}
