#ifndef PARK_SBUF_H
#define PARK_SBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* A growable byte string. The bytes are always NUL-terminated (the NUL is not
 * counted in len). Initialise with SBUF_INIT; release with sbuf_free(). */
typedef struct sbuf {
    char *s;      /* the bytes, or NULL while empty */
    size_t len;   /* bytes used */
    size_t cap;   /* bytes allocated */
} sbuf;

#define SBUF_INIT {NULL, 0, 0}

/* Makes room for extra more bytes (and the NUL). */
void sbuf_reserve(sbuf *b, size_t extra);
/* Appending: inline, as output and messages are built a few bytes at a time;
 * only growing calls out. */
static inline void sbuf_add(sbuf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) sbuf_reserve(b, n);
    if (n) memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}
static inline void sbuf_adds(sbuf *b, const char *s)
{
    sbuf_add(b, s, strlen(s));
}
static inline void sbuf_addc(sbuf *b, char c)
{
    if (b->len + 2 > b->cap) sbuf_reserve(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}
void sbuf_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_vprintf(sbuf *b, const char *fmt, va_list ap);
/* Appends s as the body of a JSON string (no surrounding quotes). Invalid
 * UTF-8 bytes become U+FFFD so the output is always valid JSON. */
void sbuf_add_json(sbuf *b, const char *s, size_t n);
/* Appends the JSON object member "key":"s" (key is written as is; s as by
 * sbuf_add_json). The caller writes the commas between members. */
void sbuf_add_json_member(sbuf *b, const char *key, const char *s, size_t n);
void sbuf_clear(sbuf *b);
/* Returns the bytes (caller frees) and leaves b empty. */
char *sbuf_detach(sbuf *b);
void sbuf_free(sbuf *b);

#endif
