/* builtin.c -- the checks written in C.
 *
 * pairs           brackets, quotes and 书名号 that do not close within their
 *                 paragraph, or close what was never opened;
 * para-end        a paragraph that ends with no end punctuation (the title,
 *                 standalone headings and short lines such as signatures are
 *                 exempt; a run-in heading with body text is a paragraph);
 * para-end-comma  a paragraph that ends with ， or 、;
 * hard-wrap       a paragraph broken into lines of one width, as text
 *                 copied from a PDF is: one finding per run, whose fix joins
 *                 the lines (the paragraph-end checks see the run as one
 *                 paragraph);
 * long-sentence   a sentence longer than `param` characters (default 150);
 * page-debris     a page-chunk counter "N、" at the start of a line that
 *                 continues the previous line's unfinished sentence;
 * lm-pinyin, lm-word, lm-spinner
 *                 wrong words by the language model (spell.c, lm.c): a
 *                 homophone character, a homophone word, a spun word; the
 *                 fix must gain `param` / 10 in -log p (defaults 9, 8, 4);
 * site-line       a line a template site or web page left (siteline.c):
 *                 score at least `param` (default 5) from two or more site
 *                 words or marks, in a line of at most 100 characters
 *                 that is not a heading.
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
#include "sbuf.h"
#include "siteline.h"
#include "spell.h"
#include "zh.h"

/* A builtin runs for rule with the rule's param and its table row's arg. */
typedef void (*builtin_fn)(check_ctx *c, uint32_t rule, int param, int arg);

/* ---- what the builtins share ----------------------------------------- */

/* Made on first use within one check_run and kept in check_ctx's scratch. */
typedef struct builtin_shared {
    bytemap map;
    outline outline;
    size_t *wrap_last;  /* per line: the last line of the hard-wrapped run it starts, or itself */
    unsigned has_map : 1;
    unsigned has_outline : 1;
} builtin_shared;

static void builtin_shared_free(void *p)
{
    builtin_shared *sh = p;
    if (sh->has_map) bytemap_free(&sh->map);
    if (sh->has_outline) outline_free(&sh->outline);
    free(sh->wrap_last);
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

/* What the builtins share within one check_run (in check_ctx's scratch),
 * made on first use: the bytemap of c->doc, and its outline with the item
 * sequences (for the numbering checks). */
static const bytemap *builtin_bytemap(check_ctx *c)
{
    builtin_shared *sh = builtin_shared_get(c);
    if (!sh->has_map) {
        bytemap_build(&sh->map, c->doc);
        sh->has_map = 1;
    }
    return &sh->map;
}

static const outline *builtin_outline(check_ctx *c)
{
    const bytemap *map = builtin_bytemap(c);
    builtin_shared *sh = builtin_shared_get(c);
    if (!sh->has_outline) {
        outline_parse_with(&sh->outline, c->doc, OUTLINE_ITEMS, NULL, map);
        sh->has_outline = 1;
    }
    return &sh->outline;
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
        if (!alnum && !zh_is_cjk_numeral(cp)) break;
        i = p;
        count++;
    }
    if (count == 0 || count > 3) return 0;
    if (i == 0) return 1;
    uint32_t cp = bytescan_cp_before(s, i, i, &p);
    return zh_is_space(cp) || cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == 0x3001 ||
           cp == ';' || cp == ',';
}

