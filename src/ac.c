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
 * takes it. A full table for the default rules is 7 MB, of which a document
 * touches a small part; lazily, start-up builds none of it and untouched rows
 * stay unmapped zero pages. Entry 0 means "not resolved yet" (row 0 is never
 * used), resolution is deterministic, and entries are written with relaxed
 * atomics, so concurrent scans may race to fill an entry harmlessly.
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
    uint32_t *delta;      /* (nnodes + 1) * nclasses entries; state s owns
                             row s + 1. An entry is the target's row offset,
                             | AC_OUT if the target or its dict chain has
                             outputs; 0 until resolved */
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
    a->delta = xcalloc(((size_t)a->nnodes + 1) * a->nclasses, sizeof *a->delta);
}

static uint32_t ac_entry_of(const ac *a, uint32_t target)
{
    const ac_node *n = &a->nodes[target];
    uint32_t flag = (n->out != AC_NONE || n->dict != AC_NONE) ? AC_OUT : 0;
    return (uint32_t)((target + 1) * a->nclasses) | flag;
}

/* Resolves and stores the entry of state s for class k. */
static uint32_t ac_resolve(const ac *a, uint32_t s, uint32_t k)
{
    uint32_t *slot = &a->delta[(size_t)(s + 1) * a->nclasses + k];
    uint32_t e = __atomic_load_n(slot, __ATOMIC_RELAXED);
    if (e) return e;
    uint32_t t = k ? ac_build_child(a, s, a->byte_of[k]) : AC_NONE;
    if (t != AC_NONE) e = ac_entry_of(a, t);
    else if (s == 0 || k == 0) e = ac_entry_of(a, 0);
    else e = ac_resolve(a, a->nodes[s].fail, k);
    __atomic_store_n(slot, e, __ATOMIC_RELAXED);
    return e;
}

int ac_scan(const ac *a, const char *text, size_t n, ac_match_cb cb, void *ctx)
{
    if (!a->compiled || a->npatterns == 0) return 0;
    const uint32_t *delta = a->delta;
    const uint16_t *cls = a->cls;
    const unsigned char *t = (const unsigned char *)text;
    const uint32_t k = a->nclasses;
    uint32_t off = k;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cls[t[i]];
        uint32_t e = __atomic_load_n(&delta[off + c], __ATOMIC_RELAXED);
        if (__builtin_expect(e == 0, 0)) e = ac_resolve(a, off / k - 1, c);
        off = e & ~AC_OUT;
        if (!(e & AC_OUT)) continue;
        for (uint32_t m = off / k - 1; m != AC_NONE; m = a->nodes[m].dict)
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
    free(a);
}
