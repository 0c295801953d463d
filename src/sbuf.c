/* sbuf.c -- growable byte strings.
 *
 * The one string builder of the helper: output lines, JSON, fix texts and
 * rewritten files are all assembled in an sbuf. */

#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"

void sbuf_reserve(sbuf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t c = b->cap ? b->cap : 64;
    while (c < need) c *= 2;
    b->s = xrealloc(b->s, c);
    b->cap = c;
}

void sbuf_vprintf(sbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return;
    sbuf_reserve(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sbuf_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

void sbuf_add_json(sbuf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t k = utf8_valid_prefix_char(s + i, n - i);
            if (k) {
                sbuf_add(b, s + i, k);
                i += k;
            } else {
                sbuf_adds(b, "\xEF\xBF\xBD");
                i++;
            }
            continue;
        }
        switch (c) {
        case '"': sbuf_adds(b, "\\\""); break;
        case '\\': sbuf_adds(b, "\\\\"); break;
        case '\n': sbuf_adds(b, "\\n"); break;
        case '\r': sbuf_adds(b, "\\r"); break;
        case '\t': sbuf_adds(b, "\\t"); break;
        default:
            if (c < 0x20) sbuf_printf(b, "\\u%04x", c);
            else sbuf_addc(b, (char)c);
        }
        i++;
    }
}

void sbuf_add_json_member(sbuf *b, const char *key, const char *s, size_t n)
{
    sbuf_addc(b, '"');
    sbuf_adds(b, key);
    sbuf_adds(b, "\":\"");
    sbuf_add_json(b, s, n);
    sbuf_addc(b, '"');
}

void sbuf_clear(sbuf *b)
{
    b->len = 0;
    if (b->s) b->s[0] = '\0';
}

char *sbuf_detach(sbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void sbuf_free(sbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
