/* test-outline_items.c -- the numbered lists inside paragraphs (src/
 * outline_items.c): 一是/二是, 第一，/第二， and 首先，/其次， at clause starts,
 * their sequences per section, clause ends in broken UTF-8, and the item
 * that lost its 是 in the gap of a sequence. */

#include "task.h"
#include "test-outline.h"

static int item(size_t i, int kind, int number, int seq, const char *text)
{
    if (i >= tol.nitems) return 0;
    const outline_item *it = &tol.items[i];
    const doc_line *ln = &tdoc.lines[it->line];
    return it->kind == kind && it->number == number && it->seq == seq && it->end - it->col == strlen(text) &&
           memcmp(ln->s + it->col, text, strlen(text)) == 0;
}

TEST_IMPL(outline_items_and_their_sequences)
{
    parse("一、主要工作\n主要做法：一是加强领导；二是完善机制。存在问题：一是投入不足，二是人才短缺。\n"
          "三是强化考核。\n二、下一步\n第一，要提高站位；第二，要压实责任。首先，要学习；其次，要落实。\n",
          OUTLINE_ITEMS);
    ASSERT_INT_EQ(tol.nitems, 9);
    ASSERT(item(0, OUTLINE_ITEM_SHI, 1, 1, "一是"));
    ASSERT(item(1, OUTLINE_ITEM_SHI, 2, 1, "二是"));
    ASSERT(item(2, OUTLINE_ITEM_SHI, 1, 2, "一是"));
    ASSERT(item(3, OUTLINE_ITEM_SHI, 2, 2, "二是"));
    ASSERT(item(4, OUTLINE_ITEM_SHI, 3, 2, "三是"));
    ASSERT_INT_EQ(tol.items[5].kind, OUTLINE_ITEM_DI);
    ASSERT_MEM_EQ(tdoc.lines[4].s + tol.items[5].col, tol.items[5].end - tol.items[5].col, "第一");
    ASSERT_INT_EQ(tol.items[6].number, 2);
    ASSERT_INT_EQ(tol.items[7].kind, OUTLINE_ITEM_ORDINAL);
    ASSERT_INT_EQ(tol.items[8].number, 2);
    ASSERT_INT_EQ(tol.items[0].section, 0);
    ASSERT_INT_EQ(tol.items[5].section, 1);
    /* Not items: inside words, the 一是一 idiom, 第一 without a comma. */
    parse("坚持统一是前提，做到一是一、二是二，全区第一，第一书记。一是一，二是二。\n", OUTLINE_ITEMS);
    ASSERT_INT_EQ(tol.nitems, 0);
    /* Items whose text starts with a numeral: 一是四个…, 二是三项…, 三是十个… */
    parse("一是四个园区建设有所突破。二是三项制度落地。三是十个项目开工。四是一个都不能少。\n", OUTLINE_ITEMS);
    ASSERT_INT_EQ(tol.nitems, 4);
    for (size_t i = 0; i < 4; i++) ASSERT(item(i, OUTLINE_ITEM_SHI, (int)i + 1, 1, i == 0 ? "一是" : i == 1 ? "二是" : i == 2 ? "三是" : "四是"));
    done();
}

TEST_IMPL(outline_items_at_clause_ends_in_broken_text)
{
    /* The scan steps over a character by the length its lead byte claims;
     * a broken character before a clause end can swallow the end, and
     * then no item starts after it. */
    static const struct {
        const char *text;
        size_t items;
    } cases[] = {
        {"一是甲；三是乙", 2},
        {"一是甲\xE4；三是乙", 1},         /* E4 claims the lead byte of ； */
        {"一是甲\xC3；三是乙", 1},         /* so does C3 */
        {"一是甲\xE4\x80\xC3；三是乙", 2}, /* C3 is inside E4's claim: ； is reached */
        {"一是甲；\xE4三是乙", 1},         /* the item itself is broken */
        {"\xE4一是甲；三是乙\xEF\xBC", 1},  /* a broken line start; a cut mark at the end */
        {"一是甲\xEF\xBC三是乙；四是丙", 2}, /* a cut ， is no clause end */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        parse(cases[i].text, OUTLINE_ITEMS);
        if (tol.nitems != cases[i].items) {
            task_fail(__FILE__, __LINE__, "case %zu: %zu items, want %zu", i, tol.nitems, cases[i].items);
            done();
            return;
        }
    }
    done();
}

TEST_IMPL(outline_items_lost_shi_fills_the_gap_of_a_sequence)
{
    parse("一是加强组织领导；二完善工作机制；三是强化督查考核。\n", OUTLINE_ITEMS);
    ASSERT_INT_EQ(tol.nitems, 3);
    ASSERT_INT_EQ(tol.items[1].kind, OUTLINE_ITEM_LOST_SHI);
    ASSERT_INT_EQ(tol.items[1].number, 2);
    ASSERT_INT_EQ(tol.items[1].seq, tol.items[0].seq);
    ASSERT_MEM_EQ(tdoc.lines[0].s + tol.items[1].col, tol.items[1].end - tol.items[1].col, "二");
    /* 二期 is also a word: a gap item, which keeps the sequence whole (三是
     * is no skip) and is not reported as a lost 是. */
    parse("一是加快一期建设；二期工程已开工；三是强化督查考核。\n", OUTLINE_ITEMS);
    ASSERT_INT_EQ(tol.nitems, 3);
    ASSERT_INT_EQ(tol.items[1].kind, OUTLINE_ITEM_GAP_SHI);
    ASSERT_INT_EQ(tol.items[1].seq, tol.items[0].seq);
    done();
}

TEST_IMPL(outline_items_lost_shi_after_the_last_item)
{
    parse("一是加强组织领导。二是完善工作机制。三强化督查考核。\n", OUTLINE_ITEMS);
    ASSERT_INT_EQ(tol.nitems, 3);
    ASSERT_INT_EQ(tol.items[2].kind, OUTLINE_ITEM_LOST_SHI);
    ASSERT_INT_EQ(tol.items[2].number, 3);
    ASSERT_INT_EQ(tol.items[2].seq, tol.items[1].seq);
    /* set phrases and counted things after a list are no items */
    static const char *const no[] = {"一是加强组织领导。二是完善工作机制。三中全会以来，各项工作稳步推进。\n",
                                     "一是加强组织领导。二是完善工作机制。三个园区要强化考核。\n",
                                     "一是加强组织领导。二是完善工作机制，三强化督查考核。\n",
                                     "一是加强组织领导。二是完善工作机制。\n三强化督查考核。\n"};
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
        parse(no[i], OUTLINE_ITEMS);
        if (tol.nitems != 2) {
            task_fail(__FILE__, __LINE__, "case %zu: %zu items, want 2", i, tol.nitems);
            done();
            return;
        }
    }
    done();
}
