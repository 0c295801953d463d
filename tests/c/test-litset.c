/* test-litset.c -- the literal set: overlapping, nested and suffix patterns,
 * very long and single-byte patterns, the report order, more matches than
 * fit on the stack, randomized comparisons with a naive search, stopping
 * from the callback, and threads sharing one set. */

#include <pthread.h>
#include <stdlib.h>

#include "litset.h"
#include "task.h"

typedef struct hit {
    uint32_t id;
    size_t start, end;
} hit;

typedef struct hits {
    hit h[4096];
    size_t n;
    int ordered;      /* stays 1 while end offsets never decrease */
    size_t stop_at;   /* stop after this many hits (0 = never) */
} hits;

static int collect(void *ctx, uint32_t id, size_t start, size_t end)
{
    hits *hs = ctx;
    if (hs->n && end < hs->h[hs->n - 1].end) hs->ordered = 0;
    if (hs->n < sizeof hs->h / sizeof *hs->h) hs->h[hs->n++] = (hit){id, start, end};
    return hs->stop_at && hs->n >= hs->stop_at;
}

static int hit_cmp(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void scan(const litset *a, const char *text, hits *hs)
{
    memset(hs, 0, sizeof *hs);
    hs->ordered = 1;
    litset_scan(a, text, strlen(text), collect, hs);
    qsort(hs->h, hs->n, sizeof *hs->h, hit_cmp);
}

static int has(const hits *hs, uint32_t id, size_t start, size_t end)
{
    for (size_t i = 0; i < hs->n; i++)
        if (hs->h[i].id == id && hs->h[i].start == start && hs->h[i].end == end) return 1;
    return 0;
}

TEST_IMPL(litset_reports_overlapping_and_nested_patterns)
{
    litset *a = litset_new();
    litset_add(a, "他们", 6, 1);
    litset_add(a, "们", 3, 2);
    litset_add(a, "他们的", 9, 3);
    litset_add(a, "的书", 6, 4);
    litset_compile(a);
    ASSERT_INT_EQ(litset_count(a), 4);
    /* 他0 们3 的6 书9 和12 他15 们18 */
    hits hs;
    scan(a, "他们的书和他们", &hs);
    ASSERT(hs.ordered);
    ASSERT_INT_EQ(hs.n, 6);
    ASSERT(has(&hs, 1, 0, 6));
    ASSERT(has(&hs, 2, 3, 6));
    ASSERT(has(&hs, 3, 0, 9));
    ASSERT(has(&hs, 4, 6, 12));
    ASSERT(has(&hs, 1, 15, 21));
    ASSERT(has(&hs, 2, 18, 21));
    litset_free(a);
}

TEST_IMPL(litset_reports_a_pattern_that_is_a_suffix_of_another)
{
    litset *a = litset_new();
    litset_add(a, "部署工作", 12, 7);
    litset_add(a, "工作", 6, 8);
    litset_add(a, "署工", 6, 9);
    litset_compile(a);
    hits hs;
    /* 认0 真3 部6 署9 工12 作15 ，18 工21 作24 */
    scan(a, "认真部署工作，工作", &hs);
    ASSERT_INT_EQ(hs.n, 4);
    ASSERT(has(&hs, 9, 9, 15));
    ASSERT(has(&hs, 7, 6, 18));
    ASSERT(has(&hs, 8, 12, 18));
    ASSERT(has(&hs, 8, 21, 27));
    /* A prefix of the long pattern alone reports only what it contains. */
    scan(a, "部署工", &hs);
    ASSERT_INT_EQ(hs.n, 1);
    ASSERT(has(&hs, 9, 3, 9));
    litset_free(a);
}

TEST_IMPL(litset_finds_patterns_longer_than_255_bytes)
{
    /* 100 distinct-ish characters: 300 bytes, and a 270-byte suffix of it. */
    char longp[301], suffix[271], text[700];
    static const char *const chars[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子"};
    size_t n = 0;
    for (int i = 0; i < 100; i++) {
        memcpy(longp + n, chars[(i * 7 + i / 11) % 11], 3);
        n += 3;
    }
    longp[n] = '\0';
    ASSERT_INT_EQ(strlen(longp), 300);
    memcpy(suffix, longp + 30, 270);
    suffix[270] = '\0';
    litset *a = litset_new();
    litset_add(a, longp, 300, 1);
    litset_add(a, suffix, 270, 2);
    litset_compile(a);
    /* The long pattern preceded by a false start (its first 290 bytes). */
    snprintf(text, sizeof text, "开%.*s%s尾", 290, longp, longp);
    hits hs;
    scan(a, text, &hs);
    size_t at = 3 + 290;
    ASSERT_INT_EQ(hs.n, 2);
    ASSERT(has(&hs, 1, at, at + 300));
    ASSERT(has(&hs, 2, at + 30, at + 300));
    /* Only the suffix. */
    snprintf(text, sizeof text, "开%s", suffix);
    scan(a, text, &hs);
    ASSERT_INT_EQ(hs.n, 1);
    ASSERT(has(&hs, 2, 3, 273));
    litset_free(a);
}

TEST_IMPL(litset_matches_single_byte_patterns_inside_multibyte_text)
{
    litset *a = litset_new();
    litset_add(a, ",", 1, 1);
    litset_add(a, "a", 1, 2);
    litset_add(a, "\xE4", 1, 3); /* lead byte of 中 and 们 */
    litset_add(a, "a,", 2, 4);
    litset_compile(a);
    hits hs;
    /* a0 ,1 中2 a5 ,6 */
    scan(a, "a,中a,", &hs);
    ASSERT_INT_EQ(hs.n, 7);
    ASSERT(has(&hs, 2, 0, 1));
    ASSERT(has(&hs, 1, 1, 2));
    ASSERT(has(&hs, 4, 0, 2));
    ASSERT(has(&hs, 3, 2, 3));
    ASSERT(has(&hs, 2, 5, 6));
    ASSERT(has(&hs, 1, 6, 7));
    ASSERT(has(&hs, 4, 5, 7));
    litset_free(a);
}

TEST_IMPL(litset_reports_each_id_of_a_pattern_added_twice)
{
    litset *a = litset_new();
    litset_add(a, "布署", 6, 10);
    litset_add(a, "布署", 6, 11);
    litset_compile(a);
    hits hs;
    scan(a, "要布署", &hs);
    ASSERT_INT_EQ(hs.n, 2);
    ASSERT(has(&hs, 10, 3, 9));
    ASSERT(has(&hs, 11, 3, 9));
    litset_free(a);
}

TEST_IMPL(litset_empty_matcher_finds_nothing)
{
    litset *a = litset_new();
    litset_compile(a);
    hits hs;
    scan(a, "任何文字", &hs);
    ASSERT_INT_EQ(hs.n, 0);
    ASSERT_INT_EQ(litset_count(a), 0);
    litset_free(a);
    litset_free(NULL);
}

TEST_IMPL(litset_stops_when_the_callback_returns_nonzero)
{
    litset *a = litset_new();
    litset_add(a, "一", 3, 1);
    litset_compile(a);
    hits hs;
    memset(&hs, 0, sizeof hs);
    hs.stop_at = 2;
    ASSERT_INT_EQ(litset_scan(a, "一一一一一", 15, collect, &hs), 1);
    ASSERT_INT_EQ(hs.n, 2);
    ASSERT_INT_EQ(hs.h[1].start, 3);
    memset(&hs, 0, sizeof hs);
    ASSERT_INT_EQ(litset_scan(a, "一一一一一", 15, collect, &hs), 0);
    ASSERT_INT_EQ(hs.n, 5);
    litset_free(a);
}

typedef struct tally {
    size_t n, last_end, stop_at;
    int ordered;
    hit first[6];
} tally;

static int count_hits(void *ctx, uint32_t id, size_t start, size_t end)
{
    tally *t = ctx;
    if (end < t->last_end) t->ordered = 0;
    t->last_end = end;
    if (t->n < 6) t->first[t->n] = (hit){id, start, end};
    t->n++;
    return t->stop_at && t->n >= t->stop_at;
}

TEST_IMPL(litset_reports_thousands_of_matches_of_one_line_in_end_order)
{
    /* 3,000 一 with 一, 一一 and 一一一: about 9,000 overlapping matches, far
     * more than are kept on the stack, so they are flushed as the scan goes. */
    static char text[9001];
    for (int i = 0; i < 3000; i++) memcpy(text + 3 * i, "一", 3);
    litset *a = litset_new();
    litset_add(a, "一", 3, 1);
    litset_add(a, "一一", 6, 2);
    litset_add(a, "一一一", 9, 3);
    litset_compile(a);
    tally t = {0, 0, 0, 1, {{0}}};
    ASSERT_INT_EQ(litset_scan(a, text, 9000, count_hits, &t), 0);
    ASSERT(t.ordered);
    ASSERT_INT_EQ(t.n, 3000 + 2999 + 2998);
    ASSERT_INT_EQ(t.last_end, 9000);
    /* at one end, the longest first: 一一一, 一一, 一 all end at byte 9 */
    ASSERT_INT_EQ(t.first[3].id, 3);
    ASSERT_INT_EQ(t.first[3].start, 0);
    ASSERT_INT_EQ(t.first[4].id, 2);
    ASSERT_INT_EQ(t.first[4].start, 3);
    ASSERT_INT_EQ(t.first[5].id, 1);
    ASSERT_INT_EQ(t.first[5].start, 6);
    /* stopping in the middle of a flush */
    tally s1000 = {0, 0, 1000, 1, {{0}}};
    ASSERT_INT_EQ(litset_scan(a, text, 9000, count_hits, &s1000), 1);
    ASSERT_INT_EQ(s1000.n, 1000);
    litset_free(a);
}

TEST_IMPL(litset_reports_one_string_added_twice_last_id_first)
{
    litset *a = litset_new();
    litset_add(a, "部署", 6, 10);
    litset_add(a, "部署", 6, 11);
    litset_add(a, "署", 3, 12);
    litset_compile(a);
    hits hs;
    memset(&hs, 0, sizeof hs);
    litset_scan(a, "部署", 6, collect, &hs);
    ASSERT_INT_EQ(hs.n, 3);
    ASSERT_INT_EQ(hs.h[0].id, 11);
    ASSERT_INT_EQ(hs.h[1].id, 10);
    ASSERT_INT_EQ(hs.h[2].id, 12);
    litset_free(a);
}

/* A small deterministic generator, so failures reproduce. */
static uint32_t rng_state = 12345u;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 16) & 0x7fff;
}

