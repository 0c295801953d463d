#ifndef PARK_TEST_UTIL_H
#define PARK_TEST_UTIL_H

/* Helpers shared by the C unit tests: temporary directories and files, and a
 * small "rules from a string, checked against a text" fixture. Everything is
 * static inline so a test file that uses only part of it still compiles
 * under -Werror. */

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "rulefile.h"
#include "ruleset.h"
#include "sbuf.h"

/* Creates a fresh directory /tmp/park-test-XXXXXX into buf (PATH_MAX bytes).
 * Returns 0, or -1 when mkdtemp fails. */
static inline int tu_tmpdir(char *buf)
{
    snprintf(buf, PATH_MAX, "/tmp/park-test-XXXXXX");
    return mkdtemp(buf) ? 0 : -1;
}

static inline int tu_rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p);
}

/* rm -rf dir. */
static inline void tu_rmrf(const char *dir)
{
    nftw(dir, tu_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes len bytes to path (truncating). Returns 0 or -1. */
static inline int tu_write(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(data, 1, len, f);
    return fclose(f) == 0 && w == len ? 0 : -1;
}

static inline int tu_writes(const char *path, const char *text)
{
    return tu_write(path, text, strlen(text));
}

/* Reads all of path into a malloc'd NUL-terminated buffer, or NULL. */
static inline char *tu_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    sbuf b = SBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sbuf_add(&b, chunk, n);
    fclose(f);
    if (len) *len = b.len;
    return sbuf_detach(&b);
}

/* Joins a and b with a '/' into buf (PATH_MAX bytes); returns buf. */
static inline char *tu_join(char *buf, const char *a, const char *b)
{
    if (snprintf(buf, PATH_MAX, "%s/%s", a, b) >= PATH_MAX) abort();
    return buf;
}

/* Makes dir/name with text (creating dir, not its parents). */
static inline void tu_put(const char *dir, const char *name, const char *text)
{
    char p[PATH_MAX];
    mkdir(dir, 0755);
    tu_writes(tu_join(p, dir, name), text);
}

/* The fixture: one rule file parsed from a string, its ruleset, a document
 * and the result of checking it. */
typedef struct tu_fix {
    rulefile *rf;
    ruleset *rs;
    doc_text doc;
    check_result res;
} tu_fix;

/* Parses rules (as file "t.rules") and builds the ruleset. */
static inline void tu_rules(tu_fix *t, const char *rules)
{
    memset(t, 0, sizeof *t);
    t->rf = rulefile_parse("t.rules", rules, strlen(rules));
    t->rs = ruleset_build(&t->rf, 1);
}

/* Checks text with the fixture's ruleset (o may be NULL: no options). The
 * text must outlive the fixture. */
static inline void tu_check(tu_fix *t, const char *text, const check_opts *o)
{
    static const check_opts none = {0};
    check_result_free(&t->res);
    doc_free(&t->doc);
    doc_init(&t->doc, text, strlen(text));
    check_run(t->rs, &t->doc, o ? o : &none, &t->res);
}

static inline void tu_free(tu_fix *t)
{
    check_result_free(&t->res);
    doc_free(&t->doc);
    ruleset_free(t->rs);
    rulefile_free(t->rf);
    memset(t, 0, sizeof *t);
}

/* Number of findings of the rule with this id. */
static inline size_t tu_count(const tu_fix *t, const char *id)
{
    int ri = ruleset_find(t->rs, id);
    size_t n = 0;
    for (size_t i = 0; i < t->res.n; i++) n += (int)t->res.f[i].rule == ri;
    return n;
}

/* The k-th finding's fix text (NUL-terminated copy in buf), or NULL when the
 * finding has none. */
static inline const char *tu_fixtext(const tu_fix *t, size_t k, char *buf, size_t cap)
{
    const check_finding *f = &t->res.f[k];
    if (!f->has_fix) return NULL;
    snprintf(buf, cap, "%.*s", (int)f->fix_len, t->res.arena.s ? t->res.arena.s + f->fix_off : "");
    return buf;
}

/* 1 if some string in list contains needle. */
static inline int tu_any_contains(char *const *list, size_t n, const char *needle)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(list[i], needle)) return 1;
    return 0;
}

#endif
