/* numbering.c -- the numbering checks: what a heading or item number says
 * against where it stands in the outline (outline.c), and how headings end.
 *
 * Sequences. Every heading should carry its position among its siblings,
 * every item its position in its sequence (renumber.c computes both). Where
 * a number differs, the first difference of a run is classified by its
 * neighbour: equal to or below the previous number is a repeat (a 1 is a
 * restart), above it plus one is a skip; the numbers after it that are only
 * off because of it are reported under the same rule. Each finding's fix is
 * the expected number, so applying every fix gives what :ParkRenumber gives.
 *
 * The marks after markers (一. 1、 （一）、 第一、 一是、) are left to the
 * patterns in numbering.rules; mixed-style reports only the forms none of
 * them covers. The outline is parsed once per check and shared by all of
 * them: the caller passes it in. */

#include "numbering.h"

#include <stdlib.h>
#include <string.h>

#include "bytescan.h"
#include "mem.h"
#include "outline.h"
#include "renumber.h"
#include "sbuf.h"
#include "utf8.h"
#include "zh.h"

/* The classification of a number v that should be want, after prev (the
 * number written before it in its group, 0 at the start); run is the kind
 * of the run it may continue (-1 none). */
static int numbering_kind(int v, int prev, int run, int skip, int repeat, int restart)
{
    if (v == prev) return repeat;
    if (v < prev) return v == 1 ? restart : repeat;
    if (v > prev + 1) return skip;
    return run >= 0 ? run : skip;
}

/* Moves group g past number v, which should be want: returns the kind of
 * run (skip, repeat or restart) v belongs to, or -1 when v is right. */
static int numbering_step(int *run, int *prev, size_t g, int v, int want, int skip, int repeat, int restart)
{
    run[g] = v != want ? numbering_kind(v, prev[g], run[g], skip, repeat, restart) : -1;
    prev[g] = v;
    return run[g];
}

static void numbering_fix(sbuf *b, const doc_line *ln, size_t ns, size_t ne, int want, const char *prefix,
                          const char *suffix)
{
    int sys = OUTLINE_NUM_CJK;
    sbuf_clear(b);
    sbuf_adds(b, prefix);
    outline_numeral(ln->s + ns, ne - ns, &sys);
    outline_format_numeral(b, want, sys);
    sbuf_adds(b, suffix);
}

static void numbering_headings(check_ctx *c, uint32_t rule, int which, const outline *o)
{
    int *hexp;
    renumber_expect(o, &hexp, NULL);
    size_t ng = (o->nh + 1) * OUTLINE_FAM_COUNT;
    int *prev = xcalloc(ng, sizeof *prev), *run = xmalloc(ng * sizeof *run);
    for (size_t g = 0; g < ng; g++) run[g] = -1;
    sbuf fix = SBUF_INIT;
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        size_t g = (size_t)(h->parent + 1) * OUTLINE_FAM_COUNT + (size_t)h->family;
        const doc_line *ln = &c->doc->lines[h->line];
        if (numbering_step(run, prev, g, h->number, hexp[i], NUMBERING_HEADING_SKIP, NUMBERING_HEADING_REPEAT,
                           NUMBERING_HEADING_RESTART) == which) {
            numbering_fix(&fix, ln, h->nstart, h->nend, hexp[i], "", "");
            check_emit(c, rule, h->line, h->nstart, h->nend, fix.s, fix.len);
        }
    }
    sbuf_free(&fix);
    free(prev);
    free(run);
    free(hexp);
}

