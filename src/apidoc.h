#ifndef PARK_APIDOC_H
#define PARK_APIDOC_H

#include <msgpack.h>

#include "bufstore.h"
#include "doc.h"
#include "error.h"

/* The one way a request names the document it is about, shared by check,
 * placeholders and outline. The fields of its options map:
 *
 *   buf, tick     a Neovim buffer and the changedtick the request is for
 *   lines         without buf: the document itself (nothing is kept);
 *                 with buf and without base: the whole buffer, which
 *                 becomes the session's copy of buf at tick
 *   base, first, last, lines
 *                 a change: lines [first, last) of the copy at changedtick
 *                 base are replaced by lines, and the copy is then at tick
 *   buf, tick alone
 *                 the copy must already be at tick
 *   max_size      the most bytes the document may hold (lines and their
 *                 newlines; default RPC_MAX_MESSAGE): larger is PARK_ELIMIT,
 *                 and the copy is dropped
 *
 * When the copy is missing or at another changedtick than the request
 * assumes, the answer is {method, buf, tick, resync = true, error = nil}
 * and Neovim sends the whole buffer again. */

typedef struct apidoc {
    const doc_text *doc; /* what to analyse; NULL after APIDOC_RESYNC */
    int has_buf;         /* 1: doc is the session's copy of buf */
    long buf, tick;
    doc_text own;        /* without buf: the message's lines (borrowed) */
} apidoc;

/* apidoc_read() packed the resync answer: the method is done. */
#define APIDOC_RESYNC 1

/* Reads the document of a request from opts (borrowed: with no buf, d->doc
 * points into the message, valid while it lives; with buf, into bufs, valid
 * until its next update). Updates the copy of buf in bufs as the fields
 * say. Returns 0 with d->doc set; APIDOC_RESYNC after packing into pk the
 * resync answer of method ({method, buf, tick, resync = true, error = nil}); or PARK_EPARAM with a
 * message in e for fields of the wrong type or a change outside the copy.
 * Free with apidoc_free() in every case. */
int apidoc_read(bufstore *bufs, const msgpack_object *opts, const char *method, msgpack_packer *pk, apidoc *d,
                perr *e);
/* Frees what apidoc_read() allocated (not the copy). */
void apidoc_free(apidoc *d);

/* The lines option of opts as a document of borrowed lines (valid while
 * the message lives). Returns 0, or PARK_EPARAM with a message in e when
 * lines is missing or holds a non-string. Caller frees with doc_free(),
 * also after a failure. */
int apidoc_lines(const msgpack_object *opts, doc_text *doc, perr *e);

#endif