TEST_IMPL(litset_agrees_with_naive_search_on_random_texts)
{
    /* A small alphabet (two ASCII letters and two Chinese characters) makes
     * overlaps, repeats and shared prefixes frequent. */
    static const char *const alpha[] = {"a", "b", "甲", "乙"};
    for (int round = 0; round < 40; round++) {
        char pats[30][32];
        size_t plen[30];
        size_t np = 1 + rng() % 30;
        litset *a = litset_new();
        for (size_t p = 0; p < np; p++) {
            size_t len = 0, k = 1 + rng() % 6;
            for (size_t c = 0; c < k; c++) {
                const char *s = alpha[rng() % 4];
                memcpy(pats[p] + len, s, strlen(s));
                len += strlen(s);
            }
            plen[p] = len;
            litset_add(a, pats[p], len, (uint32_t)p);
        }
        litset_compile(a);
        for (int t = 0; t < 10; t++) {
            char text[400];
            size_t tl = 0, k = rng() % 100;
            for (size_t c = 0; c < k; c++) {
                const char *s = alpha[rng() % 4];
                memcpy(text + tl, s, strlen(s));
                tl += strlen(s);
            }
            text[tl] = '\0';
            static hits got, want;
            scan(a, text, &got);
            ASSERT(got.ordered);
            memset(&want, 0, sizeof want);
            for (size_t p = 0; p < np; p++)
                for (size_t i = 0; i + plen[p] <= tl; i++)
                    if (memcmp(text + i, pats[p], plen[p]) == 0) want.h[want.n++] = (hit){(uint32_t)p, i, i + plen[p]};
            qsort(want.h, want.n, sizeof *want.h, hit_cmp);
            ASSERT_INT_EQ(got.n, want.n);
            for (size_t i = 0; i < want.n; i++) {
                ASSERT_INT_EQ(got.h[i].id, want.h[i].id);
                ASSERT_INT_EQ(got.h[i].start, want.h[i].start);
                ASSERT_INT_EQ(got.h[i].end, want.h[i].end);
            }
        }
        litset_free(a);
    }
}

