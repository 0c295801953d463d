/* test-siteline.c -- the score of a line as a template site's: words of
 * data/site-words.txt, each counted once, report wording against, and the
 * marks (link, e-mail, mobile number, price sign). */

#include <string.h>

#include "siteline.h"
#include "task.h"
#include "test-util.h"

static int score(const char *s, int *signals) { return siteline_score(s, strlen(s), signals); }

TEST_IMPL(siteline_scores_site_words_and_counts_each_once)
{
    int sig, a = score("加微信领取全套资料", &sig);
    ASSERT(a >= 5);
    ASSERT(sig >= 2);
    int b = score("加微信领取全套资料，加微信领取全套资料", &sig);
    ASSERT_INT_EQ(b, a);
}

TEST_IMPL(siteline_report_wording_counts_against)
{
    int sig, site = score("微信群、QQ群", &sig);
    int report = score("微信群、QQ群等网络群组管理不断规范", &sig);
    ASSERT(report < site);
    ASSERT(score("园区全年完成固定资产投资12亿元，同比增长15%", &sig) <= 0);
    ASSERT_INT_EQ(sig, 0);
}

TEST_IMPL(siteline_marks_link_email_mobile_price)
{
    int sig;
    ASSERT_INT_EQ(score("详见www.example.com", &sig), 5);
    ASSERT_INT_EQ(sig, 1);
    ASSERT_INT_EQ(score("发至abc@example.cn", &sig), 4 + 5); /* the address, and its host as a link */
    ASSERT_INT_EQ(sig, 2);
    ASSERT_INT_EQ(score("拨打13912345678", &sig), 3);
    ASSERT_INT_EQ(score("拨打139123456789", &sig), 0); /* twelve digits: no mobile number */
    ASSERT_INT_EQ(score("拨打0531-88887777", &sig), 0);
    ASSERT_INT_EQ(score("仅￥9.9", &sig), 3);
}
