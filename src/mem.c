/* mem.c -- the helper's allocation policy.
 *
 * Every allocation in park goes through these wrappers. When memory runs out
 * they print one line to stderr and abort: the helper is a child process that
 * Neovim restarts on the next command, so there is nothing to recover and no
 * caller needs an out-of-memory branch. */

#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mem_die(size_t n)
{
    fprintf(stderr, "park: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) mem_die(n);
    return p;
}

void *xcalloc(size_t count, size_t n)
{
    void *p = calloc(count ? count : 1, n ? n : 1);
    if (!p) mem_die(count * n);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) mem_die(n);
    return q;
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void xgrow(void *pp, size_t *cap, size_t need, size_t elem)
{
    void **p = pp;
    if (need <= *cap) return;
    size_t c = *cap ? *cap : 8;
    while (c < need) c *= 2;
    *p = xrealloc(*p, c * elem);
    *cap = c;
}

void xstrs_push(char ***list, size_t *n, size_t *cap, char *s)
{
    xgrow(list, cap, *n + 1, sizeof **list);
    (*list)[(*n)++] = s;
}

void xstrs_vpushf(char ***list, size_t *n, size_t *cap, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int len = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *s = xmalloc(len > 0 ? (size_t)len + 1 : 1);
    if (len > 0) vsnprintf(s, (size_t)len + 1, fmt, ap);
    else *s = '\0';
    xstrs_push(list, n, cap, s);
}

void xstrs_pushf(char ***list, size_t *n, size_t *cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    xstrs_vpushf(list, n, cap, fmt, ap);
    va_end(ap);
}

void xstrs_free(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++) free(list[i]);
    free(list);
}

void xfree_n(void *const *ptrs, size_t n)
{
    for (size_t i = 0; i < n; i++) free(ptrs[i]);
}
