/* check.c -- running a ruleset over a document.
 *
 * Per line, in one pass: the literal set reports every list entry
 * (a finding at once) and every trigger word (marking its rule as worth
 * trying on this line). Then each enabled pattern rule runs its JIT-compiled
 * regex, but only on lines where one of its triggers occurred (or on every
 * line if it has none). Builtin checks, written in C for what a pattern cannot
 * express, run over the whole document. A document of 64 KB and more is cut
 * into tasks (line ranges, builtin groups) that one thread per core picks
 * from; the output is the same as with one thread. Findings inside an
 * allowed or excepted phrase are dropped as they are emitted; each task
 * sorts the rest, and the sorted runs are merged and deduplicated at the
 * end.
 *
 * PCRE2 runs with match and depth limits: a pathological pattern is reported
 * in a note and skipped for the rest of the document instead of hanging. */

#include "check.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "builtin.h"
#include "docdate.h"
#include "mem.h"
#include "par.h"
#include "utf8.h"

#define CHECK_MATCH_LIMIT 2000000
#define CHECK_DEPTH_LIMIT 10000

/* Adds a note (printf-style) to the result. */
#define check_note(res, ...) xstrs_pushf(&(res)->notes, &(res)->nnotes, &(res)->capnotes, __VA_ARGS__)

/* 1 if some occurrence of phrase in s covers [col, end). */
static int check_covered(const char *s, size_t len, size_t col, size_t end, const char *phrase)
{
    size_t pl = strlen(phrase);
    if (pl < end - col || pl == 0) return 0;
    size_t from = end > pl ? end - pl : 0;
    size_t to = col + pl < len ? col + pl : len;
    const char *p = s + from;
    while (p < s + to) {
        const char *hit = memmem(p, (size_t)(s + to - p), phrase, pl);
        if (!hit) return 0;
        size_t o = (size_t)(hit - s);
        if (o <= col && o + pl >= end) return 1;
        p = hit + 1;
    }
    return 0;
}

void check_emit(check_ctx *c, uint32_t rule_i, size_t line, size_t col, size_t end, const char *fix,
                size_t fixlen)
{
    const doc_line *ln = &c->doc->lines[line];
    const rule *r = c->rs->rules[rule_i];
    for (size_t i = 0; i < r->nexcepts; i++)
        if (check_covered(ln->s, ln->len, col, end, r->excepts[i])) return;
    for (size_t i = 0; i < c->rs->nallow; i++)
        if (check_covered(ln->s, ln->len, col, end, c->rs->allow[i])) return;
    for (size_t i = 0; i < c->opts->nallow; i++)
        if (check_covered(ln->s, ln->len, col, end, c->opts->allow[i])) return;
    check_emit_lines(c, rule_i, line, col, line, end, fix, fixlen);
}

void check_emit_lines(check_ctx *c, uint32_t rule_i, size_t line, size_t col, size_t end_line, size_t end,
                      const char *fix, size_t fixlen)
{
    check_result *res = c->res;
    if (end_line > UINT32_MAX || end > UINT32_MAX || res->arena.len + fixlen > UINT32_MAX) return;
    xgrow(&res->f, &res->cap, res->n + 1, sizeof *res->f);
    check_finding *f = &res->f[res->n++];
    *f = (check_finding){.line = (uint32_t)line, .end_line = (uint32_t)end_line, .col = (uint32_t)col,
                         .end = (uint32_t)end, .rule = rule_i, .fix_off = (uint32_t)res->arena.len,
                         .fix_len = (uint32_t)fixlen, .sev = (int16_t)c->sev[rule_i], .has_fix = fix != NULL};
    if (fix) sbuf_add(&res->arena, fix, fixlen);
}

void check_match(const doc_text *doc, const check_finding *f, sbuf *out)
{
    const doc_line *ln = &doc->lines[f->line];
    if (f->end_line == f->line) {
        sbuf_add(out, ln->s + f->col, f->end - f->col);
        return;
    }
    sbuf_add(out, ln->s + f->col, ln->len - f->col);
    for (size_t l = f->line + 1; l < f->end_line; l++) {
        sbuf_addc(out, '\n');
        sbuf_add(out, doc->lines[l].s, doc->lines[l].len);
    }
    sbuf_addc(out, '\n');
    sbuf_add(out, doc->lines[f->end_line].s, f->end);
}

