#ifndef PARK_RULEFILE_H
#define PARK_RULEFILE_H

#include <stddef.h>

/* The data model of rule files and their parser. The format is described in
 * rules/README.md; a file holds rule blocks, [config] and [allow] sections. */

#define RULEFILE_CATEGORY_MAP(XX)  \
    XX(PLACEHOLDER, "placeholder") \
    XX(TYPO, "typo")               \
    XX(PUNCTUATION, "punctuation") \
    XX(USAGE, "usage")             \
    XX(FORMULATION, "formulation") \
    XX(NUMBERING, "numbering")     \
    XX(WATERMARK, "watermark")     \
    XX(ARTIFACT, "artifact")       \
    XX(ERA, "era")                 \
    XX(STYLE, "style")

enum {
#define XX(name, str) RULEFILE_CAT_##name,
    RULEFILE_CATEGORY_MAP(XX)
#undef XX
    RULEFILE_CAT_COUNT
};

enum { RULEFILE_SEV_ERROR, RULEFILE_SEV_WARNING, RULEFILE_SEV_INFO, RULEFILE_SEV_HINT, RULEFILE_SEV_COUNT };

typedef struct rule_example {
    char *text;    /* the example line */
    char *expect;  /* fire examples: the line after fixes, or NULL */
    int fire;      /* 1 = must fire, 0 = must not */
    int line;      /* line in the rule file */
} rule_example;

typedef struct rule_entry {
    char *wrong;   /* the literal flagged */
    char *right;   /* its fix, or NULL */
} rule_entry;

typedef struct rule {
    char *id;
    int category;            /* RULEFILE_CAT_* */
    int severity;            /* default, RULEFILE_SEV_* */
    char *message;           /* may hold {match} and {fix} */
    char *description;       /* never NULL after parsing */
    char *pattern;           /* PCRE2 source, or NULL */
    char *fix;               /* replacement template, or NULL */
    char **triggers;         /* literals gating the pattern */
    size_t ntriggers;
    char **excepts;          /* phrases that suppress a finding inside them */
    size_t nexcepts;
    char **supersedes;       /* ids of rules whose overlapping findings this one replaces */
    size_t nsupersedes;
    int after, before, date; /* YYYYMMDD, 0 = unset */
    char *builtin;           /* name of a C check, or NULL */
    int param;               /* builtin parameter, 0 = default */
    rule_example *ex;
    size_t nex;
    rule_entry *ents;        /* the list: entries */
    size_t nents;
    char *file;              /* where it was defined */
    int line;
    void *re;                /* compiled pattern (pcre2_code) for valid UTF-8,
                                set by ruleset.c; JIT-compiled in place when a
                                check first runs it */
    int re_jit;              /* 0 not tried yet, 1 interpreted, 2 JIT */
    void *re_invalid;        /* compiled with PCRE2_MATCH_INVALID_UTF, for
                                lines with invalid bytes, when first needed */
    int re_state;            /* 0 not compiled, 1 compiled, -1 failed */
    char *re_error;          /* the compile error when re_state < 0 */
} rule;

enum { RULEFILE_DIR_DISABLE, RULEFILE_DIR_ENABLE, RULEFILE_DIR_SEVERITY };

typedef struct rule_directive {
    int kind;       /* RULEFILE_DIR_* */
    char *target;   /* rule id or category name */
    int severity;   /* for RULEFILE_DIR_SEVERITY */
} rule_directive;

typedef struct rulefile {
    char *path;
    rule **rules;
    size_t nrules;
    rule_directive *dirs;
    size_t ndirs;
    char **allow;
    size_t nallow;
    int date;       /* [config] date = …, YYYYMMDD or 0 */
    size_t max_size; /* [config] max-size = …, bytes, or 0 */
    char **errors;  /* "file:line: message" for each problem; bad blocks are skipped */
    size_t nerrors;
} rulefile;

/* Parses text (len bytes) read from path. Never fails: problems are listed
 * in ->errors and the blocks they affect are left out. Caller frees with
 * rulefile_free(). */
rulefile *rulefile_parse(const char *path, const char *text, size_t len);
/* Reads and parses path; a file that cannot be read gives an empty rulefile
 * with one error. Caller frees with rulefile_free(). */
rulefile *rulefile_load(const char *path);
void rulefile_free(rulefile *f);

/* Name <-> code. The from-name functions return -1 for unknown names. */
const char *rulefile_category_name(int cat);
int rulefile_category_from_name(const char *s);
const char *rulefile_severity_name(int sev);
int rulefile_severity_from_name(const char *s);
/* Parses "YYYY-MM-DD" into YYYYMMDD; returns 0 on a malformed date. */
int rulefile_parse_date(const char *s);

#endif
