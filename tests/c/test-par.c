/* test-par.c -- running pieces of work at once (src/par.c): par_both runs
 * each piece exactly once, here() on the calling thread, and its results are
 * the caller's to read when it returns; a posted piece nobody has started is
 * run by the caller itself; work posted from inside a piece, as deep as it
 * goes and past the table of jobs, is all done; par_all runs its function on
 * the caller and at most n threads in all, and returns when all have
 * returned. Nothing here measures time: where a test must know that the
 * helper is busy, it waits for the helper to say so. */

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "par.h"
#include "task.h"

/* A piece of work: its input, its result, who ran it and how often. */
typedef struct piece {
    int in, out;
    pthread_t thread;
    atomic_int runs;
} piece;

static void *square(void *p)
{
    piece *x = p;
    x->out = x->in * x->in;
    x->thread = pthread_self();
    atomic_fetch_add(&x->runs, 1);
    return NULL;
}

/* A one-way signal between threads, without timeouts. */
typedef struct flag {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int set;
} flag;
#define FLAG_INIT {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0}

static void flag_set(flag *f)
{
    pthread_mutex_lock(&f->mu);
    f->set = 1;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

static void flag_wait(flag *f)
{
    pthread_mutex_lock(&f->mu);
    while (!f->set) pthread_cond_wait(&f->cv, &f->mu);
    pthread_mutex_unlock(&f->mu);
}

TEST_IMPL(par_both_unthreaded_runs_here_then_there_on_the_caller)
{
    piece a = {.in = 3}, b = {.in = 4};
    par_both(square, &a, square, &b, 0);
    ASSERT_INT_EQ(a.out, 9);
    ASSERT_INT_EQ(b.out, 16);
    ASSERT_INT_EQ(atomic_load(&a.runs), 1);
    ASSERT_INT_EQ(atomic_load(&b.runs), 1);
    ASSERT(pthread_equal(a.thread, pthread_self()));
    ASSERT(pthread_equal(b.thread, pthread_self()));
}

/* Records the order in which pieces start. */
static atomic_int seq;
typedef struct ordered {
    int at;
} ordered;

static void *note_order(void *p)
{
    ((ordered *)p)->at = atomic_fetch_add(&seq, 1);
    return NULL;
}

TEST_IMPL(par_both_unthreaded_runs_here_first)
{
    ordered a = {-1}, b = {-1};
    atomic_store(&seq, 0);
    par_both(note_order, &a, note_order, &b, 0);
    ASSERT_INT_EQ(a.at, 0);
    ASSERT_INT_EQ(b.at, 1);
}

TEST_IMPL(par_both_runs_each_piece_once_and_its_results_are_visible_after)
{
    /* many rounds, so the helper takes some pieces and the caller others */
    for (int round = 0; round < 2000; round++) {
        piece a = {.in = round}, b = {.in = round + 1};
        par_both(square, &a, square, &b, 1);
        if (a.out != round * round || b.out != (round + 1) * (round + 1) || atomic_load(&a.runs) != 1 ||
            atomic_load(&b.runs) != 1) {
            task_fail(__FILE__, __LINE__, "round %d: out %d %d, runs %d %d", round, a.out, b.out,
                      atomic_load(&a.runs), atomic_load(&b.runs));
            return;
        }
        if (!pthread_equal(a.thread, pthread_self())) {
            task_fail(__FILE__, __LINE__, "round %d: here() ran on another thread", round);
            return;
        }
    }
}

/* The helper busy with `blocker` until released; meanwhile the caller posts
 * `late`, which nobody can start but the caller. */
static struct {
    flag started, release;
    piece here, late;
} tb = {FLAG_INIT, FLAG_INIT, {0}, {0}};

static void *blocker(void *p)
{
    piece *x = p;
    x->thread = pthread_self();
    atomic_fetch_add(&x->runs, 1);
    flag_set(&tb.started);
    flag_wait(&tb.release);
    return NULL;
}

static void *poster(void *p)
{
    piece *x = p;
    x->thread = pthread_self();
    atomic_fetch_add(&x->runs, 1);
    /* here(a) of the outer call cannot end before there(b) starts, so the
     * helper, the only other thread, is the one that runs blocker */
    flag_wait(&tb.started);
    par_both(square, &tb.here, square, &tb.late, 1);
    flag_set(&tb.release);
    return NULL;
}

TEST_IMPL(par_both_takes_back_a_posted_piece_nobody_started)
{
    piece outer = {0}, blocked = {0};
    tb.here.in = 5, tb.late.in = 6;
    par_both(poster, &outer, blocker, &blocked, 1);
    ASSERT_INT_EQ(atomic_load(&outer.runs), 1);
    ASSERT_INT_EQ(atomic_load(&blocked.runs), 1);
    ASSERT(pthread_equal(outer.thread, pthread_self()));
    ASSERT(!pthread_equal(blocked.thread, pthread_self()));
    /* the helper was in blocker all along: the caller ran the late piece */
    ASSERT_INT_EQ(tb.here.out, 25);
    ASSERT_INT_EQ(tb.late.out, 36);
    ASSERT_INT_EQ(atomic_load(&tb.late.runs), 1);
    ASSERT(pthread_equal(tb.late.thread, pthread_self()));
    ASSERT(pthread_equal(tb.here.thread, pthread_self()));
}

/* A piece on the helper posts two more while the caller waits for it. */
static struct {
    flag started;
    piece inner_here, inner_there;
    pthread_t helper;
} tn = {FLAG_INIT, {0}, {0}, 0};

static void *nester(void *p)
{
    piece *x = p;
    x->thread = tn.helper = pthread_self();
    atomic_fetch_add(&x->runs, 1);
    flag_set(&tn.started);
    par_both(square, &tn.inner_here, square, &tn.inner_there, 1);
    x->out = tn.inner_here.out + tn.inner_there.out; /* both done here */
    return NULL;
}

static void *wait_for_nester(void *p)
{
    (void)p;
    flag_wait(&tn.started);
    return NULL;
}

TEST_IMPL(par_both_inside_a_piece_on_the_helper_is_done_before_the_outer_returns)
{
    piece outer = {0}, nested = {0};
    tn.inner_here.in = 7, tn.inner_there.in = 8;
    par_both(wait_for_nester, &outer, nester, &nested, 1);
    ASSERT_INT_EQ(atomic_load(&nested.runs), 1);
    ASSERT(!pthread_equal(tn.helper, pthread_self()));
    ASSERT_INT_EQ(nested.out, 49 + 64);
    ASSERT_INT_EQ(atomic_load(&tn.inner_here.runs), 1);
    ASSERT_INT_EQ(atomic_load(&tn.inner_there.runs), 1);
    /* here() of the nested call ran where it was called: on the helper;
     * its there() on the helper or on the waiting caller */
    ASSERT(pthread_equal(tn.inner_here.thread, tn.helper));
    ASSERT(pthread_equal(tn.inner_there.thread, tn.helper) || pthread_equal(tn.inner_there.thread, pthread_self()));
}

/* A binary tree of nested par_both calls, deeper than the table of jobs is
 * long: each node sums its leaves, each leaf marks itself. */
typedef struct node {
    int lo, hi; /* the leaves [lo, hi) */
    long sum;
} node;
static atomic_int leaf_runs[1 << 12];

static void *tree(void *p)
{
    node *n = p;
    if (n->hi - n->lo == 1) {
        atomic_fetch_add(&leaf_runs[n->lo], 1);
        n->sum = n->lo;
        return NULL;
    }
    int mid = n->lo + (n->hi - n->lo) / 2;
    node l = {n->lo, mid, -1}, r = {mid, n->hi, -1};
    par_both(tree, &l, tree, &r, 1);
    n->sum = l.sum + r.sum;
    return NULL;
}

TEST_IMPL(par_both_nested_past_the_job_table_runs_every_piece_once)
{
    enum { LEAVES = 1 << 12 };
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < LEAVES; i++) atomic_store(&leaf_runs[i], 0);
        node root = {0, LEAVES, -1};
        tree(&root);
        ASSERT_INT_EQ(root.sum, (long)LEAVES * (LEAVES - 1) / 2);
        for (int i = 0; i < LEAVES; i++)
            if (atomic_load(&leaf_runs[i]) != 1) {
                task_fail(__FILE__, __LINE__, "round %d: leaf %d ran %d times", round, i, atomic_load(&leaf_runs[i]));
                return;
            }
    }
}

