/* test-bufstore.c -- the helper's copies of Neovim buffers: a full copy,
 * line-range updates from one changedtick to the next, refusing an update
 * for a copy at another tick, ranges outside the copy, eviction, two stores
 * side by side, the per-line records kept beside a copy, full copies over
 * edited ones. */

#include <stdlib.h>

#include "bufstore.h"
#include "outline.h"
#include "task.h"
#include "test-util.h"

static bufstore_text T(const char *s)
{
    return (bufstore_text){s, strlen(s)};
}

/* The copy of buf as "a|b|c". */
static void joined(bufstore *s, long buf, sbuf *out)
{
    const doc_text *d = bufstore_doc(s, buf, NULL);
    sbuf_clear(out);
    for (size_t i = 0; d && i < d->nlines; i++) {
        if (i) sbuf_addc(out, '|');
        sbuf_add(out, d->lines[i].s, d->lines[i].len);
    }
    if (!out->s) sbuf_adds(out, "");
}

TEST_IMPL(bufstore_full_copy_then_line_range_updates)
{
    bufstore *s = bufstore_new();
    perr e = {0};
    bufstore_text all[] = {T("一、甲"), T("正文"), T("二、乙")};
    ASSERT_INT_EQ(bufstore_update(s, 3, 10, 1, 0, 0, 0, all, 3, &e), 0);
    sbuf b = SBUF_INIT;
    joined(s, 3, &b);
    ASSERT_STR_EQ(b.s, "一、甲|正文|二、乙");
    ASSERT_INT_EQ(bufstore_bytes(s, 3), 10 + 7 + 10);
    ASSERT_INT_EQ(bufstore_bytes(s, 4), 0);
    long tick = 0;
    ASSERT(bufstore_doc(s, 3, &tick) != NULL);
    ASSERT_INT_EQ(tick, 10);
    /* change line 1 in place */
    bufstore_text one[] = {T("正文改")};
    ASSERT_INT_EQ(bufstore_update(s, 3, 11, 0, 10, 1, 2, one, 1, &e), 0);
    joined(s, 3, &b);
    ASSERT_STR_EQ(b.s, "一、甲|正文改|二、乙");
    ASSERT_INT_EQ(bufstore_bytes(s, 3), 10 + 10 + 10);
    /* insert two lines before line 2 */
    bufstore_text two[] = {T("（一）子"), T("")};
    ASSERT_INT_EQ(bufstore_update(s, 3, 12, 0, 11, 2, 2, two, 2, &e), 0);
    joined(s, 3, &b);
    ASSERT_STR_EQ(b.s, "一、甲|正文改|（一）子||二、乙");
    /* delete lines 0-1 */
    ASSERT_INT_EQ(bufstore_update(s, 3, 13, 0, 12, 0, 2, NULL, 0, &e), 0);
    joined(s, 3, &b);
    ASSERT_STR_EQ(b.s, "（一）子||二、乙");
    ASSERT_INT_EQ(bufstore_bytes(s, 3), 13 + 1 + 10);
    /* nothing changed but the tick */
    ASSERT_INT_EQ(bufstore_update(s, 3, 14, 0, 13, 0, 0, NULL, 0, &e), 0);
    ASSERT(bufstore_doc(s, 3, &tick) != NULL);
    ASSERT_INT_EQ(tick, 14);
    sbuf_free(&b);
    bufstore_free(s);
}

