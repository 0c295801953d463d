/* builtin.c -- the checks written in C.
 *
 * pairs           brackets, quotes and 书名号 that do not close within their
 *                 paragraph, or close what was never opened;
 * para-end        a paragraph that ends with no end punctuation (the title,
 *                 standalone headings and short lines such as signatures are
 *                 exempt; a run-in heading with body text is a paragraph);
 * para-end-comma  a paragraph that ends with ， or 、;
 * long-sentence   a sentence longer than `param` characters (default 150);
 * page-debris     a page-chunk counter "N、" at the start of a line that
 *                 continues the previous line's unfinished sentence.
 * placeholder-*   unfilled slots of one kind (figure, missing, date, name,
 *                 text, masked), found by placeholder.c.
 * heading-skip, item-skip, level-order …  the numbering checks over the
 *                 outline, in numbering.c.
 * All positions are byte offsets within a line; nothing here allocates per
 * character. */

#include "builtin.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "numbering.h"
#include "placeholder.h"
#include "utf8.h"

typedef void (*builtin_fn)(check_ctx *c, uint32_t rule, int param);

static int builtin_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

static int builtin_is_cjk_numeral(uint32_t cp)
{
    static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                    0x516B, 0x4E5D, 0x5341, 0x3007, 0x96F6, 0x767E}; /* 一…十〇零百 */
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (cp == nums[i]) return 1;
    return 0;
}

/* The first non-space character at or after i, and its offset. */
static size_t builtin_skip_space(const char *s, size_t n, size_t i)
{
    uint32_t cp;
    while (i < n) {
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!builtin_is_space(cp)) break;
        i += k;
    }
    return i;
}

/* Offset just past the last non-space character. */
static size_t builtin_trim_end(const char *s, size_t n)
{
    while (n > 0) {
        size_t p = utf8_prev(s, n);
        uint32_t cp;
        utf8_decode(s + p, n - p, &cp);
        if (!builtin_is_space(cp)) break;
        n = p;
    }
    return n;
}

size_t builtin_heading_marker(const char *s, size_t n)
{
    size_t i = builtin_skip_space(s, n, 0), j = i;
    uint32_t cp;
    size_t k;
    if (i >= n) return 0;
    k = utf8_decode(s + j, n - j, &cp);
    if (cp >= 0x2460 && cp <= 0x2473) return j + k; /* ①…⑳ */
    int paren = cp == 0xFF08 || cp == '(';
    if (paren) j += k;
    size_t digits = 0, cjk = 0;
    while (j < n) {
        k = utf8_decode(s + j, n - j, &cp);
        if (cp >= '0' && cp <= '9') digits++;
        else if (builtin_is_cjk_numeral(cp)) cjk++;
        else break;
        j += k;
    }
    if (!digits == !cjk || digits > 3 || cjk > 4) {
        /* 第一部分 / 第一章 */
        if (!paren && n - i >= 6 && memcmp(s + i, "第", 3) == 0) {
            j = i + 3;
            while (j < n && (k = utf8_decode(s + j, n - j, &cp)) && (builtin_is_cjk_numeral(cp) || (cp >= '0' && cp <= '9')))
                j += k;
            if (j > i + 3 && j < n) {
                k = utf8_decode(s + j, n - j, &cp);
                if (cp == 0x90E8 || cp == 0x7AE0 || cp == 0x8282) return j + k; /* 部 章 节 */
            }
        }
        return 0;
    }
    if (j >= n) return 0;
    k = utf8_decode(s + j, n - j, &cp);
    if (paren) return (cp == 0xFF09 || cp == ')') ? j + k : 0;
    if (cp == 0x3001) return j + k; /* 、 */
    if (cp == '.' || cp == 0xFF0E) { /* . ． but not a decimal point: 1.5亿元 */
        if (j + k < n && s[j + k] >= '0' && s[j + k] <= '9') return 0;
        return j + k;
    }
    return 0;
}

/* ---- pairs ------------------------------------------------------------ */

static const uint32_t builtin_open[] = {0xFF08, 0x300A, 0x201C, 0x2018, 0x3010, 0x3014, 0x3008, 0x300C, 0x300E, '('};
static const uint32_t builtin_close[] = {0xFF09, 0x300B, 0x201D, 0x2019, 0x3011, 0x3015, 0x3009, 0x300D, 0x300F, ')'};
#define BUILTIN_NPAIRS (sizeof builtin_open / sizeof *builtin_open)
#define BUILTIN_STACK 64