/* par_all's shared work: items taken one at a time from a counter, each
 * long enough that the other calls are still inside one when the caller
 * finds none left, so a par_all that returned early would show undone
 * items. */
enum { ITEMS = 4000 };
typedef struct pool {
    atomic_int next, calls, returned, on_caller;
    pthread_t caller;
    unsigned char done[ITEMS];
    atomic_int twice;
} pool;

static void *take_items(void *p)
{
    pool *w = p;
    atomic_fetch_add(&w->calls, 1);
    if (pthread_equal(pthread_self(), w->caller)) atomic_fetch_add(&w->on_caller, 1);
    for (int i; (i = atomic_fetch_add(&w->next, 1)) < ITEMS;) {
        volatile unsigned x = (unsigned)i + 1;
        for (int k = 0; k < 4000; k++) x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        if (w->done[i]) atomic_fetch_add(&w->twice, 1);
        w->done[i]++;
    }
    atomic_fetch_add(&w->returned, 1);
    return NULL;
}

static int pool_run(pool *w, size_t n)
{
    memset(w, 0, sizeof *w);
    w->caller = pthread_self();
    par_all(take_items, w, n);
    return atomic_load(&w->calls);
}

TEST_IMPL(par_all_shares_the_work_and_returns_when_every_call_has)
{
    static pool w;
    for (size_t n = 2; n <= 6; n++) {
        int calls = pool_run(&w, n);
        ASSERT(calls >= 1 && calls <= (int)n);
        ASSERT_INT_EQ(atomic_load(&w.returned), calls); /* none still running */
        ASSERT(atomic_load(&w.on_caller) >= 1);          /* one call on the calling thread */
        ASSERT_INT_EQ(atomic_load(&w.twice), 0);
        for (int i = 0; i < ITEMS; i++) ASSERT_INT_EQ(w.done[i], 1);
    }
}

