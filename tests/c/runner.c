/* runner.c -- runs the registered C tests: all, or those named on the
 * command line (shell patterns: 'rpc_*'). Each test runs in a forked child
 * so a crash fails only that test. Prints "ok NAME" / "FAIL NAME: why" and
 * ends with "N passed, N failed". The helper under test is build/park, or
 * $PARK_BIN. */

#include <fnmatch.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "task.h"

#define TASK_MAX 512
#define TASK_TIMEOUT 120 /* seconds; a hanging test is killed by SIGALRM and fails */

static struct {
    const char *name;
    task_fn fn;
} task_list[TASK_MAX];
static int task_n;
static int task_bad;
static char task_root_buf[PATH_MAX];
static char task_park_buf[PATH_MAX + 16];

void task_register(const char *name, task_fn fn)
{
    if (task_n < TASK_MAX) {
        task_list[task_n].name = name;
        task_list[task_n].fn = fn;
        task_n++;
    }
}

void task_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "  %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    task_bad = 1;
}

int task_failed(void)
{
    return task_bad;
}

const char *task_root(void)
{
    return task_root_buf;
}

const char *task_park(void)
{
    return task_park_buf;
}

static int task_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return 2;
    exe[n] = '\0';
    /* the repository root: the nearest parent of the binary holding
     * tests/c/runner.c (build/park-tests, build/asan/park-tests) */
    char *dir = dirname(exe); /* dirname works in place, in exe */
    for (int up = 0; up < 4; up++) {
        char probe[PATH_MAX + 32];
        dir = dirname(dir);
        snprintf(probe, sizeof probe, "%s/tests/c/runner.c", dir);
        if (access(probe, F_OK) == 0) break;
    }
    snprintf(task_root_buf, sizeof task_root_buf, "%s", dir);
    const char *bin = getenv("PARK_BIN"); /* make check-sanitize: build/asan/park */
    if (bin && *bin) snprintf(task_park_buf, sizeof task_park_buf, "%s", bin);
    else snprintf(task_park_buf, sizeof task_park_buf, "%s/build/park", task_root_buf);
    qsort(task_list, (size_t)task_n, sizeof task_list[0], task_cmp);
    int passed = 0, failed = 0;
    for (int i = 0; i < task_n; i++) {
        int wanted = argc < 2;
        for (int k = 1; k < argc; k++) wanted |= fnmatch(argv[k], task_list[i].name, 0) == 0; /* 'rpc_*' */
        if (!wanted) continue;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            alarm(TASK_TIMEOUT);
            task_list[i].fn();
            fflush(stdout);
            _exit(task_bad ? 1 : 0);
        }
        int st = 0;
        waitpid(pid, &st, 0);
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
            printf("ok %s\n", task_list[i].name);
            passed++;
        } else {
            if (WIFSIGNALED(st)) printf("FAIL %s: killed by signal %d\n", task_list[i].name, WTERMSIG(st));
            else printf("FAIL %s\n", task_list[i].name);
            failed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
