/* test-bytemap.c -- the punctuation maps: every mark of every set found at
 * its first byte, wherever it stands (line start and end, after multibyte
 * characters, across the 64-byte words of the map), and nothing for
 * truncated or invalid sequences; walks from a position and to a limit. */

#include "bytemap.h"
#include "task.h"
#include "test-util.h"

static const char *const set_marks[BYTEMAP_NSETS][24] = {
    [BYTEMAP_PAIR] = {"(", ")", "（", "）", "《", "》", "“", "”", "‘", "’", "【", "】", "〔", "〕", "〈", "〉", "「", "」",
                      "『", "』", NULL},
    [BYTEMAP_SENTENCE] = {"。", "！", "？", "；", "!", "?", ";", " ", "\t", "\xE3\x80\x80", "\xC2\xA0", NULL},
    [BYTEMAP_CLAUSE] = {"。", "；", "：", "！", "？", "，", ";", ":", ",", NULL},
    [BYTEMAP_FLAT] = {"、", "（", NULL},
    [BYTEMAP_STOP] = {"。", "！", "？", NULL},
};

/* 1 when a mark of set starts at byte p of s (n bytes). */
static int expect_mark(int set, const char *s, size_t n, size_t p)
{
    for (const char *const *m = set_marks[set]; *m; m++) {
        size_t k = strlen(*m);
        if (n - p >= k && memcmp(s + p, *m, k) == 0) return 1;
    }
    return 0;
}

/* Compares every set's walk over each line of text with expect_mark. */
static int maps_match(const char *text, size_t len)
{
    doc_text d;
    bytemap m;
    doc_init(&d, text, len);
    bytemap_build(&m, &d);
    int ok = 1;
    for (size_t l = 0; l < d.nlines && ok; l++) {
        const doc_line *ln = &d.lines[l];
        for (int set = 0; set < BYTEMAP_NSETS && ok; set++) {
            bytemap_iter it;
            bytemap_seek(&it, &m, set, l, 0, ln->len);
            size_t next = bytemap_next(&it);
            for (size_t p = 0; p < ln->len && ok; p++) {
                if (!expect_mark(set, ln->s, ln->len, p)) continue;
                if (next != p) {
                    printf("  line %zu set %d: mark at %zu, map gives %zu\n", l, set, p, next);
                    ok = 0;
                }
                next = bytemap_next(&it);
            }
            if (ok && next != ln->len) {
                printf("  line %zu set %d: map gives %zu past the last mark\n", l, set, next);
                ok = 0;
            }
        }
    }
    bytemap_free(&m);
    doc_free(&d);
    return ok;
}

TEST_IMPL(bytemap_finds_every_mark_of_every_set)
{
    sbuf t = SBUF_INIT;
    /* each mark alone on a line, at the start of one, after a Han
     * character and at the end */
    for (int set = 0; set < BYTEMAP_NSETS; set++)
        for (const char *const *mk = set_marks[set]; *mk; mk++)
            sbuf_printf(&t, "%s\n%s正文\n正文%s正文\n正文%s\n", *mk, *mk, *mk, *mk);
    /* other punctuation and signs are in no set */
    sbuf_adds(&t, "——…·《》-./%0123456789 ＜＞〇〒〓\xE2\x80\x94\xEF\xBC\x8A\n");
    ASSERT(maps_match(t.s, t.len));
    sbuf_free(&t);
}

TEST_IMPL(bytemap_ignores_truncated_and_invalid_sequences)
{
    static const char text[] = "正文\xEF\xBC\n"          /* （ cut at the line end */
                               "正文\xE3\x80\n"          /* 。 cut */
                               "正文\xC2\n"              /* U+00A0 cut */
                               "\xE2\x80\n"              /* “ cut, alone */
                               "\xE3\x80\x82\x80。\n"    /* 。 then a stray continuation byte */
                               "\xE4\xE3\x80\x82；\n"    /* a lead byte without its continuation */
                               "\xEF\xBC\x41，\xBC\x8C\n" /* a broken ， then a whole one */
                               "\xC0\xAF\xE0\x80\xAF（\n";
    ASSERT(maps_match(text, sizeof text - 1));
}

TEST_IMPL(bytemap_words_meet_at_every_offset)
{
    /* a mark starting at each offset around the 64- and 128-byte word
     * boundaries, and lines of 63, 64, 65 and 0 bytes */
    sbuf t = SBUF_INIT;
    for (size_t at = 56; at < 136; at++) {
        for (size_t i = 0; i < at; i++) sbuf_addc(&t, 'a');
        sbuf_adds(&t, at % 2 ? "（" : "。");
        sbuf_adds(&t, "\n");
    }
    for (size_t len = 63; len <= 65; len++) {
        for (size_t i = 0; i + 3 < len; i++) sbuf_addc(&t, i % 5 ? 'x' : ',');
        sbuf_adds(&t, "\xE3\x80\x82"); /* ends the line: len bytes */
        sbuf_adds(&t, "\n");
    }
    sbuf_adds(&t, "\n\n");
    ASSERT(maps_match(t.s, t.len));
    sbuf_free(&t);
}

TEST_IMPL(bytemap_walks_from_a_position_to_a_limit)
{
    static const char text[] = "一，二，三。四，五";
    doc_text d;
    bytemap m;
    doc_init(&d, text, strlen(text));
    bytemap_build(&m, &d);
    /* ， at 3, 9, 21; 。 at 15 */
    ASSERT_INT_EQ(bytemap_find(&m, BYTEMAP_CLAUSE, 0, 0, d.lines[0].len), 3);
    ASSERT_INT_EQ(bytemap_find(&m, BYTEMAP_CLAUSE, 0, 3, d.lines[0].len), 3);
    ASSERT_INT_EQ(bytemap_find(&m, BYTEMAP_CLAUSE, 0, 4, d.lines[0].len), 9);
    ASSERT_INT_EQ(bytemap_find(&m, BYTEMAP_STOP, 0, 0, d.lines[0].len), 15);
    ASSERT_INT_EQ(bytemap_find(&m, BYTEMAP_STOP, 0, 16, d.lines[0].len), d.lines[0].len);
    /* a limit short of the line hides what lies at or past it */
    ASSERT_INT_EQ(bytemap_find(&m, BYTEMAP_CLAUSE, 0, 10, 15), 15);
    ASSERT_INT_EQ(bytemap_find(&m, BYTEMAP_CLAUSE, 0, 10, 16), 15);
    ASSERT_INT_EQ(bytemap_find(&m, BYTEMAP_FLAT, 0, 0, d.lines[0].len), d.lines[0].len);
    bytemap_free(&m);
    doc_free(&d);
}