TEST_IMPL(par_all_of_one_or_none_runs_once_on_the_caller)
{
    static pool w;
    for (size_t n = 0; n <= 1; n++) {
        ASSERT_INT_EQ(pool_run(&w, n), 1);
        ASSERT_INT_EQ(atomic_load(&w.on_caller), 1);
        ASSERT_INT_EQ(w.done[ITEMS - 1], 1);
    }
}

static void *all_inside(void *p)
{
    pool *w = p;
    w->caller = pthread_self();
    par_all(take_items, w, 3);
    return NULL;
}

TEST_IMPL(par_all_inside_a_par_both_piece_completes)
{
    static pool wa, wb;
    memset(&wa, 0, sizeof wa);
    memset(&wb, 0, sizeof wb);
    par_both(all_inside, &wa, all_inside, &wb, 1);
    for (pool *w = &wa; w; w = w == &wa ? &wb : NULL) {
        ASSERT(atomic_load(&w->calls) >= 1 && atomic_load(&w->calls) <= 3);
        ASSERT_INT_EQ(atomic_load(&w->returned), atomic_load(&w->calls));
        ASSERT_INT_EQ(atomic_load(&w->twice), 0);
        for (int i = 0; i < ITEMS; i++) ASSERT_INT_EQ(w->done[i], 1);
    }
}
