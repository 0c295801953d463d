/* outline.c -- the heading hierarchy of a report.
 *
 * Heading levels follow GB/T 9704-2012 7.3.3:
 *
 *     一、  →  （一）  →  1.  →  （1）  →  ①        (第一部分 / 第一章 / 第一节 above)
 *
 * Each level is a family of marker styles: the standard form and the
 * variants writers use (一. 一， 一 · (一) 一） · 1、 1． · (1) · 1）), so a
 * non-standard heading still folds and numbers with its level and can be
 * flagged. A line is a heading when it starts (after an indent) with a
 * marker; a run-in heading's title ends at its first 。 and the body follows
 * on the same line. "N、" continuing the previous line's unfinished sentence
 * is a page-chunk counter (the same test as artifact.page-counter), not a
 * heading.
 *
 * Nesting follows what the author wrote rather than the standard's order: a
 * heading whose family is open is a sibling of that heading (deeper ones
 * close); one more senior than every open heading starts again at the top;
 * any other becomes a child of the innermost open heading. So 一、 → 1.
 * (a skipped level, which the standard allows) nests at depth 2, and
 * 1. → （一） nests too, for numbering.c to flag as reversed.
 *
 * Headings flattened into the middle of a line by text extraction
 * ("…汇报如下: 一、强化组织领导，…") are taken when their number continues
 * the sequence and a later heading (or a second flattened one) confirms it
 * (outline_flat.c).
 *
 * Before the first heading stand the title (first line, short, no sentence
 * end) and a salutation (同志们：); after the last section a closing
 * (谢谢大家！ 以上报告，请审议。 signature, date). Fold levels: the depth of
 * the section a line is in, "start" at headings, 0 outside sections.
 *
 * With OUTLINE_ITEMS, the inline item sequences are collected too
 * (outline_items.c). */

#include "outline.h"

#include <stdlib.h>
#include <string.h>

#include "bytescan.h"
#include "mem.h"
#include "outline_int.h"
#include "par.h"
#include "utf8.h"

#define OL_MAX_DEPTH 30

static const struct {
    int level, family;
    const char *example;
} outline_styles[] = {
#define XX(name, level, fam, ex) {level, fam, ex},
    OUTLINE_STYLE_MAP(XX)
#undef XX
};

/* ---- characters ----------------------------------------------------------- */

static int ol_circled(uint32_t cp)
{
    if (cp >= 0x2460 && cp <= 0x2473) return (int)(cp - 0x2460) + 1;  /* ①-⑳ */
    if (cp >= 0x3251 && cp <= 0x325F) return (int)(cp - 0x3251) + 21; /* ㉑-㉟ */
    if (cp >= 0x32B1 && cp <= 0x32BF) return (int)(cp - 0x32B1) + 36; /* ㊱-㊿ */
    return 0;
}