/* Expands a fix template ($0-$9, $$) for a regex match into out. */
static void check_expand_fix(const char *tmpl, const char *s, const PCRE2_SIZE *ov, uint32_t npairs, sbuf *out)
{
    for (const char *p = tmpl; *p; p++) {
        if (*p == '$' && p[1] == '$') {
            sbuf_addc(out, '$');
            p++;
        } else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
            uint32_t g = (uint32_t)(p[1] - '0');
            if (g < npairs && ov[2 * g] != PCRE2_UNSET) sbuf_add(out, s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
            p++;
        } else {
            sbuf_addc(out, *p);
        }
    }
}

/* One thread's matching state, reused across its tasks. */
typedef struct check_worker {
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    size_t *stamp;   /* per rule: line + 1 when a trigger was seen on it */
    uint32_t *due;   /* nrules slots for check_scan */
    sbuf tmp;
} check_worker;

typedef struct check_scan {
    check_ctx *c;
    size_t line;
    size_t *stamp;
    uint32_t *due;   /* gated rules triggered on this line, each once */
    size_t ndue;
} check_scan;

/* A lower-bound date proves "on or after" but never "before". */
static int check_date_ok(const rule *r, const check_result *res)
{
    if (!r->after && !r->before) return 1;
    if (!res->date) return 0;
    if (r->after && res->date < r->after) return 0;
    if (r->before && (!res->date_exact || res->date >= r->before)) return 0;
    return 1;
}

static int check_on_literal(void *ctx, uint32_t id, size_t start, size_t end)
{
    check_scan *sc = ctx;
    const ruleset *rs = sc->c->rs;
    if (id & RULESET_LIT_TRIGGER) {
        const ruleset_trigger *t = &rs->trig[id & ~RULESET_LIT_TRIGGER];
        for (size_t i = 0; i < t->n; i++) {
            uint32_t ri = t->rules[i];
            if (sc->stamp[ri] == sc->line + 1) continue;
            sc->stamp[ri] = sc->line + 1;
            sc->due[sc->ndue++] = ri;
        }
        return 0;
    }
    const ruleset_entry *e = &rs->ents[id];
    if (!sc->c->on[e->rule] || !check_date_ok(rs->rules[e->rule], sc->c->res)) return 0;
    const char *fix = e->e->right;
    check_emit(sc->c, e->rule, sc->line, start, end, fix, fix ? strlen(fix) : 0);
    return 0;
}

/* Runs rule ri's pattern over a line; valid: the line is valid UTF-8, so the
 * code compiled for valid UTF-8 may run without checking it. */
static void check_regex_line(check_ctx *c, check_worker *w, uint32_t ri, size_t line, int valid)
{
    rule *r = c->rs->rules[ri];
    const doc_line *ln = &c->doc->lines[line];
    /* JIT-compiled on first use (the interpreter is several times slower even
     * on a 20 KB report); if another thread is compiling it, this one waits.
     * Lines with invalid bytes use a code that accepts them, interpreted. */
    int jit = valid && ruleset_jit_rule(r);
    pcre2_code *re = valid ? r->re : ruleset_invalid_code(r);
    if (!re) return;
    PCRE2_SIZE start = 0;
    while (start <= ln->len) {
        int rc = jit ? pcre2_jit_match(re, (PCRE2_SPTR)ln->s, ln->len, start, PCRE2_NO_UTF_CHECK, w->md, w->mc)
                     : pcre2_match(re, (PCRE2_SPTR)ln->s, ln->len, start, valid ? PCRE2_NO_UTF_CHECK : 0, w->md, w->mc);
        if (rc == PCRE2_ERROR_NOMATCH) return;
        if (rc < 0) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(rc, msg, sizeof msg);
            check_note(c->res, "规则 %s 在第 %zu 行匹配失败（%s），本次检查已跳过该规则", r->id, line + 1,
                       (char *)msg);
            c->on[ri] = 0;
            return;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->md);
        size_t s = ov[0], e = ov[1];
        if (s > e) s = e; /* \K inside a lookahead */
        if (e > s) {
            if (r->fix) {
                sbuf_clear(&w->tmp);
                check_expand_fix(r->fix, ln->s, ov, (uint32_t)rc, &w->tmp);
                check_emit(c, ri, line, s, e, w->tmp.s ? w->tmp.s : "", w->tmp.len);
            } else {
                check_emit(c, ri, line, s, e, NULL, 0);
            }
        }
        size_t next = ov[1] > start ? ov[1] : start;
        if (ov[1] <= start || e == s) {
            if (next >= ln->len) return;
            uint32_t cp;
            next += utf8_decode(ln->s + next, ln->len - next, &cp);
        }
        start = next;
    }
}

