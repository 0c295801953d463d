/* test-ac.c -- the Aho-Corasick matcher: overlapping, nested and suffix
 * patterns, very long and single-byte patterns, a randomized comparison with
 * a naive search, stopping from the callback, and threads sharing the lazily
 * filled table. */

#include <pthread.h>
#include <stdlib.h>

#include "ac.h"
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

static void scan(const ac *a, const char *text, hits *hs)
{
    memset(hs, 0, sizeof *hs);
    hs->ordered = 1;
    ac_scan(a, text, strlen(text), collect, hs);
    qsort(hs->h, hs->n, sizeof *hs->h, hit_cmp);
}

static int has(const hits *hs, uint32_t id, size_t start, size_t end)
{
    for (size_t i = 0; i < hs->n; i++)
        if (hs->h[i].id == id && hs->h[i].start == start && hs->h[i].end == end) return 1;
    return 0;
}

TEST_IMPL(ac_reports_overlapping_and_nested_patterns)
{
    ac *a = ac_new();
    ac_add(a, "他们", 6, 1);
    ac_add(a, "们", 3, 2);
    ac_add(a, "他们的", 9, 3);
    ac_add(a, "的书", 6, 4);
    ac_compile(a);
    ASSERT_INT_EQ(ac_count(a), 4);
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
    ac_free(a);
}

TEST_IMPL(ac_reports_a_pattern_that_is_a_suffix_of_another)
{
    ac *a = ac_new();
    ac_add(a, "部署工作", 12, 7);
    ac_add(a, "工作", 6, 8);
    ac_add(a, "署工", 6, 9);
    ac_compile(a);
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
    ac_free(a);
}

TEST_IMPL(ac_finds_patterns_longer_than_255_bytes)
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
    ac *a = ac_new();
    ac_add(a, longp, 300, 1);
    ac_add(a, suffix, 270, 2);
    ac_compile(a);
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
    ac_free(a);
}

TEST_IMPL(ac_matches_single_byte_patterns_inside_multibyte_text)
{
    ac *a = ac_new();
    ac_add(a, ",", 1, 1);
    ac_add(a, "a", 1, 2);
    ac_add(a, "\xE4", 1, 3); /* lead byte of 中 and 们 */
    ac_add(a, "a,", 2, 4);
    ac_compile(a);
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
    ac_free(a);
}

TEST_IMPL(ac_reports_each_id_of_a_pattern_added_twice)
{
    ac *a = ac_new();
    ac_add(a, "布署", 6, 10);
    ac_add(a, "布署", 6, 11);
    ac_compile(a);
    hits hs;
    scan(a, "要布署", &hs);
    ASSERT_INT_EQ(hs.n, 2);
    ASSERT(has(&hs, 10, 3, 9));
    ASSERT(has(&hs, 11, 3, 9));
    ac_free(a);
}

TEST_IMPL(ac_empty_matcher_finds_nothing)
{
    ac *a = ac_new();
    ac_compile(a);
    hits hs;
    scan(a, "任何文字", &hs);
    ASSERT_INT_EQ(hs.n, 0);
    ASSERT_INT_EQ(ac_count(a), 0);
    ac_free(a);
    ac_free(NULL);
}

TEST_IMPL(ac_stops_when_the_callback_returns_nonzero)
{
    ac *a = ac_new();
    ac_add(a, "一", 3, 1);
    ac_compile(a);
    hits hs;
    memset(&hs, 0, sizeof hs);
    hs.stop_at = 2;
    ASSERT_INT_EQ(ac_scan(a, "一一一一一", 15, collect, &hs), 1);
    ASSERT_INT_EQ(hs.n, 2);
    ASSERT_INT_EQ(hs.h[1].start, 3);
    memset(&hs, 0, sizeof hs);
    ASSERT_INT_EQ(ac_scan(a, "一一一一一", 15, collect, &hs), 0);
    ASSERT_INT_EQ(hs.n, 5);
    ac_free(a);
}

/* A small deterministic generator, so failures reproduce. */
static uint32_t rng_state = 12345u;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 16) & 0x7fff;
}

