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

#include "bytemap.h"
#include "bytescan.h"
#include "mem.h"
#include "numbering.h"
#include "outline.h"
#include "placeholder.h"

typedef void (*builtin_fn)(check_ctx *c, uint32_t rule, int param);

/* ---- what the builtins share ----------------------------------------- */

/* Made on first use within one check_run and kept in check_ctx's scratch. */
typedef struct builtin_shared {
    bytemap map;
    outline outline;
    unsigned has_map : 1;
    unsigned has_outline : 1;
} builtin_shared;

static void builtin_shared_free(void *p)
{
    builtin_shared *sh = p;
    if (sh->has_map) bytemap_free(&sh->map);
    if (sh->has_outline) outline_free(&sh->outline);
    free(sh);
}

static builtin_shared *builtin_shared_get(check_ctx *c)
{
    if (c->scratch_free != builtin_shared_free) {
        if (c->scratch_free) c->scratch_free(c->scratch);
        c->scratch = xcalloc(1, sizeof(builtin_shared));
        c->scratch_free = builtin_shared_free;
    }
    return c->scratch;
}

const bytemap *builtin_bytemap(check_ctx *c)
{
    builtin_shared *sh = builtin_shared_get(c);
    if (!sh->has_map) {
        bytemap_build(&sh->map, c->doc);
        sh->has_map = 1;
    }
    return &sh->map;
}

const outline *builtin_outline(check_ctx *c)
{
    const bytemap *map = builtin_bytemap(c);
    builtin_shared *sh = builtin_shared_get(c);
    if (!sh->has_outline) {
        outline_parse_with(&sh->outline, c->doc, OUTLINE_ITEMS, NULL, map);
        sh->has_outline = 1;
    }
    return &sh->outline;
}

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

/* Length of the space at byte i of s (' ', tab, U+3000, U+00A0), or 0. */
static size_t builtin_space_len(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] == ' ' || u[0] == '\t') return 1;
    if (u[0] == 0xE3) return n - i >= 3 && u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
    if (u[0] == 0xC2) return n - i >= 2 && u[1] == 0xA0 ? 2 : 0;
    return 0;
}

/* The first non-space character at or after i, and its offset. */
static size_t builtin_skip_space(const char *s, size_t n, size_t i)
{
    size_t k;
    while (i < n && (k = builtin_space_len(s, n, i))) i += k;
    return i;
}

/* Offset just past the last non-space character. */
static size_t builtin_trim_end(const char *s, size_t n)
{
    size_t p;
    while (n > 0 && builtin_is_space(bytescan_cp_before(s, n, n, &p))) n = p;
    return n;
}

size_t builtin_heading_marker(const char *s, size_t n)
{
    size_t i = builtin_skip_space(s, n, 0), j = i;
    uint32_t cp;
    size_t k;
    if (i >= n) return 0;
    cp = bytescan_cp(s, n, j, &k);
    if (cp >= 0x2460 && cp <= 0x2473) return j + k; /* ①…⑳ */
    int paren = cp == 0xFF08 || cp == '(';
    if (paren) j += k;
    size_t digits = 0, cjk = 0;
    while (j < n) {
        cp = bytescan_cp(s, n, j, &k);
        if (cp >= '0' && cp <= '9') digits++;
        else if (builtin_is_cjk_numeral(cp)) cjk++;
        else break;
        j += k;
    }
    if (!digits == !cjk || digits > 3 || cjk > 4) {
        /* 第一部分 / 第一章 */
        if (!paren && n - i >= 6 && memcmp(s + i, "第", 3) == 0) {
            j = i + 3;
            while (j < n && (cp = bytescan_cp(s, n, j, &k), builtin_is_cjk_numeral(cp) || (cp >= '0' && cp <= '9')))
                j += k;
            if (j > i + 3 && j < n) {
                cp = bytescan_cp(s, n, j, &k);
                if (cp == 0x90E8 || cp == 0x7AE0 || cp == 0x8282) return j + k; /* 部 章 节 */
            }
        }
        return 0;
    }
    if (j >= n) return 0;
    cp = bytescan_cp(s, n, j, &k);
    if (paren) return (cp == 0xFF09 || cp == ')') ? j + k : 0;
    if (cp == 0x3001) return j + k; /* 、 */
    if (cp == '.' || cp == 0xFF0E) { /* . ． but not a decimal point: 1.5亿元 */
        if (j + k < n && s[j + k] >= '0' && s[j + k] <= '9') return 0;
        return j + k;
    }
    return 0;
}

