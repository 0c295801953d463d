/* par.c -- running independent pieces of work at once.
 *
 * Start-up and large buffers have a few jobs that split in two: rule files to
 * parse, patterns to compile, a file to read beside the rules, halves of a
 * buffer to copy or to mark, a report to format; and a check splits into
 * tasks that several threads pick from.
 *
 * A caller posts the second piece to a small table of jobs and does the
 * first itself. One helper thread, started on first use and kept, sleeping
 * between jobs, runs posted jobs oldest first: a `park check` of a megabyte
 * has four or five such phases a few milliseconds apart, and starting a
 * thread for each cost more than the work it took over on a 2-core virtual
 * machine, where a new thread often waited most of a millisecond (at times a
 * whole scheduler tick) before it ran. A caller done with its own piece
 * takes its posted job back if nobody has started it, and while it waits
 * for one that is running it runs other posted jobs. So work posted from
 * inside a job (the rule files are parsed in two halves while the helper
 * still reads the document) is done by whichever thread is free first, and
 * nobody waits for a core to wake up while there is work at hand.
 *
 * With threads not wanted, or none to be had, everything runs in turn on
 * the calling thread, so no caller needs a fallback of its own. */

#include "par.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#define PAR_JOBS 8

enum { PAR_FREE, PAR_POSTED, PAR_RUNNING, PAR_DONE };

typedef struct par_job {
    void *(*fn)(void *);
    void *arg;
    int state;    /* PAR_*, under par.mu */
    uint64_t seq; /* order of posting */
} par_job;

static struct {
    pthread_once_t once;
    int ok; /* the helper thread is running (set once, under once) */
    pthread_mutex_t mu;
    pthread_cond_t cv; /* any change of a job's state */
    par_job jobs[PAR_JOBS];
    uint64_t seq;
} par = {PTHREAD_ONCE_INIT, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {{0}}, 0};

/* The oldest posted job, or NULL. Under par.mu. */
static par_job *par_oldest_posted(void)
{
    par_job *best = NULL;
    for (int i = 0; i < PAR_JOBS; i++)
        if (par.jobs[i].state == PAR_POSTED && (!best || par.jobs[i].seq < best->seq)) best = &par.jobs[i];
    return best;
}

/* Runs job j, claimed (RUNNING) under par.mu, which is held on entry and on
 * return but not while it runs. */
static void par_run_locked(par_job *j)
{
    pthread_mutex_unlock(&par.mu);
    j->fn(j->arg);
    pthread_mutex_lock(&par.mu);
    j->state = PAR_DONE;
    pthread_cond_broadcast(&par.cv);
}

static void *par_helper_main(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&par.mu);
    for (;;) {
        par_job *j = par_oldest_posted();
        if (!j) {
            pthread_cond_wait(&par.cv, &par.mu);
            continue;
        }
        j->state = PAR_RUNNING;
        par_run_locked(j);
    }
    return NULL;
}

static void par_start(void)
{
    pthread_t th;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    par.ok = pthread_create(&th, &attr, par_helper_main, NULL) == 0;
    pthread_attr_destroy(&attr);
}

/* Posts fn(arg); returns its job, or NULL when it must run inline (no
 * helper, or the table is full). */
static par_job *par_post(void *(*fn)(void *), void *arg)
{
    pthread_once(&par.once, par_start);
    if (!par.ok) return NULL;
    par_job *j = NULL;
    pthread_mutex_lock(&par.mu);
    for (int i = 0; i < PAR_JOBS && !j; i++)
        if (par.jobs[i].state == PAR_FREE) j = &par.jobs[i];
    if (j) {
        *j = (par_job){fn, arg, PAR_POSTED, par.seq++};
        pthread_cond_broadcast(&par.cv);
    }
    pthread_mutex_unlock(&par.mu);
    return j;
}

/* Returns when job j is done: runs it here if nobody has started it, and
 * while another thread runs it, runs other posted jobs or sleeps. */
static void par_collect(par_job *j)
{
    pthread_mutex_lock(&par.mu);
    if (j->state == PAR_POSTED) {
        j->state = PAR_RUNNING;
        par_run_locked(j);
    }
    while (j->state != PAR_DONE) {
        par_job *other = par_oldest_posted();
        if (other) {
            other->state = PAR_RUNNING;
            par_run_locked(other);
        } else {
            pthread_cond_wait(&par.cv, &par.mu);
        }
    }
    j->state = PAR_FREE;
    pthread_mutex_unlock(&par.mu);
}

void par_both(void *(*here)(void *), void *a, void *(*there)(void *), void *b, int threaded)
{
    par_job *j = threaded ? par_post(there, b) : NULL;
    here(a);
    if (j) par_collect(j);
    else there(b);
}

void par_all(void *(*fn)(void *), void *arg, size_t n)
{
    par_job *j = n > 1 ? par_post(fn, arg) : NULL;
    size_t extra = n > 1 ? n - 1 - (j != NULL) : 0, started = 0;
    pthread_t *th = extra ? malloc(extra * sizeof *th) : NULL;
    while (th && started < extra && pthread_create(&th[started], NULL, fn, arg) == 0) started++;
    fn(arg);
    for (size_t i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    if (j) par_collect(j);
}