TEST_IMPL(ac_agrees_with_naive_search_on_random_texts)
{
    /* A small alphabet (two ASCII letters and two Chinese characters) makes
     * overlaps, repeats and shared prefixes frequent. */
    static const char *const alpha[] = {"a", "b", "甲", "乙"};
    for (int round = 0; round < 40; round++) {
        char pats[30][32];
        size_t plen[30];
        size_t np = 1 + rng() % 30;
        ac *a = ac_new();
        for (size_t p = 0; p < np; p++) {
            size_t len = 0, k = 1 + rng() % 6;
            for (size_t c = 0; c < k; c++) {
                const char *s = alpha[rng() % 4];
                memcpy(pats[p] + len, s, strlen(s));
                len += strlen(s);
            }
            plen[p] = len;
            ac_add(a, pats[p], len, (uint32_t)p);
        }
        ac_compile(a);
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
        ac_free(a);
    }
}

TEST_IMPL(ac_agrees_with_naive_search_over_all_byte_values)
{
    /* Patterns using every byte value 0-255 (each byte alone, plus random
     * short strings), so no byte is left to share the "unused" class. */
    ac *a = ac_new();
    static char pats[356][4];
    static size_t plen[356];
    size_t np = 0;
    for (int b = 0; b < 256; b++, np++) {
        pats[np][0] = (char)b;
        plen[np] = 1;
        ac_add(a, pats[np], 1, (uint32_t)np);
    }
    for (; np < 356; np++) {
        plen[np] = 2 + rng() % 3;
        for (size_t c = 0; c < plen[np]; c++) pats[np][c] = (char)(0xF8 + rng() % 8); /* F8-FF: many overlaps */
        ac_add(a, pats[np], plen[np], (uint32_t)np);
    }
    ac_compile(a);
    for (int round = 0; round < 20; round++) {
        static char text[600];
        size_t tl = 0;
        while (tl < sizeof text)
            text[tl++] = (char)(rng() % 2 ? 0xF8 + rng() % 8 : rng() % 256);
        static hits got, want;
        memset(&got, 0, sizeof got);
        got.ordered = 1;
        ac_scan(a, text, tl, collect, &got);
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
    ac_free(a);
}

typedef struct ac_thread_job {
    const ac *a;
    const char *text;
    hits *got;
} ac_thread_job;

static void *ac_thread_scan(void *arg)
{
    ac_thread_job *j = arg;
    memset(j->got, 0, sizeof *j->got);
    j->got->ordered = 1;
    ac_scan(j->a, j->text, strlen(j->text), collect, j->got);
    qsort(j->got->h, j->got->n, sizeof *j->got->h, hit_cmp);
    return NULL;
}

TEST_IMPL(ac_threads_filling_one_lazy_table_agree_with_a_fresh_matcher)
{
    /* The transition table is filled by the scans themselves: four threads
     * start on one untouched matcher at once, each must find exactly what a
     * separate matcher finds for its text alone. */
    static const char *const alpha[] = {"a", "b", "甲", "乙", "丙"};
    ac *shared = ac_new(), *fresh = ac_new();
    for (uint32_t p = 0; p < 200; p++) {
        char pat[32];
        size_t len = 0, k = 1 + rng() % 5;
        for (size_t c = 0; c < k; c++) {
            const char *s = alpha[rng() % 5];
            memcpy(pat + len, s, strlen(s));
            len += strlen(s);
        }
        ac_add(shared, pat, len, p);
        ac_add(fresh, pat, len, p);
    }
    ac_compile(shared);
    ac_compile(fresh);
    static char texts[4][3000];
    static hits got[4], want;
    pthread_t th[4];
    ac_thread_job jobs[4];
    for (int t = 0; t < 4; t++) {
        size_t tl = 0;
        while (tl + 4 < sizeof texts[t]) {
            const char *s = alpha[rng() % 5];
            memcpy(texts[t] + tl, s, strlen(s));
            tl += strlen(s);
        }
        texts[t][tl] = '\0';
        jobs[t] = (ac_thread_job){shared, texts[t], &got[t]};
    }
    for (int t = 0; t < 4; t++) ASSERT_INT_EQ(pthread_create(&th[t], NULL, ac_thread_scan, &jobs[t]), 0);
    for (int t = 0; t < 4; t++) pthread_join(th[t], NULL);
    for (int t = 0; t < 4; t++) {
        ac_thread_job one = {fresh, texts[t], &want};
        ac_thread_scan(&one);
        ASSERT(want.n > 100);
        ASSERT(got[t].ordered);
        ASSERT_INT_EQ(got[t].n, want.n);
        for (size_t i = 0; i < want.n; i++) {
            ASSERT_INT_EQ(got[t].h[i].id, want.h[i].id);
            ASSERT_INT_EQ(got[t].h[i].start, want.h[i].start);
        }
    }
    ac_free(shared);
    ac_free(fresh);
}
