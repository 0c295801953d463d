/* ac.c -- Aho-Corasick multi-pattern matching over bytes.
 *
 * All literal rules (thousands of wrong->right pairs, watermark phrases) and
 * the trigger words that gate regular expressions are compiled into one
 * automaton, so the text is read once however many literals there are.
 *
 * The automaton is a DFA over byte classes: every byte that occurs in some
 * pattern is a class of its own, all other bytes share class 0 (they always
 * lead back to the root). Its transition table has one row of nclasses
 * entries per trie state; an entry is the target's row offset with an output
 * flag in the top bit, so scanning costs one dependent load per byte.
 *
 * The table is filled lazily: ac_compile() only computes failure links, and
 * an entry is resolved (through the failure chain) the first time a scan
 * takes it. Rows are handed out in the order states are first reached, from
 * a zeroed reservation, so a document's working set is a few contiguous
 * pages instead of one page per state visited: a full table for the default
 * rules would be 7 MB. Entry 0 means "not resolved yet" (row 0 is never
 * used). Resolution is deterministic and published with atomics (a state's
 * row by compare-and-swap), so concurrent scans may race to fill the same
 * entry harmlessly; a row lost in such a race is simply never used.
 * Matches of a state are its own pattern ids followed by those of its
 * dictionary-suffix chain. */

#include "ac.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define AC_NONE UINT32_MAX
#define AC_OUT 0x80000000u

typedef struct ac_node {
    uint32_t child;   /* first child (build only) */
    uint32_t sibling; /* next sibling (build only) */
    uint32_t fail;
    uint32_t dict;    /* nearest failure ancestor with outputs, or AC_NONE */
    uint32_t out;     /* head of this node's output chain, or AC_NONE */
    uint8_t byte;
} ac_node;

typedef struct ac_out {
    uint32_t id;
    uint32_t len;
    uint32_t next;
} ac_out;

struct ac {
    ac_node *nodes;
    size_t nnodes, capnodes;
    ac_out *outs;
    size_t nouts, capouts;
    uint16_t cls[256];    /* byte -> class (up to 257 classes) */
    uint8_t byte_of[257]; /* class -> byte (classes above 0) */
    uint32_t root[256];   /* the root's child per byte, or AC_NONE */
    uint32_t nclasses;
    uint32_t *delta;      /* rows of nclasses entries. An entry is the
                             target's row offset, | AC_OUT if the target or
                             its dict chain has outputs; 0 until resolved */
    uint32_t *row_of;     /* state -> its row offset, 0 until reached */
    uint32_t *state_of;   /* row index -> state */
    size_t nrows, caprows; /* rows handed out (atomic) / reserved */
    size_t npatterns;
    int compiled;
};

static uint32_t ac_new_node(ac *a, uint8_t byte)
{
    xgrow(&a->nodes, &a->capnodes, a->nnodes + 1, sizeof *a->nodes);
    ac_node *n = &a->nodes[a->nnodes];
    memset(n, 0, sizeof *n);
    n->child = n->sibling = n->dict = n->out = AC_NONE;
    n->byte = byte;
    return (uint32_t)a->nnodes++;
}

ac *ac_new(void)
{
    ac *a = xcalloc(1, sizeof *a);
    ac_new_node(a, 0);
    return a;
}

