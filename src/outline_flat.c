/* outline_flat.c -- headings that text extraction flattened into the middle
 * of a line.
 *
 * A PDF or web copy often runs a report's headings into the paragraph before
 * them: "…现将有关情况汇报如下: 一、强化组织领导，…。（二）完善工作机制…".
 * A candidate is a 一、 or （二） right after a clause end (：。；). It is
 * taken when its number continues the sequence of the headings around it and
 * a later heading, or a second flattened one, confirms it; a lone candidate
 * is left as body text. The outline's line headings are parsed already. */

#include <stdlib.h>

#include "bytemap.h"
#include "mem.h"
#include "outline_int.h"

typedef struct ol_cand {
    outline_heading h;
    size_t line;
    int state;  /* 0 undecided, 1 accepted, -1 rejected */
} ol_cand;

typedef struct ol_cands {
    ol_cand *c;
    size_t n, cap;
} ol_cands;

/* 1 if the character before i (skipping spaces) ends a clause: ：:。；; */
static int ol_after_clause(const char *s, size_t i)
{
    while (i > 0) {
        size_t p;
        uint32_t cp = bytescan_cp_before(s, i, i, &p);
        if (zh_is_space(cp)) {
            i = p;
            continue;
        }
        return cp == 0xFF1A || cp == ':' || cp == 0x3002 || cp == 0xFF1B || cp == ';';
    }
    return 0;
}

/* Candidates "：一、" and "。（二）" inside line l from byte from on (in
 * any order: they are sorted by position afterwards). */
static void ol_find_flat(ol_cands *cs, const doc_line *ln, size_t l, size_t from, const bytemap *map)
{
    const char *s = ln->s;
    size_t n = ln->len;
    outline_heading h;
    bytemap_iter it;
    bytemap_seek(&it, map, BYTEMAP_FLAT, l, from, n);
    for (size_t at; (at = bytemap_next(&it)) < n;) {
        if ((unsigned char)s[at] == 0xEF) {
            if (!ol_after_clause(s, at) || !outline_marker(s, n, at, &h) || h.style != OUTLINE_STYLE_PAREN_CJK)
                continue;
            if (!utf8_is_han(zh_cp(s, n, zh_skip_space(s, n, h.mend), NULL))) continue;
            xgrow(&cs->c, &cs->cap, cs->n + 1, sizeof *cs->c);
            cs->c[cs->n++] = (ol_cand){h, l, 0};
            continue;
        }
        /* 一、: step back over the numeral */
        size_t st = at;
        int digits = 0;
        while (st > from && digits < 3) {
            size_t q;
            if (!zh_cjk_digit(bytescan_cp_before(s, n, st, &q))) break;
            st = q, digits++;
        }
        if (!digits || !ol_after_clause(s, st) || !outline_marker(s, n, st, &h) || h.style != OUTLINE_STYLE_CJK_DUN)
            continue;
        xgrow(&cs->c, &cs->cap, cs->n + 1, sizeof *cs->c);
        cs->c[cs->n++] = (ol_cand){h, l, 0};
    }
}

static int ol_cand_cmp(const void *a, const void *b)
{
    const ol_cand *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->h.col < y->h.col ? -1 : x->h.col > y->h.col;
}

/* Pending candidates: accepted when two or more continue each other, or when
 * the next heading of their family goes on counting up from them (一、 flat,
 * then 二、 or even 三、 at a line start); rejected otherwise (an inline list
 * "一、…；二、…" before a real 一、). */
static void ol_settle(ol_cands *cs, size_t *pend, size_t np, int verdict)
{
    for (size_t i = 0; i < np; i++) cs->c[pend[i]].state = verdict > 0 || (verdict == 0 && np >= 2) ? 1 : -1;
}

/* Decides the candidates of family fam by walking headings and candidates in
 * document order. A more senior heading (or accepted candidate) resets the
 * count; families are numbered from the most senior. */
static void ol_resolve(ol_cands *cs, const outline *o, int fam)
{
    size_t *pend = xmalloc((cs->n + 1) * sizeof *pend), np = 0, hi = 0, ci = 0;
    int last = 0;
    while (hi < o->nh || ci < cs->n) {
        if (ci >= cs->n || (hi < o->nh && o->h[hi].line <= cs->c[ci].line)) {
            const outline_heading *h = &o->h[hi++];
            if (h->family == fam) {
                ol_settle(cs, pend, np, np && h->number > cs->c[pend[np - 1]].h.number ? 1 : -1);
                np = 0;
                last = h->number;
            } else if (h->family < fam) {
                ol_settle(cs, pend, np, 0);
                np = 0, last = 0;
            }
            continue;
        }
        ol_cand *c = &cs->c[ci++];
        if (c->h.family != fam) {
            if (c->state > 0 && c->h.family < fam) {
                ol_settle(cs, pend, np, 0);
                np = 0, last = 0;
            }
            continue;
        }
        int want = np ? cs->c[pend[np - 1]].h.number + 1 : last + 1;
        if (c->h.number == want) {
            pend[np++] = (size_t)(c - cs->c);
            continue;
        }
        ol_settle(cs, pend, np, 0);
        np = 0;
        if (c->h.number == 1) pend[np++] = (size_t)(c - cs->c);
        else c->state = -1;
    }
    ol_settle(cs, pend, np, 0);
    free(pend);
}

static int ol_heading_cmp(const void *a, const void *b)
{
    const outline_heading *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

void outline_flat_parse(outline *o, const doc_text *doc, const bytemap *map)
{
    ol_cands cs = {0};
    for (size_t l = 0; l < doc->nlines; l++) {
        if (o->kind[l] == OUTLINE_BODY || o->kind[l] == OUTLINE_ARTIFACT) ol_find_flat(&cs, &doc->lines[l], l, 0, map);
    }
    for (size_t i = 0; i < o->nh; i++)
        if (o->h[i].runin) ol_find_flat(&cs, &doc->lines[o->h[i].line], o->h[i].line, o->h[i].sep, map);
    if (!cs.n) return;
    qsort(cs.c, cs.n, sizeof *cs.c, ol_cand_cmp);
    ol_resolve(&cs, o, OUTLINE_FAM_L1);
    ol_resolve(&cs, o, OUTLINE_FAM_L2);
    size_t before = o->nh;
    for (size_t i = 0; i < cs.n; i++) {
        if (cs.c[i].state <= 0) continue;
        outline_heading h = cs.c[i].h;
        h.line = cs.c[i].line;
        h.flat = 1;
        outline_set_title(&doc->lines[h.line], &h, map);
        outline_add_heading(o, &h);
        o->kind[h.line] = OUTLINE_HEADING;
    }
    if (o->nh > before) qsort(o->h, o->nh, sizeof *o->h, ol_heading_cmp);
    free(cs.c);
}