TEST_IMPL(litset_agrees_with_naive_search_over_all_byte_values)
{
    /* Patterns using every byte value 0-255 (each byte alone, plus random
     * short strings), so no byte is left to share the "unused" class. */
    litset *a = litset_new();
    static char pats[356][4];
    static size_t plen[356];
    size_t np = 0;
    for (int b = 0; b < 256; b++, np++) {
        pats[np][0] = (char)b;
        plen[np] = 1;
        litset_add(a, pats[np], 1, (uint32_t)np);
    }
    for (; np < 356; np++) {
        plen[np] = 2 + rng() % 3;
        for (size_t c = 0; c < plen[np]; c++) pats[np][c] = (char)(0xF8 + rng() % 8); /* F8-FF: many overlaps */
        litset_add(a, pats[np], plen[np], (uint32_t)np);
    }
    litset_compile(a);
    for (int round = 0; round < 20; round++) {
        static char text[600];
        size_t tl = 0;
        while (tl < sizeof text)
            text[tl++] = (char)(rng() % 2 ? 0xF8 + rng() % 8 : rng() % 256);
        static hits got, want;
        memset(&got, 0, sizeof got);
        got.ordered = 1;
        litset_scan(a, text, tl, collect, &got);
        ASSERT(got.ordered);
        qsort(got.h, got.n, sizeof *got.h, hit_cmp);
        memset(&want, 0, sizeof want);
        for (size_t p = 0; p < np; p++)
            for (size_t i = 0; i + plen[p] <= tl; i++)
                if (memcmp(text + i, pats[p], plen[p]) == 0 && want.n < 4096)
                    want.h[want.n++] = (hit){(uint32_t)p, i, i + plen[p]};
        qsort(want.h, want.n, sizeof *want.h, hit_cmp);
        ASSERT(want.n < 4096);
        ASSERT_INT_EQ(got.n, want.n);
        for (size_t i = 0; i < want.n; i++) {
            ASSERT_INT_EQ(got.h[i].id, want.h[i].id);
            ASSERT_INT_EQ(got.h[i].start, want.h[i].start);
        }
    }
    litset_free(a);
}

