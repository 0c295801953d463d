/* test-sbuf.c -- the growable byte string (src/sbuf.c): appending past any
 * capacity with the NUL kept, room made by sbuf_reserve, printf, JSON string
 * bodies (quotes, backslash, control characters as \u00XX, invalid UTF-8 as
 * U+FFFD), JSON members, and clear / detach / free. */

#include <stdlib.h>

#include "sbuf.h"
#include "task.h"

/* b holds exactly the bytes want (want_len of them) and its NUL. */
static int holds(const sbuf *b, const char *want, size_t want_len)
{
    return b->s && b->len == want_len && memcmp(b->s, want, want_len) == 0 && b->s[b->len] == '\0' &&
           b->cap > b->len;
}

/* The JSON body sbuf_add_json gives for s[0, n), in a static buffer. */
static const char *json_of(const char *s, size_t n)
{
    static char out[256];
    sbuf b = SBUF_INIT;
    sbuf_add_json(&b, s, n);
    snprintf(out, sizeof out, "%s", b.s ? b.s : "");
    sbuf_free(&b);
    return out;
}
#define JSON(lit) json_of(lit, sizeof(lit) - 1)

TEST_IMPL(sbuf_starts_empty_and_grows_keeping_every_byte_and_the_nul)
{
    sbuf b = SBUF_INIT;
    ASSERT(b.s == NULL);
    ASSERT_INT_EQ(b.len, 0);
    char want[10000];
    for (size_t i = 0; i < sizeof want; i++) {
        want[i] = (char)('a' + i % 26);
        if (i % 3 == 0) sbuf_addc(&b, want[i]);
        else sbuf_add(&b, &want[i], 1);
        if (b.len != i + 1 || b.s[b.len] != '\0' || b.cap <= b.len) {
            task_fail(__FILE__, __LINE__, "after %zu bytes: len %zu cap %zu", i + 1, b.len, b.cap);
            return;
        }
    }
    ASSERT(holds(&b, want, sizeof want));
    /* one large append, and strings */
    sbuf_add(&b, want, sizeof want);
    ASSERT_INT_EQ(b.len, 2 * sizeof want);
    ASSERT(memcmp(b.s + sizeof want, want, sizeof want) == 0);
    sbuf_clear(&b);
    sbuf_adds(&b, "园区");
    sbuf_adds(&b, "");
    sbuf_add(&b, "工作x", 6);
    ASSERT(holds(&b, "园区工作", 12));
    sbuf_free(&b);
    /* bytes are bytes: a NUL inside counts */
    sbuf_add(&b, "a\0b", 3);
    ASSERT(holds(&b, "a\0b", 3));
    sbuf_free(&b);
}

TEST_IMPL(sbuf_reserve_makes_room_that_appends_use_without_moving)
{
    sbuf b = SBUF_INIT;
    sbuf_adds(&b, "abc");
    sbuf_reserve(&b, 5000);
    ASSERT(b.cap >= b.len + 5000 + 1);
    const char *s = b.s;
    for (int i = 0; i < 5000; i++) sbuf_addc(&b, 'x');
    ASSERT(b.s == s); /* no reallocation inside the room */
    ASSERT_INT_EQ(b.len, 5003);
    ASSERT(memcmp(b.s, "abcxxx", 6) == 0);
    size_t cap = b.cap;
    sbuf_reserve(&b, 0); /* room enough already: nothing changes */
    ASSERT(b.s == s);
    ASSERT_INT_EQ(b.cap, cap);
    sbuf_free(&b);
}

TEST_IMPL(sbuf_printf_appends_formatted_text_of_any_length)
{
    sbuf b = SBUF_INIT;
    sbuf_printf(&b, "%s", "");
    ASSERT(holds(&b, "", 0));
    sbuf_adds(&b, "第");
    sbuf_printf(&b, "%d 行第 %zu 列：%s", 12, (size_t)3, "错误");
    ASSERT_STR_EQ(b.s, "第12 行第 3 列：错误");
    ASSERT_INT_EQ(b.len, strlen("第12 行第 3 列：错误"));
    /* longer than any first allocation, after what is there */
    char big[3001];
    memset(big, 'y', 3000);
    big[3000] = '\0';
    sbuf_clear(&b);
    sbuf_adds(&b, "<");
    sbuf_printf(&b, "%s>%05d", big, 42);
    ASSERT_INT_EQ(b.len, 1 + 3000 + 1 + 5);
    ASSERT(b.s[0] == '<' && b.s[1] == 'y' && b.s[3000] == 'y');
    ASSERT_STR_EQ(b.s + 3001, ">00042");
    sbuf_free(&b);
}

