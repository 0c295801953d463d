/* test-bufstore.c -- the helper's copies of Neovim buffers: a full copy,
 * line-range updates from one changedtick to the next, refusing an update
 * for a copy at another tick, ranges outside the copy, eviction. */

#include "bufstore.h"
#include "task.h"
#include "test-util.h"

static bufstore_text T(const char *s)
{
    return (bufstore_text){s, strlen(s)};
}

/* The copy of buf as "a|b|c". */
static void joined(long buf, sbuf *out)
{
    const check_doc *d = bufstore_doc(buf, NULL);
    sbuf_clear(out);
    for (size_t i = 0; d && i < d->nlines; i++) {
        if (i) sbuf_addc(out, '|');
        sbuf_add(out, d->lines[i].s, d->lines[i].len);
    }
    if (!out->s) sbuf_adds(out, "");
}

TEST_IMPL(bufstore_full_copy_then_line_range_updates)
{
    bufstore_drop(-1);
    perr e = {0};
    bufstore_text all[] = {T("一、甲"), T("正文"), T("二、乙")};
    ASSERT_INT_EQ(bufstore_update(3, 10, 1, 0, 0, 0, all, 3, &e), 0);
    sbuf b = SBUF_INIT;
    joined(3, &b);
    ASSERT_STR_EQ(b.s, "一、甲|正文|二、乙");
    long tick = 0;
    ASSERT(bufstore_doc(3, &tick) != NULL);
    ASSERT_INT_EQ(tick, 10);
    /* change line 1 in place */
    bufstore_text one[] = {T("正文改")};
    ASSERT_INT_EQ(bufstore_update(3, 11, 0, 10, 1, 2, one, 1, &e), 0);
    joined(3, &b);
    ASSERT_STR_EQ(b.s, "一、甲|正文改|二、乙");
    /* insert two lines before line 2 */
    bufstore_text two[] = {T("（一）子"), T("")};
    ASSERT_INT_EQ(bufstore_update(3, 12, 0, 11, 2, 2, two, 2, &e), 0);
    joined(3, &b);
    ASSERT_STR_EQ(b.s, "一、甲|正文改|（一）子||二、乙");
    /* delete lines 0-1 */
    ASSERT_INT_EQ(bufstore_update(3, 13, 0, 12, 0, 2, NULL, 0, &e), 0);
    joined(3, &b);
    ASSERT_STR_EQ(b.s, "（一）子||二、乙");
    /* nothing changed but the tick */
    ASSERT_INT_EQ(bufstore_update(3, 14, 0, 13, 0, 0, NULL, 0, &e), 0);
    ASSERT(bufstore_doc(3, &tick) != NULL);
    ASSERT_INT_EQ(tick, 14);
    sbuf_free(&b);
    bufstore_drop(-1);
}

TEST_IMPL(bufstore_refuses_updates_it_cannot_apply)
{
    bufstore_drop(-1);
    perr e = {0};
    bufstore_text all[] = {T("a"), T("b")};
    /* unknown buffer */
    ASSERT_INT_EQ(bufstore_update(5, 2, 0, 1, 0, 0, all, 1, &e), PARK_ENOENT);
    ASSERT_INT_EQ(bufstore_update(5, 2, 1, 0, 0, 0, all, 2, &e), 0);
    /* a copy at another tick */
    ASSERT_INT_EQ(bufstore_update(5, 4, 0, 3, 0, 1, all, 1, &e), PARK_ENOENT);
    ASSERT(strstr(e.msg, "5") != NULL);
    /* a range outside the copy */
    ASSERT_INT_EQ(bufstore_update(5, 3, 0, 2, 1, 5, all, 1, &e), PARK_EPARAM);
    ASSERT_INT_EQ(bufstore_update(5, 3, 0, 2, 2, 1, all, 1, &e), PARK_EPARAM);
    /* the copy is intact */
    const check_doc *d = bufstore_doc(5, NULL);
    ASSERT(d != NULL);
    ASSERT_INT_EQ(d->nlines, 2);
    bufstore_drop(5);
    ASSERT(bufstore_doc(5, NULL) == NULL);
}

TEST_IMPL(bufstore_evicts_the_least_recently_used_buffer)
{
    bufstore_drop(-1);
    perr e = {0};
    bufstore_text one[] = {T("x")};
    for (long b = 1; b <= BUFSTORE_MAX; b++) ASSERT_INT_EQ(bufstore_update(b, 1, 1, 0, 0, 0, one, 1, &e), 0);
    /* touch buffer 1, then add one more: buffer 2 goes */
    ASSERT_INT_EQ(bufstore_update(1, 2, 0, 1, 0, 1, one, 1, &e), 0);
    ASSERT_INT_EQ(bufstore_update(100, 1, 1, 0, 0, 0, one, 1, &e), 0);
    ASSERT(bufstore_doc(1, NULL) != NULL);
    ASSERT(bufstore_doc(2, NULL) == NULL);
    ASSERT(bufstore_doc(100, NULL) != NULL);
    bufstore_drop(-1);
    ASSERT(bufstore_doc(1, NULL) == NULL);
}
