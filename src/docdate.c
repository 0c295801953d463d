/* docdate.c -- inferring a report's date from its own text.
 *
 * Era rules ("党的十九届历次全会" is not the latest plenum after 2022-10)
 * need the date of the document. Unless the user gives it, it is inferred,
 * conservatively, as a lower bound from three kinds of evidence:
 *   - a signature line holding only a full date (2023年1月5日): taken as is;
 *   - years in the title (2022年度工作总结 -> written no earlier than
 *     2022-12-01) and years the body speaks of as past or present (2021年，
 *     园区实现…); years after 到/至/— or before 前/目标/远景 are plans, not
 *     evidence;
 *   - events that can only be referred to after they happened (学习贯彻党的
 *     二十大精神 -> after 2022-10-22).
 * Without evidence the date stays unknown and date-bound rules stay silent.
 * Only a signature date is exact; a lower bound can prove "after" but never
 * "before", so `before` rules need an exact date. */

#include "docdate.h"

#include <string.h>

#include "bytescan.h"

typedef struct docdate_event {
    const char *text;
    int date;
} docdate_event;

static const docdate_event docdate_events[] = {
    {"党的二十大精神", 20221022},     {"胜利召开了党的二十大", 20221022},
    {"二十届二中全会", 20230228},     {"二十届三中全会", 20240718},     {"二十届四中全会", 20251023},
    {"十九届六中全会精神", 20211111}, {"党的十九大精神", 20171024},
};

/* Reads 4 ASCII digits at s (a year 1990-2100), or returns 0. */
static int docdate_year_at(const char *s, size_t n)
{
    if (n < 4) return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        y = y * 10 + (s[i] - '0');
    }
    return y >= 1990 && y <= 2100 ? y : 0;
}

static int docdate_has_before(const char *line, size_t at, const char *word)
{
    size_t wl = strlen(word);
    return at >= wl && memcmp(line + at - wl, word, wl) == 0;
}

static int docdate_has_after(const char *line, size_t len, size_t at, const char *word)
{
    size_t wl = strlen(word);
    return at + wl <= len && memcmp(line + at, word, wl) == 0;
}

#define NIAN "\xE5\xB9\xB4" /* 年 */
#define DOCDATE_MAX_LINES 400

/* 1 when the words just before offset at look forward to an event
 * (迎接党的二十大, 喜迎…): the event had not happened yet. */
static int docdate_anticipated(const char *line, size_t at)
{
    static const char *const words[] = {"迎接", "喜迎", "迎来", "筹备", "召开前"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (docdate_has_before(line, at, words[k])) return 1;
    return 0;
}

/* Parses a line that is only a date "YYYY年M月D日" (spaces around allowed). */
static int docdate_signature(const doc_line *ln)
{
    const char *s = ln->s, *e = ln->s + ln->len;
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    int y = docdate_year_at(s, (size_t)(e - s));
    if (!y || e - s < 4 + 3) return 0;
    s += 4;
    if (memcmp(s, NIAN, 3) != 0) return 0;
    s += 3;
    int m = 0, d = 0;
    /* digits past the third only keep the value out of range (no overflow) */
    while (s < e && *s >= '0' && *s <= '9') m = m < 1000 ? m * 10 + (*s - '0') : m, s++;
    if (e - s < 3 || memcmp(s, "\xE6\x9C\x88", 3) != 0) return 0; /* 月 */
    s += 3;
    while (s < e && *s >= '0' && *s <= '9') d = d < 1000 ? d * 10 + (*s - '0') : d, s++;
    if (e - s != 3 || memcmp(s, "\xE6\x97\xA5", 3) != 0) return 0; /* 日 */
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    return y * 10000 + m * 100 + d;
}

/* The latest past-or-present year mentioned in a line, as YYYY0101, or 0.
 * A year is four digits before 年, so only the 年 are looked for. */
static int docdate_line_years(const doc_line *ln, int title)
{
    int best = 0;
    for (size_t at = bytescan_find3(ln->s, 4, ln->len, NIAN); at < ln->len;
         at = bytescan_find3(ln->s, at + 3, ln->len, NIAN)) {
        size_t i = at - 4;
        int y = docdate_year_at(ln->s + i, ln->len - i);
        if (!y || (i > 0 && ln->s[i - 1] >= '0' && ln->s[i - 1] <= '9')) continue;
        size_t after = at + 3;
        static const char *const plan_before[] = {"到", "至", "—", "-", "～", "~", "于", "部署", "谋划",
                                                  "展望", "迎接", "力争", "确保", "筹划"};
        static const char *const plan_after[] = {"前", "以前", "目标", "远景", "年", "拟", "计划", "将",
                                                 "工作安排", "工作思路", "工作打算", "工作要点", "重点工作"};
        int plan = 0;
        for (size_t k = 0; k < sizeof plan_before / sizeof *plan_before; k++)
            plan |= docdate_has_before(ln->s, i, plan_before[k]);
        for (size_t k = 0; k < sizeof plan_after / sizeof *plan_after; k++)
            plan |= docdate_has_after(ln->s, ln->len, after, plan_after[k]);
        /* A title such as 2023年工作要点 plans the year: written from its
         * eve on. In the body, a planned year is no evidence at all. */
        if (plan && !title) continue;
        int d = plan ? (y - 1) * 10000 + 1201 : y * 10000 + 101;
        if (!plan && title && (docdate_has_after(ln->s, ln->len, after, "度") || memmem(ln->s, ln->len, "总结", 6)))
            d = y * 10000 + 1201;
        if (d > best) best = d;
    }
    return best;
}

/* The key all events contain, or NULL: each names a numbered congress or
 * plenum, so a line without 十 mentions none of them. */
static const char *docdate_event_key(void)
{
    static const char key[] = "\xE5\x8D\x81"; /* 十 */
    for (size_t k = 0; k < sizeof docdate_events / sizeof *docdate_events; k++)
        if (!strstr(docdate_events[k].text, key)) return NULL;
    return key;
}

int docdate_infer(const doc_text *doc, const char **source, int *exact)
{
    *source = NULL;
    *exact = 0;
    for (size_t k = 0, i = doc->nlines; i > 0 && k < 12; i--) {
        const doc_line *ln = &doc->lines[i - 1];
        if (!ln->len) continue;
        k++;
        int d = docdate_signature(ln);
        if (d) {
            *source = "落款日期";
            *exact = 1;
            return d;
        }
    }
    int best = 0, title_seen = 0;
    const char *key = docdate_event_key();
    /* A report states its date early (title, opening paragraphs); reading
     * further only costs time on very long inputs. */
    size_t upto = doc->nlines < DOCDATE_MAX_LINES ? doc->nlines : DOCDATE_MAX_LINES;
    for (size_t i = 0; i < upto; i++) {
        const doc_line *ln = &doc->lines[i];
        if (!ln->len) continue;
        int is_title = !title_seen;
        title_seen = 1;
        int d = docdate_line_years(ln, is_title);
        if (d > best) {
            best = d;
            *source = is_title ? "标题中的年份" : "正文提到的年份";
        }
        if (key && bytescan_find3(ln->s, 0, ln->len, key) == ln->len) continue;
        for (size_t k = 0; k < sizeof docdate_events / sizeof *docdate_events; k++) {
            if (docdate_events[k].date <= best) continue;
            const char *hit = memmem(ln->s, ln->len, docdate_events[k].text, strlen(docdate_events[k].text));
            if (hit && !docdate_anticipated(ln->s, (size_t)(hit - ln->s))) {
                best = docdate_events[k].date;
                *source = "正文提到的事件";
            }
        }
    }
    return best;
}
