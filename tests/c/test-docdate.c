/* test-docdate.c -- inferring when a report was written: signature dates,
 * years in the title and the body, plans that are not evidence, events, and
 * the three real reports of the shared corpus. */

#include <stdlib.h>

#include "docdate.h"
#include "fileio.h"
#include "task.h"
#include "test-util.h"

static int infer(const char *text, const char **source)
{
    doc_text d;
    doc_init(&d, text, strlen(text));
    const char *src = "unset";
    int exact = -1;
    int date = docdate_infer(&d, &src, &exact);
    doc_free(&d);
    if (source) *source = src;
    return date;
}

TEST_IMPL(docdate_signature_line_gives_the_exact_date)
{
    const char *src;
    ASSERT_INT_EQ(infer("园区工作总结\n今年以来，各项工作稳步推进。\n\n园区管委会\n2023年1月5日\n", &src), 20230105);
    ASSERT(src != NULL);
    ASSERT_INT_EQ(infer("园区工作总结\n今年以来，各项工作稳步推进。\n园区管委会\n  2022年12月30日 ", NULL), 20221230);
    /* The signature wins over later years spoken of in the body. */
    ASSERT_INT_EQ(infer("园区工作总结\n2024年，园区实现工业总产值10亿元。\n2023年1月5日", NULL), 20230105);
    /* A date inside a sentence is not a signature. */
    ASSERT(infer("园区工作总结\n会议于2023年1月5日召开。", NULL) != 20230105);
    /* Runs of digits are no month or day (only the year counts), and are read
     * without overflow (found by fuzz-check). */
    ASSERT_INT_EQ(infer("园区工作总结\n2023年1月99999999999999999999日\n2023年99999999999日\n", NULL), 20230101);
    ASSERT_INT_EQ(infer("园区工作总结\n2023年1月0005日", NULL), 20230105);
}

TEST_IMPL(docdate_title_year_of_an_annual_summary_means_december)
{
    const char *src;
    ASSERT_INT_EQ(infer("2022年度工作总结\n今年以来，各项工作稳步推进。", &src), 20221201);
    ASSERT(src != NULL);
    ASSERT_INT_EQ(infer("园区2022年工作总结\n今年以来，各项工作稳步推进。", NULL), 20221201);
    /* A plain year in the title: the year began. */
    ASSERT_INT_EQ(infer("园区2023年工作报告\n各项工作稳步推进。", NULL), 20230101);
    /* A plan for a year (工作要点) is written from the December before. */
    ASSERT_INT_EQ(infer("园区2023年工作要点\n各项工作稳步推进。", NULL), 20221201);
}

TEST_IMPL(docdate_body_year_spoken_of_as_past_counts)
{
    const char *src;
    ASSERT_INT_EQ(infer("园区工作报告\n2021年，园区实现工业总产值*亿元。", &src), 20210101);
    ASSERT(src != NULL);
    /* The latest such year wins. */
    ASSERT_INT_EQ(infer("园区工作报告\n2020年园区起步。\n2021年，园区实现工业总产值*亿元。\n2019年以来……", NULL),
                  20210101);
}

TEST_IMPL(docdate_plans_and_targets_are_not_evidence)
{
    const char *src;
    ASSERT_INT_EQ(infer("园区工作报告\n力争到2025年，实现工业总产值300亿元。\n围绕2035年远景目标，谋划发展。", &src), 0);
    ASSERT(src == NULL);
    ASSERT_INT_EQ(infer("园区工作报告\n2025年前完成改造，2030年目标基本实现。\n力争到2025年末，培育高新技术企业20家。", NULL), 0);
    /* A plan next to a fact: only the fact counts. */
    ASSERT_INT_EQ(infer("园区工作报告\n2021年，园区实现产值*亿元，力争到2025年突破300亿元。", NULL), 20210101);
}

TEST_IMPL(docdate_events_give_a_lower_bound)
{
    const char *src;
    ASSERT_INT_EQ(infer("园区工作报告\n深入学习贯彻党的二十大精神。", &src), 20221022);
    ASSERT(src != NULL);
    ASSERT_INT_EQ(infer("园区工作报告\n认真学习贯彻党的十九大精神。", NULL), 20171024);
    /* An event later than the years mentioned raises the bound. */
    ASSERT_INT_EQ(infer("园区工作报告\n2021年，园区实现产值*亿元。\n学习贯彻党的二十大精神。", NULL), 20221022);
    /* A year later than the event keeps the year. */
    ASSERT_INT_EQ(infer("园区工作报告\n学习贯彻党的二十大精神。\n2023年，园区实现产值*亿元。", NULL), 20230101);
}

