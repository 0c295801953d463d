/* ruleset.c -- turning rule files into one compiled ruleset.
 *
 * Order of precedence: files are given defaults first, then the user's, then
 * --config files, then the project's .parkrc; a later rule with the same id
 * replaces an earlier one in place. Patterns are compiled once per rule
 * object (PCRE2, UTF + UCP, JIT) and the result is cached
 * in the rule, so rebuilding a ruleset for another project costs only the
 * merge and the literal set. JIT compilation is deferred to the checks
 * that need it (ruleset_jit_rule). */

#include "ruleset.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "error.h"
#include "mem.h"
#include "par.h"
#include "sbuf.h"

/* A string -> index table (open addressing) for building: rule ids and
 * trigger literals are looked up once per rule and per trigger, which a
 * linear search made quadratic. Strings are borrowed. */
typedef struct rules_index {
    const char **key;
    uint32_t *val;
    size_t cap, n;
} rules_index;

static uint64_t ruleset_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot of key: holding it, or the empty slot where it belongs. */
static size_t rules_index_slot(const rules_index *x, const char *key)
{
    size_t i = (size_t)ruleset_hash(key) & (x->cap - 1);
    while (x->key[i] && strcmp(x->key[i], key) != 0) i = (i + 1) & (x->cap - 1);
    return i;
}

static int64_t rules_index_get(const rules_index *x, const char *key)
{
    if (!x->cap) return -1;
    size_t i = rules_index_slot(x, key);
    return x->key[i] ? (int64_t)x->val[i] : -1;
}

static void rules_index_put(rules_index *x, const char *key, uint32_t val)
{
    if (2 * (x->n + 1) > x->cap) {
        rules_index old = *x;
        x->cap = old.cap ? 2 * old.cap : 64;
        x->key = xcalloc(x->cap, sizeof *x->key);
        x->val = xmalloc(x->cap * sizeof *x->val);
        x->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.key[i]) rules_index_put(x, old.key[i], old.val[i]);
        free(old.key);
        free(old.val);
    }
    size_t i = rules_index_slot(x, key);
    if (!x->key[i]) x->n++;
    x->key[i] = key;
    x->val[i] = val;
}

static void rules_index_free(rules_index *x)
{
    free(x->key);
    free(x->val);
}

static void ruleset_error(ruleset *rs, size_t *cap, const char *msg)
{
    xstrs_push(&rs->errors, &rs->nerrors, cap, xstrdup(msg));
}

int ruleset_compile_rule(rule *r)
{
    if (r->re_state) return r->re_state > 0 ? 0 : PARK_EREGEX;
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        sbuf b = SBUF_INIT;
        sbuf_printf(&b, "%s:%d: 规则 %s 的正则表达式无效（第 %zu 字节）：%s", r->file, r->line, r->id,
                    (size_t)off, (char *)msg);
        r->re_error = sbuf_detach(&b);
        r->re_state = -1;
        return PARK_EREGEX;
    }
    r->re = re;
    r->re_state = 1;
    return 0;
}

/* Compiles of one rule are serialized by one of these, picked by the rule's
 * address: a thread needing a pattern another thread is compiling waits for
 * it (the interpreter is several times slower, and a code cannot be matched
 * while it is being JIT-compiled). */
static pthread_mutex_t ruleset_jit_locks[16] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
};

static pthread_mutex_t *ruleset_lock_of(const rule *r)
{
    return &ruleset_jit_locks[((uintptr_t)r >> 6) % 16];
}

int ruleset_jit_rule(rule *r)
{
    int state = __atomic_load_n(&r->re_jit, __ATOMIC_ACQUIRE);
    if (state || !r->re) return state == 2;
    pthread_mutex_t *lock = ruleset_lock_of(r);
    pthread_mutex_lock(lock);
    if (!r->re_jit) __atomic_store_n(&r->re_jit, pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE) == 0 ? 2 : 1,
                                     __ATOMIC_RELEASE);
    state = r->re_jit;
    pthread_mutex_unlock(lock);
    return state == 2;
}

