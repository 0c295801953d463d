/* test-encoding.c -- decoding report files that are not UTF-8: GB18030
 * detected or named, its 4-byte sequences, byte offsets mapped back to the
 * original file, UTF-8 text left alone, and undecodable text reported with
 * its line and byte. */

#include "encoding.h"
#include "task.h"

/* "要认真布署工作。\n第二行：布署" in GB18030. */
static const char gb_report[] = "\xd2\xaa\xc8\xcf\xd5\xe6\xb2\xbc\xca\xf0\xb9\xa4\xd7\xf7\xa1\xa3\n"
                                "\xb5\xda\xb6\xfe\xd0\xd0\xa3\xba\xb2\xbc\xca\xf0";

TEST_IMPL(encoding_gb18030_is_detected_and_maps_offsets_back)
{
    encoding_text et = {0};
    perr e = {0};
    ASSERT_INT_EQ(encoding_decode(gb_report, sizeof gb_report - 1, NULL, &et, &e), 0);
    ASSERT(et.decoded);
    ASSERT_STR_EQ(et.name, "GB18030");
    ASSERT_MEM_EQ(et.text, et.len, "要认真布署工作。\n第二行：布署");
    /* 布 is at UTF-8 offset 9 and GB offset 6; the second line's 布署 at 37 / 25 */
    ASSERT_INT_EQ(encoding_orig(&et, 9), 6);
    ASSERT_INT_EQ(encoding_orig(&et, 15), 10);
    ASSERT_INT_EQ(encoding_orig(&et, 24), 16); /* the \n */
    ASSERT_INT_EQ(encoding_orig(&et, 25), 17);
    ASSERT_INT_EQ(encoding_orig(&et, 37), 25);
    ASSERT_INT_EQ(encoding_orig(&et, et.len), sizeof gb_report - 1);
    encoding_text_free(&et);
}

TEST_IMPL(encoding_four_byte_gb18030_and_ascii_mix)
{
    /* "a€b😀c": € is A2E3, 😀 the 4-byte 9439FC36 */
    static const char in[] = "a\xa2\xe3" "b\x94\x39\xfc\x36" "c";
    encoding_text et = {0};
    perr e = {0};
    ASSERT_INT_EQ(encoding_decode(in, sizeof in - 1, "GB18030", &et, &e), 0);
    ASSERT_MEM_EQ(et.text, et.len, "a\xe2\x82\xac" "b\xf0\x9f\x98\x80" "c");
    ASSERT_INT_EQ(encoding_orig(&et, 1), 1);
    ASSERT_INT_EQ(encoding_orig(&et, 4), 3);
    ASSERT_INT_EQ(encoding_orig(&et, 5), 4);
    ASSERT_INT_EQ(encoding_orig(&et, 9), 8);
    ASSERT_INT_EQ(encoding_orig(&et, 10), 9);
    encoding_text_free(&et);
}

TEST_IMPL(encoding_utf8_text_is_left_alone)
{
    encoding_text et = {0};
    perr e = {0};
    const char *s = "要认真布署\xff工作"; /* one stray byte: still UTF-8 */
    ASSERT_INT_EQ(encoding_decode(s, strlen(s), NULL, &et, &e), 0);
    ASSERT(!et.decoded && !et.mixed);
    ASSERT(et.text == s);
    ASSERT_STR_EQ(et.name, "UTF-8");
    ASSERT_INT_EQ(encoding_orig(&et, 7), 7);
    encoding_text_free(&et);
}

TEST_IMPL(encoding_undecodable_text_is_reported_with_line_and_byte)
{
    encoding_text et = {0};
    perr e = {0};
    static const char in[] = "\xd2\xaa\n\xc8\xcf\xff\xd5\xe6";
    ASSERT_INT_EQ(encoding_decode(in, sizeof in - 1, "GB18030", &et, &e), PARK_EENCODING);
    ASSERT(strstr(e.msg, "第 2 行第 3 字节") != NULL);
    encoding_text_free(&et);
    /* detection: neither UTF-8 nor GB18030 is checked as it is, marked mixed */
    encoding_text et2 = {0};
    ASSERT_INT_EQ(encoding_decode(in, sizeof in - 1, NULL, &et2, &e), 0);
    ASSERT(et2.mixed && !et2.decoded);
    encoding_text_free(&et2);
    encoding_text et3 = {0};
    ASSERT_INT_EQ(encoding_decode(in, sizeof in - 1, "no-such-encoding", &et3, &e), PARK_EUSAGE);
    encoding_text_free(&et3);
}