static void builtin_pairs(check_ctx *c, uint32_t rule, int param, int arg)
{
    (void)param;
    struct { size_t at, len; int kind; } st[BUILTIN_STACK];
    const bytemap *map = builtin_bytemap(c);
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const doc_line *ln = &c->doc->lines[line];
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

/* ---- paragraph ends and hard-wrapped runs ------------------------------ */

/* A run shorter than this many lines is not called hard-wrapped: two lines
 * give no width to compare. */
#define BUILTIN_WRAP_MIN_LINES 3
/* Display columns (CJK 2, ASCII 1) of the widest line a wrap may have. */
#define BUILTIN_WRAP_MAX_COLS 160

static int builtin_blank(const doc_line *ln)
{
    size_t end = zh_trim_end(ln->s, ln->len);
    return zh_skip_space(ln->s, end, 0) >= end;
}

/* Display columns of ln without its trailing spaces. */
static size_t builtin_cols(const doc_line *ln)
{
    size_t end = zh_trim_end(ln->s, ln->len);
    size_t cont = bytescan_count_cont(ln->s, end), chars = end - cont;
    /* ASCII is one byte and one column; a 3-byte character is two */
    return chars + cont / 2;
}

/* Whether line i of doc runs on into line i + 1 mid-paragraph: it does not
 * end a sentence, is not a title, heading or signature, and the next line
 * is neither blank, nor a heading, nor indented as a new paragraph. */
static int builtin_runs_on(const doc_text *doc, size_t i)
{
    if (i + 1 >= doc->nlines) return 0;
    const doc_line *a = &doc->lines[i], *b = &doc->lines[i + 1];
    if (builtin_blank(a) || builtin_blank(b)) return 0;
    size_t ae = zh_trim_end(a->s, a->len), p;
    if (zh_is_end_mark(bytescan_cp_before(a->s, ae, ae, &p))) return 0;
    if (zh_skip_space(b->s, b->len, 0) > 0 || outline_line_marker(b) || outline_is_label_line(a)) return 0;
    return 1;
}

/* Per line, the last line of the hard-wrapped run it starts, or the line
 * itself (in check_ctx's scratch, shared by the paragraph checks): runs of
 * at least BUILTIN_WRAP_MIN_LINES lines that run on, all but the last of
 * nearly one width (the narrowest at least 70% of the widest: digits and
 * marks that do not fit make lines uneven), the last no wider. */
static const size_t *builtin_wraps(check_ctx *c)
{
    builtin_shared *sh = builtin_shared_get(c);
    if (sh->wrap_last) return sh->wrap_last;
    const doc_text *doc = c->doc;
    size_t n = doc->nlines, *last = xmalloc((n + 1) * sizeof *last);
    unsigned char *on = xmalloc(n + 1);
    for (size_t l = 0; l < n; l++) on[l] = (unsigned char)builtin_runs_on(doc, l);
    for (size_t l = 0; l < n; l++) {
        last[l] = l;
        if (!on[l] || (l > 0 && on[l - 1])) continue;
        size_t e = l, lo = SIZE_MAX, hi = 0;
        for (; on[e]; e++) {
            size_t w = builtin_cols(&doc->lines[e]);
            if (w < lo) lo = w;
            if (w > hi) hi = w;
        }
        if (e + 1 - l >= BUILTIN_WRAP_MIN_LINES && hi <= BUILTIN_WRAP_MAX_COLS && lo * 10 >= hi * 7 &&
            builtin_cols(&doc->lines[e]) * 10 <= hi * 11)
            last[l] = e;
    }
    free(on);
    sh->wrap_last = last;
    return last;
}

static int builtin_ascii_alnum(uint32_t cp)
{
    return cp < 128 && ((cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z'));
}

/* One finding per hard-wrapped run, from the end of its first line's text to
 * the start of its last line's; the fix is the text of the lines between,
 * so applying it joins the run (a space only between two ASCII words). */
static void builtin_hard_wrap(check_ctx *c, uint32_t rule, int param, int arg)
{
    (void)param, (void)arg;
    if (c->opts->markdown) return; /* Markdown joins the lines of a paragraph itself */
    const size_t *wraps = builtin_wraps(c);
    sbuf fix = SBUF_INIT;
    for (size_t line = 0; line < c->doc->nlines; line++) {
        size_t last = wraps[line];
        if (last == line) continue;
        sbuf_clear(&fix);
        const doc_line *ln = &c->doc->lines[line];
        size_t col = zh_trim_end(ln->s, ln->len), p;
        uint32_t before = bytescan_cp_before(ln->s, col, col, &p);
        for (size_t l = line + 1; l <= last; l++) {
            const doc_line *m = &c->doc->lines[l];
            size_t i = zh_skip_space(m->s, m->len, 0), e = zh_trim_end(m->s, m->len), k;
            if (builtin_ascii_alnum(before) && builtin_ascii_alnum(zh_cp(m->s, e, i, &k))) sbuf_addc(&fix, ' ');
            if (l == last) break;
            sbuf_add(&fix, m->s + i, e - i);
            before = bytescan_cp_before(m->s, e, e, &p);
        }
        size_t start = zh_skip_space(c->doc->lines[last].s, c->doc->lines[last].len, 0);
        check_emit_lines(c, rule, line, col, last, start, fix.s ? fix.s : "", fix.len);
        line = last;
    }
    sbuf_free(&fix);
}

/* arg: 0 for para-end, 1 for para-end-comma. The lines of a hard-wrapped
 * run are one paragraph, which ends on its last line. */
static void builtin_para_end(check_ctx *c, uint32_t rule, int param, int comma)
{
    int seen_title = 0;
    const size_t *wraps = c->opts->markdown ? NULL : builtin_wraps(c);
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const doc_line *ln = &c->doc->lines[line];
        size_t end = zh_trim_end(ln->s, ln->len);
        if (zh_skip_space(ln->s, end, 0) >= end) continue;
        if (wraps) {
            size_t last = wraps[line];
            if (last != line) {
                seen_title = 1;
                line = last - 1; /* the loop goes on at the run's last line */
                continue;
            }
        }
        if (!seen_title) {
            seen_title = 1;
            continue;
        }
        size_t p;
        uint32_t cp = bytescan_cp_before(ln->s, end, end, &p);
        int is_comma = cp == 0xFF0C || cp == 0x3001 || cp == ',';
        if (comma) {
            if (is_comma) check_emit(c, rule, line, p, end, NULL, 0);
        } else if (!is_comma && !zh_is_end_mark(cp) && !outline_is_label_line(ln)) {
            check_emit(c, rule, line, p, end, NULL, 0);
        }
    }
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

static void builtin_long_sentence(check_ctx *c, uint32_t rule, int param, int arg)
{
    size_t max = param > 0 ? (size_t)param : 150;
    const bytemap *map = builtin_bytemap(c);
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const doc_line *ln = &c->doc->lines[line];
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
                check_emit(c, rule, line, zh_skip_space(ln->s, i + k, start), i + k, NULL, 0);
            if (i == ln->len) break;
            start = i + k;
            spaces = 0;
        }
    }
}

/* ---- page-chunk counters ---------------------------------------------- */


static void builtin_page_debris(check_ctx *c, uint32_t rule, int param, int arg)
{
    (void)param;
    const doc_line *prev = NULL;
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const doc_line *ln = &c->doc->lines[line];
        size_t end = zh_trim_end(ln->s, ln->len);
        if (zh_skip_space(ln->s, end, 0) >= end) continue;
        size_t i = 0, j = outline_page_counter(prev, ln, &i);
        if (j) check_emit(c, rule, line, i, j, "", 0);
        prev = ln;
    }
}

