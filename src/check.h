#ifndef PARK_CHECK_H
#define PARK_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "rules.h"
#include "sbuf.h"

/* Running a ruleset over a document. A document is a list of lines (in these
 * reports a line is a paragraph); every finding lies within one line and is
 * given as byte offsets into it. */

typedef struct check_line {
    const char *s;   /* borrowed bytes, without the line terminator */
    size_t len;
    size_t coloff;   /* bytes before s in the original line (a BOM: 3) */
} check_line;

typedef struct check_doc {
    check_line *lines;
    size_t nlines;
    int crlf;        /* 1 when any line ended in \r\n */
    int utf8_valid;  /* 1 when the caller has already found all of it valid UTF-8 */
    /* For text decoded from another encoding: the column in the original
     * file of byte col of line ln (report.c prints these). NULL: col +
     * coloff. */
    size_t (*orig_col)(const void *ctx, const check_line *ln, size_t col);
    const void *orig_ctx;
} check_doc;

/* 28 bytes: a 10 MB report has some 70,000 findings. Positions past 4 GiB
 * cannot be reported (check_emit drops them). */
typedef struct check_finding {
    uint32_t line;     /* 0-based */
    uint32_t col, end; /* byte offsets into lines[line].s, end exclusive */
    uint32_t rule;     /* index in the ruleset */
    uint32_t fix_off, fix_len; /* the replacement, in result->arena */
    int16_t sev;       /* effective severity */
    uint8_t has_fix;
} check_finding;

/* A document date and where it came from. */
typedef struct check_date {
    int date;           /* YYYYMMDD, or 0 when unknown */
    int exact;          /* 1: the date itself; 0: only a lower bound */
    const char *source; /* static description */
} check_date;

typedef struct check_opts {
    int date;                     /* YYYYMMDD forced, or 0 */
    int strict;                   /* placeholders become errors */
    int markdown;                 /* the text is Markdown (placeholder.c skips emphasis) */
    const rule_directive *dirs;   /* per-check overrides, applied last */
    size_t ndirs;
    char *const *allow;           /* extra allowed phrases */
    size_t nallow;
    uint64_t *prof_ns;            /* if set: nrules + 1 counters; time spent per
                                     rule, the last one for the literal pass
                                     (forces one thread) */
    int jobs;                     /* threads: 0 = one per core for documents of
                                     64 KB and more, 1 = the calling thread only */
    const check_date *inferred;   /* docdate_infer() of the document, if the
                                     caller has it already (used when neither
                                     date nor the rules' config sets one) */
} check_opts;

typedef struct check_result {
    check_finding *f;
    size_t n, cap;
    sbuf arena;                   /* fix texts */
    int date;                     /* the document date used, or 0 */
    int date_exact;               /* 1: the date itself; 0: only a lower bound */
    const char *date_source;      /* static description of where it came from */
    char **notes;                 /* problems worth telling (Chinese) */
    size_t nnotes, capnotes;
} check_result;

/* What a check sees while running; builtins receive it. */
typedef struct check_ctx {
    const ruleset *rs;
    const check_doc *doc;
    const check_opts *opts;
    check_result *res;
    int *sev;                     /* effective per-rule severity */
    unsigned char *on;            /* effective per-rule enabled flag */
    /* Data builtins share within one check_run (numbering.c keeps the parsed
     * outline here); check_run calls scratch_free(scratch) at the end. */
    void *scratch;
    void (*scratch_free)(void *scratch);
} check_ctx;

/* Splits text into lines (\n or \r\n; a leading UTF-8 BOM is skipped). The
 * lines borrow text, which must outlive d. Free with check_doc_free(). */
void check_doc_init(check_doc *d, const char *text, size_t len);
void check_doc_free(check_doc *d);

/* Checks doc with rs and fills res (initialise it with {0}; free with
 * check_result_free). Findings come sorted by line, column, rule, the same
 * whatever the number of threads (o->jobs). */
void check_run(const ruleset *rs, const check_doc *doc, const check_opts *o, check_result *res);
void check_result_free(check_result *res);

/* Records a finding of rule at doc line `line`, bytes [col, end), with an
 * optional fix (fix NULL = none). Drops it when it lies inside an except or
 * allowed phrase. For builtins and the engine. */
void check_emit(check_ctx *c, uint32_t rule, size_t line, size_t col, size_t end, const char *fix,
                size_t fixlen);
/* Adds a note (printf-style) to the result. */
void check_note(check_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the finding's message with {match} and {fix} filled in. */
void check_message(const ruleset *rs, const check_doc *doc, const check_result *res, const check_finding *f,
                   sbuf *out);

#endif
