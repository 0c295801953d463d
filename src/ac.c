/* ac.c -- Aho-Corasick multi-pattern matching over bytes.
 *
 * All literal rules (thousands of wrong->right pairs, watermark phrases) and
 * the trigger words that gate regular expressions are compiled into one
 * automaton, so the text is read once however many literals there are.
 *
 * ac_compile() turns the trie into a complete DFA over byte classes: every
 * byte that occurs in some pattern is a class of its own, all other bytes
 * share class 0 (they always lead back to the root). The transition table
 * then has nstates x nclasses entries with failure transitions folded in;
 * each entry is the target's row offset with an output flag in the top bit,
 * so scanning costs one dependent load per byte.
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
    uint32_t nclasses;
    uint32_t *delta;      /* nnodes * nclasses entries: target state times
                             nclasses (its row offset), | AC_OUT if the
                             target or its dict chain has outputs */
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
    for (int b = 0; b < 256; b++) a->cls[b] = used[b] ? (uint16_t)a->nclasses++ : 0;
}

void ac_compile(ac *a)
{
    if (a->compiled) return;
    ac_make_classes(a);
    size_t k = a->nclasses;
    uint32_t *delta = xmalloc(a->nnodes * k * sizeof *delta);
    uint32_t *queue = xmalloc(a->nnodes * sizeof *queue);
    size_t qh = 0, qt = 0;
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t s = queue[qh++];
        ac_node *n = &a->nodes[s];
        uint32_t *row = delta + (size_t)s * k;
        const uint32_t *frow = delta + (size_t)n->fail * k;
        /* Children first: their failure links and outputs decide the flag
         * carried by every entry that leads to them. */
        for (uint32_t c = n->child; c != AC_NONE; c = a->nodes[c].sibling) {
            ac_node *cn = &a->nodes[c];
            cn->fail = s == 0 ? 0 : (frow[a->cls[cn->byte]] & ~AC_OUT) / (uint32_t)k;
            const ac_node *f = &a->nodes[cn->fail];
            cn->dict = f->out != AC_NONE ? cn->fail : f->dict;
            queue[qt++] = c;
        }
        /* where the trie has no edge, go where the failure state goes */
        if (s == 0) memset(row, 0, k * sizeof *row);
        else memcpy(row, frow, k * sizeof *row);
        for (uint32_t c = n->child; c != AC_NONE; c = a->nodes[c].sibling) {
            const ac_node *cn = &a->nodes[c];
            uint32_t flag = (cn->out != AC_NONE || cn->dict != AC_NONE) ? AC_OUT : 0;
            row[a->cls[cn->byte]] = (uint32_t)(c * k) | flag;
        }
    }
    a->delta = delta;
    free(queue);
    a->compiled = 1;
}

int ac_scan(const ac *a, const char *text, size_t n, ac_match_cb cb, void *ctx)
{
    if (!a->compiled || a->npatterns == 0) return 0;
    const uint32_t *delta = a->delta;
    const uint16_t *cls = a->cls;
    const unsigned char *t = (const unsigned char *)text;
    uint32_t off = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t e = delta[off + cls[t[i]]];
        off = e & ~AC_OUT;
        if (!(e & AC_OUT)) continue;
        for (uint32_t m = off / a->nclasses; m != AC_NONE; m = a->nodes[m].dict)
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