TEST_IMPL(docdate_years_being_planned_are_not_evidence)
{
    /* A December 2022 summary "部署2023年工作" and lists what "2023年拟申报":
     * both look ahead. The title says 2022 (annual summary: 2022-12-01). */
    ASSERT_INT_EQ(infer("园区2022年度工作总结\n总结过去一年工作，部署2023年工作。\n其中2023年拟申报专项债券*亿元。", NULL),
                  20221201);
}

TEST_IMPL(docdate_anticipated_event_is_not_evidence)
{
    /* "迎接…" looks forward to the congress: the text was written before it. */
    ASSERT_INT_EQ(infer("园区工作报告\n以更加优异的成绩迎接党的二十大胜利召开！", NULL), 0);
    ASSERT_INT_EQ(infer("园区工作报告\n2021年，园区实现产值*亿元。\n以优异成绩迎接党的二十大胜利召开。", NULL),
                  20210101);
}

TEST_IMPL(docdate_no_evidence_gives_zero)
{
    const char *src;
    ASSERT_INT_EQ(infer("园区工作报告\n今年以来，各项工作稳步推进。\n园区管委会", &src), 0);
    ASSERT(src == NULL);
    ASSERT_INT_EQ(infer("", &src), 0);
    ASSERT_INT_EQ(infer("X年，园区实现产值X亿元。", NULL), 0);
}

/* The corpus, read as a careful reader would. */
static int infer_corpus(const char *name, const char **source)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/tests/corpus/%s", task_root(), name);
    char *text;
    size_t len;
    perr e = {0};
    if (fileio_read(path, &text, &len, &e) != 0) {
        fprintf(stderr, "  cannot read %s: %s\n", path, e.msg);
        return -1;
    }
    doc_text d;
    doc_init(&d, text, len);
    int exact = -1;
    int date = docdate_infer(&d, source, &exact);
    doc_free(&d);
    free(text);
    return date;
}

TEST_IMPL(docdate_corpus_annual_summary_is_from_2023)
{
    /* The 2022 annual summary meeting: "转眼就到了2023年", "2023年，是贯彻落实
     * 党的二十大精神的开局之年", before the lunar new year. Written in January
     * 2023: no earlier than 2023-01-01. */
    const char *src;
    ASSERT_INT_EQ(infer_corpus("annual-summary-speech.txt", &src), 20230101);
    ASSERT(src != NULL);
}

TEST_IMPL(docdate_corpus_leadership_report_has_no_usable_date)
{
    /* Figures are "X", no year is written, and "党的十九届历次全会" gives no
     * precise lower bound: unknown. */
    const char *src;
    ASSERT_INT_EQ(infer_corpus("leadership-work-report.txt", &src), 0);
    ASSERT(src == NULL);
}

TEST_IMPL(docdate_corpus_staff_speech_is_from_before_the_20th_congress)
{
    /* Reports 2021 results as past ("2021年园区实现工业总产值…"), plans for
     * 2025 ("力争到2025年末"), and closes "以更加优异的成绩迎接党的二十大胜利召开"
     * -- the congress is still ahead. The evidence proves 2021 at least; it
     * must not claim a date after the 20th congress (2022-10-22), or era
     * rules for post-congress wording would fire on it. */
    const char *src;
    ASSERT_INT_EQ(infer_corpus("staff-meeting-speech.txt", &src), 20210101);
}

TEST_IMPL(docdate_only_a_signature_date_is_exact)
{
    doc_text d;
    const char *src;
    int exact = -1;
    const char *signed_text = "园区工作报告\n2021年，园区实现产值*亿元。\n2023年1月5日";
    doc_init(&d, signed_text, strlen(signed_text));
    ASSERT_INT_EQ(docdate_infer(&d, &src, &exact), 20230105);
    ASSERT_INT_EQ(exact, 1);
    doc_free(&d);
    const char *unsigned_text = "园区工作报告\n2021年，园区实现产值*亿元。";
    doc_init(&d, unsigned_text, strlen(unsigned_text));
    ASSERT_INT_EQ(docdate_infer(&d, &src, &exact), 20210101);
    ASSERT_INT_EQ(exact, 0);
    doc_free(&d);
}