/* ---- lines a site left (siteline.c) ----------------------------------- */

/* Longer lines are report paragraphs that may mention 文档 or 下载. */
#define BUILTIN_SITE_MAX_CHARS 100

static void builtin_site_line(check_ctx *c, uint32_t rule, int param, int arg)
{
    (void)arg;
    int threshold = param > 0 ? param : 5;
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const doc_line *ln = &c->doc->lines[line];
        size_t end = zh_trim_end(ln->s, ln->len), start = zh_skip_space(ln->s, end, 0);
        if (start >= end || end - start > 4 * BUILTIN_SITE_MAX_CHARS || outline_line_marker(ln) ||
            bytescan_count_upto(ln->s + start, end - start, BUILTIN_SITE_MAX_CHARS + 1) > BUILTIN_SITE_MAX_CHARS)
            continue;
        int signals, score = siteline_score(ln->s + start, end - start, &signals);
        if (score >= threshold && signals >= 2) check_emit(c, rule, line, start, end, NULL, 0);
    }
}

/* ---- wrong words by the language model (spell.c) ---------------------- */

#define BUILTIN_SPELL_MAX 64 /* per line */

/* The builtins of spell.c's sources, each with its default margin (tenths
 * of -log p): lm-pinyin (SPELL_CHAR), lm-word (SPELL_WORD), lm-spinner
 * (SPELL_SPIN), lm-shape (SPELL_SHAPE). They share one pass: the first
 * enabled one reports for all. */
static const struct {
    const char *name;
    int margin;
} builtin_lm_source[SPELL_SOURCES] = {{"lm-pinyin", 90}, {"lm-word", 80}, {"lm-spinner", 40}, {"lm-shape", 100}};

