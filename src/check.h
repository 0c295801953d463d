#ifndef PARK_CHECK_H
#define PARK_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "ruleset.h"
#include "sbuf.h"

/* Running a ruleset over a document (doc.h). A finding runs from a byte
 * offset of one line to a byte offset of the same or a later line; almost
 * all lie within one line. */

/* 32 bytes: a 10 MB report has some 70,000 findings. Positions past 4 GiB
 * cannot be reported (check_emit drops them). */
typedef struct check_finding {
    uint32_t line;     /* 0-based */
    uint32_t end_line; /* the line of `end`: line, or later for a finding over several */
    uint32_t col, end; /* byte offsets into lines[line].s and lines[end_line].s, end exclusive */
    uint32_t rule;     /* index in the ruleset */
    uint32_t fix_off, fix_len; /* the replacement, in result->arena */
    int16_t sev;       /* effective severity */
    uint8_t has_fix;
} check_finding;

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
    const doc_date *inferred;   /* docdate_infer() of the document, if the
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
    const doc_text *doc;
    const check_opts *opts;
    check_result *res;
    int *sev;                     /* effective per-rule severity */
    unsigned char *on;            /* effective per-rule enabled flag */
    /* Data builtins share within one check_run (numbering.c keeps the parsed
     * outline here); check_run calls scratch_free(scratch) at the end. */
    void *scratch;
    void (*scratch_free)(void *scratch);
} check_ctx;

/* Checks doc with rs and fills res (initialise it with {0}; free with
 * check_result_free). Findings come sorted by line, column, rule, the same
 * whatever the number of threads (o->jobs). */
void check_run(const ruleset *rs, const doc_text *doc, const check_opts *o, check_result *res);
void check_result_free(check_result *res);

/* Records a finding of rule at doc line `line`, bytes [col, end), with an
 * optional fix (fix NULL = none). Drops it when it lies inside an except or
 * allowed phrase. For builtins and the engine. */
void check_emit(check_ctx *c, uint32_t rule, size_t line, size_t col, size_t end, const char *fix,
                size_t fixlen);
/* check_emit for a finding over lines line..end_line (end_line > line):
 * from byte col of line to byte end of end_line. Except and allowed
 * phrases, which lie within a line, do not apply. */
void check_emit_lines(check_ctx *c, uint32_t rule, size_t line, size_t col, size_t end_line, size_t end,
                      const char *fix, size_t fixlen);
/* Appends the text finding f covers to out, its lines joined by "\n". */
void check_match(const doc_text *doc, const check_finding *f, sbuf *out);
/* Appends the finding's message with {match} and {fix} filled in. */
void check_message(const ruleset *rs, const doc_text *doc, const check_result *res, const check_finding *f,
                   sbuf *out);

#endif