/* A ）or ) closing an enumeration marker: "1）", "a)", "一）" after a line
 * start, a space or a mark. */
static int builtin_enum_closer(const char *s, size_t at)
{
    size_t i = at, count = 0;
    while (i > 0 && count < 4) {
        size_t p = utf8_prev(s, i);
        uint32_t cp;
        utf8_decode(s + p, i - p, &cp);
        int alnum = cp < 128 && ((cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z'));
        if (!alnum && !builtin_is_cjk_numeral(cp)) break;
        i = p;
        count++;
    }
    if (count == 0 || count > 3) return 0;
    if (i == 0) return 1;
    size_t p = utf8_prev(s, i);
    uint32_t cp;
    utf8_decode(s + p, i - p, &cp);
    return builtin_is_space(cp) || cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == 0x3001 ||
           cp == ';' || cp == ',';
}

static const unsigned char builtin_pair_lead[256] = {['('] = 1, [')'] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1};

static void builtin_pairs(check_ctx *c, uint32_t rule, int param)
{
    (void)param;
    struct { size_t at, len; int kind; } st[BUILTIN_STACK];
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const check_line *ln = &c->doc->lines[line];
        size_t top = 0, i = 0;
        while (i < ln->len) {
            /* only ( ) and the lead bytes E2 E3 EF can start a paired mark */
            if (!builtin_pair_lead[(unsigned char)ln->s[i]]) {
                i++;
                continue;
            }
            uint32_t cp;
            size_t k = utf8_decode(ln->s + i, ln->len - i, &cp);
            for (size_t t = 0; t < BUILTIN_NPAIRS; t++) {
                if (cp == builtin_open[t]) {
                    if (top == BUILTIN_STACK) break;
                    st[top].at = i, st[top].len = k, st[top].kind = (int)t;
                    top++;
                    break;
                }
                if (cp != builtin_close[t]) continue;
                size_t d = top;
                while (d > 0 && st[d - 1].kind != (int)t) d--;
                if (d == 0) {
                    if (!(t == 0 || t == BUILTIN_NPAIRS - 1) || !builtin_enum_closer(ln->s, i))
                        check_emit(c, rule, line, i, i + k, NULL, 0);
                } else {
                    for (size_t u = d; u < top; u++)
                        check_emit(c, rule, line, st[u].at, st[u].at + st[u].len, NULL, 0);
                    top = d - 1;
                }
                break;
            }
            i += k;
        }
        for (size_t u = 0; u < top; u++) check_emit(c, rule, line, st[u].at, st[u].at + st[u].len, NULL, 0);
    }
}

/* ---- paragraph ends --------------------------------------------------- */

static int builtin_is_end_mark(uint32_t cp)
{
    static const uint32_t marks[] = {0x3002, 0xFF01, 0xFF1F, 0x2026, 0x201D, 0x2019, 0xFF09, 0x300B, 0x3011,
                                     0x300D, 0x300F, 0xFF1A, 0xFF1B, 0x2014, '!', '?', ';', ':', '.', ')', '"'};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (cp == marks[i]) return 1;
    return 0;
}

/* A line that is a title, a heading, a signature or a date: short and
 * without clause punctuation, or starting with a heading marker. */
static int builtin_is_label_line(const check_line *ln)
{
    if (builtin_heading_marker(ln->s, ln->len))
        return !memmem(ln->s, ln->len, "。", 3) && !memmem(ln->s, ln->len, "！", 3) && !memmem(ln->s, ln->len, "？", 3);
    if (utf8_count(ln->s, ln->len) > 30) return 0;
    static const char *const clause[] = {"，", "。", "；", "：", "、"};
    for (size_t i = 0; i < sizeof clause / sizeof *clause; i++)
        if (memmem(ln->s, ln->len, clause[i], 3)) return 0;
    return 1;
}

static void builtin_para_end_any(check_ctx *c, uint32_t rule, int comma)
{
    int seen_title = 0;
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const check_line *ln = &c->doc->lines[line];
        size_t end = builtin_trim_end(ln->s, ln->len);
        if (builtin_skip_space(ln->s, end, 0) >= end) continue;
        if (!seen_title) {
            seen_title = 1;
            continue;
        }
        size_t p = utf8_prev(ln->s, end);
        uint32_t cp;
        utf8_decode(ln->s + p, end - p, &cp);
        int is_comma = cp == 0xFF0C || cp == 0x3001 || cp == ',';
        if (comma) {
            if (is_comma) check_emit(c, rule, line, p, end, NULL, 0);
        } else if (!is_comma && !builtin_is_end_mark(cp) && !builtin_is_label_line(ln)) {
            check_emit(c, rule, line, p, end, NULL, 0);
        }
    }
}