static uint64_t check_now_ns(void);

static void check_worker_init(check_worker *w, size_t nrules)
{
    w->stamp = xcalloc(nrules + 1, sizeof *w->stamp);
    w->due = xmalloc((nrules + 1) * sizeof *w->due);
    w->md = pcre2_match_data_create(32, NULL);
    w->mc = pcre2_match_context_create(NULL);
    w->js = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    pcre2_set_match_limit(w->mc, CHECK_MATCH_LIMIT);
    pcre2_set_depth_limit(w->mc, CHECK_DEPTH_LIMIT);
    pcre2_jit_stack_assign(w->mc, NULL, w->js);
    w->tmp = (sbuf)SBUF_INIT;
}

static void check_worker_free(check_worker *w)
{
    sbuf_free(&w->tmp);
    free(w->stamp);
    free(w->due);
    pcre2_jit_stack_free(w->js);
    pcre2_match_context_free(w->mc);
    pcre2_match_data_free(w->md);
}

/* The literal and pattern rules over lines [from, to). always lists the
 * enabled pattern rules that run on every line; gated ones run on the lines
 * where the literal set saw one of their triggers. */
static void check_lines(check_ctx *c, check_worker *w, const uint32_t *always, size_t nalways,
                        const unsigned char *bad_line, size_t from, size_t to)
{
    uint64_t *prof = c->opts->prof_ns, t0 = 0;
    const ruleset *rs = c->rs;
    check_scan sc = {c, 0, w->stamp, w->due, 0};
    for (size_t line = from; line < to; line++) {
        const doc_line *ln = &c->doc->lines[line];
        if (!ln->len) continue;
        sc.line = line;
        sc.ndue = 0;
        if (prof) t0 = check_now_ns();
        litset_scan(rs->lits, ln->s, ln->len, check_on_literal, &sc);
        if (prof) prof[rs->nrules] += check_now_ns() - t0;
        for (size_t k = 0; k < nalways + sc.ndue; k++) {
            uint32_t ri = k < nalways ? always[k] : sc.due[k - nalways];
            if (!c->on[ri]) continue;
            const uint8_t *lead = rs->lead[ri];
            if (lead && !(lead[(unsigned char)ln->s[0] >> 3] & (1u << ((unsigned char)ln->s[0] & 7)))) continue;
            if (k >= nalways && !check_date_ok(rs->rules[ri], c->res)) continue;
            if (prof) t0 = check_now_ns();
            check_regex_line(c, w, ri, line, !bad_line || !bad_line[line]);
            if (prof) prof[ri] += check_now_ns() - t0;
        }
    }
}

static uint64_t check_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int check_cmp(const void *a, const void *b)
{
    const check_finding *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    if (x->end_line != y->end_line) return x->end_line < y->end_line ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
    return 0;
}

/* Drops repeats of a finding (same rule and span); res is sorted. */
static void check_dedup(check_result *res)
{
    if (!res->n) return;
    size_t w = 1;
    for (size_t i = 1; i < res->n; i++) {
        const check_finding *p = &res->f[w - 1], *q = &res->f[i];
        if (p->line == q->line && p->col == q->col && p->end_line == q->end_line && p->end == q->end &&
            p->rule == q->rule)
            continue;
        res->f[w++] = *q;
    }
    res->n = w;
}

/* 1 when the rule of a supersedes the rule of b and their spans, each
 * within one line, overlap. */
static int check_supersedes(const ruleset *rs, const check_finding *a, const check_finding *b)
{
    if (a->end_line != a->line || b->end_line != b->line) return 0;
    if (a->line != b->line || a->col >= b->end || b->col >= a->end) return 0;
    for (size_t i = 0; i < rs->nsup; i++)
        if (rs->sup[i][0] == a->rule && rs->sup[i][1] == b->rule) return 1;
    return 0;
}

/* Drops findings that an overlapping finding of a more specific rule
 * supersedes (findings are sorted, so candidates sit on the same line). */