static void numbering_items(check_ctx *c, uint32_t rule, int which, const outline *o)
{
    int *hexp, *iexp;
    renumber_expect(o, &hexp, &iexp);
    int maxseq = 0;
    for (size_t i = 0; i < o->nitems; i++)
        if (o->items[i].seq > maxseq) maxseq = o->items[i].seq;
    int *prev = xcalloc((size_t)maxseq + 1, sizeof *prev), *run = xmalloc(((size_t)maxseq + 1) * sizeof *run);
    for (int g = 0; g <= maxseq; g++) run[g] = -1;
    sbuf fix = SBUF_INIT;
    for (size_t i = 0; i < o->nitems; i++) {
        const outline_item *it = &o->items[i];
        const doc_line *ln = &c->doc->lines[it->line];
        if (it->kind == OUTLINE_ITEM_ORDINAL) {
            if (which == NUMBERING_ITEM_ORDER && it->number <= prev[it->seq])
                check_emit(c, rule, it->line, it->col, it->end, NULL, 0);
            if (it->number > prev[it->seq]) prev[it->seq] = it->number;
            continue;
        }
        if (it->kind == OUTLINE_ITEM_LOST_SHI && which == NUMBERING_ITEM_LOST_SHI) {
            numbering_fix(&fix, ln, it->nstart, it->nend, iexp[i] ? iexp[i] : it->number, "", "是");
            check_emit(c, rule, it->line, it->col, it->end, fix.s, fix.len);
        }
        if (numbering_step(run, prev, it->seq, it->number, iexp[i], NUMBERING_ITEM_SKIP, NUMBERING_ITEM_REPEAT,
                           NUMBERING_ITEM_REPEAT) == which &&
            it->kind != OUTLINE_ITEM_LOST_SHI && it->kind != OUTLINE_ITEM_GAP_SHI) {
            int di = it->kind == OUTLINE_ITEM_DI;
            numbering_fix(&fix, ln, it->nstart, it->nend, iexp[i], di ? "第" : "", di ? "" : "是");
            check_emit(c, rule, it->line, it->col, it->end, fix.s, fix.len);
        }
    }
    sbuf_free(&fix);
    free(prev);
    free(run);
    free(hexp);
    free(iexp);
}

static size_t numbering_marker_end(const doc_line *ln, const outline_heading *h)
{
    size_t e = h->mend;
    while (e > h->nend && (ln->s[e - 1] == ' ' || ln->s[e - 1] == '\t')) e--;
    return e;
}

static void numbering_level_check(check_ctx *c, uint32_t rule, const outline *o)
{
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i], *p = h->parent >= 0 ? &o->h[h->parent] : NULL;
        if (!p || outline_seniority(h->family) >= outline_seniority(p->family)) continue;
        /* once per group: only the first child of its family under p */
        int first = 1;
        for (size_t k = (size_t)h->parent + 1; k < i; k++)
            if (o->h[k].parent == h->parent && o->h[k].family == h->family) first = 0;
        if (first) check_emit(c, rule, h->line, h->col, numbering_marker_end(&c->doc->lines[h->line], h), NULL, 0);
    }
}

/* Forms that a numbering.rules pattern already flags at a line start. */
static int numbering_covered(int style)
{
    switch (style) {
    case OUTLINE_STYLE_CJK_DOT: case OUTLINE_STYLE_CJK_COMMA: case OUTLINE_STYLE_CJK_SPACE:
    case OUTLINE_STYLE_PAREN_CJK_HALF: case OUTLINE_STYLE_CJK_RPAREN: case OUTLINE_STYLE_ARABIC_FULLDOT:
    case OUTLINE_STYLE_ARABIC_DUN: case OUTLINE_STYLE_PAREN_ARABIC_OPEN: return 1;
    default: return 0;
    }
}

static void numbering_mixed(check_ctx *c, uint32_t rule, const outline *o)
{
    /* Headings are grouped by parent and family. The groups in use get
     * consecutive numbers: counting styles for every possible group cost
     * half a megabyte of zeroed memory on the 1 MB report. */
    size_t ng = (o->nh + 1) * OUTLINE_FAM_COUNT, nused = 0;
    uint32_t *gid = xmalloc(ng * sizeof *gid), *of = xmalloc((o->nh + 1) * sizeof *of);
    memset(gid, 0xFF, ng * sizeof *gid);
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        size_t g = (size_t)(h->parent + 1) * OUTLINE_FAM_COUNT + (size_t)h->family;
        if (gid[g] == UINT32_MAX) gid[g] = (uint32_t)nused++;
        of[i] = gid[g];
    }
    int *count = xcalloc((nused + 1) * OUTLINE_STYLE_COUNT, sizeof *count), *firststyle = xmalloc((nused + 1) * sizeof *firststyle);
    for (size_t g = 0; g < nused; g++) firststyle[g] = -1;
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        count[of[i] * OUTLINE_STYLE_COUNT + (size_t)h->style]++;
        if (firststyle[of[i]] < 0) firststyle[of[i]] = h->style;
    }
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        const int *cnt = count + of[i] * OUTLINE_STYLE_COUNT;
        int ref = firststyle[of[i]];
        for (int s = 0; s < OUTLINE_STYLE_COUNT; s++)
            if (cnt[s] > cnt[ref]) ref = s;
        if (h->style != ref && !h->flat && !numbering_covered(h->style))
            check_emit(c, rule, h->line, h->col, numbering_marker_end(&c->doc->lines[h->line], h), NULL, 0);
    }
    free(count);
    free(firststyle);
    free(gid);
    free(of);
}

