/* test-cli.c -- the subcommands in src/cli.c, run as the built helper
 * (build/park, or $PARK_BIN): park snippets lists, expands and reports
 * problems with the exit status the command line promises. */

#include <limits.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "task.h"
#include "test-util.h"

/* Runs "PARK_SNIPPETS_DIR=dir park ARGS" and returns its exit status, with
 * stdout in out (caller frees) and stderr in tmp/err. */
static int run_cli(const char *tmp, const char *dir, const char *args, char **out)
{
    char cmd[PATH_MAX * 4], path[PATH_MAX];
    snprintf(cmd, sizeof cmd, "PARK_SNIPPETS_DIR='%s' XDG_CONFIG_HOME='%s/none' '%s' snippets %s >'%s/out' 2>'%s/err'", dir,
             tmp, task_park(), args, tmp, tmp);
    int st = system(cmd);
    *out = tu_slurp(tu_join(path, tmp, "out"), NULL);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

TEST_IMPL(cli_snippets_lists_expands_and_reports_problems)
{
    char tmp[PATH_MAX], lib[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(tmp) == 0);
    tu_put(tu_join(lib, tmp, "lib"), "a.json", "{\"t\": {\"prefix\": [\"tbzz\", \"同比增长\"], \"body\": \"同比增长${1:X}%\", \"description\": \"同比\"}}");
    char *out;
    ASSERT_INT_EQ(run_cli(tmp, lib, "", &out), 0);
    ASSERT_STR_EQ(out, "tbzz\t同比\n同比增长\t同比\n");
    free(out);
    ASSERT_INT_EQ(run_cli(tmp, lib, "--expand tbzz", &out), 0);
    ASSERT_STR_EQ(out, "同比增长X%\n");
    free(out);
    ASSERT_INT_EQ(run_cli(tmp, lib, "--expand tbzz --format json", &out), 0);
    ASSERT_STR_EQ(out, "{\"prefix\":\"tbzz\",\"text\":\"同比增长X%\",\"tabstops\":[{\"index\":1,\"ranges\":[[0,12,0,13]],"
                       "\"choices\":null}],\"final\":[0,14,0,14]}\n");
    free(out);
    ASSERT_INT_EQ(run_cli(tmp, lib, "--format json", &out), 0);
    ASSERT(strstr(out, "{\"prefix\":\"tbzz\",\"name\":\"t\",\"description\":\"同比\","));
    ASSERT(strstr(out, "\"preview\":\"同比增长X%\"}\n"));
    free(out);
    ASSERT_INT_EQ(run_cli(tmp, lib, "--expand nope", &out), 2);
    free(out);
    char *err = tu_slurp(tu_join(p, tmp, "err"), NULL);
    ASSERT(strstr(err, "没有触发词为“nope”的片段"));
    free(err);
    ASSERT_INT_EQ(run_cli(tmp, lib, "--bogus", &out), 2);
    free(out);
    tu_put(lib, "b.json", "{\"x\": {\"prefix\": \"x\", \"body\": \"${1\"}, \"y\": {\"prefix\": \"tbzz\", \"body\": \"dup\"}}");
    ASSERT_INT_EQ(run_cli(tmp, lib, "", &out), 1);
    free(out);
    err = tu_slurp(tu_join(p, tmp, "err"), NULL);
    ASSERT(strstr(err, "b.json:1: 片段“x”（触发词“x”）：正文第1行第1列：“${”没有结束"));
    ASSERT(strstr(err, "触发词“tbzz”与"));
    free(err);
    tu_rmrf(tmp);
}