static void check_apply_supersedes(const ruleset *rs, check_result *res)
{
    if (!rs->nsup || !res->n) return;
    unsigned char *drop = xcalloc(res->n, 1);
    unsigned char *sup = xcalloc(rs->nrules + 1, 1); /* rules that supersede others */
    for (size_t k = 0; k < rs->nsup; k++) sup[rs->sup[k][0]] = 1;
    /* Only neighbours can overlap: later findings starting before a's end,
     * earlier ones starting within the longest finding so far of the line.
     * Scanning the whole line instead was quadratic on a 10 MB line. */
    for (size_t i = 0, first = 0, maxlen = 0; i < res->n; i++) {
        const check_finding *a = &res->f[i];
        if (a->line != res->f[first].line) first = i, maxlen = 0;
        if (a->end_line == a->line && a->end - a->col > maxlen) maxlen = a->end - a->col;
        if (!sup[a->rule]) continue;
        for (size_t j = i + 1; j < res->n && res->f[j].line == a->line && res->f[j].col < a->end; j++)
            if (check_supersedes(rs, a, &res->f[j])) drop[j] = 1;
        for (size_t j = i; j-- > first && res->f[j].col + maxlen > a->col;)
            if (check_supersedes(rs, a, &res->f[j])) drop[j] = 1;
    }
    free(sup);
    size_t w = 0;
    for (size_t i = 0; i < res->n; i++)
        if (!drop[i]) res->f[w++] = res->f[i];
    res->n = w;
    free(drop);
}

/* Notes invalid UTF-8 and returns a per-line flag (1 = has invalid bytes),
 * or NULL when every line is valid. Caller frees. */
static unsigned char *check_invalid_utf8(const doc_text *doc, check_result *res)
{
    if (doc->utf8_valid) return NULL;
    unsigned char *bad_line = NULL;
    size_t bad = 0, first_line = 0, first_col = 0;
    for (size_t i = 0; i < doc->nlines; i++) {
        size_t at = utf8_find_invalid(doc->lines[i].s, doc->lines[i].len);
        if (at == doc->lines[i].len) continue;
        if (!bad) first_line = i, first_col = at + doc->lines[i].coloff, bad_line = xcalloc(doc->nlines, 1);
        bad_line[i] = 1;
        bad++;
    }
    if (bad)
        check_note(res, "文本含有无效的 UTF-8 字节（共 %zu 行，首处在第 %zu 行第 %zu 字节）；其余文字照常检查", bad,
                   first_line + 1, first_col + 1);
    return bad_line;
}

/* Work is cut into tasks: line ranges for the literal and pattern rules, and
 * one task per builtin group. Each task fills its own result; the results are
 * merged in task order, which is the order one thread would have emitted them
 * in, so the output does not depend on scheduling. Threads pick builtin tasks
 * first (they are the largest), then line ranges. Patterns are JIT-compiled
 * where they are first needed: compiling every enabled one up front compiled
 * three times too many for the 1 MB report. */
#define CHECK_PARALLEL_MIN (64 * 1024) /* bytes below which one thread checks */
#define CHECK_TASK_BYTES (32 * 1024)
#define CHECK_MAX_JOBS 8
#define CHECK_TASK_LINES (-1)

typedef struct check_task {
    size_t from, to;  /* lines */
    int group;        /* builtin group, or CHECK_TASK_LINES */
    check_result res;
} check_task;

typedef struct check_plan {
    const check_ctx *base;
    check_task *tasks; /* line tasks, then builtin tasks */
    size_t ntasks, nlinetasks;
    size_t next;      /* the next task to pick (atomic) */
    const uint32_t *active;
    size_t nactive;
    const unsigned char *bad_line; /* lines with invalid UTF-8, or NULL */
} check_plan;

static void check_builtins(check_ctx *c, int group)
{
    const ruleset *rs = c->rs;
    for (size_t i = 0; i < rs->nrules; i++) {
        if (!c->on[i] || rs->builtin[i] < 0 || builtin_group(rs->builtin[i]) != group ||
            !check_date_ok(rs->rules[i], c->res))
            continue;
        uint64_t t0 = c->opts->prof_ns ? check_now_ns() : 0;
        builtin_run(rs->builtin[i], c, (uint32_t)i, rs->rules[i]->param);
        if (c->opts->prof_ns) c->opts->prof_ns[i] += check_now_ns() - t0;
    }
}

