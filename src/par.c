/* par.c -- doing two independent pieces of work at once.
 *
 * Start-up and large buffers have a few jobs that split in two: rule files to
 * parse, patterns to compile beside lists to load, halves of a buffer to copy
 * or to mark. The second piece goes to a thread of its own; when threads are
 * not wanted or cannot be started, the calling thread does both in turn, so
 * no caller needs a fallback of its own. (Checking a document, which splits
 * into many tasks, has its own pool in check.c.) */

#include "par.h"

#include <pthread.h>

void par_both(void *(*here)(void *), void *a, void *(*there)(void *), void *b, int threaded)
{
    pthread_t th;
    threaded = threaded && pthread_create(&th, NULL, there, b) == 0;
    here(a);
    if (threaded) pthread_join(th, NULL);
    else there(b);
}