TEST_IMPL(bufstore_refuses_updates_it_cannot_apply)
{
    bufstore *s = bufstore_new();
    perr e = {0};
    bufstore_text all[] = {T("a"), T("b")};
    /* unknown buffer */
    ASSERT_INT_EQ(bufstore_update(s, 5, 2, 0, 1, 0, 0, all, 1, &e), PARK_ENOENT);
    ASSERT_INT_EQ(bufstore_update(s, 5, 2, 1, 0, 0, 0, all, 2, &e), 0);
    /* a copy at another tick */
    ASSERT_INT_EQ(bufstore_update(s, 5, 4, 0, 3, 0, 1, all, 1, &e), PARK_ENOENT);
    ASSERT(strstr(e.msg, "5") != NULL);
    /* a range outside the copy */
    ASSERT_INT_EQ(bufstore_update(s, 5, 3, 0, 2, 1, 5, all, 1, &e), PARK_EPARAM);
    ASSERT_INT_EQ(bufstore_update(s, 5, 3, 0, 2, 2, 1, all, 1, &e), PARK_EPARAM);
    /* the copy is intact */
    const doc_text *d = bufstore_doc(s, 5, NULL);
    ASSERT(d != NULL);
    ASSERT_INT_EQ(d->nlines, 2);
    bufstore_drop(s, 5);
    ASSERT(bufstore_doc(s, 5, NULL) == NULL);
    bufstore_free(s);
}

TEST_IMPL(bufstore_evicts_the_least_recently_used_buffer)
{
    bufstore *s = bufstore_new();
    perr e = {0};
    bufstore_text one[] = {T("x")};
    for (long b = 1; b <= BUFSTORE_MAX; b++) ASSERT_INT_EQ(bufstore_update(s, b, 1, 1, 0, 0, 0, one, 1, &e), 0);
    /* touch buffer 1, then add one more: buffer 2 goes */
    ASSERT_INT_EQ(bufstore_update(s, 1, 2, 0, 1, 0, 1, one, 1, &e), 0);
    ASSERT_INT_EQ(bufstore_update(s, 100, 1, 1, 0, 0, 0, one, 1, &e), 0);
    ASSERT(bufstore_doc(s, 1, NULL) != NULL);
    ASSERT(bufstore_doc(s, 2, NULL) == NULL);
    ASSERT(bufstore_doc(s, 100, NULL) != NULL);
    bufstore_drop(s, -1);
    ASSERT(bufstore_doc(s, 1, NULL) == NULL);
    bufstore_free(s);
}

TEST_IMPL(bufstore_two_stores_keep_separate_copies_of_the_same_buffer)
{
    bufstore *a = bufstore_new(), *b = bufstore_new();
    perr e = {0};
    bufstore_text x[] = {T("一、甲"), T("正文")}, y[] = {T("二、乙")};
    ASSERT_INT_EQ(bufstore_update(a, 3, 10, 1, 0, 0, 0, x, 2, &e), 0);
    ASSERT(bufstore_doc(b, 3, NULL) == NULL);
    /* an edit meant for a's copy finds none in b */
    ASSERT_INT_EQ(bufstore_update(b, 3, 11, 0, 10, 0, 1, y, 1, &e), PARK_ENOENT);
    ASSERT_INT_EQ(bufstore_update(b, 3, 20, 1, 0, 0, 0, y, 1, &e), 0);
    sbuf out = SBUF_INIT;
    joined(a, 3, &out);
    ASSERT_STR_EQ(out.s, "一、甲|正文");
    joined(b, 3, &out);
    ASSERT_STR_EQ(out.s, "二、乙");
    long tick = 0;
    ASSERT(bufstore_doc(a, 3, &tick) != NULL);
    ASSERT_INT_EQ(tick, 10);
    bufstore_drop(b, -1);
    ASSERT(bufstore_doc(a, 3, NULL) != NULL);
    bufstore_free(b);
    joined(a, 3, &out);
    ASSERT_STR_EQ(out.s, "一、甲|正文");
    bufstore_free(a);
    bufstore_free(NULL);
    sbuf_free(&out);
}

/* aux records as "1.0.3" (their first byte each). */
static void aux_joined(bufstore *s, long buf, sbuf *out)
{
    const doc_text *d = bufstore_doc(s, buf, NULL);
    const unsigned char *a = bufstore_aux(s, buf, 2);
    sbuf_clear(out);
    for (size_t i = 0; d && i < d->nlines; i++) sbuf_printf(out, i ? ".%d" : "%d", a[2 * i]);
    if (!out->s) sbuf_adds(out, "");
}