void *ruleset_invalid_code(rule *r)
{
    pcre2_code *re = __atomic_load_n((pcre2_code **)&r->re_invalid, __ATOMIC_ACQUIRE);
    if (re || !r->pattern) return re;
    pthread_mutex_t *lock = ruleset_lock_of(r);
    pthread_mutex_lock(lock);
    if (!r->re_invalid) {
        int code;
        PCRE2_SIZE off;
        re = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
                           PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
        __atomic_store_n((pcre2_code **)&r->re_invalid, re, __ATOMIC_RELEASE);
    }
    re = r->re_invalid;
    pthread_mutex_unlock(lock);
    return re;
}

int ruleset_find(const ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->nrules; i++)
        if (strcmp(rs->rules[i]->id, id) == 0) return (int)i;
    return -1;
}

void ruleset_apply(const ruleset *rs, const rule_directive *d, size_t n, int *sev, unsigned char *on,
                   const char **unknown)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < n; k++) {
            int cat = rulefile_category_from_name(d[k].target);
            if ((pass == 0) != (cat >= 0)) continue;
            int hit = 0;
            for (size_t i = 0; i < rs->nrules; i++) {
                if (cat >= 0 ? rs->rules[i]->category != cat : strcmp(rs->rules[i]->id, d[k].target) != 0)
                    continue;
                hit = 1;
                if (d[k].kind == RULEFILE_DIR_DISABLE) on[i] = 0;
                else if (d[k].kind == RULEFILE_DIR_ENABLE) on[i] = 1;
                else sev[i] = d[k].severity;
            }
            if (!hit && unknown && !*unknown) *unknown = d[k].target;
        }
    }
}

/* Collects the rules of all files, later ids replacing earlier ones. */
static void ruleset_merge(ruleset *rs, rulefile *const *files, size_t nfiles)
{
    size_t cap = 0;
    rules_index ids = {0};
    for (size_t f = 0; f < nfiles; f++) {
        for (size_t i = 0; i < files[f]->nrules; i++) {
            rule *r = files[f]->rules[i];
            int64_t at = rules_index_get(&ids, r->id);
            if (at >= 0) {
                rs->rules[at] = r;
                continue;
            }
            rules_index_put(&ids, r->id, (uint32_t)rs->nrules);
            xgrow(&rs->rules, &cap, rs->nrules + 1, sizeof *rs->rules);
            rs->rules[rs->nrules++] = r;
        }
    }
    rules_index_free(&ids);
}

/* Patterns being compiled by two threads: each takes the next rule. */
typedef struct ruleset_compiling {
    ruleset *rs;
    size_t next; /* atomic */
} ruleset_compiling;

static void *ruleset_compile_some(void *arg)
{
    ruleset_compiling *c = arg;
    for (size_t i; (i = __atomic_fetch_add(&c->next, 1, __ATOMIC_RELAXED)) < c->rs->nrules;)
        if (c->rs->rules[i]->pattern) ruleset_compile_rule(c->rs->rules[i]);
    return NULL;
}

/* Compiles patterns (if ruleset_build_threads has not) and resolves
 * builtins; a rule that fails is disabled. */
static void ruleset_prepare(ruleset *rs, size_t *caperr)
{
    rs->sev = xmalloc((rs->nrules + 1) * sizeof *rs->sev);
    rs->on = xmalloc(rs->nrules + 1);
    rs->builtin = xmalloc((rs->nrules + 1) * sizeof *rs->builtin);
    for (size_t i = 0; i < rs->nrules; i++) {
        rule *r = rs->rules[i];
        rs->sev[i] = r->severity;
        rs->on[i] = 1;
        rs->builtin[i] = -1;
        if (r->pattern && ruleset_compile_rule(r) != 0) {
            ruleset_error(rs, caperr, r->re_error);
            rs->on[i] = 0;
        }
        if (r->builtin) {
            rs->builtin[i] = builtin_find(r->builtin);
            if (rs->builtin[i] < 0) {
                sbuf b = SBUF_INIT;
                sbuf_printf(&b, "%s:%d: 规则 %s：未知的内置检查“%s”", r->file, r->line, r->id, r->builtin);
                ruleset_error(rs, caperr, b.s);
                sbuf_free(&b);
                rs->on[i] = 0;
            }
        }
    }
}

