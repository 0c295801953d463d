#ifndef PARK_RULESET_H
#define PARK_RULESET_H

#include <stddef.h>
#include <stdint.h>

#include "litset.h"
#include "rulefile.h"

/* A ruleset is the merged, compiled view of an ordered list of rule files:
 * rules replaced by id, regexes JIT-compiled, every literal (list entries and
 * triggers) in one literal set, [config] directives applied. */

#define RULESET_LIT_TRIGGER 0x80000000u  /* literal set ids with this bit index trig[] */

typedef struct ruleset_trigger {
    const char *lit;      /* the literal (owned by its rule) */
    uint32_t *rules;      /* the rules it gates */
    size_t n, cap;
} ruleset_trigger;

typedef struct ruleset_entry {
    uint32_t rule;        /* index in ruleset->rules */
    const rule_entry *e;  /* the list entry (owned by its rulefile) */
} ruleset_entry;

typedef struct ruleset {
    rule **rules;         /* borrowed from the rulefiles, in definition order */
    size_t nrules;
    int *sev;             /* effective severity per rule */
    unsigned char *on;    /* effective enabled flag per rule */
    int *builtin;         /* index into the builtin table, or -1 */
    ruleset_entry *ents;    /* AC ids without RULESET_LIT_TRIGGER index this */
    size_t nents;
    ruleset_trigger *trig;  /* distinct trigger literals; AC trigger ids index this */
    size_t ntrig;
    unsigned char *gated; /* per rule: 1 if its pattern runs only on lines
                             holding one of its triggers */
    const uint8_t **lead; /* per rule: for a pattern anchored at the line
                             start, the bitmap of bytes a line can start with
                             to match (from PCRE2), else NULL */
    litset *lits;
    char **allow;         /* borrowed phrases from [allow] sections */
    size_t nallow;
    uint32_t (*sup)[2];   /* (rule, superseded rule) pairs from `supersedes` */
    size_t nsup;
    int date;             /* from the last [config] date, or 0 */
    size_t max_size;      /* from the last [config] max-size, or 0 */
    char **errors;        /* owned copies: file errors and compile errors */
    size_t nerrors;
} ruleset;

/* Builds a ruleset from files (borrowed: they must outlive the ruleset, and
 * compiled regexes are cached inside their rules). Never fails: bad rules are
 * reported in ->errors and left out. Caller frees with ruleset_free(). */
ruleset *ruleset_build(rulefile *const *files, size_t nfiles);
/* The same with at most threads threads (1: the calling thread only);
 * ruleset_build() uses two. */
ruleset *ruleset_build_threads(rulefile *const *files, size_t nfiles, int threads);
void ruleset_free(ruleset *rs);
/* Applies directives to sev/on (which have rs->nrules elements): category
 * directives first, then id directives, each in order. Unknown targets are
 * reported through *unknown (first one, borrowed) when unknown is non-NULL. */
void ruleset_apply(const ruleset *rs, const rule_directive *d, size_t n, int *sev, unsigned char *on,
                   const char **unknown);
/* Index of the rule with this id, or -1. */
int ruleset_find(const ruleset *rs, const char *id);
/* Compiles r's pattern if not done yet; returns 0 or PARK_EREGEX (message in
 * r->re_error). */
int ruleset_compile_rule(rule *r);
/* JIT-compiles r->re (for valid UTF-8) in place unless done or tried
 * already, and returns 1 if r->re has JIT code (else match it with the
 * interpreter). A thread calling it while another compiles the same rule
 * waits; r->re must not be matched before the first call returns. Checks
 * call it each time a pattern runs (after the first, it is one atomic load):
 * most patterns never run on a short document, and JIT-compiling all of them
 * at load took half of the start-up. */
int ruleset_jit_rule(rule *r);
/* r's pattern compiled with PCRE2_MATCH_INVALID_UTF, for lines holding
 * invalid UTF-8 (compiled on first call; NULL without a pattern). */
void *ruleset_invalid_code(rule *r);

#endif