TEST_IMPL(sbuf_add_json_escapes_quotes_backslashes_and_control_characters)
{
    ASSERT_STR_EQ(JSON("plain 园区 text"), "plain 园区 text");
    ASSERT_STR_EQ(JSON("say \"hi\""), "say \\\"hi\\\"");
    ASSERT_STR_EQ(JSON("a\\b"), "a\\\\b");
    ASSERT_STR_EQ(JSON("l1\nl2\r\tx"), "l1\\nl2\\r\\tx");
    ASSERT_STR_EQ(JSON("\x01\x1f\x7f"), "\\u0001\\u001f\x7f"); /* DEL needs no escape */
    ASSERT_STR_EQ(JSON("a\0b"), "a\\u0000b");                  /* a NUL inside: the length decides */
    ASSERT_STR_EQ(JSON("\b\f"), "\\u0008\\u000c");
    ASSERT_STR_EQ(JSON("/"), "/");
    ASSERT_STR_EQ(JSON(""), "");
    /* every control character is written as \u00XX */
    for (int c = 1; c < 0x20; c++) {
        if (c == '\n' || c == '\r' || c == '\t') continue;
        char in[1] = {(char)c}, want[8];
        snprintf(want, sizeof want, "\\u%04x", c);
        ASSERT_STR_EQ(json_of(in, 1), want);
    }
}

TEST_IMPL(sbuf_add_json_replaces_invalid_utf8_with_u_fffd)
{
    ASSERT_STR_EQ(JSON("a\xffz"), "a\xEF\xBF\xBDz");
    ASSERT_STR_EQ(JSON("\x80"), "\xEF\xBF\xBD");               /* a lone continuation byte */
    ASSERT_STR_EQ(JSON("\xe5\xb8"), "\xEF\xBF\xBD\xEF\xBF\xBD"); /* a cut character: one per byte */
    ASSERT_STR_EQ(JSON("\xc0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD"); /* an overlong NUL */
    ASSERT_STR_EQ(JSON("\xed\xa0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* a surrogate */
    ASSERT_STR_EQ(JSON("\xf4\x90\x80\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); /* > U+10FFFF */
    /* valid 2-, 3- and 4-byte characters, and U+FFFD itself, pass */
    ASSERT_STR_EQ(JSON("\xc2\xa0园\xf0\x9f\x98\x80\xEF\xBF\xBD"), "\xc2\xa0园\xf0\x9f\x98\x80\xEF\xBF\xBD");
    /* a character cut by the length, though the bytes go on */
    ASSERT_STR_EQ(json_of("园", 2), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_IMPL(sbuf_add_json_member_writes_key_and_escaped_value)
{
    sbuf b = SBUF_INIT;
    sbuf_addc(&b, '{');
    sbuf_add_json_member(&b, "message", "应为“部署”\n\"x\"", strlen("应为“部署”\n\"x\""));
    sbuf_addc(&b, ',');
    sbuf_add_json_member(&b, "fix", "a\xff", 2);
    sbuf_addc(&b, ',');
    sbuf_add_json_member(&b, "empty", "", 0);
    sbuf_addc(&b, '}');
    ASSERT_STR_EQ(b.s, "{\"message\":\"应为“部署”\\n\\\"x\\\"\",\"fix\":\"a\xEF\xBF\xBD\",\"empty\":\"\"}");
    sbuf_free(&b);
    /* n bounds the value */
    sbuf_add_json_member(&b, "k", "abcdef", 3);
    ASSERT_STR_EQ(b.s, "\"k\":\"abc\"");
    sbuf_free(&b);
}

TEST_IMPL(sbuf_clear_detach_and_free_leave_a_usable_buffer)
{
    sbuf b = SBUF_INIT;
    sbuf_adds(&b, "hello");
    size_t cap = b.cap;
    sbuf_clear(&b);
    ASSERT(holds(&b, "", 0));
    ASSERT_INT_EQ(b.cap, cap); /* the memory is kept for reuse */
    sbuf_adds(&b, "again");
    char *s = sbuf_detach(&b);
    ASSERT_STR_EQ(s, "again");
    ASSERT(b.s == NULL);
    ASSERT_INT_EQ(b.len, 0);
    ASSERT_INT_EQ(b.cap, 0);
    free(s);
    /* detaching an empty buffer gives an empty string of its own */
    s = sbuf_detach(&b);
    ASSERT(s != NULL);
    ASSERT_STR_EQ(s, "");
    free(s);
    sbuf_clear(&b); /* clearing an empty buffer is harmless */
    ASSERT(b.s == NULL);
    sbuf_adds(&b, "x");
    sbuf_free(&b);
    ASSERT(b.s == NULL);
    ASSERT_INT_EQ(b.len, 0);
    ASSERT_INT_EQ(b.cap, 0);
    sbuf_free(&b); /* twice is harmless */
    sbuf_adds(&b, "after free");
    ASSERT(holds(&b, "after free", 10));
    sbuf_free(&b);
}