/* Resolves `supersedes` ids to index pairs; unknown ids are reported. */
static void ruleset_link_supersedes(ruleset *rs, size_t *caperr)
{
    size_t cap = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const rule *r = rs->rules[i];
        for (size_t k = 0; k < r->nsupersedes; k++) {
            int v = ruleset_find(rs, r->supersedes[k]);
            if (v < 0) {
                sbuf b = SBUF_INIT;
                sbuf_printf(&b, "%s:%d: 规则 %s：supersedes 中的“%s”不是已加载的规则", r->file, r->line, r->id,
                            r->supersedes[k]);
                ruleset_error(rs, caperr, b.s);
                sbuf_free(&b);
                continue;
            }
            xgrow(&rs->sup, &cap, rs->nsup + 1, sizeof *rs->sup);
            rs->sup[rs->nsup][0] = (uint32_t)i;
            rs->sup[rs->nsup][1] = (uint32_t)v;
            rs->nsup++;
        }
    }
}

/* 1 if PCRE2 found the pattern anchored at the line start: only lines whose
 * first byte is in its first-byte table try it, which costs less than
 * gating it by its triggers (often common punctuation) would. */
static int ruleset_anchored(const rule *r)
{
    uint32_t opts = 0;
    return r->re && pcre2_pattern_info(r->re, PCRE2_INFO_ALLOPTIONS, &opts) == 0 && (opts & PCRE2_ANCHORED);
}

/* PCRE2's table of the bytes a match can start with (NULL when it has none):
 * a line starting with another byte cannot match an anchored pattern, which
 * saves calling it on most lines. Points into r->re. */
static const uint8_t *ruleset_lead_bytes(const rule *r)
{
    const uint8_t *bits = NULL;
    if (pcre2_pattern_info(r->re, PCRE2_INFO_FIRSTBITMAP, &bits) != 0) return NULL;
    return bits;
}

/* Registers literal lit as a trigger of rule i; each distinct literal enters
 * the literal set once, with the list of rules it gates. */
static void ruleset_add_trigger(ruleset *rs, rules_index *seen, size_t *cap, uint32_t i, const char *lit)
{
    int64_t found = rules_index_get(seen, lit);
    size_t t = found >= 0 ? (size_t)found : rs->ntrig;
    if (t == rs->ntrig) {
        rules_index_put(seen, lit, (uint32_t)t);
        xgrow(&rs->trig, cap, rs->ntrig + 1, sizeof *rs->trig);
        rs->trig[t] = (ruleset_trigger){lit, NULL, 0, 0};
        litset_add(rs->lits, lit, strlen(lit), (uint32_t)t | RULESET_LIT_TRIGGER);
        rs->ntrig++;
    }
    ruleset_trigger *tr = &rs->trig[t];
    if (tr->n && tr->rules[tr->n - 1] == i) return;
    xgrow(&tr->rules, &tr->cap, tr->n + 1, sizeof *tr->rules);
    tr->rules[tr->n++] = i;
}

/* The literal entries of every rule's list enter the literal set; they do
 * not depend on the patterns, so this runs while they compile, and then
 * helps compile them. */
