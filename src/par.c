/* par.c -- running independent pieces of work at once.
 *
 * Start-up and large buffers have a few jobs that split in two: rule files to
 * parse, patterns to compile beside lists to load, a file to read beside the
 * rules, halves of a buffer to copy or to mark; and a check splits into
 * tasks that several threads pick from.
 *
 * The second piece goes to one helper thread that is started on first use
 * and kept, sleeping between jobs: a `park check` of a megabyte runs four or
 * five such phases a few milliseconds apart, and starting a thread for each
 * cost more than the work it took over on a 2-core virtual machine, where a
 * new thread often waited most of a millisecond (at times a whole scheduler
 * tick) before it ran; a job the helper has not started when the caller is
 * done with its own share is taken back. (Polling for the next job instead
 * of sleeping did not help there: the poller took time from the other
 * thread.)
 * When the helper is busy (a call nested in another's work, when both cores
 * are busy already), when threads are not wanted or when none can be
 * started, the calling thread does all the work in turn, so no caller needs
 * a fallback of its own. */

#include "par.h"

#include <pthread.h>
#include <stdlib.h>

/* IDLE -> CLAIMED (a caller fills in the job) -> POSTED -> RUNNING (the
 * helper took it) -> DONE -> IDLE; or POSTED -> TAKEN (the caller got to it
 * first) -> IDLE. */
enum { PAR_IDLE, PAR_CLAIMED, PAR_POSTED, PAR_RUNNING, PAR_TAKEN, PAR_DONE };

static struct {
    pthread_once_t once;
    int ok; /* the helper thread is running */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int state; /* PAR_*, read and written atomically */
    void *(*fn)(void *);
    void *arg;
} par_helper = {PTHREAD_ONCE_INIT, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PAR_IDLE, NULL, NULL};

/* Waits until the helper's state is want. */
static void par_wait_for(int want)
{
    pthread_mutex_lock(&par_helper.mu);
    while (__atomic_load_n(&par_helper.state, __ATOMIC_ACQUIRE) != want) pthread_cond_wait(&par_helper.cv, &par_helper.mu);
    pthread_mutex_unlock(&par_helper.mu);
}

static void par_set_state(int state)
{
    pthread_mutex_lock(&par_helper.mu);
    __atomic_store_n(&par_helper.state, state, __ATOMIC_RELEASE);
    pthread_cond_broadcast(&par_helper.cv);
    pthread_mutex_unlock(&par_helper.mu);
}

static void *par_helper_main(void *unused)
{
    (void)unused;
    for (;;) {
        par_wait_for(PAR_POSTED);
        int posted = PAR_POSTED;
        if (!__atomic_compare_exchange_n(&par_helper.state, &posted, PAR_RUNNING, 0, __ATOMIC_ACQ_REL,
                                         __ATOMIC_RELAXED))
            continue;
        par_helper.fn(par_helper.arg);
        par_set_state(PAR_DONE);
    }
    return NULL;
}

static void par_helper_start(void)
{
    pthread_t th;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    par_helper.ok = pthread_create(&th, &attr, par_helper_main, NULL) == 0;
    pthread_attr_destroy(&attr);
}

/* Hands fn(arg) to the helper if it is free; 0 if it is not. */
static int par_post(void *(*fn)(void *), void *arg)
{
    pthread_once(&par_helper.once, par_helper_start);
    int idle = PAR_IDLE;
    if (!par_helper.ok || !__atomic_compare_exchange_n(&par_helper.state, &idle, PAR_CLAIMED, 0, __ATOMIC_ACQUIRE,
                                                       __ATOMIC_RELAXED))
        return 0;
    par_helper.fn = fn;
    par_helper.arg = arg;
    par_set_state(PAR_POSTED);
    return 1;
}

/* Waits for the job handed to the helper and frees it for the next. If the
 * helper has not started it yet (its core may still be waking up), the
 * caller does it. */
static void par_collect(void)
{
    int posted = PAR_POSTED;
    if (__atomic_compare_exchange_n(&par_helper.state, &posted, PAR_TAKEN, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
        par_helper.fn(par_helper.arg);
    else
        par_wait_for(PAR_DONE);
    __atomic_store_n(&par_helper.state, PAR_IDLE, __ATOMIC_RELEASE);
}

void par_both(void *(*here)(void *), void *a, void *(*there)(void *), void *b, int threaded)
{
    int helped = threaded && par_post(there, b);
    here(a);
    if (helped) par_collect();
    else there(b);
}

void par_all(void *(*fn)(void *), void *arg, size_t n)
{
    int helped = n > 1 && par_post(fn, arg);
    size_t extra = n > 1 ? n - 1 - (size_t)helped : 0, started = 0;
    pthread_t *th = extra ? malloc(extra * sizeof *th) : NULL;
    while (th && started < extra && pthread_create(&th[started], NULL, fn, arg) == 0) started++;
    fn(arg);
    for (size_t i = 0; i < started; i++) pthread_join(th[i], NULL);
    free(th);
    if (helped) par_collect();
}
