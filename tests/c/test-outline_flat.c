/* test-outline_flat.c -- headings text extraction flattened into the middle
 * of a line (src/outline_flat.c): taken when confirmed by the sequence,
 * left as body text when alone, and never looked for by folding. */

#include "task.h"
#include "test-outline.h"

TEST_IMPL(outline_flat_headings_are_seen_when_confirmed)
{
    parse("园区经济稳中有进。现将有关情况汇报如下: 一、强化组织领导，压实工作责任。\n二、完善工作机制\n", OUTLINE_FLAT);
    ASSERT_INT_EQ(tol.nh, 2);
    ASSERT(tol.h[0].flat);
    ASSERT_INT_EQ(tol.h[0].line, 0);
    ASSERT_INT_EQ(tol.h[0].number, 1);
    ASSERT_MEM_EQ(tdoc.lines[0].s + tol.h[0].tstart, tol.h[0].tend - tol.h[0].tstart, "强化组织领导，压实工作责任");
    ASSERT_INT_EQ(tol.h[1].depth, 1);
    /* Not with OUTLINE_FOLDS: folding does not look inside lines. */
    parse("园区经济稳中有进。现将有关情况汇报如下: 一、强化组织领导，压实工作责任。\n二、完善工作机制\n", OUTLINE_FOLDS);
    ASSERT_INT_EQ(tol.nh, 1);
    /* An inline list before a real 一、 is not a heading. */
    parse("工作要求如下：一、要提高认识；二、要加强领导。\n一、主要工作\n二、下一步\n", OUTLINE_FLAT);
    ASSERT_INT_EQ(tol.nh, 2);
    ASSERT(!tol.h[0].flat);
    /* A whole report flattened into one line. */
    parse("报告如下：一、主要工作。园区稳步推进。二、存在问题。投入不足。三、下一步打算。再接再厉。\n", OUTLINE_FLAT);
    ASSERT_INT_EQ(tol.nh, 3);
    ASSERT_INT_EQ(tol.h[2].number, 3);
    /* A lone 一、 after a colon, not confirmed: not a heading. */
    parse("总的要求是：一、要提高认识。\n园区稳步推进。\n", OUTLINE_FLAT);
    ASSERT_INT_EQ(tol.nh, 0);
    /* 一、 confirmed by a later 三、 (二 missing): taken, so 三 is a skip. */
    parse("汇报如下：一、强化组织领导。\n三、完善工作机制\n", OUTLINE_FLAT);
    ASSERT_INT_EQ(tol.nh, 2);
    done();
}