typedef struct litset_thread_job {
    const litset *a;
    const char *text;
    hits *got;
} litset_thread_job;

static void *litset_thread_scan(void *arg)
{
    litset_thread_job *j = arg;
    memset(j->got, 0, sizeof *j->got);
    j->got->ordered = 1;
    litset_scan(j->a, j->text, strlen(j->text), collect, j->got);
    qsort(j->got->h, j->got->n, sizeof *j->got->h, hit_cmp);
    return NULL;
}

TEST_IMPL(litset_threads_sharing_one_set_agree_with_a_set_of_their_own)
{
    /* Four threads start on one untouched set at once; each must find
     * exactly what a separate set finds for its text alone. */
    static const char *const alpha[] = {"a", "b", "甲", "乙", "丙"};
    litset *shared = litset_new(), *fresh = litset_new();
    for (uint32_t p = 0; p < 200; p++) {
        char pat[32];
        size_t len = 0, k = 1 + rng() % 5;
        for (size_t c = 0; c < k; c++) {
            const char *s = alpha[rng() % 5];
            memcpy(pat + len, s, strlen(s));
            len += strlen(s);
        }
        litset_add(shared, pat, len, p);
        litset_add(fresh, pat, len, p);
    }
    litset_compile(shared);
    litset_compile(fresh);
    static char texts[4][3000];
    static hits got[4], want;
    pthread_t th[4];
    litset_thread_job jobs[4];
    for (int t = 0; t < 4; t++) {
        size_t tl = 0;
        while (tl + 4 < sizeof texts[t]) {
            const char *s = alpha[rng() % 5];
            memcpy(texts[t] + tl, s, strlen(s));
            tl += strlen(s);
        }
        texts[t][tl] = '\0';
        jobs[t] = (litset_thread_job){shared, texts[t], &got[t]};
    }
    for (int t = 0; t < 4; t++) ASSERT_INT_EQ(pthread_create(&th[t], NULL, litset_thread_scan, &jobs[t]), 0);
    for (int t = 0; t < 4; t++) pthread_join(th[t], NULL);
    for (int t = 0; t < 4; t++) {
        litset_thread_job one = {fresh, texts[t], &want};
        litset_thread_scan(&one);
        ASSERT(want.n > 100);
        ASSERT(got[t].ordered);
        ASSERT_INT_EQ(got[t].n, want.n);
        for (size_t i = 0; i < want.n; i++) {
            ASSERT_INT_EQ(got[t].h[i].id, want.h[i].id);
            ASSERT_INT_EQ(got[t].h[i].start, want.h[i].start);
        }
    }
    litset_free(shared);
    litset_free(fresh);
}
