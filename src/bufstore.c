/* bufstore.c -- copies of Neovim buffers, updated by line-range edits.
 *
 * Folding needs the outline after every pause in typing. Sending a 20,000-
 * line report each time costs Neovim tens of milliseconds (reading the lines
 * and packing 10 MB); sending the lines that changed since the last update
 * costs almost nothing. Each copy is a doc_text: a full copy puts all its
 * lines in one arena (kept for the next full copy, so a resent buffer is
 * copied into memory already mapped), and an edit frees and inserts only
 * the lines it replaces (separately allocated) and moves the others'
 * pointers. A user of the copy may keep a record per line beside it
 * (bufstore_aux): records move with their lines, and the lines an update
 * brings in get zeroed ones, so what was derived from a line alone is
 * worked out again only when it changes. */

#include "bufstore.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "par.h"

typedef struct bufstore_buf {
    long buf, tick;
    unsigned long used;   /* for least-recently-used eviction; 0 = free slot */
    doc_text doc;        /* lines[i].s is NUL-terminated, in arena or owned */
    size_t cap;
    size_t bytes;         /* the lines' lengths plus a newline each */
    char *arena;          /* the lines of the last full copy */
    size_t arena_cap;
    unsigned char *aux;   /* aux_elem bytes per line (cap lines), or NULL */
    size_t aux_elem;
} bufstore_buf;

struct bufstore {
    bufstore_buf bufs[BUFSTORE_MAX];
    unsigned long clock;  /* last value given to a copy's used */
};

static int bufstore_in_arena(const bufstore_buf *b, const char *s)
{
    uintptr_t p = (uintptr_t)s, a = (uintptr_t)b->arena;
    return b->arena && p >= a && p - a < b->arena_cap;
}

static void bufstore_free_lines(bufstore_buf *b, size_t first, size_t n)
{
    for (size_t i = first; i < first + n; i++)
        if (!bufstore_in_arena(b, b->doc.lines[i].s)) free((char *)b->doc.lines[i].s);
}

static void bufstore_release(bufstore_buf *b)
{
    bufstore_free_lines(b, 0, b->doc.nlines);
    free(b->doc.lines);
    free(b->arena);
    free(b->aux);
    memset(b, 0, sizeof *b);
}

static bufstore_buf *bufstore_find(bufstore *s, long buf)
{
    for (size_t i = 0; i < BUFSTORE_MAX; i++)
        if (s->bufs[i].used && s->bufs[i].buf == buf) return &s->bufs[i];
    return NULL;
}

/* The slot for a full copy of buf: its own (emptied of lines, arena kept),
 * a free one, or the least recently used one (released). */
static bufstore_buf *bufstore_slot(bufstore *s, long buf)
{
    bufstore_buf *b = bufstore_find(s, buf), *old = &s->bufs[0];
    if (b) {
        bufstore_free_lines(b, 0, b->doc.nlines);
        b->doc.nlines = 0;
        return b;
    }
    for (size_t i = 0; i < BUFSTORE_MAX; i++) {
        if (!s->bufs[i].used) return &s->bufs[i];
        if (s->bufs[i].used < old->used) old = &s->bufs[i];
    }
    bufstore_release(old);
    return old;
}

static void bufstore_copy(doc_line *dst, const bufstore_text *src, size_t n)
{
    for (size_t i = 0; i < n; i++) dst[i] = (doc_line){xstrndup(src[i].s ? src[i].s : "", src[i].n), src[i].n, 0};
}

/* Copies all n lines into b's arena (grown when too small). */
typedef struct bufstore_copy_job {
    doc_line *dst;
    const bufstore_text *src;
    char *p;              /* where line from goes in the arena */
    size_t from, to;
} bufstore_copy_job;

static void *bufstore_copy_lines(void *arg)
{
    const bufstore_copy_job *j = arg;
    char *p = j->p;
    for (size_t i = j->from; i < j->to; i++) {
        if (j->src[i].n) memcpy(p, j->src[i].s, j->src[i].n);
        p[j->src[i].n] = '\0';
        j->dst[i] = (doc_line){p, j->src[i].n, 0};
        p += j->src[i].n + 1;
    }
    return NULL;
}

/* A whole buffer, as sent when it is first opened: 10 MB for a 20,000-line
 * report, so from BUFSTORE_PARALLEL_BYTES on its second half is copied on a
 * second thread. */
#define BUFSTORE_PARALLEL_BYTES (1u << 20)

