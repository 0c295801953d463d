/* test-lm.c -- the language model file (src/lm.c): the model Park ships
 * (data/park.lm) answers word costs, homophones, look-alikes (every entry
 * of data/shape-pairs.txt), word-pair associations and confusable words; broken files are refused with a message, whatever they
 * claim. */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "lm.h"
#include "task.h"
#include "test-util.h"
#include "utf8.h"

static lm *open_in_repo(const char *rel, perr *e)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", task_root(), rel);
    return lm_open(path, e);
}

TEST_IMPL(lm_shipped_model_knows_words_and_homophones)
{
    perr e = {0};
    lm *m = open_in_repo("data/park.lm", &e);
    ASSERT(m != NULL);
    ASSERT(lm_nwords(m) > 300000);
    int work = lm_cost(m, "工作", strlen("工作")), rare = lm_cost(m, "扶植", strlen("扶植"));
    ASSERT(work > 0 && rare > work);                   /* 工作 is far more common */
    ASSERT_INT_EQ(lm_cost(m, "作工洛", strlen("作工洛")), -1);
    ASSERT(lm_cost(m, "智造", strlen("智造")) > 0);     /* from data/lm-words.txt */
    ASSERT(lm_char_cost(m, 0x7684) >= 0);               /* 的 */
    uint32_t gongzuo[2] = {0x5DE5, 0x4F5C}; /* 工作 */
    ASSERT(lm_may_start(m, gongzuo, 2));
    uint32_t c[40];
    size_t n = lm_homophones(m, 0x6D1B, c, 40);         /* 洛: 落 among them */
    int found = 0;
    for (size_t i = 0; i < n; i++) found |= c[i] == 0x843D;
    ASSERT(found);
    n = lm_lookalikes(m, 0x5DF1, c, 40);                /* 己: 已 first */
    ASSERT(n >= 1 && c[0] == 0x5DF2);
    n = lm_homophones(m, 0x5DF1, c, 40);                /* and 已 is no homophone of 己 */
    for (size_t i = 0; i < n; i++) ASSERT(c[i] != 0x5DF2 && c[i] < 0x110000);
    lm_close(m);
}

TEST_IMPL(lm_refuses_missing_foreign_and_broken_files)
{
    perr e = {0};
    ASSERT(open_in_repo("data/no-such.lm", &e) == NULL);
    ASSERT(strstr(e.msg, "无法打开语言模型") != NULL);
    ASSERT(open_in_repo("README.md", &e) == NULL);
    ASSERT(strstr(e.msg, "不是 Park 的语言模型") != NULL);
    ASSERT(open_in_repo("tests/fuzz/corpus/lm/truncated-header", &e) == NULL);
    ASSERT(open_in_repo("tests/fuzz/corpus/lm/wrong-version", &e) == NULL);
    ASSERT(strstr(e.msg, "版本为 2，本程序需要版本 6") != NULL);
    ASSERT(open_in_repo("tests/fuzz/regressions/lm/floor-overflows-the-segmentation-cost", &e) == NULL);
    ASSERT(strstr(e.msg, "已损坏（文件头）") != NULL);
    lm *m = open_in_repo("tests/fuzz/corpus/lm/tiny-model", &e);
    ASSERT(m != NULL);
    ASSERT_INT_EQ(lm_cost(m, "落实", strlen("落实")), 600);
    uint32_t tizhi[2] = {0x4F53, 0x5236}, jizhi[2] = {0x673A, 0x5236}; /* 体制 机制 */
    ASSERT_INT_EQ(lm_assoc(m, tizhi, 2, jizhi, 2), 600); /* 120 twentieths of a nat */
    ASSERT_INT_EQ(lm_assoc(m, jizhi, 2, tizhi, 2), 0);   /* pairs have an order */
    uint32_t c[4];
    ASSERT_INT_EQ(lm_homophones(m, 0x6728, c, 4), 1);   /* 木: 目 by reading, */
    ASSERT_INT_EQ(c[0], 0x76EE);
    ASSERT_INT_EQ(lm_lookalikes(m, 0x6728, c, 4), 1);   /* 术 by shape */
    ASSERT_INT_EQ(c[0], 0x672F);
    lm_close(m);
}

