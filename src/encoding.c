/* encoding.c -- decoding GB18030 and other legacy encodings with iconv.
 *
 * Decoding goes one character at a time: ASCII bytes are copied, and at any
 * other byte iconv is given 1, 2, 3, then 4 bytes until it produces a
 * character (EINVAL means "incomplete, give me more"). That works for every
 * stateless ASCII-compatible encoding without knowing its byte structure, and
 * the character lengths on both sides are known as we go. The offset map is
 * a list of runs of characters with the same (original length, UTF-8 length),
 * e.g. "2 -> 3" for a stretch of Chinese in GBK and "1 -> 1" for ASCII, so it
 * stays small however large the file, and a lookup is a binary search plus a
 * division. */

#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mem.h"
#include "sbuf.h"
#include "utf8.h"

struct encoding_run {
    size_t u, o;          /* where the run starts, in UTF-8 and in the original */
    unsigned ulen, olen;  /* bytes per character on each side */
};

static void encoding_add_run(encoding_text *t, size_t u, size_t o, unsigned ulen, unsigned olen)
{
    if (t->nruns) {
        const encoding_run *last = &t->runs[t->nruns - 1];
        if (last->ulen == ulen && last->olen == olen) return;
    }
    xgrow(&t->runs, &t->capruns, t->nruns + 1, sizeof *t->runs);
    t->runs[t->nruns++] = (encoding_run){u, o, ulen, olen};
}

/* Line (1-based) and byte (1-based) of offset at in in. */
static void encoding_where(const char *in, size_t at, size_t *line, size_t *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < at; i++)
        if (in[i] == '\n') (*line)++, start = i + 1;
    *col = at - start + 1;
}

/* Decodes in[0, n) from cd into t. Returns 0, or the offset + 1 of the first
 * byte that does not decode. */
static size_t encoding_convert(iconv_t cd, const char *in, size_t n, encoding_text *t)
{
    sbuf out = SBUF_INIT;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)in[i];
        if (c < 0x80) {
            encoding_add_run(t, out.len, i, 1, 1);
            sbuf_addc(&out, (char)c);
            i++;
            continue;
        }
        char buf[16];
        size_t k = 0, produced = 0;
        for (size_t try = 1; try <= 4 && i + try <= n; try++) {
            char *ip = (char *)in + i, *op = buf;
            size_t il = try, ol = sizeof buf;
            iconv(cd, NULL, NULL, NULL, NULL);
            if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0 && op > buf) {
                k = try, produced = (size_t)(op - buf);
                break;
            }
            if (errno != EINVAL) break;
        }
        /* one character in must give one valid character out */
        if (!k || utf8_valid_prefix_char(buf, produced) != produced) {
            t->nruns = 0;
            sbuf_free(&out);
            return i + 1;
        }
        encoding_add_run(t, out.len, i, (unsigned)produced, (unsigned)k);
        sbuf_add(&out, buf, produced);
        i += k;
    }
    sbuf_reserve(&out, 1);
    t->len = out.len;
    t->text = sbuf_detach(&out);
    t->decoded = 1;
    return 0;
}

/* 1 when in[0, n) looks more like a legacy multi-byte text than like UTF-8. */
static int encoding_looks_legacy(const char *in, size_t n)
{
    size_t bad = 0, good = 0;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)in[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_valid_prefix_char(in + i, n - i);
        if (k) good++, i += k;
        else bad++, i++;
    }
    return bad > good;
}

int encoding_decode(const char *in, size_t n, const char *forced, encoding_text *out, perr *e)
{
    out->text = in;
    out->len = n;
    out->name = "UTF-8";
    if (forced && (strcasecmp(forced, "utf-8") == 0 || strcasecmp(forced, "utf8") == 0)) return 0;
    if (!forced) {
        out->valid = utf8_find_invalid(in, n) == n;
        if (out->valid || !encoding_looks_legacy(in, n)) return 0;
    }
    const char *from = forced ? forced : "GB18030";
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return perr_set(e, PARK_EUSAGE, "不支持的编码“%s”（可用 GB18030、GBK、BIG5、UTF-8 等）", from);
    size_t bad = encoding_convert(cd, in, n, out);
    iconv_close(cd);
    if (!bad) {
        out->name = from;
        return 0;
    }
    if (!forced) {
        out->mixed = 1;
        return 0;
    }
    size_t line, col;
    encoding_where(in, bad - 1, &line, &col);
    return perr_set(e, PARK_EENCODING, "无法按 %s 解码：第 %zu 行第 %zu 字节（0x%02X）不是该编码的文字", from, line, col,
                    (unsigned char)in[bad - 1]);
}

size_t encoding_orig(const encoding_text *t, size_t off)
{
    if (!t->decoded || !t->nruns) return off;
    size_t lo = 0, hi = t->nruns;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->runs[mid].u <= off) lo = mid;
        else hi = mid;
    }
    const encoding_run *r = &t->runs[lo];
    if (off < r->u) return off;
    return r->o + (off - r->u) / r->ulen * r->olen + (off - r->u) % r->ulen;
}

void encoding_text_free(encoding_text *t)
{
    if (t->decoded) free((char *)t->text);
    free(t->runs);
    memset(t, 0, sizeof *t);
}
