/* replay.c -- runs a fuzz target without libFuzzer: each input file (or
 * every file in each directory) named on the command line goes through
 * LLVMFuzzerTestOneInput in a forked child, so a crash fails that input
 * only. Prints "ok FILE" / "FAIL FILE: why" and "N passed, N failed". */

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"
#include "mem.h"
#include "sbuf.h"

static int replay_passed, replay_failed;

static void replay_one(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("FAIL %s: cannot open\n", path);
        replay_failed++;
        return;
    }
    sbuf b = SBUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sbuf_add(&b, chunk, n);
    fclose(f);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* an exact-size copy, so the sanitizers see reads past the end */
        uint8_t *data = xmalloc(b.len ? b.len : 1);
        if (b.len) memcpy(data, b.s, b.len);
        LLVMFuzzerTestOneInput(data, b.len);
        free(data);
        fflush(stdout);
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    sbuf_free(&b);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        printf("ok %s\n", path);
        replay_passed++;
    } else {
        if (WIFSIGNALED(st)) printf("FAIL %s: killed by signal %d\n", path, WTERMSIG(st));
        else printf("FAIL %s: exit %d\n", path, WEXITSTATUS(st));
        replay_failed++;
    }
}

static int replay_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        replay_one(path);
        return;
    }
    DIR *d = opendir(path);
    if (!d) return;
    char **names = NULL;
    size_t nn = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        xgrow(&names, &cap, nn + 1, sizeof *names);
        sbuf p = SBUF_INIT;
        sbuf_printf(&p, "%s/%s", path, de->d_name);
        names[nn++] = sbuf_detach(&p);
    }
    closedir(d);
    if (nn) qsort(names, nn, sizeof *names, replay_cmp);
    for (size_t i = 0; i < nn; i++) {
        replay_one(names[i]);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) replay_path(argv[i]);
    printf("%d passed, %d failed\n", replay_passed, replay_failed);
    return replay_failed ? 1 : 0;
}
