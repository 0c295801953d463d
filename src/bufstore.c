/* bufstore.c -- copies of Neovim buffers, updated by line-range edits.
 *
 * Folding needs the outline after every pause in typing. Sending a 20,000-
 * line report each time costs Neovim tens of milliseconds (reading the lines
 * and packing 10 MB); sending the lines that changed since the last update
 * costs almost nothing. Each copy is a check_doc whose lines are separately
 * allocated strings, so an edit frees and inserts only the lines it
 * replaces and moves the others' pointers. */

#include "bufstore.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

typedef struct bufstore_buf {
    long buf, tick;
    unsigned long used;   /* for least-recently-used eviction; 0 = free slot */
    check_doc doc;        /* lines[i].s is owned (NUL-terminated) */
    size_t cap;
} bufstore_buf;

static bufstore_buf bufstore_bufs[BUFSTORE_MAX];
static unsigned long bufstore_clock;

static void bufstore_free_lines(check_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) free((char *)lines[i].s);
}

static void bufstore_release(bufstore_buf *b)
{
    bufstore_free_lines(b->doc.lines, b->doc.nlines);
    free(b->doc.lines);
    memset(b, 0, sizeof *b);
}

static bufstore_buf *bufstore_find(long buf)
{
    for (size_t i = 0; i < BUFSTORE_MAX; i++)
        if (bufstore_bufs[i].used && bufstore_bufs[i].buf == buf) return &bufstore_bufs[i];
    return NULL;
}

static bufstore_buf *bufstore_slot(long buf)
{
    bufstore_buf *b = bufstore_find(buf), *old = &bufstore_bufs[0];
    if (b) {
        bufstore_release(b);
        return b;
    }
    for (size_t i = 0; i < BUFSTORE_MAX; i++) {
        if (!bufstore_bufs[i].used) return &bufstore_bufs[i];
        if (bufstore_bufs[i].used < old->used) old = &bufstore_bufs[i];
    }
    bufstore_release(old);
    return old;
}

static void bufstore_copy(check_line *dst, const bufstore_text *src, size_t n)
{
    for (size_t i = 0; i < n; i++) dst[i] = (check_line){xstrndup(src[i].s ? src[i].s : "", src[i].n), src[i].n, 0};
}

int bufstore_update(long buf, long tick, int full, long base, size_t first, size_t last, const bufstore_text *lines,
                    size_t n, perr *e)
{
    bufstore_buf *b;
    if (full) {
        b = bufstore_slot(buf);
        b->buf = buf;
        xgrow(&b->doc.lines, &b->cap, n + 1, sizeof *b->doc.lines);
        bufstore_copy(b->doc.lines, lines, n);
        b->doc.nlines = n;
    } else {
        b = bufstore_find(buf);
        if (!b || b->tick != base)
            return perr_set(e, PARK_ENOENT, "缓冲区 %ld 的副本不在第 %ld 版（需重新发送全文）", buf, base);
        if (first > last || last > b->doc.nlines)
            return perr_set(e, PARK_EPARAM, "行范围 %zu-%zu 超出缓冲区（共 %zu 行）", first, last, b->doc.nlines);
        size_t keep = b->doc.nlines - last, nl = first + n + keep;
        bufstore_free_lines(b->doc.lines + first, last - first);
        xgrow(&b->doc.lines, &b->cap, nl + 1, sizeof *b->doc.lines);
        memmove(b->doc.lines + first + n, b->doc.lines + last, keep * sizeof *b->doc.lines);
        bufstore_copy(b->doc.lines + first, lines, n);
        b->doc.nlines = nl;
    }
    b->tick = tick;
    b->used = ++bufstore_clock;
    return 0;
}

const check_doc *bufstore_doc(long buf, long *tick)
{
    bufstore_buf *b = bufstore_find(buf);
    if (!b) return NULL;
    if (tick) *tick = b->tick;
    return &b->doc;
}

void bufstore_drop(long buf)
{
    for (size_t i = 0; i < BUFSTORE_MAX; i++)
        if (bufstore_bufs[i].used && (buf < 0 || bufstore_bufs[i].buf == buf)) bufstore_release(&bufstore_bufs[i]);
}