/* ---- pairs ------------------------------------------------------------ */

/* The marks that pair up, by kind: （ 《 “ ‘ 【 〔 〈 「 『 (, and their
 * closers. */
#define BUILTIN_PAREN_FULL 0
#define BUILTIN_PAREN_HALF 9
#define BUILTIN_STACK 64

/* E3 80 88-95: 〈〉《》「」『』【】 . . 〔〕 as kind + 1, negated for closers. */
static const signed char builtin_pair_e380[14] = {7, -7, 2, -2, 8, -8, 9, -9, 5, -5, 0, 0, 6, -6};

/* The paired mark at byte i of s (n bytes): kind + 1 for an opener, -(kind
 * + 1) for a closer, 0 for anything else; its length goes to *k. */
static inline int builtin_pair_at(const char *s, size_t n, size_t i, size_t *k)
{
    const unsigned char *u = (const unsigned char *)s + i;
    *k = 1;
    if (u[0] == '(') return BUILTIN_PAREN_HALF + 1;
    if (u[0] == ')') return -(BUILTIN_PAREN_HALF + 1);
    if (n - i < 3) return 0;
    *k = 3;
    if (u[0] == 0xE3) return u[1] == 0x80 && u[2] >= 0x88 && u[2] <= 0x95 ? builtin_pair_e380[u[2] - 0x88] : 0;
    if (u[0] == 0xE2 && u[1] == 0x80) {
        switch (u[2]) {
        case 0x9C: return 3;  /* “ */
        case 0x9D: return -3; /* ” */
        case 0x98: return 4;  /* ‘ */
        case 0x99: return -4; /* ’ */
        default: return 0;
        }
    }
    if (u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x88 || u[2] == 0x89)) return u[2] == 0x88 ? 1 : -1; /* （ ） */
    return 0;
}


/* A ）or ) closing an enumeration marker: "1）", "a)", "一）" after a line
 * start, a space or a mark. */
