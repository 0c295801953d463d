#ifndef PARK_MEM_H
#define PARK_MEM_H

#include <stddef.h>

/* Allocation with one policy: on exhaustion the helper aborts with a message.
 * The helper is a restartable child of Neovim, so dying is safe and removes
 * untestable error branches. Every function here returns memory the caller
 * frees with free(). */

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grows *p (an array of *cap elements of size elem) so it holds at least need. */
void xgrow(void *pp, size_t *cap, size_t need, size_t elem);

#endif