static void *check_work(void *arg)
{
    check_plan *p = arg;
    const ruleset *rs = p->base->rs;
    size_t nrules = rs->nrules, nbuiltin = p->ntasks - p->nlinetasks;
    check_worker w;
    check_worker_init(&w, nrules);
    unsigned char *on = xmalloc(nrules + 1);
    for (;;) {
        size_t k = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
        if (k >= p->ntasks) break;
        check_task *t = &p->tasks[k < nbuiltin ? p->nlinetasks + k : k - nbuiltin];
        check_ctx c = *p->base;
        memcpy(on, p->base->on, nrules);
        c.on = on;
        c.res = &t->res;
        c.scratch = NULL;
        c.scratch_free = NULL;
        t->res.date = p->base->res->date;
        t->res.date_exact = p->base->res->date_exact;
        if (t->group == CHECK_TASK_LINES) check_lines(&c, &w, p->active, p->nactive, p->bad_line, t->from, t->to);
        else check_builtins(&c, t->group);
        if (t->res.n > 1) qsort(t->res.f, t->res.n, sizeof *t->res.f, check_cmp);
        if (c.scratch_free) c.scratch_free(c.scratch);
    }
    free(on);
    check_worker_free(&w);
    return NULL;
}

static size_t check_jobs(const doc_text *doc, const check_opts *o)
{
    if (o->prof_ns || o->jobs == 1) return 1;
    size_t bytes = 0;
    for (size_t i = 0; i < doc->nlines; i++) bytes += doc->lines[i].len;
    if (bytes < CHECK_PARALLEL_MIN) return 1;
    long n = o->jobs > 0 ? o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) n = 1;
    if (n > CHECK_MAX_JOBS) n = CHECK_MAX_JOBS;
    return (size_t)n;
}

/* Line tasks of about CHECK_TASK_BYTES each (one task when single-threaded),
 * then one task per builtin group in rule order. */
static void check_plan_tasks(check_plan *p, const check_ctx *c, size_t jobs)
{
    const ruleset *rs = c->rs;
    const doc_text *doc = c->doc;
    size_t cap = 0;
    for (size_t from = 0; from < doc->nlines || from == 0;) {
        size_t to = from, bytes = 0;
        while (to < doc->nlines && (jobs == 1 || bytes < CHECK_TASK_BYTES)) bytes += doc->lines[to++].len;
        xgrow(&p->tasks, &cap, p->ntasks + 1, sizeof *p->tasks);
        p->tasks[p->ntasks++] = (check_task){from, to, CHECK_TASK_LINES, {0}};
        if (to >= doc->nlines) break;
        from = to;
    }
    p->nlinetasks = p->ntasks;
    for (size_t i = 0; i < rs->nrules; i++) {
        if (!c->on[i] || rs->builtin[i] < 0) continue;
        int g = builtin_group(rs->builtin[i]);
        size_t k = p->nlinetasks;
        while (k < p->ntasks && p->tasks[k].group != g) k++;
        if (k < p->ntasks) continue;
        xgrow(&p->tasks, &cap, p->ntasks + 1, sizeof *p->tasks);
        p->tasks[p->ntasks++] = (check_task){0, 0, g, {0}};
    }
}

/* A run being merged: sorted findings, read from its head. */
typedef struct check_merge_run {
    const check_finding *f;
    size_t at, n;
    uint64_t base; /* added to fix_off: where the run's fixes start in the arena */
} check_merge_run;

/* Run a's head sorts before run b's; between equal heads the earlier run
 * wins, so the merge is stable like a sort of the runs one after another. */
static int check_run_before(const check_merge_run *r, size_t a, size_t b)
{
    int c = check_cmp(&r[a].f[r[a].at], &r[b].f[r[b].at]);
    return c ? c < 0 : a < b;
}

static void check_heap_down(const check_merge_run *r, size_t *heap, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l < n && check_run_before(r, heap[l], heap[m])) m = l;
        if (l + 1 < n && check_run_before(r, heap[l + 1], heap[m])) m = l + 1;
        if (m == i) return;
        size_t t = heap[i];
        heap[i] = heap[m];
        heap[m] = t;
        i = m;
    }
}

/* Moves the findings, fix texts and notes of task results into res, in
 * order. Each task sorted its own findings (in parallel); they are merged
 * here with what res held already, which comes first among equals. */