static void builtin_lm(check_ctx *c, uint32_t ri, int param, int source)
{
    uint32_t rule_of[SPELL_SOURCES] = {0};
    int margin[SPELL_SOURCES] = {0}, idx[SPELL_SOURCES], first = 1;
    for (int k = 0; k < SPELL_SOURCES; k++) idx[k] = builtin_find(builtin_lm_source[k].name);
    for (size_t i = 0; i < c->rs->nrules; i++) {
        int k = 0;
        while (k < SPELL_SOURCES && c->rs->builtin[i] != idx[k]) k++;
        if (!c->on[i] || k == SPELL_SOURCES) continue;
        if (first && i != ri) return; /* not the first: it reports for this one */
        first = 0;
        int p = c->rs->rules[i]->param;
        rule_of[k] = (uint32_t)i;
        margin[k] = (p > 0 ? p : builtin_lm_source[k].margin) * 10; /* costs: hundredths of -log p */
    }
    (void)param, (void)source;
    const char *why = NULL;
    const lm *m = lm_default(&why);
    if (!m) {
        xstrs_pushf(&c->res->notes, &c->res->nnotes, &c->res->capnotes, "语言模型不可用（%s），规则 %s 未运行",
                    why ? why : "", c->rs->rules[ri]->id);
        return;
    }
    spell_hit hits[BUILTIN_SPELL_MAX];
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const doc_line *ln = &c->doc->lines[line];
        if (!ln->len || (!c->doc->utf8_valid && utf8_find_invalid(ln->s, ln->len) < ln->len)) continue;
        size_t n = spell_line(m, ln->s, ln->len, margin, hits, BUILTIN_SPELL_MAX);
        for (size_t i = 0; i < n; i++) {
            size_t before = c->res->n;
            check_emit(c, rule_of[hits[i].source], line, hits[i].col, hits[i].end, hits[i].fix, hits[i].fixlen);
            /* severity follows confidence: twice the margin, one step graver */
            check_finding *f = c->res->n > before ? &c->res->f[before] : NULL;
            if (f && hits[i].gain >= 2 * margin[hits[i].source] && f->sev > RULEFILE_SEV_ERROR) f->sev--;
        }
    }
}

/* ---- placeholders (placeholder.c) ------------------------------------ */

/* A rule reporting the placeholders of one kind (missing = 1: only units
 * whose figure was deleted; 0: only real slots). */
typedef struct builtin_ph_target {
    uint32_t rule;
    int kind, missing;
} builtin_ph_target;

/* Scans c->doc once and reports every placeholder under each of the n
 * targets of its kind. */
static void builtin_ph_report(check_ctx *c, const builtin_ph_target *t, size_t n)
{
    placeholder_list l = {0};
    int markdown = c->opts->markdown;
    for (size_t line = 0; line < c->doc->nlines; line++) {
        const doc_line *ln = &c->doc->lines[line];
        l.n = 0;
        placeholder_scan(ln->s, ln->len, markdown, &l);
        for (size_t i = 0; i < l.n; i++)
            for (size_t k = 0; k < n; k++)
                if (l.p[i].kind == t[k].kind && l.p[i].missing == t[k].missing)
                    check_emit(c, t[k].rule, line, l.p[i].col, l.p[i].end, NULL, 0);
    }
    placeholder_list_free(&l);
}

/* The placeholder-* builtins share one scan of the document: the first
 * enabled one reports for all of them, the others return at once. A rule
 * with after/before (run only on some dates) reports for itself alone. */
static void builtin_placeholders(check_ctx *c, uint32_t ri, int kind, int missing)
{
    const rule *self = c->rs->rules[ri];
    builtin_ph_target one = {ri, kind, missing};
    if (self->after || self->before) {
        builtin_ph_report(c, &one, 1);
        return;
    }
    builtin_ph_target *t = xmalloc((c->rs->nrules + 1) * sizeof *t);
    size_t n = 0;
    for (size_t i = 0; i < c->rs->nrules; i++) {
        const rule *r = c->rs->rules[i];
        int m, k = c->on[i] && !r->after && !r->before ? builtin_placeholder_kind(c->rs->builtin[i], &m) : -1;
        if (k < 0) continue;
        if (n == 0 && i != ri) break; /* not the first: it reported for this one */
        t[n++] = (builtin_ph_target){(uint32_t)i, k, m};
    }
    if (n) builtin_ph_report(c, t, n);
    free(t);
}

/* arg: a PLACEHOLDER_* kind, with BUILTIN_PH_MISSING for the figures left
 * out altogether. */
#define BUILTIN_PH_MISSING 0x100
static void builtin_ph(check_ctx *c, uint32_t rule, int param, int arg)
{
    builtin_placeholders(c, rule, arg & ~BUILTIN_PH_MISSING, !!(arg & BUILTIN_PH_MISSING));
}

static void builtin_numbering(check_ctx *c, uint32_t rule, int param, int which)
{
    numbering_check(c, builtin_outline(c), rule, which);
}

/* Which task a check runs in (builtin_group): its own, or the one of the
 * checks that share builtin_bytemap() and builtin_outline() (the task of
 * "pairs", row 0), or builtin_wraps() (the task of "para-end", row 1). */
