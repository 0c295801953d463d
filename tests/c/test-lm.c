/* test-lm.c -- the language model file (src/lm.c): the model Park ships
 * (data/park.lm) answers word costs and homophones; broken files are
 * refused with a message, whatever they claim. */

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lm.h"
#include "task.h"
#include "test-util.h"

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
    ASSERT(strstr(e.msg, "已损坏或版本不符") != NULL);
    lm *m = open_in_repo("tests/fuzz/corpus/lm/tiny-model", &e);
    ASSERT(m != NULL);
    ASSERT_INT_EQ(lm_cost(m, "落实", strlen("落实")), 600);
    lm_close(m);
}
