#ifndef PARK_MEM_H
#define PARK_MEM_H

#include <stdarg.h>
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

/* Lists of owned strings (notes, errors, paths): *list holds *n of *cap.
 * xstrs_push appends s, which the list then owns; xstrs_pushf appends a
 * printf-formatted string; xstrs_free frees the n strings and the array. */
void xstrs_push(char ***list, size_t *n, size_t *cap, char *s);
void xstrs_pushf(char ***list, size_t *n, size_t *cap, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void xstrs_vpushf(char ***list, size_t *n, size_t *cap, const char *fmt, va_list ap);
void xstrs_free(char **list, size_t n);

/* Destructors of structs that own several arrays: XFREE_ALL(a->x, a->y, a)
 * frees each pointer given, NULL ones included, in order. */
void xfree_n(void *const *ptrs, size_t n);
#define XFREE_ALL(...) \
    xfree_n((void *const[]){__VA_ARGS__}, sizeof((void *const[]){__VA_ARGS__}) / sizeof(void *))

#endif