static int builtin_enum_closer(const char *s, size_t at)
{
    size_t i = at, count = 0, p;
    while (i > 0 && count < 4) {
        uint32_t cp = bytescan_cp_before(s, i, i, &p);
        int alnum = cp < 128 && ((cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z'));
        if (!alnum && !builtin_is_cjk_numeral(cp)) break;
        i = p;
        count++;
    }
    if (count == 0 || count > 3) return 0;
    if (i == 0) return 1;
    uint32_t cp = bytescan_cp_before(s, i, i, &p);
    return builtin_is_space(cp) || cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == 0x3001 ||
           cp == ';' || cp == ',';
}

static void builtin_pairs(check_ctx *c, uint32_t rule, int param)
{
    (void)param;
    struct { size_t at, len; int kind; } st[BUILTIN_STACK];
    const bytemap *map = builtin_bytemap(c);
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const check_line *ln = &c->doc->lines[line];
        size_t top = 0, i, k;
        bytemap_iter it;
        bytemap_seek(&it, map, BYTEMAP_PAIR, line, 0, ln->len);
        while ((i = bytemap_next(&it)) < ln->len) {
            int m = builtin_pair_at(ln->s, ln->len, i, &k);
            if (m > 0) {
                if (top < BUILTIN_STACK) {
                    st[top].at = i, st[top].len = k, st[top].kind = m - 1;
                    top++;
                }
            } else if (m < 0) {
                int t = -m - 1;
                size_t d = top;
                while (d > 0 && st[d - 1].kind != t) d--;
                if (d == 0) {
                    if ((t != BUILTIN_PAREN_FULL && t != BUILTIN_PAREN_HALF) || !builtin_enum_closer(ln->s, i))
                        check_emit(c, rule, line, i, i + k, NULL, 0);
                } else {
                    for (size_t u = d; u < top; u++)
                        check_emit(c, rule, line, st[u].at, st[u].at + st[u].len, NULL, 0);
                    top = d - 1;
                }
            }
        }
        for (size_t u = 0; u < top; u++) check_emit(c, rule, line, st[u].at, st[u].at + st[u].len, NULL, 0);
    }
}

/* ---- paragraph ends --------------------------------------------------- */

static int builtin_is_end_mark(uint32_t cp)
{
    switch (cp) {
    case 0x3002: case 0xFF01: case 0xFF1F: case 0x2026: case 0x201D: case 0x2019: case 0xFF09: case 0x300B:
    case 0x3011: case 0x300D: case 0x300F: case 0xFF1A: case 0xFF1B: case 0x2014: case '!': case '?': case ';':
    case ':': case '.': case ')': case '"': return 1;
    default: return 0;
    }
}

static int builtin_has3(const check_line *ln, const char *c)
{
    return bytescan_find3(ln->s, 0, ln->len, c) < ln->len;
}

/* A line that is a title, a heading, a signature or a date: short and
 * without clause punctuation, or starting with a heading marker. */
static int builtin_is_label_line(const check_line *ln)
{
    if (builtin_heading_marker(ln->s, ln->len))
        return !builtin_has3(ln, "。") && !builtin_has3(ln, "！") && !builtin_has3(ln, "？");
    if (bytescan_count_upto(ln->s, ln->len, 31) > 30) return 0;
    static const char *const clause[] = {"，", "。", "；", "：", "、"};
    for (size_t i = 0; i < sizeof clause / sizeof *clause; i++)
        if (builtin_has3(ln, clause[i])) return 0;
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
        size_t p;
        uint32_t cp = bytescan_cp_before(ln->s, end, end, &p);
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

enum { BUILTIN_SENT_OTHER, BUILTIN_SENT_SPACE, BUILTIN_SENT_END };

/* What the character at byte i of s (n bytes) is to a sentence, with its
 * length in *k: an end (。！？；!?;), a space, or other (length 1). */
static inline int builtin_sentence_at(const char *s, size_t n, size_t i, size_t *k)
{
    const unsigned char *u = (const unsigned char *)s + i;
    *k = 1;
    switch (u[0]) {
    case '!': case '?': case ';': return BUILTIN_SENT_END;
    case ' ': case '\t': return BUILTIN_SENT_SPACE;
    case 0xC2:
        if (n - i < 2 || u[1] != 0xA0) return BUILTIN_SENT_OTHER;
        *k = 2;
        return BUILTIN_SENT_SPACE;
    case 0xE3:
        if (n - i < 3 || u[1] != 0x80 || (u[2] != 0x82 && u[2] != 0x80)) return BUILTIN_SENT_OTHER;
        *k = 3;
        return u[2] == 0x82 ? BUILTIN_SENT_END : BUILTIN_SENT_SPACE;
    case 0xEF:
        if (n - i < 3 || u[1] != 0xBC || (u[2] != 0x81 && u[2] != 0x9F && u[2] != 0x9B)) return BUILTIN_SENT_OTHER;
        *k = 3;
        return BUILTIN_SENT_END;
    default: return BUILTIN_SENT_OTHER;
    }
}


/* Characters in s[0, n): bytes that are not UTF-8 continuation bytes. */
static size_t builtin_chars(const char *s, size_t n)
{
    return n - bytescan_count_cont(s, n);
}

static void builtin_long_sentence(check_ctx *c, uint32_t rule, int param)
{
    size_t max = param > 0 ? (size_t)param : 150;
    const bytemap *map = builtin_bytemap(c);
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const check_line *ln = &c->doc->lines[line];
        size_t start = 0, spaces = 0, i, k = 0;
        bytemap_iter it;
        bytemap_seek(&it, map, BYTEMAP_SENTENCE, line, 0, ln->len);
        for (;;) {
            i = bytemap_next(&it);
            if (i < ln->len) {
                int what = builtin_sentence_at(ln->s, ln->len, i, &k);
                if (what != BUILTIN_SENT_END) {
                    spaces += what == BUILTIN_SENT_SPACE;
                    continue;
                }
            } else {
                k = 0;
            }
            /* a character has at least one byte: short spans need no count */
            if (i - start > max && builtin_chars(ln->s + start, i - start) - spaces > max)
                check_emit(c, rule, line, builtin_skip_space(ln->s, i + k, start), i + k, NULL, 0);
            if (i == ln->len) break;
            start = i + k;
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
    size_t pp;
    uint32_t cp = bytescan_cp_before(prev->s, pe, pe, &pp);
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
    /* the users of builtin_bytemap() and builtin_outline() */
    int numbering = builtin_find("heading-skip"), pairs = builtin_find("pairs");
    if (idx == pairs || idx == builtin_find("long-sentence") || (numbering >= 0 && idx >= numbering)) return pairs;
    return idx;
}
