/* test-doc.c -- cutting a text into lines (src/doc.c): \n and \r\n, the lone
 * \r at the end of a CRLF file, a leading BOM counted in the first line's
 * coloff, empty text, a trailing newline, and lines that borrow the
 * caller's bytes. */

#include "doc.h"
#include "task.h"

/* Line i of d is the len bytes at text + off, with coloff. */
static int line_is(const doc_text *d, size_t i, const char *text, size_t off, size_t len, size_t coloff)
{
    return i < d->nlines && d->lines[i].s == text + off && d->lines[i].len == len && d->lines[i].coloff == coloff;
}

TEST_IMPL(doc_init_splits_at_newlines_and_a_trailing_newline_adds_no_line)
{
    doc_text d;
    const char *text = "ab\n\ncd";
    doc_init(&d, text, 6);
    ASSERT_INT_EQ(d.nlines, 3);
    ASSERT(line_is(&d, 0, text, 0, 2, 0));
    ASSERT(line_is(&d, 1, text, 3, 0, 0)); /* the empty line between */
    ASSERT(line_is(&d, 2, text, 4, 2, 0));
    ASSERT_INT_EQ(d.crlf, 0);
    ASSERT_INT_EQ(d.utf8_valid, 0);
    ASSERT(d.orig_col == NULL);
    doc_free(&d);
    /* "ab\n" is one line; "ab\n\n" two, the second empty; "\n" one empty */
    doc_init(&d, "ab\n", 3);
    ASSERT_INT_EQ(d.nlines, 1);
    ASSERT_INT_EQ(d.lines[0].len, 2);
    doc_free(&d);
    doc_init(&d, "ab\n\n", 4);
    ASSERT_INT_EQ(d.nlines, 2);
    ASSERT_INT_EQ(d.lines[1].len, 0);
    doc_free(&d);
    doc_init(&d, "\n", 1);
    ASSERT_INT_EQ(d.nlines, 1);
    ASSERT_INT_EQ(d.lines[0].len, 0);
    doc_free(&d);
}

TEST_IMPL(doc_init_of_empty_text_has_no_lines)
{
    doc_text d;
    doc_init(&d, "", 0);
    ASSERT_INT_EQ(d.nlines, 0);
    ASSERT_INT_EQ(d.crlf, 0);
    doc_free(&d);
    ASSERT(d.lines == NULL);
    ASSERT_INT_EQ(d.nlines, 0);
    /* the length decides, not a NUL: only the first 2 bytes are the text */
    doc_init(&d, "ab\ncd", 2);
    ASSERT_INT_EQ(d.nlines, 1);
    ASSERT_INT_EQ(d.lines[0].len, 2);
    doc_free(&d);
}

TEST_IMPL(doc_init_drops_the_cr_of_crlf_and_keeps_a_lone_cr)
{
    doc_text d;
    const char *text = "ab\r\n\r\ncd\r\r\nef";
    doc_init(&d, text, strlen(text));
    ASSERT_INT_EQ(d.nlines, 4);
    ASSERT_INT_EQ(d.crlf, 1);
    ASSERT(line_is(&d, 0, text, 0, 2, 0));
    ASSERT(line_is(&d, 1, text, 4, 0, 0));
    ASSERT(line_is(&d, 2, text, 6, 3, 0)); /* "cd\r": only the \r before \n goes */
    ASSERT(line_is(&d, 3, text, 11, 2, 0));
    doc_free(&d);
    /* a \r not before \n, in a file without CRLF, is text */
    text = "ab\rcd\nef\r";
    doc_init(&d, text, strlen(text));
    ASSERT_INT_EQ(d.crlf, 0);
    ASSERT_INT_EQ(d.nlines, 2);
    ASSERT(line_is(&d, 0, text, 0, 5, 0));
    ASSERT(line_is(&d, 1, text, 6, 3, 0));
    doc_free(&d);
}

TEST_IMPL(doc_init_drops_a_cr_at_the_end_of_a_crlf_file)
{
    doc_text d;
    const char *text = "ab\r\ncd\r";
    doc_init(&d, text, strlen(text));
    ASSERT_INT_EQ(d.crlf, 1);
    ASSERT_INT_EQ(d.nlines, 2);
    ASSERT(line_is(&d, 1, text, 4, 2, 0));
    doc_free(&d);
    /* the same last line without an earlier \r\n keeps its \r */
    text = "ab\ncd\r";
    doc_init(&d, text, strlen(text));
    ASSERT_INT_EQ(d.crlf, 0);
    ASSERT(line_is(&d, 1, text, 3, 3, 0));
    doc_free(&d);
}

TEST_IMPL(doc_init_skips_a_bom_and_counts_it_in_line_0_only)
{
    doc_text d;
    const char *text = "\xEF\xBB\xBF一、总体\r\n二";
    doc_init(&d, text, strlen(text));
    ASSERT_INT_EQ(d.nlines, 2);
    ASSERT(line_is(&d, 0, text, 3, 12, 3));
    ASSERT(line_is(&d, 1, text, 17, 3, 0));
    ASSERT_INT_EQ(d.crlf, 1);
    doc_free(&d);
    /* a BOM alone is no line; a BOM then \n is one empty line */
    doc_init(&d, "\xEF\xBB\xBF", 3);
    ASSERT_INT_EQ(d.nlines, 0);
    doc_free(&d);
    text = "\xEF\xBB\xBF\n";
    doc_init(&d, text, 4);
    ASSERT_INT_EQ(d.nlines, 1);
    ASSERT(line_is(&d, 0, text, 3, 0, 3));
    doc_free(&d);
    /* a cut BOM, or one after the start, is text */
    text = "\xEF\xBB";
    doc_init(&d, text, 2);
    ASSERT_INT_EQ(d.nlines, 1);
    ASSERT(line_is(&d, 0, text, 0, 2, 0));
    doc_free(&d);
    text = "a\n\xEF\xBB\xBF" "b";
    doc_init(&d, text, strlen(text));
    ASSERT_INT_EQ(d.nlines, 2);
    ASSERT(line_is(&d, 0, text, 0, 1, 0));
    ASSERT(line_is(&d, 1, text, 2, 4, 0));
    doc_free(&d);
}

TEST_IMPL(doc_init_lengths_are_bytes_of_chinese_text)
{
    doc_text d;
    /* 4 and 5 characters of 3 bytes each */
    const char *text = "园区工作\n稳步推进。\n";
    doc_init(&d, text, strlen(text));
    ASSERT_INT_EQ(d.nlines, 2);
    ASSERT(line_is(&d, 0, text, 0, 12, 0));
    ASSERT(line_is(&d, 1, text, 13, 15, 0));
    ASSERT(memcmp(d.lines[1].s, "稳步推进。", 15) == 0);
    doc_free(&d);
}

TEST_IMPL(doc_init_many_lines_borrow_the_text_in_order)
{
    enum { N = 5000 };
    static char text[2 * N];
    for (size_t i = 0; i < N; i++) text[2 * i] = (char)('a' + i % 26), text[2 * i + 1] = '\n';
    doc_text d;
    doc_init(&d, text, sizeof text);
    ASSERT_INT_EQ(d.nlines, N);
    for (size_t i = 0; i < N; i++) ASSERT(line_is(&d, i, text, 2 * i, 1, 0));
    doc_free(&d);
    ASSERT(d.lines == NULL);
}
