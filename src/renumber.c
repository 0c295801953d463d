/* renumber.c -- the numbers headings and items should carry, as edits.
 *
 * A heading's number is its position among its siblings: the headings of
 * the same family under the same parent (outline.c decides nesting from what
 * the author wrote, so moving a section with its subsections keeps its
 * children's numbers and changes only its own). An item's number is its
 * position in its sequence. The numeral keeps its system (一 / 1 / ①) and
 * everything around it is left byte for byte, so renumbering twice changes
 * nothing the second time. */

#include "renumber.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

void renumber_expect(const outline *o, int **hexp, int **iexp)
{
    int *h = xcalloc(o->nh + 1, sizeof *h);
    int *count = xcalloc((o->nh + 1) * OUTLINE_FAM_COUNT, sizeof *count);
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *x = &o->h[i];
        h[i] = ++count[(size_t)(x->parent + 1) * OUTLINE_FAM_COUNT + (size_t)x->family];
    }
    free(count);
    *hexp = h;
    if (!iexp) return;
    int maxseq = 0;
    for (size_t i = 0; i < o->nitems; i++)
        if (o->items[i].seq > maxseq) maxseq = o->items[i].seq;
    int *it = xcalloc(o->nitems + 1, sizeof *it);
    int *pos = xcalloc((size_t)maxseq + 1, sizeof *pos);
    for (size_t i = 0; i < o->nitems; i++) {
        const outline_item *x = &o->items[i];
        if (x->kind == OUTLINE_ITEM_ORDINAL || x->seq < 0) continue;
        it[i] = ++pos[x->seq];
    }
    free(pos);
    *iexp = it;
}

static void renumber_add(renumber_plan *p, const doc_text *doc, size_t line, size_t col, size_t end, int want)
{
    int sys;
    const doc_line *ln = &doc->lines[line];
    int have = outline_numeral(ln->s + col, end - col, &sys);
    if (!have || have == want) return;
    size_t off = p->arena.len;
    if (!outline_format_numeral(&p->arena, want, sys)) return;
    xgrow(&p->e, &p->cap, p->n + 1, sizeof *p->e);
    p->e[p->n++] = (renumber_edit){line, col, end, off, p->arena.len - off};
}

static int renumber_cmp(const void *a, const void *b)
{
    const renumber_edit *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

void renumber_make(const outline *o, const doc_text *doc, size_t first, size_t last, renumber_plan *p)
{
    int *hexp, *iexp;
    renumber_expect(o, &hexp, &iexp);
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        if (h->line >= first && h->line <= last) renumber_add(p, doc, h->line, h->nstart, h->nend, hexp[i]);
    }
    for (size_t i = 0; i < o->nitems; i++) {
        const outline_item *it = &o->items[i];
        if (iexp[i] && it->line >= first && it->line <= last)
            renumber_add(p, doc, it->line, it->nstart, it->nend, iexp[i]);
    }
    free(hexp);
    free(iexp);
    if (p->n > 1) qsort(p->e, p->n, sizeof *p->e, renumber_cmp);
    /* never overlapping (renumber_apply relies on it): should two numbers
     * share bytes, the first one's edit is kept */
    size_t k = 0;
    for (size_t i = 0; i < p->n; i++)
        if (!k || p->e[i].line != p->e[k - 1].line || p->e[i].col >= p->e[k - 1].end) p->e[k++] = p->e[i];
    p->n = k;
}

void renumber_plan_free(renumber_plan *p)
{
    free(p->e);
    sbuf_free(&p->arena);
    memset(p, 0, sizeof *p);
}

void renumber_apply(const char *text, size_t len, const doc_text *doc, const renumber_plan *p, sbuf *out)
{
    size_t at = 0;
    for (size_t i = 0; i < p->n; i++) {
        const renumber_edit *e = &p->e[i];
        size_t base = (size_t)(doc->lines[e->line].s - text);
        sbuf_add(out, text + at, base + e->col - at);
        sbuf_add(out, p->arena.s + e->off, e->len);
        at = base + e->end;
    }
    sbuf_add(out, text + at, len - at);
}
