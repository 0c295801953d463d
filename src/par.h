#ifndef PARK_PAR_H
#define PARK_PAR_H

#include <stddef.h>

/* Independent pieces of work at once, on one helper thread kept for the
 * process (and more threads when asked for more). */

/* Runs here(a) on the calling thread and there(b) on whichever thread is
 * free first (the helper, or this one once here(a) is done), and returns
 * when both are done; while waiting it may run other posted work. When
 * threaded is 0 or no thread can be started, runs here(a) and then there(b)
 * on the calling thread. The results are the callers' to read from a and
 * b. */
void par_both(void *(*here)(void *), void *a, void *(*there)(void *), void *b, int threaded);

/* Runs fn(arg) on the calling thread and at the same time on n - 1 others
 * (the helper, if free, and new threads), and returns when all have
 * returned. fn shares arg between them, so it must take its work from arg
 * safely; with fewer threads it simply gets fewer helpers. */
void par_all(void *(*fn)(void *), void *arg, size_t n);

#endif