static void builtin_para_end(check_ctx *c, uint32_t rule, int param)
{
    (void)param;
    builtin_para_end_any(c, rule, 0);
}

static void builtin_para_end_comma(check_ctx *c, uint32_t rule, int param)
{
    (void)param;
    builtin_para_end_any(c, rule, 1);
}

/* ---- long sentences --------------------------------------------------- */

/* Bytes that can begin a space or a sentence end: ASCII ! ? ; space tab,
 * and the lead bytes of U+00A0 (C2), U+3000/。 (E3) and ！？； (EF). */
static const unsigned char builtin_sentence_lead[256] = {
    ['!'] = 1, ['?'] = 1, [';'] = 1, [' '] = 1, ['\t'] = 1, [0xC2] = 1, [0xE3] = 1, [0xEF] = 1};

/* Characters in s[0, n): bytes that are not UTF-8 continuation bytes
 * (10xxxxxx), counted eight bytes at a time. */
static size_t builtin_chars(const char *s, size_t n)
{
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        cont += (size_t)__builtin_popcountll(w & ~(w << 1) & 0x8080808080808080ull);
    }
    for (; i < n; i++) cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

static void builtin_long_sentence(check_ctx *c, uint32_t rule, int param)
{
    size_t max = param > 0 ? (size_t)param : 150;
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const check_line *ln = &c->doc->lines[line];
        size_t start = 0, spaces = 0, i = 0;
        for (;;) {
            while (i < ln->len && !builtin_sentence_lead[(unsigned char)ln->s[i]]) i++;
            uint32_t cp = 0;
            size_t k = i < ln->len ? utf8_decode(ln->s + i, ln->len - i, &cp) : 0;
            int stop = i == ln->len || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == '!' ||
                       cp == '?' || cp == ';';
            if (!stop) {
                spaces += builtin_is_space(cp);
                i += k;
                continue;
            }
            /* a character has at least one byte: short spans need no count */
            if (i - start > max && builtin_chars(ln->s + start, i - start) - spaces > max)
                check_emit(c, rule, line, builtin_skip_space(ln->s, i + k, start), i + k, NULL, 0);
            if (i == ln->len) break;
            i += k;
            start = i;
            spaces = 0;
        }
    }
}

/* ---- page-chunk counters ---------------------------------------------- */

size_t builtin_page_counter(const check_line *prev, const check_line *ln, size_t *start)
{
    size_t end = builtin_trim_end(ln->s, ln->len);
    size_t i = builtin_skip_space(ln->s, end, 0), j = i;
    if (!prev || i >= end) return 0;
    while (j < end && j - i < 4 && ln->s[j] >= '0' && ln->s[j] <= '9') j++;
    if (j == i || j - i > 3 || end - j < 3 || memcmp(ln->s + j, "、", 3) != 0) return 0;
    size_t pe = builtin_trim_end(prev->s, prev->len);
    if (pe == 0) return 0;
    size_t pp = utf8_prev(prev->s, pe);
    uint32_t cp;
    utf8_decode(prev->s + pp, pe - pp, &cp);
    if (builtin_is_end_mark(cp) || builtin_is_label_line(prev)) return 0;
    if (start) *start = i;
    return j + 3;
}

static void builtin_page_debris(check_ctx *c, uint32_t rule, int param)
{
    (void)param;
    const check_line *prev = NULL;
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const check_line *ln = &c->doc->lines[line];
        size_t end = builtin_trim_end(ln->s, ln->len);
        if (builtin_skip_space(ln->s, end, 0) >= end) continue;
        size_t i = 0, j = builtin_page_counter(prev, ln, &i);
        if (j) check_emit(c, rule, line, i, j, "", 0);
        prev = ln;
    }
}

