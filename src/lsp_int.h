#ifndef PARK_LSP_INT_H
#define PARK_LSP_INT_H

/* What lsp.c (transport, lifecycle, documents) and lsp_feat.c (the
 * language features) share: the session, its documents, positions and the
 * JSON they write. Not for other modules. */

#include <stddef.h>

#include "check.h"
#include "config.h"
#include "doc.h"
#include "json.h"
#include "lsp.h"
#include "rulefile.h"
#include "sbuf.h"

/* JSON-RPC and LSP error codes. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_NOT_INITIALIZED = -32002
};

/* One finding of the last check of a document, positions in bytes. */
typedef struct lsp_finding {
    size_t line, col, end_line, end; /* col on line, end on end_line */
    int sev;            /* RULEFILE_SEV_* */
    int placeholder;    /* a placeholder rule's finding (never allowed away) */
    char *rule, *message, *fix;  /* fix NULL: none */
} lsp_finding;

typedef struct lsp_doc {
    char *uri;
    char *path;         /* the file the URI names, or NULL */
    sbuf text;          /* the whole text */
    doc_text doc;       /* lines of text */
    long version;
    int dirty;          /* changed since the last check */
    lsp_finding *f;     /* the last check, of version checked */
    size_t nf;
    long checked;
    int too_big;        /* over max_doc: not analysed, and the user told */
} lsp_doc;

struct lsp_session {
    config *cfg;
    int flags;          /* LSP_* */
    lsp_out_fn out;
    void *out_ctx;
    sbuf in;            /* bytes received, not yet handled */
    size_t skip;        /* body bytes of an oversized message still to drop */
    int initialized, shutdown, exited, closed;
    int utf8;           /* positions in UTF-8 bytes (negotiated), else UTF-16 units */
    int snippets;       /* the client takes snippet syntax in completions */
    lsp_doc *docs;
    size_t ndocs, capdocs;
    /* options (initializationOptions, workspace/didChangeConfiguration) */
    int date;
    size_t max_doc;     /* documents over this many bytes are not checked */
    rule_directive *dirs;
    size_t ndirs;
};

/* The open document uri (n bytes), or NULL. */
lsp_doc *lsp_doc_find(lsp_session *s, const char *uri, size_t n);
/* The document named by params.textDocument.uri, or NULL with an error
 * message in msg. */
lsp_doc *lsp_doc_of(lsp_session *s, const json_value *params, const char **msg);
/* Checks d again if it changed since its last check. */
void lsp_doc_check(lsp_session *s, lsp_doc *d);

/* Positions: byte column col of line ln as a protocol character offset, and
 * back (clamped to the line). */
size_t lsp_char_of(const lsp_session *s, const doc_line *ln, size_t col);
size_t lsp_col_of(const lsp_session *s, const doc_line *ln, size_t ch);
/* Appends {"line":L,"character":C} for byte col of line ln (ln past the end: its end). */
void lsp_put_pos(const lsp_session *s, sbuf *b, const lsp_doc *d, size_t line, size_t col);
/* Appends {"start":…,"end":…}. */
void lsp_put_range(const lsp_session *s, sbuf *b, const lsp_doc *d, size_t l1, size_t c1, size_t l2, size_t c2);
/* Appends "s" as a JSON string. */
void lsp_put_str(sbuf *b, const char *s, size_t n);
/* Reads {line, character} into a line and byte column of d; 0, or -1. */
int lsp_get_pos(const lsp_session *s, const lsp_doc *d, const json_value *pos, size_t *line, size_t *col);

/* Sends a notification; params is JSON text (n bytes). */
void lsp_notify(lsp_session *s, const char *method, const char *params, size_t n);

/* The language features: each writes its result (JSON) into out and
 * returns 0, or returns an LSP error code with a message in *msg. */
typedef int (*lsp_feat_fn)(lsp_session *s, const json_value *params, sbuf *out, const char **msg);
int lsp_feat_diagnostic(lsp_session *s, const json_value *params, sbuf *out, const char **msg);
int lsp_feat_code_action(lsp_session *s, const json_value *params, sbuf *out, const char **msg);
int lsp_feat_folding(lsp_session *s, const json_value *params, sbuf *out, const char **msg);
int lsp_feat_symbols(lsp_session *s, const json_value *params, sbuf *out, const char **msg);
int lsp_feat_completion(lsp_session *s, const json_value *params, sbuf *out, const char **msg);
int lsp_feat_tokens(lsp_session *s, const json_value *params, sbuf *out, const char **msg);
int lsp_feat_command(lsp_session *s, const json_value *params, sbuf *out, const char **msg);
/* Sends textDocument/publishDiagnostics for d (checking it first if needed). */
void lsp_feat_publish(lsp_session *s, lsp_doc *d);
/* Appends the diagnostics of d as a JSON array. */
void lsp_feat_put_diagnostics(lsp_session *s, sbuf *b, lsp_doc *d);

#endif
