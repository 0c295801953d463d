#ifndef PARK_ENCODING_H
#define PARK_ENCODING_H

#include <stddef.h>

#include "error.h"

/* Files that are not UTF-8: many reports still travel as GB18030/GBK.
 * Text is decoded with the C library's iconv into UTF-8 for checking, and
 * the way back is kept so positions can be reported in the original file's
 * bytes. Only ASCII-compatible encodings are supported (line breaks and ASCII
 * stay single bytes): GB18030, GBK, GB2312, Big5, the ISO-8859 family. */

typedef struct encoding_run encoding_run;

typedef struct encoding_text {
    const char *text;      /* UTF-8: the input itself, or the decoded copy */
    size_t len;
    const char *name;      /* the encoding read: "UTF-8", "GB18030", or the forced name (borrowed) */
    int decoded;           /* 1 when text is a decoded copy (owned) */
    int mixed;             /* auto-detection found neither valid UTF-8 nor GB18030 */
    int valid;             /* 1 when detection found the input itself valid UTF-8 */
    encoding_run *runs;    /* offset map, see encoding_orig() */
    size_t nruns, capruns;
} encoding_text;

/* Makes in[0, n) readable as UTF-8 into *out (initialise with {0}; free with
 * encoding_text_free). forced: an iconv encoding name, or NULL to detect:
 * valid UTF-8 stays as it is; otherwise the bytes are read as GB18030 when
 * they decode as such and look far less like UTF-8 (more invalid sequences
 * than valid multi-byte characters); otherwise they stay as they are, with
 * out->mixed set. in must outlive *out. Returns 0, PARK_EUSAGE for an
 * unknown encoding name, or PARK_EENCODING when forced decoding fails (the
 * message names line and byte). */
int encoding_decode(const char *in, size_t n, const char *forced, encoding_text *out, perr *e);
/* The offset in the original bytes of UTF-8 offset off of t->text (a
 * character boundary, or t->len). Identity when nothing was decoded. */
size_t encoding_orig(const encoding_text *t, size_t off);
/* NULL-safe on an initialised, empty t. */
void encoding_text_free(encoding_text *t);

#endif