static uint32_t ac_build_child(const ac *a, uint32_t s, uint8_t b)
{
    if (s == 0 && a->compiled) return a->root[b];
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
            c = ac_new_node(a, b);
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

/* Class 0 for bytes no pattern uses; one class per used byte. */
static void ac_make_classes(ac *a)
{
    uint8_t used[256] = {0};
    for (size_t i = 1; i < a->nnodes; i++) used[a->nodes[i].byte] = 1;
    a->nclasses = 1;
    for (int b = 0; b < 256; b++) {
        a->cls[b] = used[b] ? (uint16_t)a->nclasses : 0;
        if (used[b]) a->byte_of[a->nclasses++] = (uint8_t)b;
    }
}

void ac_compile(ac *a)
{
    if (a->compiled) return;
    ac_make_classes(a);
    uint32_t *queue = xmalloc(a->nnodes * sizeof *queue);
    size_t qh = 0, qt = 0;
    for (int b = 0; b < 256; b++) a->root[b] = AC_NONE;
    a->nodes[0].fail = 0;
    for (uint32_t c = a->nodes[0].child; c != AC_NONE; c = a->nodes[c].sibling) {
        a->nodes[c].fail = 0;
        a->root[a->nodes[c].byte] = c;
        queue[qt++] = c;
    }
    a->compiled = 1;
    while (qh < qt) {
        uint32_t s = queue[qh++];
        for (uint32_t c = a->nodes[s].child; c != AC_NONE; c = a->nodes[c].sibling) {
            ac_node *cn = &a->nodes[c];
            uint32_t f = a->nodes[s].fail, t;
            while ((t = ac_build_child(a, f, cn->byte)) == AC_NONE && f) f = a->nodes[f].fail;
            cn->fail = t == AC_NONE ? 0 : t;
            const ac_node *fn = &a->nodes[cn->fail];
            cn->dict = fn->out != AC_NONE ? cn->fail : fn->dict;
            queue[qt++] = c;
        }
    }
    free(queue);
    /* every state at most once, plus rows lost in races between threads */
    a->caprows = 2 * a->nnodes + 64;
    a->delta = xcalloc(a->caprows * a->nclasses, sizeof *a->delta);
    a->row_of = xcalloc(a->nnodes, sizeof *a->row_of);
    a->state_of = xcalloc(a->caprows, sizeof *a->state_of);
    a->nrows = 1;
    a->row_of[0] = (uint32_t)(a->nrows++ * a->nclasses);
}

/* The row offset of state s, handing out a row on first use. */
static uint32_t ac_row(ac *a, uint32_t s)
{
    uint32_t off = __atomic_load_n(&a->row_of[s], __ATOMIC_ACQUIRE);
    if (off) return off;
    size_t idx = __atomic_fetch_add(&a->nrows, 1, __ATOMIC_RELAXED);
    if (idx >= a->caprows) abort(); /* cannot happen: see caprows */
    a->state_of[idx] = s;
    uint32_t mine = (uint32_t)(idx * a->nclasses), seen = 0;
    if (__atomic_compare_exchange_n(&a->row_of[s], &seen, mine, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return mine;
    return seen;
}

/* Resolves and stores the entry of the state at row offset off for class k. */
static uint32_t ac_resolve(ac *a, uint32_t off, uint32_t k)
{
    uint32_t *slot = &a->delta[off + k];
    uint32_t e = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (e) return e;
    uint32_t s = a->state_of[off / a->nclasses];
    uint32_t t = k ? ac_build_child(a, s, a->byte_of[k]) : AC_NONE;
    if (t == AC_NONE && s != 0 && k != 0) {
        e = ac_resolve(a, ac_row(a, a->nodes[s].fail), k);
    } else {
        if (t == AC_NONE) t = 0;
        const ac_node *n = &a->nodes[t];
        e = ac_row(a, t) | ((n->out != AC_NONE || n->dict != AC_NONE) ? AC_OUT : 0);
    }
    __atomic_store_n(slot, e, __ATOMIC_RELEASE);
    return e;
}

int ac_scan(const ac *ca, const char *text, size_t n, ac_match_cb cb, void *ctx)
{
    if (!ca->compiled || ca->npatterns == 0) return 0;
    ac *a = (ac *)ca; /* only the lazily filled table changes */
    const uint32_t *delta = a->delta;
    const uint16_t *cls = a->cls;
    const unsigned char *t = (const unsigned char *)text;
    const uint32_t k = a->nclasses;
    uint32_t off = a->row_of[0];
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cls[t[i]];
        uint32_t e = __atomic_load_n(&delta[off + c], __ATOMIC_ACQUIRE);
        if (__builtin_expect(e == 0, 0)) e = ac_resolve(a, off, c);
        off = e & ~AC_OUT;
        if (!(e & AC_OUT)) continue;
        for (uint32_t m = a->state_of[off / k]; m != AC_NONE; m = a->nodes[m].dict)
            for (uint32_t o = a->nodes[m].out; o != AC_NONE; o = a->outs[o].next)
                if (cb(ctx, a->outs[o].id, i + 1 - a->outs[o].len, i + 1)) return 1;
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
    free(a->delta);
    free(a->row_of);
    free(a->state_of);
    free(a);
}