TEST_IMPL(bufstore_aux_records_move_with_their_lines)
{
    bufstore *s = bufstore_new();
    perr e = {0};
    ASSERT(bufstore_aux(s, 9, 2) == NULL); /* no copy yet */
    bufstore_text all[] = {T("a"), T("b"), T("c"), T("d")};
    ASSERT_INT_EQ(bufstore_update(s, 9, 1, 1, 0, 0, 0, all, 4, &e), 0);
    unsigned char *a = bufstore_aux(s, 9, 2);
    ASSERT(a != NULL);
    for (int i = 0; i < 4; i++) ASSERT_INT_EQ(a[2 * i], 0);
    for (int i = 0; i < 4; i++) a[2 * i] = (unsigned char)(i + 1);
    sbuf b = SBUF_INIT;
    aux_joined(s, 9, &b);
    ASSERT_STR_EQ(b.s, "1.2.3.4");
    /* replace line 1 with two lines: their records are new (0), the others move */
    bufstore_text two[] = {T("x"), T("y")};
    ASSERT_INT_EQ(bufstore_update(s, 9, 2, 0, 1, 1, 2, two, 2, &e), 0);
    aux_joined(s, 9, &b);
    ASSERT_STR_EQ(b.s, "1.0.0.3.4");
    /* delete the first two lines */
    ASSERT_INT_EQ(bufstore_update(s, 9, 3, 0, 2, 0, 2, NULL, 0, &e), 0);
    aux_joined(s, 9, &b);
    ASSERT_STR_EQ(b.s, "0.3.4");
    /* grow far past the capacity: records still follow */
    bufstore_text many[40];
    for (int i = 0; i < 40; i++) many[i] = T("m");
    ASSERT_INT_EQ(bufstore_update(s, 9, 4, 0, 3, 1, 1, many, 40, &e), 0);
    a = bufstore_aux(s, 9, 2);
    ASSERT_INT_EQ(a[0], 0);
    for (int i = 1; i <= 40; i++) ASSERT_INT_EQ(a[2 * i], 0);
    ASSERT_INT_EQ(a[2 * 41], 3);
    ASSERT_INT_EQ(a[2 * 42], 4);
    /* a full copy zeroes them all */
    a[2 * 42] = 7;
    ASSERT_INT_EQ(bufstore_update(s, 9, 5, 1, 0, 0, 0, all, 4, &e), 0);
    aux_joined(s, 9, &b);
    ASSERT_STR_EQ(b.s, "0.0.0.0");
    /* another record size starts afresh */
    a = bufstore_aux(s, 9, 2);
    a[0] = 5;
    unsigned char *w = bufstore_aux(s, 9, 8);
    ASSERT(w != NULL);
    ASSERT_INT_EQ(w[0], 0);
    sbuf_free(&b);
    bufstore_free(s);
}