/* A mark ending a sentence (。！？) */
static int ol_is_stop(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

/* ---- numerals ------------------------------------------------------------- */

/* The value of the CJK digits d[0, nd) (1-9, 10 for 十): 一 … 九十九, or 0. */
static int ol_cjk_value(const int *d, int nd)
{
    if (nd == 1) return d[0];
    if (nd == 2 && d[0] == 10 && d[1] < 10) return 10 + d[1];
    if (nd == 2 && d[0] >= 2 && d[0] < 10 && d[1] == 10) return d[0] * 10;
    if (nd == 3 && d[0] >= 2 && d[0] < 10 && d[1] == 10 && d[2] < 10) return d[0] * 10 + d[2];
    return 0;
}

int outline_numeral(const char *s, size_t n, int *sys)
{
    if (n == 0) return 0;
    if (s[0] >= '0' && s[0] <= '9') {
        int v = 0;
        if (n > 3) return 0;
        for (size_t i = 0; i < n; i++) {
            if (s[i] < '0' || s[i] > '9') return 0;
            v = v * 10 + (s[i] - '0');
        }
        if (sys) *sys = OUTLINE_NUM_ARABIC;
        return v;
    }
    size_t k;
    uint32_t cp = zh_cp(s, n, 0, &k);
    int c = ol_circled(cp);
    if (c) {
        if (k != n) return 0;
        if (sys) *sys = OUTLINE_NUM_CIRCLED;
        return c;
    }
    int d[3], nd = 0;
    for (size_t i = 0; i < n; i += k) {
        int v = zh_cjk_digit(zh_cp(s, n, i, &k));
        if (!v || nd == 3) return 0;
        d[nd++] = v;
    }
    int v = ol_cjk_value(d, nd);
    if (v && sys) *sys = OUTLINE_NUM_CJK;
    return v;
}

/* The numeral run at i (ol_numeral_run: its end in *end, its system in
 * *sys) and its value as outline_numeral reads it (0 when there is none),
 * reading each character once. */
static int ol_numeral_at(const char *s, size_t n, size_t i, size_t *end, int *sys)
{
    size_t j = i;
    int v = 0;
    *end = i;
    if (i < n && s[i] >= '0' && s[i] <= '9') {
        while (j < n && j - i < 4 && s[j] >= '0' && s[j] <= '9') v = v * 10 + (s[j++] - '0');
        *sys = OUTLINE_NUM_ARABIC;
        if (j - i > 3) return 0;
        *end = j;
        return v;
    }
    int d[4], nd = 0;
    while (nd < 4 && (d[nd] = zh_cjk_digit_at(s, n, j))) j += 3, nd++;
    *sys = OUTLINE_NUM_CJK;
    if (nd > 3) return 0;
    *end = j;
    return nd ? ol_cjk_value(d, nd) : 0;
}

int outline_format_numeral(sbuf *out, int value, int sys)
{
    static const char *const cjk[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    if (value <= 0) return 0;
    if (sys == OUTLINE_NUM_ARABIC) {
        sbuf_printf(out, "%d", value);
        return 1;
    }
    if (sys == OUTLINE_NUM_CIRCLED) {
        uint32_t cp = value <= 20 ? 0x2460 + (uint32_t)value - 1
                    : value <= 35 ? 0x3251 + (uint32_t)value - 21
                    : value <= 50 ? 0x32B1 + (uint32_t)value - 36 : 0;
        if (!cp) return 0;
        char b[3] = {(char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)), (char)(0x80 | (cp & 0x3F))};
        sbuf_add(out, b, 3);
        return 1;
    }
    if (value > 99) return 0;
    if (value <= 10) {
        sbuf_adds(out, cjk[value]);
    } else {
        if (value >= 20) sbuf_adds(out, cjk[value / 10]);
        sbuf_adds(out, cjk[10]);
        if (value % 10) sbuf_adds(out, cjk[value % 10]);
    }
    return 1;
}

/* ---- markers -------------------------------------------------------------- */

/* One stray mark after a marker ("（一）、" "①." "一、："): its end, or i. */
static size_t ol_stray(const char *s, size_t n, size_t i, int colon_only)
{
    size_t k;
    uint32_t cp = zh_cp(s, n, i, &k);
    if (cp == 0xFF1A || cp == ':') return i + k;
    if (colon_only) return i;
    if (cp == 0x3001 || cp == '.' || cp == 0xFF0E || cp == 0xFF0C || cp == ',') return i + k;
    return i;
}

/* Whether the text after "N." at byte i is the rest of a decimal broken by
 * a space ("24. 3亿元", a PDF artifact) rather than a title: spaces, then
 * digits not followed by 年 (a title may start with a year, "1. 2024年工作"). */
static int ol_broken_decimal(const char *s, size_t n, size_t i)
{
    size_t j = zh_skip_space(s, n, i), k;
    if (j == i || j >= n || s[j] < '0' || s[j] > '9') return 0;
    while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    return zh_cp(s, n, j, &k) != 0x5E74; /* 年 */
}

static int ol_set(outline_heading *h, int style, size_t col, size_t ns, size_t ne, size_t mend, int number)
{
    *h = (outline_heading){.col = col, .mend = mend, .nstart = ns, .nend = ne, .style = style,
                           .family = outline_styles[style].family, .level = outline_styles[style].level,
                           .number = number, .parent = -1};
    return 1;
}

/* The first bytes of the characters a marker can start with: ( and the
 * digits, ①…⑳ (E2), ㉑…㊿ (E3), 一…十 (E4 E5), 第 (E7), （ (EF). */
static const unsigned char ol_marker_lead[256] = {
    ['('] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
    ['9'] = 1, [0xE2] = 1, [0xE3] = 1, [0xE4] = 1, [0xE5] = 1, [0xE7] = 1, [0xEF] = 1};

int outline_marker(const char *s, size_t n, size_t off, outline_heading *h)
{
    size_t k, k2, i = off;
    int sys;
    if (i >= n || !ol_marker_lead[(unsigned char)s[i]]) return 0;
    uint32_t cp = zh_cp(s, n, i, &k);
    int circ = ol_circled(cp);
    if (circ) return ol_set(h, OUTLINE_STYLE_CIRCLED, i, i, i + k, ol_stray(s, n, i + k, 0), circ);
    if (cp == 0xFF08 || cp == '(') {
        size_t a = i + k, b;
        int v = ol_numeral_at(s, n, a, &b, &sys);
        if (!v) return 0;
        uint32_t close = zh_cp(s, n, b, &k2);
        if (close != 0xFF09 && close != ')') return 0;
        int full_open = cp == 0xFF08, full_close = close == 0xFF09, style;
        if (sys == OUTLINE_NUM_CJK) style = full_open && full_close ? OUTLINE_STYLE_PAREN_CJK : OUTLINE_STYLE_PAREN_CJK_HALF;
        else if (full_open && full_close) style = OUTLINE_STYLE_PAREN_ARABIC;
        else style = full_open ? OUTLINE_STYLE_PAREN_ARABIC_CLOSE : OUTLINE_STYLE_PAREN_ARABIC_OPEN;
        return ol_set(h, style, i, a, b, ol_stray(s, n, b + k2, 0), v);
    }
    if (cp == 0x7B2C) { /* 第 */
        size_t a = i + k, b;
        int v = ol_numeral_at(s, n, a, &b, &sys);
        if (!v) return 0;
        uint32_t c1 = zh_cp(s, n, b, &k2);
        if (c1 == 0x7AE0) return ol_set(h, OUTLINE_STYLE_DI_CHAPTER, i, a, b, b + k2, v); /* 章 */
        if (c1 == 0x8282) return ol_set(h, OUTLINE_STYLE_DI_SECTION, i, a, b, b + k2, v); /* 节 */
        if (c1 == 0x90E8 && zh_cp(s, n, b + k2, &k) == 0x5206)                              /* 部分 */
            return ol_set(h, OUTLINE_STYLE_DI_PART, i, a, b, b + k2 + k, v);
        return 0;
    }
    if ((cp < '0' || cp > '9') && !zh_cjk_digit(cp)) return 0;
    size_t b;
    int v = ol_numeral_at(s, n, i, &b, &sys);
    if (!v || b >= n) return 0;
    uint32_t m = zh_cp(s, n, b, &k2);
    size_t after = b + k2;
    uint32_t next = zh_cp(s, n, after, &k);
    int next_digit = next >= '0' && next <= '9';
    if (sys == OUTLINE_NUM_CJK) {
        int next_num = zh_cjk_digit(next) || next == 0x7B2C || next_digit;
        switch (m) {
        case 0x3001: /* not 一、二批 or 一、第二; 一、2022年工作回顾 is a heading */
            if (zh_cjk_digit(next) || next == 0x7B2C) return 0;
            return ol_set(h, OUTLINE_STYLE_CJK_DUN, i, i, b, ol_stray(s, n, after, 1), v);
        case '.':
        case 0xFF0E:
            if (next_digit) return 0;
            return ol_set(h, OUTLINE_STYLE_CJK_DOT, i, i, b, after, v);
        case 0xFF0C:
        case ',':
        case 0xFF1A:
        case ':':
            if (!utf8_is_han(next) || next_num) return 0;
            return ol_set(h, OUTLINE_STYLE_CJK_COMMA, i, i, b, after, v);
        case 0xFF09:
        case ')':
            return ol_set(h, OUTLINE_STYLE_CJK_RPAREN, i, i, b, ol_stray(s, n, after, 0), v);
        default:
            if (!zh_is_space(m)) return 0;
            after = zh_skip_space(s, n, b);
            next = zh_cp(s, n, after, NULL);
            if (!utf8_is_han(next) || zh_cjk_digit(next) || next == 0x7B2C) return 0;
            return ol_set(h, OUTLINE_STYLE_CJK_SPACE, i, i, b, after, v);
        }
    }
    if (b - i > 2 || next_digit) return 0;
    switch (m) {
    case '.':
        if (ol_broken_decimal(s, n, after)) return 0;
        return ol_set(h, OUTLINE_STYLE_ARABIC_DOT, i, i, b, ol_stray(s, n, after, 1), v);
    case 0xFF0E: return ol_set(h, OUTLINE_STYLE_ARABIC_FULLDOT, i, i, b, after, v);
    case 0x3001:
    case 0xFF0C:
    case ',': return ol_set(h, OUTLINE_STYLE_ARABIC_DUN, i, i, b, after, v);
    case 0xFF09:
    case ')': return ol_set(h, OUTLINE_STYLE_ARABIC_RPAREN, i, i, b, ol_stray(s, n, after, 0), v);
    default: return 0;
    }
}

/* ---- the parse ------------------------------------------------------------ */

void outline_add_heading(outline *o, const outline_heading *h)
{
    if (o->nh == o->caph) xgrow(&o->h, &o->caph, o->nh + 1, sizeof *o->h);
    o->h[o->nh++] = *h;
}

void outline_set_title(const doc_line *ln, outline_heading *h, const bytemap *map)
{
    const char *s = ln->s;
    size_t n = zh_trim_end(s, ln->len), i = zh_skip_space(s, n, h->mend);
    h->tstart = i;
    size_t stop = bytemap_find(map, BYTEMAP_STOP, h->line, i, n);
    h->tend = stop;
    h->sep = stop < n ? stop + 3 : stop;
    h->runin = zh_skip_space(s, n, h->sep) < n;
}

static size_t ol_chars_until_stop(const char *s, size_t n, size_t i, size_t cap)
{
    size_t count = 0, k;
    while (i < n && count <= cap && !ol_is_stop(zh_cp(s, n, i, &k))) i += k, count++;
    return count;
}

/* The mark of a line: blank, or starting (after an indent) with a heading
 * marker, or neither. Only the start of the line is read: on a long report,
 * touching each line's end costs a cache miss per line. */
static void ol_mark_line(const doc_line *ln, outline_mark *m)
{
    size_t n = ln->len, i = zh_skip_space(ln->s, n, 0);
    outline_heading h;
    memset(m, 0, sizeof *m);
    if (i >= n) {
        m->kind = OUTLINE_MARK_BLANK;
        return;
    }
    m->kind = OUTLINE_MARK_TEXT;
    if (!outline_marker(ln->s, n, i, &h)) return;
    if (h.style == OUTLINE_STYLE_CJK_SPACE && ol_chars_until_stop(ln->s, n, h.mend, 40) > 40) return;
    m->kind = OUTLINE_MARK_HEADING;
    m->style = (unsigned char)h.style;
    m->col = h.col, m->mend = h.mend, m->nstart = h.nstart, m->nend = h.nend;
    m->number = h.number;
}

/* ---- what the checks ask of a single line ---------------------------------- */

size_t outline_line_marker(const doc_line *ln)
{
    outline_mark m;
    ol_mark_line(ln, &m);
    return m.kind == OUTLINE_MARK_HEADING ? m.mend : 0;
}

static int ol_has3(const doc_line *ln, const char *c)
{
    return bytescan_find3(ln->s, 0, ln->len, c) < ln->len;
}

int outline_is_label_line(const doc_line *ln)
{
    if (outline_line_marker(ln)) return !ol_has3(ln, "。") && !ol_has3(ln, "！") && !ol_has3(ln, "？");
    if (bytescan_count_upto(ln->s, ln->len, 31) > 30) return 0;
    static const char *const clause[] = {"，", "。", "；", "、"};
    for (size_t i = 0; i < sizeof clause / sizeof *clause; i++)
        if (ol_has3(ln, clause[i])) return 0;
    /* one "label：value", as in 述职人：张明 or 联系电话：0531-1234567 */
    size_t colon = bytescan_find3(ln->s, 0, ln->len, "：");
    return colon >= ln->len || bytescan_find3(ln->s, colon + 3, ln->len, "：") >= ln->len;
}

size_t outline_page_counter(const doc_line *prev, const doc_line *ln, size_t *start)
{
    size_t end = zh_trim_end(ln->s, ln->len);
    size_t i = zh_skip_space(ln->s, end, 0), j = i;
    if (!prev || i >= end) return 0;
    while (j < end && j - i < 4 && ln->s[j] >= '0' && ln->s[j] <= '9') j++;
    if (j == i || j - i > 3 || end - j < 3 || memcmp(ln->s + j, "、", 3) != 0) return 0;
    size_t pe = zh_trim_end(prev->s, prev->len);
    if (pe == 0) return 0;
    size_t pp;
    uint32_t cp = bytescan_cp_before(prev->s, pe, pe, &pp);
    if (zh_is_end_mark(cp) || outline_is_label_line(prev)) return 0;
    if (start) *start = i;
    return j + 3;
}

/* A line-start heading from line ln's mark m, or 0. prev is the previous
 * non-blank line: "N、" continuing its sentence is a page-chunk counter. */
static int ol_line_heading(const doc_line *ln, const outline_mark *m, const doc_line *prev, outline_heading *h,
                           int *artifact)
{
    *artifact = 0;
    if (m->kind != OUTLINE_MARK_HEADING) return 0;
    ol_set(h, m->style, m->col, m->nstart, m->nend, m->mend, m->number);
    if (h->style == OUTLINE_STYLE_ARABIC_DUN && outline_page_counter(prev, ln, NULL)) {
        *artifact = 1;
        return 0;
    }
    return 1;
}

static int ol_contains(const char *s, size_t n, const char *needle)
{
    return memmem(s, n, needle, strlen(needle)) != NULL;
}

static int ol_has_any(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (ol_contains(s, n, *list)) return 1;
    return 0;
}

static const char *const ol_clause_marks[] = {"，", "。", "；", "：", "、", "！", "？", NULL};
static const char *const ol_stops[] = {"。", "！", "？", NULL};

static int ol_is_title(const doc_line *ln)
{
    size_t n = zh_trim_end(ln->s, ln->len);
    if (bytescan_count_upto(ln->s, n, 61) > 60 || ol_has_any(ln->s, n, ol_stops)) return 0;
    size_t p;
    uint32_t last = bytescan_cp_before(ln->s, n, n, &p);
    return last != 0xFF1A && last != ':' && last != 0xFF0C && last != 0xFF1B;
}

/* A subtitle "——在…上的讲话" or a dated line "（2023年1月5日）" under the title. */
static int ol_is_subtitle(const doc_line *ln)
{
    size_t n = zh_trim_end(ln->s, ln->len), i = zh_skip_space(ln->s, n, 0);
    if (i >= n || bytescan_count_upto(ln->s + i, n - i, 41) > 40) return 0;
    size_t p;
    uint32_t first = zh_cp(ln->s, n, i, NULL), last = bytescan_cp_before(ln->s, n, n, &p);
    return first == 0x2014 || first == 0x2015 || ((first == 0xFF08 || first == '(') && (last == 0xFF09 || last == ')'));
}

static int ol_is_salutation(const doc_line *ln)
{
    size_t n = zh_trim_end(ln->s, ln->len);
    size_t p;
    if (n == 0 || bytescan_count_upto(ln->s, n, 31) > 30) return 0;
    uint32_t last = bytescan_cp_before(ln->s, n, n, &p);
    if (last != 0xFF1A && last != ':') return 0;
    static const char *const bad[] = {"，", "。", "；", "！", "？", NULL};
    return !ol_has_any(ln->s, n, bad);
}

static int ol_is_closing(const doc_line *ln)
{
    static const char *const phrases[] = {"谢谢", "请审议", "请予审议", "特此报告", "以上报告", "请批示",
                                          "妥否", "请指正", "不当之处", "此致", NULL};
    size_t n = zh_trim_end(ln->s, ln->len);
    if (bytescan_count_upto(ln->s, n, 41) > 40) return 0;
    return ol_has_any(ln->s, n, phrases) || !ol_has_any(ln->s, n, ol_clause_marks);
}

/* Whether ln opens the attachment note of GB/T 9704 (附件：1.…): its list
 * of attachments, continued on indented lines, numbers no headings. */
static int ol_is_attachment_note(const doc_line *ln)
{
    size_t i = zh_skip_space(ln->s, ln->len, 0);
    if (ln->len - i < 9 || memcmp(ln->s + i, "附件", 6) != 0) return 0;
    return memcmp(ln->s + i + 6, "：", 3) == 0 || ln->s[i + 6] == ':';
}

/* Title, salutation and closing lines around the headings. */
static void ol_frame(outline *o, const doc_text *doc, size_t first_h, size_t last_h)
{
    size_t i = 0;
    while (i < first_h && o->kind[i] == OUTLINE_BLANK) i++;
    size_t next = i + 1;
    while (next < doc->nlines && o->kind[next] == OUTLINE_BLANK) next++;
    if (i < first_h && next < doc->nlines && o->kind[i] == OUTLINE_BODY && ol_is_title(&doc->lines[i])) {
        o->kind[i] = OUTLINE_TITLE;
        if (next < first_h && ol_is_subtitle(&doc->lines[next])) o->kind[next] = OUTLINE_TITLE;
    }
    for (size_t l = 0; l < first_h && l < doc->nlines; l++)
        if (o->kind[l] == OUTLINE_BODY && ol_is_salutation(&doc->lines[l])) o->kind[l] = OUTLINE_SALUTATION;
    size_t lo = last_h == (size_t)-1 ? 0 : last_h + 1;
    for (size_t l = doc->nlines; l > lo; l--) {
        unsigned char k = o->kind[l - 1];
        if (k == OUTLINE_BLANK) continue;
        if (k != OUTLINE_BODY || !ol_is_closing(&doc->lines[l - 1])) break;
        o->kind[l - 1] = OUTLINE_CLOSING;
    }
}

/* ---- nesting and folds ---------------------------------------------------- */

int outline_seniority(int fam)
{
    switch (fam) {
    case OUTLINE_FAM_PART:
    case OUTLINE_FAM_CHAPTER: return 0;
    case OUTLINE_FAM_SECTION: return 1;
    default: return 2 * (fam - OUTLINE_FAM_L1) + 2;
    }
}

static void ol_nest(outline *o)
{
    int stack[OL_MAX_DEPTH];
    size_t top = 0;
    for (size_t i = 0; i < o->nh; i++) {
        outline_heading *h = &o->h[i];
        size_t p = top;
        while (p > 0 && o->h[stack[p - 1]].family != h->family) p--;
        if (p > 0) {
            top = p - 1;
        } else {
            int senior = 1;
            for (size_t k = 0; k < top; k++)
                if (outline_seniority(o->h[stack[k]].family) < outline_seniority(h->family)) senior = 0;
            if (senior) top = 0;
            if (top == OL_MAX_DEPTH) top--;
        }
        h->parent = top ? stack[top - 1] : -1;
        stack[top++] = (int)i;
        h->depth = (int)top;
    }
}

static void ol_folds(outline *o)
{
    size_t hi = 0, closing = o->nlines;
    for (size_t l = 0; l < o->nlines; l++)
        if (o->kind[l] == OUTLINE_CLOSING) {
            closing = l;
            break;
        }
    int cur = 0;
    for (size_t l = 0; l < o->nlines; l++) {
        if (l >= closing) {
            o->fold[l] = 0;
            continue;
        }
        if (hi < o->nh && o->h[hi].line == l) {
            o->fold[l] = -o->h[hi].depth;
            while (hi < o->nh && o->h[hi].line == l) cur = o->h[hi++].depth;
            continue;
        }
        o->fold[l] = cur;
    }
    /* Section ends: the next heading at the same or a lower depth. */
    int open[OL_MAX_DEPTH + 1];
    size_t nopen = 0;
    for (size_t i = 0; i < o->nh; i++) {
        outline_heading *h = &o->h[i];
        while (nopen > 0 && o->h[open[nopen - 1]].depth >= h->depth) {
            outline_heading *e = &o->h[open[--nopen]];
            e->end_line = h->line > e->line ? h->line : e->line + 1;
        }
        if (nopen <= OL_MAX_DEPTH) open[nopen++] = (int)i;
    }
    while (nopen > 0) {
        outline_heading *e = &o->h[open[--nopen]];
        e->end_line = closing > e->line ? closing : o->nlines;
    }
}

void outline_parse(outline *o, const doc_text *doc, int flags)
{
    outline_parse_with(o, doc, flags, NULL, NULL);
}

/* Kept marks are computed for a whole buffer at once when it is sent; when
 * this many lines need one, the second half goes to a second thread. */
#define OL_PARALLEL_LINES 4096

typedef struct ol_mark_job {
    const doc_text *doc;
    outline_mark *marks;
    size_t from, to;
} ol_mark_job;

static void *ol_mark_lines(void *arg)
{
    const ol_mark_job *j = arg;
    for (size_t l = j->from; l < j->to; l++)
        if (j->marks[l].kind == OUTLINE_MARK_UNSET) ol_mark_line(&j->doc->lines[l], &j->marks[l]);
    return NULL;
}

static void ol_mark_all(const doc_text *doc, outline_mark *marks)
{
    ol_mark_job a = {doc, marks, 0, doc->nlines / 2}, b = {doc, marks, doc->nlines / 2, doc->nlines};
    par_both(ol_mark_lines, &a, ol_mark_lines, &b, 1);
}

void outline_parse_with(outline *o, const doc_text *doc, int flags, outline_mark *marks, const bytemap *map)
{
    if (marks && doc->nlines >= OL_PARALLEL_LINES) {
        size_t unset = 0;
        for (size_t l = 0; l < doc->nlines; l++) unset += marks[l].kind == OUTLINE_MARK_UNSET;
        if (unset >= OL_PARALLEL_LINES) ol_mark_all(doc, marks);
    }
    bytemap own_map;
    if (!map && (flags & (OUTLINE_TITLES | OUTLINE_FLAT | OUTLINE_ITEMS))) {
        bytemap_build(&own_map, doc);
        map = &own_map;
    }
    memset(o, 0, sizeof *o);
    o->nlines = doc->nlines;
    o->kind = xcalloc(doc->nlines + 1, 1);
    o->fold = xcalloc(doc->nlines + 1, sizeof *o->fold);
    const doc_line *prev = NULL;
    size_t first_h = doc->nlines, last_h = (size_t)-1;
    int attach = 0; /* within an attachment note "附件：1.…" and its indented lines */
    for (size_t l = 0; l < doc->nlines; l++) {
        const doc_line *ln = &doc->lines[l];
        outline_mark own, *m = marks ? &marks[l] : &own;
        if (!marks || m->kind == OUTLINE_MARK_UNSET) ol_mark_line(ln, m);
        if (m->kind == OUTLINE_MARK_BLANK) {
            o->kind[l] = OUTLINE_BLANK;
            attach = 0;
            continue;
        }
        attach = ol_is_attachment_note(ln) || (attach && zh_skip_space(ln->s, ln->len, 0) > 0);
        if (attach) {
            o->kind[l] = OUTLINE_CLOSING;
            prev = ln;
            continue;
        }
        outline_heading h;
        int artifact;
        if (ol_line_heading(ln, m, prev, &h, &artifact)) {
            h.line = l;
            if (flags & (OUTLINE_TITLES | OUTLINE_FLAT | OUTLINE_ITEMS)) outline_set_title(ln, &h, map);
            outline_add_heading(o, &h);
            o->kind[l] = OUTLINE_HEADING;
            if (first_h == doc->nlines) first_h = l;
            last_h = l;
        } else {
            o->kind[l] = artifact ? OUTLINE_ARTIFACT : OUTLINE_BODY;
        }
        prev = ln;
    }
    ol_frame(o, doc, first_h, last_h);
    if (flags & (OUTLINE_FLAT | OUTLINE_ITEMS)) outline_flat_parse(o, doc, map);
    ol_nest(o);
    ol_folds(o);
    if (flags & OUTLINE_ITEMS) outline_items_parse(o, doc, map);
    if (map == &own_map) bytemap_free(&own_map);
}

void outline_free(outline *o)
{
    free(o->h);
    free(o->items);
    free(o->kind);
    free(o->fold);
    memset(o, 0, sizeof *o);
}

const char *outline_style_example(int style)
{
    return style >= 0 && style < OUTLINE_STYLE_COUNT ? outline_styles[style].example : "";
}

const char *outline_kind_name(int kind)
{
    static const char *const names[] = {"blank", "body", "title", "salutation", "heading", "closing", "artifact"};
    return kind >= 0 && kind <= OUTLINE_ARTIFACT ? names[kind] : "";
}
