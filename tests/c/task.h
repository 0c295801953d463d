#ifndef PARK_TEST_TASK_H
#define PARK_TEST_TASK_H

/* The C test harness, in libuv's shape: TEST_IMPL(name) defines a test,
 * which registers itself; typed assertions print both values on failure.
 * Run all with build/park-tests, or one with build/park-tests NAME. */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef void (*task_fn)(void);
void task_register(const char *name, task_fn fn);
/* Marks the running test failed (the test returns right after). */
void task_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int task_failed(void);
/* Path of the repository root and of the built helper (build/park). */
const char *task_root(void);
const char *task_park(void);

#define TEST_IMPL(name)                                                         \
    static void test_##name(void);                                              \
    __attribute__((constructor)) static void test_register_##name(void)         \
    {                                                                           \
        task_register(#name, test_##name);                                      \
    }                                                                           \
    static void test_##name(void)

#define ASSERT(expr)                                                            \
    do {                                                                        \
        if (!(expr)) {                                                          \
            task_fail(__FILE__, __LINE__, "assertion failed: %s", #expr);      \
            return;                                                             \
        }                                                                       \
    } while (0)

#define ASSERT_INT_EQ(a, b)                                                     \
    do {                                                                        \
        long long _a = (long long)(a), _b = (long long)(b);                    \
        if (_a != _b) {                                                         \
            task_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, _a, _b); \
            return;                                                             \
        }                                                                       \
    } while (0)

#define ASSERT_STR_EQ(a, b)                                                     \
    do {                                                                        \
        const char *_a = (a), *_b = (b);                                        \
        if (!_a || !_b || strcmp(_a, _b) != 0) {                                \
            task_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", #a, #b, \
                      _a ? _a : "(null)", _b ? _b : "(null)");                  \
            return;                                                             \
        }                                                                       \
    } while (0)

#define ASSERT_MEM_EQ(a, alen, b)                                               \
    do {                                                                        \
        size_t _n = (alen);                                                     \
        const char *_b = (b);                                                   \
        if (_n != strlen(_b) || memcmp((a), _b, _n) != 0) {                     \
            task_fail(__FILE__, __LINE__, "%s == %s: \"%.*s\" != \"%s\"", #a, #b, \
                      (int)_n, (const char *)(a), _b);                          \
            return;                                                             \
        }                                                                       \
    } while (0)

#endif