TEST_IMPL(bufstore_full_copies_reuse_their_memory_and_edits_mix_in)
{
    bufstore *s = bufstore_new();
    perr e = {0};
    bufstore_text all[] = {T("一、甲"), T(""), T("正文")};
    ASSERT_INT_EQ(bufstore_update(s, 4, 1, 1, 0, 0, 0, all, 3, &e), 0);
    const doc_text *d = bufstore_doc(s, 4, NULL);
    for (size_t i = 0; i < 3; i++) {
        ASSERT_INT_EQ(d->lines[i].len, all[i].n);
        ASSERT_INT_EQ(d->lines[i].s[d->lines[i].len], '\0');
    }
    /* edited lines (separately allocated) next to copied ones, then a
     * second full copy over both, then edits again */
    bufstore_text one[] = {T("二、乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙")};
    ASSERT_INT_EQ(bufstore_update(s, 4, 2, 0, 1, 1, 2, one, 1, &e), 0);
    bufstore_text again[] = {T("x"), T("y")};
    ASSERT_INT_EQ(bufstore_update(s, 4, 3, 1, 0, 0, 0, again, 2, &e), 0);
    sbuf b = SBUF_INIT;
    joined(s, 4, &b);
    ASSERT_STR_EQ(b.s, "x|y");
    ASSERT_INT_EQ(bufstore_update(s, 4, 4, 0, 3, 0, 1, one, 1, &e), 0);
    joined(s, 4, &b);
    ASSERT_STR_EQ(b.s, "二、乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙|y");
    /* a bigger full copy than the memory kept */
    bufstore_text big[] = {T("一、甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲"), T("正文正文正文正文正文正文正文正文正文正文"), T("")};
    ASSERT_INT_EQ(bufstore_update(s, 4, 5, 1, 0, 0, 0, big, 3, &e), 0);
    joined(s, 4, &b);
    ASSERT_STR_EQ(b.s, "一、甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲甲|正文正文正文正文正文正文正文正文正文正文|");
    /* an empty full copy */
    ASSERT_INT_EQ(bufstore_update(s, 4, 6, 1, 0, 0, 0, NULL, 0, &e), 0);
    ASSERT_INT_EQ(bufstore_doc(s, 4, NULL)->nlines, 0);
    sbuf_free(&b);
    bufstore_free(s);
}

/* A buffer sent whole that is large enough to be copied and marked on two
 * threads (over 1 MB, over 4,096 lines) gives the same copy and the same
 * fold levels as parsing the lines directly. */
TEST_IMPL(bufstore_large_buffer_copied_and_marked_in_halves_matches_a_direct_parse)
{
    bufstore *s = bufstore_new();
    static const char *const kinds[] = {"一、总体情况", "（一）主要做法", "1.加强组织领导", "（1）细化责任分工",
                                        "一是完善制度。二是强化考核。", "", "　　正文段落"};
    enum { N = 6000 };
    bufstore_text *lines = calloc(N, sizeof *lines);
    char **owned = calloc(N, sizeof *owned);
    uint32_t seed = 11;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        const char *k = kinds[(seed >> 16) % 7];
        sbuf b = SBUF_INIT;
        sbuf_adds(&b, k);
        for (int r = 0; r < 20 && *k; r++) sbuf_adds(&b, "园区经济运行总体平稳，");
        owned[i] = sbuf_detach(&b);
        lines[i] = T(owned[i]);
    }
    perr e = {0};
    ASSERT_INT_EQ(bufstore_update(s, 77, 1, 1, 0, 0, 0, lines, N, &e), 0);
    const doc_text *d = bufstore_doc(s, 77, NULL);
    ASSERT_INT_EQ(d->nlines, N);
    size_t bytes = 0;
    for (size_t i = 0; i < N; i++) {
        ASSERT_INT_EQ(d->lines[i].len, lines[i].n);
        ASSERT(memcmp(d->lines[i].s, lines[i].s, lines[i].n) == 0 && d->lines[i].s[lines[i].n] == '\0');
        bytes += lines[i].n;
    }
    ASSERT(bytes > (1u << 20));
    outline kept, direct;
    outline_parse_with(&kept, d, OUTLINE_FOLDS, bufstore_aux(s, 77, sizeof(outline_mark)), NULL);
    outline_parse(&direct, d, OUTLINE_FOLDS);
    ASSERT_INT_EQ(kept.nlines, direct.nlines);
    ASSERT_INT_EQ(kept.nh, direct.nh);
    ASSERT(kept.nh > 1000);
    for (size_t i = 0; i < N; i++) ASSERT_INT_EQ(kept.fold[i], direct.fold[i]);
    outline_free(&kept);
    outline_free(&direct);
    bufstore_drop(s, 77);
    for (size_t i = 0; i < N; i++) free(owned[i]);
    free(owned);
    free(lines);
    bufstore_free(s);
}