static void bufstore_copy_all(bufstore_buf *b, const bufstore_text *src, size_t n)
{
    size_t total = 1, half = 0, at_half = 0;
    for (size_t i = 0; i < n; i++) total += src[i].n + 1;
    if (total > b->arena_cap) {
        free(b->arena);
        b->arena = xmalloc(total);
        b->arena_cap = total;
    }
    for (size_t bytes = 0; half < n && bytes < total / 2; half++) bytes += src[half].n + 1, at_half = bytes;
    bufstore_copy_job first = {b->doc.lines, src, b->arena, 0, half};
    bufstore_copy_job second = {b->doc.lines, src, b->arena + at_half, half, n};
    par_both(bufstore_copy_lines, &first, bufstore_copy_lines, &second, total >= BUFSTORE_PARALLEL_BYTES);
}

static void bufstore_grow(bufstore_buf *b, size_t need)
{
    size_t cap = b->cap;
    xgrow(&b->doc.lines, &b->cap, need, sizeof *b->doc.lines);
    if (b->aux && b->cap > cap) b->aux = xrealloc(b->aux, b->cap * b->aux_elem);
}

bufstore *bufstore_new(void)
{
    return xcalloc(1, sizeof(bufstore));
}

void bufstore_free(bufstore *s)
{
    if (!s) return;
    bufstore_drop(s, -1);
    free(s);
}

static size_t bufstore_text_bytes(const bufstore_text *t, size_t n)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++) bytes += t[i].n + 1;
    return bytes;
}

int bufstore_update(bufstore *s, long buf, long tick, int full, long base, size_t first, size_t last,
                    const bufstore_text *lines, size_t n, perr *e)
{
    bufstore_buf *b;
    if (full) {
        b = bufstore_slot(s, buf);
        b->buf = buf;
        bufstore_grow(b, n + 1);
        bufstore_copy_all(b, lines, n);
        b->doc.nlines = n;
        b->bytes = bufstore_text_bytes(lines, n);
        if (b->aux) memset(b->aux, 0, n * b->aux_elem);
    } else {
        b = bufstore_find(s, buf);
        if (!b || b->tick != base)
            return perr_set(e, PARK_ENOENT, "缓冲区 %ld 的副本不在第 %ld 版（需重新发送全文）", buf, base);
        if (first > last || last > b->doc.nlines)
            return perr_set(e, PARK_EPARAM, "行范围 %zu-%zu 超出缓冲区（共 %zu 行）", first, last, b->doc.nlines);
        size_t keep = b->doc.nlines - last, nl = first + n + keep;
        for (size_t i = first; i < last; i++) b->bytes -= b->doc.lines[i].len + 1;
        b->bytes += bufstore_text_bytes(lines, n);
        bufstore_free_lines(b, first, last - first);
        bufstore_grow(b, nl + 1);
        memmove(b->doc.lines + first + n, b->doc.lines + last, keep * sizeof *b->doc.lines);
        bufstore_copy(b->doc.lines + first, lines, n);
        if (b->aux) {
            size_t w = b->aux_elem;
            memmove(b->aux + (first + n) * w, b->aux + last * w, keep * w);
            memset(b->aux + first * w, 0, n * w);
        }
        b->doc.nlines = nl;
    }
    b->tick = tick;
    b->used = ++s->clock;
    return 0;
}

const doc_text *bufstore_doc(bufstore *s, long buf, long *tick)
{
    bufstore_buf *b = bufstore_find(s, buf);
    if (!b) return NULL;
    if (tick) *tick = b->tick;
    return &b->doc;
}

size_t bufstore_bytes(bufstore *s, long buf)
{
    bufstore_buf *b = bufstore_find(s, buf);
    return b ? b->bytes : 0;
}

void *bufstore_aux(bufstore *s, long buf, size_t elem)
{
    bufstore_buf *b = bufstore_find(s, buf);
    if (!b || !elem) return NULL;
    if (!b->aux || b->aux_elem != elem) {
        free(b->aux);
        b->aux_elem = elem;
        b->aux = xcalloc(b->cap ? b->cap : 1, elem);
    }
    return b->aux;
}

void bufstore_drop(bufstore *s, long buf)
{
    for (size_t i = 0; i < BUFSTORE_MAX; i++)
        if (s->bufs[i].used && (buf < 0 || s->bufs[i].buf == buf)) bufstore_release(&s->bufs[i]);
}
