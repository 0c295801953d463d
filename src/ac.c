/* ac.c -- Aho-Corasick multi-pattern matching over bytes.
 *
 * All literal rules (thousands of wrong->right pairs, watermark phrases) and
 * the trigger words that gate regular expressions are compiled into one
 * automaton, so the text is read once however many literals there are.
 *
 * Layout after ac_compile(): states near the root (depth <= AC_DENSE_DEPTH,
 * which covers the first Chinese character of every pattern) own a full
 * 256-entry transition row with failure transitions folded in; deeper states
 * keep a sorted edge list and fall back along failure links until they reach
 * a dense state. Matches of a state are its own pattern ids followed by those
 * of its dictionary-suffix chain. */

#include "ac.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define AC_DENSE_DEPTH 3
#define AC_NONE UINT32_MAX

typedef struct ac_node {
    uint32_t child;   /* build: first child; after compile: first edge index */
    uint32_t sibling; /* build only */
    uint32_t fail;
    uint32_t dict;    /* nearest failure ancestor with outputs, or AC_NONE */
    uint32_t out;     /* head of this node's output chain, or AC_NONE */
    uint32_t dense;   /* row in a->rows, or AC_NONE */
    uint16_t nedge;
    uint8_t byte;
    uint8_t depth;    /* saturates at 255 */
} ac_node;

typedef struct ac_out {
    uint32_t id;
    uint32_t len;
    uint32_t next;
} ac_out;

typedef struct ac_edge {
    uint8_t byte;
    uint32_t to;
} ac_edge;

struct ac {
    ac_node *nodes;
    size_t nnodes, capnodes;
    ac_out *outs;
    size_t nouts, capouts;
    ac_edge *edges;
    uint32_t *rows;   /* nrows * 256 transitions */
    size_t nrows;
    size_t npatterns;
    int compiled;
};

static uint32_t ac_new_node(ac *a, uint8_t byte, uint8_t depth)
{
    xgrow(&a->nodes, &a->capnodes, a->nnodes + 1, sizeof *a->nodes);
    ac_node *n = &a->nodes[a->nnodes];
    memset(n, 0, sizeof *n);
    n->child = n->sibling = n->dict = n->out = n->dense = AC_NONE;
    n->byte = byte;
    n->depth = depth;
    return (uint32_t)a->nnodes++;
}

ac *ac_new(void)
{
    ac *a = xcalloc(1, sizeof *a);
    ac_new_node(a, 0, 0);
    return a;
}

static uint32_t ac_build_child(const ac *a, uint32_t s, uint8_t b)
{
    for (uint32_t c = a->nodes[s].child; c != AC_NONE; c = a->nodes[c].sibling)
        if (a->nodes[c].byte == b) return c;
    return AC_NONE;
}

void ac_add(ac *a, const char *p, size_t n, uint32_t id)
{
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = (uint8_t)p[i];
        uint32_t c = ac_build_child(a, s, b);
        if (c == AC_NONE) {
            uint8_t d = a->nodes[s].depth < 255 ? (uint8_t)(a->nodes[s].depth + 1) : 255;
            c = ac_new_node(a, b, d);
            a->nodes[c].sibling = a->nodes[s].child;
            a->nodes[s].child = c;
        }
        s = c;
    }
    xgrow(&a->outs, &a->capouts, a->nouts + 1, sizeof *a->outs);
    a->outs[a->nouts] = (ac_out){id, (uint32_t)n, a->nodes[s].out};
    a->nodes[s].out = (uint32_t)a->nouts++;
    a->npatterns++;
}

static int ac_edge_cmp(const void *x, const void *y)
{
    return (int)((const ac_edge *)x)->byte - (int)((const ac_edge *)y)->byte;
}

/* Moves child lists into one sorted edge array (CSR). */
static void ac_pack_edges(ac *a)
{
    a->edges = xmalloc((a->nnodes ? a->nnodes : 1) * sizeof *a->edges);
    uint32_t k = 0;
    for (size_t s = 0; s < a->nnodes; s++) {
        uint32_t first = k;
        for (uint32_t c = a->nodes[s].child; c != AC_NONE; c = a->nodes[c].sibling)
            a->edges[k++] = (ac_edge){a->nodes[c].byte, c};
        a->nodes[s].nedge = (uint16_t)(k - first);
        qsort(a->edges + first, k - first, sizeof *a->edges, ac_edge_cmp);
        a->nodes[s].child = first;
    }
}

static uint32_t ac_edge_find(const ac *a, const ac_node *n, uint8_t b)
{
    const ac_edge *e = a->edges + n->child;
    size_t lo = 0, hi = n->nedge;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e[mid].byte < b) lo = mid + 1;
        else if (e[mid].byte > b) hi = mid;
        else return e[mid].to;
    }
    return AC_NONE;
}

static uint32_t ac_step(const ac *a, uint32_t s, uint8_t b)
{
    for (;;) {
        const ac_node *n = &a->nodes[s];
        if (n->dense != AC_NONE) return a->rows[(size_t)n->dense * 256 + b];
        uint32_t t = ac_edge_find(a, n, b);
        if (t != AC_NONE) return t;
        s = n->fail;
    }
}

void ac_compile(ac *a)
{
    if (a->compiled) return;
    ac_pack_edges(a);
    uint32_t *queue = xmalloc(a->nnodes * sizeof *queue);
    size_t qh = 0, qt = 0;
    queue[qt++] = 0;
    a->nodes[0].fail = 0;
    while (qh < qt) {
        uint32_t s = queue[qh++];
        ac_node *n = &a->nodes[s];
        if (n->depth <= AC_DENSE_DEPTH) {
            n->dense = (uint32_t)a->nrows++;
            a->rows = xrealloc(a->rows, a->nrows * 256 * sizeof *a->rows);
            uint32_t *row = a->rows + (size_t)n->dense * 256;
            for (int b = 0; b < 256; b++) {
                uint32_t t = ac_edge_find(a, n, (uint8_t)b);
                if (t != AC_NONE) row[b] = t;
                else row[b] = s == 0 ? 0 : a->rows[(size_t)a->nodes[n->fail].dense * 256 + b];
            }
        }
        for (uint32_t i = 0; i < n->nedge; i++) {
            uint32_t c = a->edges[n->child + i].to;
            uint8_t b = a->edges[n->child + i].byte;
            ac_node *cn = &a->nodes[c];
            cn->fail = s == 0 ? 0 : ac_step(a, n->fail, b);
            const ac_node *f = &a->nodes[cn->fail];
            cn->dict = f->out != AC_NONE ? cn->fail : f->dict;
            queue[qt++] = c;
        }
    }
    free(queue);
    a->compiled = 1;
}

int ac_scan(const ac *a, const char *text, size_t n, ac_match_cb cb, void *ctx)
{
    if (!a->compiled || a->npatterns == 0) return 0;
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++) {
        s = ac_step(a, s, (uint8_t)text[i]);
        if (s == 0) continue;
        for (uint32_t m = s; m != AC_NONE; m = a->nodes[m].dict) {
            for (uint32_t o = a->nodes[m].out; o != AC_NONE; o = a->outs[o].next)
                if (cb(ctx, a->outs[o].id, i + 1 - a->outs[o].len, i + 1)) return 1;
        }
    }
    return 0;
}

size_t ac_count(const ac *a)
{
    return a->npatterns;
}

void ac_free(ac *a)
{
    if (!a) return;
    free(a->nodes);
    free(a->outs);
    free(a->edges);
    free(a->rows);
    free(a);
}