/* Standalone headings ending in 。：；，. For levels below （一） only short
 * headings without a comma count: longer ones are numbered paragraphs. */
/* Whether the n bytes at s read as a sentence (an item paragraph such as
 * "新签约了一批项目") rather than a title ("强化组织领导"): an aspect 了
 * (not 了解), a figure in digits, or a quantity such as 一批. */
static int numbering_reads_as_sentence(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') return 1;
    for (size_t i = bytescan_find3(s, 0, n, "了"); i < n; i = bytescan_find3(s, i + 3, n, "了"))
        if (n - i < 6 || memcmp(s + i + 3, "解", 3) != 0) return 1;
    return bytescan_find3(s, 0, n, "批") < n;
}

/* Whether heading i, whose line ends with cp, is an item of a list rather
 * than a title: it ends with ；, or with 。 after a sibling that ended
 * with ； (the last item). Lists follow "重点检查以下内容：". */
static int numbering_in_list(const doc_text *doc, const outline *o, size_t i, uint32_t cp)
{
    if (cp == 0xFF1B || cp == ';') return 1;
    if (cp != 0x3002 || i == 0) return 0;
    const outline_heading *h = &o->h[i], *g = &o->h[i - 1];
    if (g->style != h->style || g->parent != h->parent) return 0;
    const doc_line *ln = &doc->lines[g->line];
    size_t n = zh_trim_end(ln->s, ln->len), p;
    uint32_t last = bytescan_cp_before(ln->s, n, n, &p);
    return last == 0xFF1B || last == ';';
}

static void numbering_end_check(check_ctx *c, uint32_t rule, const outline *o)
{
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        if (h->flat || h->runin) continue;
        const doc_line *ln = &c->doc->lines[h->line];
        size_t n = ln->len, p;
        while (n > 0 && zh_is_space(bytescan_cp_before(ln->s, ln->len, n, &p))) n = p;
        if (n <= h->tstart) continue;
        uint32_t cp = bytescan_cp_before(ln->s, n, n, &p);
        if (cp != 0x3002 && cp != 0xFF1A && cp != ':' && cp != 0xFF1B && cp != 0xFF0C && cp != ',') continue;
        if (h->level >= 3) {
            size_t chars = bytescan_count_upto(ln->s + h->tstart, p - h->tstart, 21);
            if (chars > 20 || bytescan_find3(ln->s, h->tstart, p, "，") < p) continue;
            if (cp == 0x3002 && numbering_reads_as_sentence(ln->s + h->tstart, p - h->tstart)) continue;
            if (numbering_in_list(c->doc, o, i, cp)) continue;
        }
        check_emit(c, rule, h->line, p, n, "", 0);
    }
}

/* "（一）加强组织领导  按照……。": spaces where the title should end with 。. */
static void numbering_runin_check(check_ctx *c, uint32_t rule, const outline *o)
{
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        if (h->flat) continue;
        const doc_line *ln = &c->doc->lines[h->line];
        size_t j = h->tstart, k, han = 0;
        while (j < h->tend) {
            uint32_t cp = zh_cp(ln->s, h->tend, j, &k);
            if (zh_is_space(cp)) break;
            if (!utf8_is_han(cp) && cp != 0x201C && cp != 0x201D) han = 99; /* punctuation: not a bare title */
            if (++han > 30) break;
            j += k;
        }
        if (j >= h->tend || han < 2 || han > 30) continue;
        size_t sp = j;
        while (j < h->tend && zh_is_space(zh_cp(ln->s, h->tend, j, &k))) j += k;
        if (!utf8_is_han(zh_cp(ln->s, ln->len, j, &k))) continue;
        if (bytescan_count_upto(ln->s + j, ln->len - j, 10) < 10) continue;
        check_emit(c, rule, h->line, sp, j, "。", 3);
    }
}

void numbering_check(check_ctx *c, const outline *o, uint32_t rule, int which)
{
    switch (which) {
    case NUMBERING_HEADING_SKIP:
    case NUMBERING_HEADING_REPEAT:
    case NUMBERING_HEADING_RESTART: numbering_headings(c, rule, which, o); break;
    case NUMBERING_LEVEL_ORDER: numbering_level_check(c, rule, o); break;
    case NUMBERING_MIXED_STYLE: numbering_mixed(c, rule, o); break;
    case NUMBERING_HEADING_END: numbering_end_check(c, rule, o); break;
    case NUMBERING_RUNIN_END: numbering_runin_check(c, rule, o); break;
    default: numbering_items(c, rule, which, o); break;
    }
}