static void *ruleset_add_entries(void *arg)
{
    ruleset_compiling *c = arg;
    ruleset *rs = c->rs;
    size_t capents = 0;
    rs->lits = litset_new();
    for (size_t i = 0; i < rs->nrules; i++) {
        rule *r = rs->rules[i];
        for (size_t k = 0; k < r->nents; k++) {
            if (!r->ents[k].wrong[0]) continue;
            xgrow(&rs->ents, &capents, rs->nents + 1, sizeof *rs->ents);
            rs->ents[rs->nents] = (ruleset_entry){(uint32_t)i, &r->ents[k]};
            litset_add(rs->lits, r->ents[k].wrong, strlen(r->ents[k].wrong), (uint32_t)rs->nents);
            rs->nents++;
        }
    }
    return ruleset_compile_some(c);
}

/* The triggers of the gated patterns (which needs them compiled: anchored
 * ones are not gated), then the literal set is compiled. */
static void ruleset_build_ac(ruleset *rs)
{
    size_t captrig = 0;
    rules_index seen = {0};
    rs->gated = xcalloc(rs->nrules + 1, 1);
    rs->lead = xcalloc(rs->nrules + 1, sizeof *rs->lead);
    for (size_t i = 0; i < rs->nrules; i++) {
        rule *r = rs->rules[i];
        if (r->re && ruleset_anchored(r)) rs->lead[i] = ruleset_lead_bytes(r);
        if (!r->re || !r->ntriggers || ruleset_anchored(r)) continue;
        rs->gated[i] = 1;
        for (size_t k = 0; k < r->ntriggers; k++)
            ruleset_add_trigger(rs, &seen, &captrig, (uint32_t)i, r->triggers[k]);
    }
    rules_index_free(&seen);
    litset_compile(rs->lits);
}

ruleset *ruleset_build(rulefile *const *files, size_t nfiles)
{
    return ruleset_build_threads(files, nfiles, 2);
}

ruleset *ruleset_build_threads(rulefile *const *files, size_t nfiles, int threads)
{
    ruleset *rs = xcalloc(1, sizeof *rs);
    size_t caperr = 0, capallow = 0;
    for (size_t f = 0; f < nfiles; f++)
        for (size_t i = 0; i < files[f]->nerrors; i++) ruleset_error(rs, &caperr, files[f]->errors[i]);
    ruleset_merge(rs, files, nfiles);
    /* New patterns compile on a second thread while the lists enter the
     * literal set, and then on both. */
    size_t todo = 0;
    for (size_t i = 0; i < rs->nrules; i++) todo += rs->rules[i]->pattern && !rs->rules[i]->re_state;
    ruleset_compiling comp = {rs, 0};
    par_both(ruleset_add_entries, &comp, ruleset_compile_some, &comp, threads > 1 && todo > 16);
    ruleset_prepare(rs, &caperr);
    ruleset_link_supersedes(rs, &caperr);
    for (size_t f = 0; f < nfiles; f++) {
        const char *unknown = NULL;
        ruleset_apply(rs, files[f]->dirs, files[f]->ndirs, rs->sev, rs->on, &unknown);
        if (unknown) {
            sbuf b = SBUF_INIT;
            sbuf_printf(&b, "%s: [config] 中的“%s”既不是规则编号也不是类别", files[f]->path, unknown);
            ruleset_error(rs, &caperr, b.s);
            sbuf_free(&b);
        }
        if (files[f]->date) rs->date = files[f]->date;
        if (files[f]->max_size) rs->max_size = files[f]->max_size;
        for (size_t i = 0; i < files[f]->nallow; i++) {
            xgrow(&rs->allow, &capallow, rs->nallow + 1, sizeof *rs->allow);
            rs->allow[rs->nallow++] = files[f]->allow[i];
        }
    }
    ruleset_build_ac(rs);
    return rs;
}

void ruleset_free(ruleset *rs)
{
    if (!rs) return;
    for (size_t i = 0; i < rs->ntrig; i++) free(rs->trig[i].rules);
    litset_free(rs->lits);
    xstrs_free(rs->errors, rs->nerrors);
    XFREE_ALL(rs->rules, rs->sev, rs->on, rs->builtin, rs->ents, rs->trig, rs->gated, rs->lead, rs->sup,
              rs->allow, rs);
}
