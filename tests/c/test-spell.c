/* test-spell.c -- wrong words by the language model (src/spell.c): homophone
 * characters, look-alike characters, homophone words and spun words found with their fix at the
 * right byte columns, in order; text in quotes and 《》, correct text, the
 * characters that stand alone by nature and a source whose margin is 0 are
 * left alone. Runs on the model Park ships. */

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "lm.h"
#include "spell.h"
#include "task.h"
#include "test-util.h"

static lm *model(void)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/data/park.lm", task_root());
    perr e = {0};
    return lm_open(path, &e);
}

static const int defaults[SPELL_SOURCES] = {900, 800, 400, 1000};

static size_t hits_of(const lm *m, const char *s, spell_hit *h) { return spell_line(m, s, strlen(s), defaults, h, 8); }

/* Exactly one hit in s, of source, over the bytes of s from the end of
 * `before` to the end of `through`, with fix. */
static void one_hit(const lm *m, const char *s, int source, const char *before, const char *through, const char *fix)
{
    spell_hit h[8];
    ASSERT_INT_EQ(hits_of(m, s, h), 1);
    ASSERT_INT_EQ(h[0].source, source);
    ASSERT_INT_EQ(h[0].col, strlen(before));
    ASSERT_INT_EQ(h[0].end, strlen(through));
    ASSERT_MEM_EQ(h[0].fix, h[0].fixlen, fix);
}

TEST_IMPL(spell_finds_homophone_typos_with_their_fix)
{
    lm *m = model();
    ASSERT(m != NULL);
    spell_hit h[8];
    const char *s = "切实加强组织领导，狠抓工作洛实。各项指标均完成年度目表。";
    ASSERT_INT_EQ(hits_of(m, s, h), 2);
    ASSERT_INT_EQ(h[0].col, strlen("切实加强组织领导，狠抓工作"));
    ASSERT_INT_EQ(h[0].end, h[0].col + 3);
    ASSERT_MEM_EQ(h[0].fix, h[0].fixlen, "落");
    ASSERT_MEM_EQ(h[1].fix, h[1].fixlen, "标");
    ASSERT(h[1].col > h[0].col);
    lm_close(m);
}

TEST_IMPL(spell_leaves_correct_text_quotes_and_function_characters)
{
    lm *m = model();
    ASSERT(m != NULL);
    spell_hit h[8];
    ASSERT_INT_EQ(hits_of(m, "切实加强组织领导，狠抓工作落实。", h), 0);
    ASSERT_INT_EQ(hits_of(m, "坚持“狠抓工作洛实”，学习《狠抓工作洛实》。", h), 0);
    ASSERT_INT_EQ(hits_of(m, "深入学习贯彻党的十九届历次全会精神，推进金属智造。", h), 0);
    ASSERT_INT_EQ(hits_of(m, "", h), 0);
    lm_close(m);
}

TEST_IMPL(spell_finds_homophone_words_by_their_neighbours)
{
    lm *m = model();
    ASSERT(m != NULL);
    spell_hit h[8];
    const char *s = "建立健全长效机智，完善工作机制。";
    one_hit(m, s, SPELL_WORD, "建立健全长效机", "建立健全长效机智", "制"); /* only the character that changes */
    int off[SPELL_SOURCES] = {900, 0, 600, 1000};
    ASSERT_INT_EQ(spell_line(m, s, strlen(s), off, h, 8), 0);
    ASSERT_INT_EQ(hits_of(m, "他为人机智，反应很快。", h), 0);
    lm_close(m);
}

TEST_IMPL(spell_finds_lookalike_characters_and_only_the_better_of_two_neighbours)
{
    lm *m = model();
    ASSERT(m != NULL);
    spell_hit h[8];
    one_hit(m, "坚持技木创新，推动高质量发展。", SPELL_SHAPE, "坚持技", "坚持技木", "术");
    /* 贯 alone could be 关 (关切), 切 alone 彻 (贯彻): one fix, not two */
    one_hit(m, "要贯切落实党中央决策部署。", SPELL_SHAPE, "要贯", "要贯切", "彻");
    one_hit(m, "这项工作己经完成。", SPELL_SHAPE, "这项工作", "这项工作己", "已");
    int off[SPELL_SOURCES] = {900, 800, 400, 0};
    const char *s = "坚持技木创新，推动高质量发展。";
    ASSERT_INT_EQ(spell_line(m, s, strlen(s), off, h, 8), 0);
    ASSERT_INT_EQ(hits_of(m, "应建必建，全面完善要素保障。", h), 0);
    ASSERT_INT_EQ(hits_of(m, "发展木材加工和家具制造产业。", h), 0);
    lm_close(m);
}

TEST_IMPL(spell_finds_spun_words_by_their_neighbours)
{
    lm *m = model();
    ASSERT(m != NULL);
    spell_hit h[8];
    one_hit(m, "全心全意为人民效劳。", SPELL_SPIN, "全心全意为人民", "全心全意为人民效劳", "服务");
    ASSERT_INT_EQ(hits_of(m, "他愿意为国效劳。", h), 0);
    lm_close(m);
}