/* Every cut of a good model, at the end or inside, is refused. */
TEST_IMPL(lm_refuses_every_truncation_of_a_good_model)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/tests/fuzz/corpus/lm/tiny-model", task_root());
    FILE *f = fopen(path, "rb");
    ASSERT(f != NULL);
    static unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    ASSERT(n > 100 && n < sizeof buf);
    perr e = {0};
    lm *m = lm_open_bytes(buf, n, &e);
    ASSERT(m != NULL);
    lm_close(m);
    for (size_t cut = 1; cut < n; cut += cut < 64 ? 1 : 61) {
        ASSERT(lm_open_bytes(buf, n - cut, &e) == NULL);
        ASSERT(strstr(e.msg, "语言模型") != NULL);
    }
}

TEST_IMPL(lm_shipped_model_knows_pairs_and_spun_words)
{
    perr e = {0};
    lm *m = open_in_repo("data/park.lm", &e);
    ASSERT(m != NULL);
    uint32_t renmin[2] = {0x4EBA, 0x6C11}, fuwu[2] = {0x670D, 0x52A1}, xiaolao[2] = {0x6548, 0x52B3};
    ASSERT(lm_assoc(m, renmin, 2, fuwu, 2) > 300);     /* 人民 服务: more than 3 nats */
    ASSERT_INT_EQ(lm_assoc(m, renmin, 2, xiaolao, 2), 0); /* 人民 效劳: unknown */
    long slot = lm_find_cp(m, "效劳", xiaolao, 2);
    ASSERT(slot >= 0 && lm_slot_spun(m, slot));
    uint32_t conf[8];
    size_t n = lm_confusables(m, slot, conf, 8);
    ASSERT(n >= 1 && (conf[0] & LM_SPUN));
    size_t len;
    const char *w = lm_slot_word(m, (long)(conf[0] & ~LM_SPUN), &len);
    ASSERT_MEM_EQ(w, len, "服务");
    long work = lm_find_cp(m, "工作", (uint32_t[]){0x5DE5, 0x4F5C}, 2);
    ASSERT(work >= 0 && !lm_slot_spun(m, work));
    ASSERT_INT_EQ(lm_slot_cost(m, work), lm_cost(m, "工作", strlen("工作")));
    lm_close(m);
}

/* Every entry of data/shape-pairs.txt is in the shipped model: each listed
 * look-alike is among the character's look-alikes there, or, where it is a
 * homophone too, among its homophones. */
TEST_IMPL(lm_shipped_model_holds_every_shape_pair)
{
    char path[PATH_MAX], *text;
    size_t len, entries = 0;
    perr e = {0};
    snprintf(path, sizeof path, "%s/data/shape-pairs.txt", task_root());
    ASSERT_INT_EQ(fileio_read(path, &text, &len, &e), 0);
    lm *m = open_in_repo("data/park.lm", &e);
    ASSERT(m != NULL);
    for (size_t i = 0; i < len;) {
        size_t eol = i;
        while (eol < len && text[eol] != '\n') eol++;
        uint32_t cp, shapes[48], homs[48], x;
        size_t k = text[i] == '#' ? 0 : utf8_decode(text + i, eol - i, &cp);
        if (k && i + k < eol && text[i + k] == '\t') {
            size_t ns = lm_lookalikes(m, cp, shapes, 48), nh = lm_homophones(m, cp, homs, 48);
            for (size_t j = i + k + 1; j < eol; j++) {
                size_t n = utf8_decode(text + j, eol - j, &x);
                if (n == 0 || x == ' ') continue;
                int in = 0;
                for (size_t a = 0; a < ns; a++) in |= shapes[a] == x;
                for (size_t a = 0; a < nh; a++) in |= homs[a] == x;
                ASSERT(in);
                entries++;
                j += n - 1;
            }
        }
        i = eol + 1;
    }
    ASSERT(entries > 10000);
    free(text);
    lm_close(m);
}
