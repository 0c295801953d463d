#ifndef PARK_PAR_H
#define PARK_PAR_H

/* Two independent pieces of work at once. */

/* Runs here(a) on the calling thread and there(b) on a second thread, and
 * returns when both are done. When threaded is 0, or no thread can be
 * started, runs here(a) and then there(b) on the calling thread. The
 * results are the callers' to read from a and b. */
void par_both(void *(*here)(void *), void *a, void *(*there)(void *), void *b, int threaded);

#endif