static void check_merge(check_result *res, check_task *tasks, size_t n)
{
    if (res->n > 1) qsort(res->f, res->n, sizeof *res->f, check_cmp);
    size_t total = res->n, nruns = n + 1;
    check_merge_run *r = xmalloc(nruns * sizeof *r);
    r[0] = (check_merge_run){res->f, 0, res->n, 0};
    for (size_t k = 0; k < n; k++) {
        check_result *t = &tasks[k].res;
        r[k + 1] = (check_merge_run){t->f, 0, t->n, res->arena.len};
        total += t->n;
        sbuf_add(&res->arena, t->arena.s ? t->arena.s : "", t->arena.len); /* allocates: fixes may be "" */
        for (size_t i = 0; i < t->nnotes; i++) {
            xgrow(&res->notes, &res->capnotes, res->nnotes + 1, sizeof *res->notes);
            res->notes[res->nnotes++] = t->notes[i];
        }
        t->nnotes = 0;
    }
    size_t *heap = xmalloc(nruns * sizeof *heap), nheap = 0;
    for (size_t k = 0; k < nruns; k++)
        if (r[k].n) heap[nheap++] = k;
    for (size_t i = nheap / 2; i-- > 0;) check_heap_down(r, heap, nheap, i);
    check_finding *out = xmalloc((total + 1) * sizeof *out);
    size_t nout = 0;
    while (nheap) {
        check_merge_run *run = &r[heap[0]];
        check_finding f = run->f[run->at++];
        if (run->base + f.fix_off + f.fix_len <= UINT32_MAX) {
            f.fix_off += (uint32_t)run->base;
            out[nout++] = f;
        }
        if (run->at == run->n) heap[0] = heap[--nheap];
        check_heap_down(r, heap, nheap, 0);
    }
    free(heap);
    free(r);
    for (size_t k = 0; k < n; k++) check_result_free(&tasks[k].res);
    free(res->f);
    res->f = out;
    res->n = nout;
    res->cap = total + 1;
}

void check_run(const ruleset *rs, const doc_text *doc, const check_opts *o, check_result *res)
{
    check_ctx c = {rs, doc, o, res, NULL, NULL, NULL, NULL};
    c.sev = xmalloc((rs->nrules + 1) * sizeof *c.sev);
    c.on = xmalloc(rs->nrules + 1);
    memcpy(c.sev, rs->sev, rs->nrules * sizeof *c.sev);
    memcpy(c.on, rs->on, rs->nrules);
    ruleset_apply(rs, o->dirs, o->ndirs, c.sev, c.on, NULL);
    if (o->strict)
        for (size_t i = 0; i < rs->nrules; i++)
            if (rs->rules[i]->category == RULEFILE_CAT_PLACEHOLDER) c.sev[i] = RULEFILE_SEV_ERROR;
    if (o->date) {
        res->date = o->date;
        res->date_exact = 1;
        res->date_source = "指定";
    } else if (rs->date) {
        res->date = rs->date;
        res->date_exact = 1;
        res->date_source = "配置文件";
    } else if (o->inferred) {
        res->date = o->inferred->date;
        res->date_exact = o->inferred->exact;
        res->date_source = o->inferred->source;
    } else {
        res->date = docdate_infer(doc, &res->date_source, &res->date_exact);
    }
    unsigned char *bad_line = check_invalid_utf8(doc, res);

    uint32_t *active = xmalloc((rs->nrules + 1) * sizeof *active);
    size_t nactive = 0;
    for (size_t i = 0; i < rs->nrules; i++)
        if (c.on[i] && rs->rules[i]->re && !rs->gated[i] && check_date_ok(rs->rules[i], res))
            active[nactive++] = (uint32_t)i;
    size_t jobs = check_jobs(doc, o);
    check_plan p = {&c, NULL, 0, 0, 0, active, nactive, bad_line};
    check_plan_tasks(&p, &c, jobs);
    if (jobs > p.ntasks) jobs = p.ntasks;
    par_all(check_work, &p, jobs);
    check_merge(res, p.tasks, p.ntasks);
    free(p.tasks);
    free(active);
    free(bad_line);

    check_dedup(res);
    check_apply_supersedes(rs, res);
    free(c.sev);
    free(c.on);
}

void check_result_free(check_result *res)
{
    free(res->f);
    sbuf_free(&res->arena);
    xstrs_free(res->notes, res->nnotes);
    memset(res, 0, sizeof *res);
}

void check_message(const ruleset *rs, const doc_text *doc, const check_result *res, const check_finding *f,
                   sbuf *out)
{
    const char *m = rs->rules[f->rule]->message;
    for (;;) {
        const char *brace = strchr(m, '{');
        if (!brace) {
            sbuf_adds(out, m);
            return;
        }
        sbuf_add(out, m, (size_t)(brace - m));
        if (strncmp(brace, "{match}", 7) == 0) {
            check_match(doc, f, out);
            m = brace + 7;
        } else if (strncmp(brace, "{fix}", 5) == 0) {
            if (f->has_fix) sbuf_add(out, res->arena.s + f->fix_off, f->fix_len);
            m = brace + 5;
        } else {
            sbuf_addc(out, '{');
            m = brace + 1;
        }
    }
}