/* ---- placeholders (placeholder.c) ------------------------------------ */

/* The placeholder-* builtins share one scan of the document: the first
 * enabled one reports for all of them, the others return at once. A rule
 * with after/before (run only on some dates) reports for itself alone. */
static void builtin_placeholders(check_ctx *c, uint32_t ri, int kind, int missing)
{
    const rule *self = c->rs->rules[ri];
    placeholder_target one = {ri, kind, missing};
    if (self->after || self->before) {
        placeholder_check(c, &one, 1);
        return;
    }
    placeholder_target *t = xmalloc((c->rs->nrules + 1) * sizeof *t);
    size_t n = 0;
    for (size_t i = 0; i < c->rs->nrules; i++) {
        const rule *r = c->rs->rules[i];
        int m, k = c->on[i] && !r->after && !r->before ? placeholder_builtin_kind(builtin_name(c->rs->builtin[i]), &m) : -1;
        if (k < 0) continue;
        if (n == 0 && i != ri) break; /* not the first: it reported for this one */
        t[n++] = (placeholder_target){(uint32_t)i, k, m};
    }
    if (n) placeholder_check(c, t, n);
    free(t);
}

#define BUILTIN_PLACEHOLDER(fn, kind, missing)                 \
    static void fn(check_ctx *c, uint32_t rule, int param)     \
    {                                                          \
        (void)param;                                           \
        builtin_placeholders(c, rule, kind, missing);          \
    }
BUILTIN_PLACEHOLDER(builtin_ph_figure, PLACEHOLDER_FIGURE, 0)
BUILTIN_PLACEHOLDER(builtin_ph_missing, PLACEHOLDER_FIGURE, 1)
BUILTIN_PLACEHOLDER(builtin_ph_date, PLACEHOLDER_DATE, 0)
BUILTIN_PLACEHOLDER(builtin_ph_name, PLACEHOLDER_NAME, 0)
BUILTIN_PLACEHOLDER(builtin_ph_text, PLACEHOLDER_TEXT, 0)
BUILTIN_PLACEHOLDER(builtin_ph_masked, PLACEHOLDER_MASKED, 0)

static const struct {
    const char *name;
    builtin_fn fn;
} builtin_table[] = {
    {"pairs", builtin_pairs},
    {"para-end", builtin_para_end},
    {"para-end-comma", builtin_para_end_comma},
    {"long-sentence", builtin_long_sentence},
    {"page-debris", builtin_page_debris},
    {"placeholder-figure", builtin_ph_figure},
    {"placeholder-missing", builtin_ph_missing},
    {"placeholder-date", builtin_ph_date},
    {"placeholder-name", builtin_ph_name},
    {"placeholder-text", builtin_ph_text},
    {"placeholder-masked", builtin_ph_masked},
    /* the outline's numbering checks (numbering.c) */
    {"heading-skip", numbering_heading_skip},
    {"heading-repeat", numbering_heading_repeat},
    {"heading-restart", numbering_heading_restart},
    {"level-order", numbering_level_order},
    {"mixed-style", numbering_mixed_style},
    {"item-skip", numbering_item_skip},
    {"item-repeat", numbering_item_repeat},
    {"item-lost-shi", numbering_item_lost_shi},
    {"item-order", numbering_item_order},
    {"heading-end", numbering_heading_end},
    {"runin-end", numbering_runin_end},
};

#define BUILTIN_COUNT (sizeof builtin_table / sizeof *builtin_table)

int builtin_find(const char *name)
{
    for (size_t i = 0; i < BUILTIN_COUNT; i++)
        if (strcmp(builtin_table[i].name, name) == 0) return (int)i;
    return -1;
}

void builtin_run(int idx, check_ctx *c, uint32_t rule, int param)
{
    if (idx >= 0 && (size_t)idx < BUILTIN_COUNT) builtin_table[idx].fn(c, rule, param);
}

const char *builtin_name(int idx)
{
    return idx >= 0 && (size_t)idx < BUILTIN_COUNT ? builtin_table[idx].name : NULL;
}

int builtin_group(int idx)
{
    int numbering = builtin_find("heading-skip");
    return numbering >= 0 && idx >= numbering ? numbering : idx;
}