enum { BUILTIN_OWN = -1, BUILTIN_WITH_PAIRS = 0, BUILTIN_WITH_PARA = 1 };

static const struct {
    const char *name;
    builtin_fn fn;
    int arg;
    int group;
} builtin_table[] = {
    {"pairs", builtin_pairs, 0, BUILTIN_WITH_PAIRS},
    {"para-end", builtin_para_end, 0, BUILTIN_WITH_PARA},
    {"para-end-comma", builtin_para_end, 1, BUILTIN_WITH_PARA},
    {"hard-wrap", builtin_hard_wrap, 0, BUILTIN_WITH_PARA},
    {"site-line", builtin_site_line, 0, BUILTIN_OWN},
    {"lm-pinyin", builtin_lm, SPELL_CHAR, BUILTIN_OWN},
    {"lm-word", builtin_lm, SPELL_WORD, BUILTIN_OWN},
    {"lm-spinner", builtin_lm, SPELL_SPIN, BUILTIN_OWN},
    {"lm-shape", builtin_lm, SPELL_SHAPE, BUILTIN_OWN},
    {"long-sentence", builtin_long_sentence, 0, BUILTIN_WITH_PAIRS},
    {"page-debris", builtin_page_debris, 0, BUILTIN_OWN},
    {"placeholder-figure", builtin_ph, PLACEHOLDER_FIGURE, BUILTIN_OWN},
    {"placeholder-missing", builtin_ph, PLACEHOLDER_FIGURE | BUILTIN_PH_MISSING, BUILTIN_OWN},
    {"placeholder-date", builtin_ph, PLACEHOLDER_DATE, BUILTIN_OWN},
    {"placeholder-name", builtin_ph, PLACEHOLDER_NAME, BUILTIN_OWN},
    {"placeholder-text", builtin_ph, PLACEHOLDER_TEXT, BUILTIN_OWN},
    {"placeholder-masked", builtin_ph, PLACEHOLDER_MASKED, BUILTIN_OWN},
    /* the outline's numbering checks (numbering.c) */
    {"heading-skip", builtin_numbering, NUMBERING_HEADING_SKIP, BUILTIN_WITH_PAIRS},
    {"heading-repeat", builtin_numbering, NUMBERING_HEADING_REPEAT, BUILTIN_WITH_PAIRS},
    {"heading-restart", builtin_numbering, NUMBERING_HEADING_RESTART, BUILTIN_WITH_PAIRS},
    {"level-order", builtin_numbering, NUMBERING_LEVEL_ORDER, BUILTIN_WITH_PAIRS},
    {"mixed-style", builtin_numbering, NUMBERING_MIXED_STYLE, BUILTIN_WITH_PAIRS},
    {"item-skip", builtin_numbering, NUMBERING_ITEM_SKIP, BUILTIN_WITH_PAIRS},
    {"item-repeat", builtin_numbering, NUMBERING_ITEM_REPEAT, BUILTIN_WITH_PAIRS},
    {"item-lost-shi", builtin_numbering, NUMBERING_ITEM_LOST_SHI, BUILTIN_WITH_PAIRS},
    {"item-order", builtin_numbering, NUMBERING_ITEM_ORDER, BUILTIN_WITH_PAIRS},
    {"heading-end", builtin_numbering, NUMBERING_HEADING_END, BUILTIN_WITH_PAIRS},
    {"runin-end", builtin_numbering, NUMBERING_RUNIN_END, BUILTIN_WITH_PAIRS},
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
    if (idx >= 0 && (size_t)idx < BUILTIN_COUNT) builtin_table[idx].fn(c, rule, param, builtin_table[idx].arg);
}

int builtin_placeholder_kind(int idx, int *missing)
{
    *missing = 0;
    if (idx < 0 || (size_t)idx >= BUILTIN_COUNT || builtin_table[idx].fn != builtin_ph) return -1;
    *missing = !!(builtin_table[idx].arg & BUILTIN_PH_MISSING);
    return builtin_table[idx].arg & ~BUILTIN_PH_MISSING;
}

const char *builtin_name(int idx)
{
    return idx >= 0 && (size_t)idx < BUILTIN_COUNT ? builtin_table[idx].name : NULL;
}

int builtin_group(int idx)
{
    if (idx < 0 || (size_t)idx >= BUILTIN_COUNT) return idx;
    return builtin_table[idx].group == BUILTIN_OWN ? idx : builtin_table[idx].group;
}
