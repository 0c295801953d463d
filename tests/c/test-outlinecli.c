/* test-outlinecli.c -- `park outline` and `park renumber` as a user runs
 * them: output formats, standard input, --profile, renumbering to stdout
 * and in place, an in-place rewrite that cannot be done (original intact,
 * no temporary file left), and usage errors. */

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "json.h"
#include "task.h"
#include "test-util.h"

/* Runs `park ARGS` with stdin from in (NULL: /dev/null), stdout and stderr
 * into files in dir; returns the exit status (-1 if it did not exit). */
static int park(const char *dir, const char *args, const char *in)
{
    sbuf cmd = SBUF_INIT;
    sbuf_printf(&cmd, "%s %s <%s >%s/out 2>%s/err", task_park(), args, in ? in : "/dev/null", dir, dir);
    int st = system(cmd.s);
    sbuf_free(&cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *slurp2(const char *dir, const char *name)
{
    char p[PATH_MAX];
    return tu_slurp(tu_join(p, dir, name), NULL);
}

static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d) closedir(d);
    return n;
}

static const char shuffled[] = "在园区干部职工大会上的讲话\n同志们：\n二、主要成绩\n（一）经济发展\n（三）项目建设\n"
                               "一是加快开工；三是加快投产。\n一、存在问题\n谢谢大家！\n";
static const char renumbered[] = "在园区干部职工大会上的讲话\n同志们：\n一、主要成绩\n（一）经济发展\n（二）项目建设\n"
                                 "一是加快开工；二是加快投产。\n二、存在问题\n谢谢大家！\n";

TEST_IMPL(outlinecli_outline_text_and_json)
{
    char dir[PATH_MAX], f[PATH_MAX], cmd[PATH_MAX * 2];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(f, dir, "r.txt");
    ASSERT(tu_writes(f, shuffled) == 0);
    snprintf(cmd, sizeof cmd, "outline %s", f);
    ASSERT_INT_EQ(park(dir, cmd, NULL), 0);
    char *out = slurp2(dir, "out");
    ASSERT_STR_EQ(out, "3\t1\t二、\t2\t主要成绩\n4\t2\t（一）\t1\t经济发展\n5\t2\t（三）\t3\t项目建设\n7\t1\t一、\t1\t存在问题\n");
    free(out);
    snprintf(cmd, sizeof cmd, "outline --format json %s", f);
    ASSERT_INT_EQ(park(dir, cmd, NULL), 0);
    out = slurp2(dir, "out");
    size_t n = 0;
    for (char *line = out, *nl; (nl = strchr(line, '\n')); line = nl + 1, n++) {
        json_value *v = NULL;
        perr e = {0};
        ASSERT_INT_EQ(json_parse(line, (size_t)(nl - line), 0, &v, &e), 0);
        static const char *const keys[] = {"line", "col", "level", "depth", "marker", "number", "title", "end_line", "runin"};
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) ASSERT(json_get(v, keys[k]) != NULL);
        if (n == 2) {
            ASSERT_INT_EQ(json_get(v, "line")->num, 5);
            ASSERT_INT_EQ(json_get(v, "level")->num, 2);
            ASSERT_INT_EQ(json_get(v, "depth")->num, 2);
            ASSERT_INT_EQ(json_get(v, "number")->num, 3);
            ASSERT_STR_EQ(json_get(v, "marker")->str, "（三）");
            ASSERT_STR_EQ(json_get(v, "title")->str, "项目建设");
        }
        json_free(v);
    }
    ASSERT_INT_EQ(n, 4);
    free(out);
    /* standard input */
    ASSERT_INT_EQ(park(dir, "outline -", f), 0);
    out = slurp2(dir, "out");
    ASSERT(strncmp(out, "3\t1\t二、\t2\t主要成绩\n", strlen("3\t1\t二、\t2\t主要成绩\n")) == 0);
    free(out);
    tu_rmrf(dir);
}

/* A line "profile<Tab>outline<Tab>what<Tab>MS" in err: its milliseconds, or -1. */
static double profile_ms(const char *err, const char *what)
{
    char key[64];
    snprintf(key, sizeof key, "profile\toutline\t%s\t", what);
    const char *p = strstr(err, key);
    if (!p) return -1;
    char *end;
    double v = strtod(p + strlen(key), &end);
    return *end == '\n' ? v : -1;
}

TEST_IMPL(outlinecli_outline_profile_times_the_rpc_method)
{
    char dir[PATH_MAX], f[PATH_MAX], cmd[PATH_MAX * 2];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(f, dir, "r.txt");
    ASSERT(tu_writes(f, shuffled) == 0);
    snprintf(cmd, sizeof cmd, "outline %s", f);
    ASSERT_INT_EQ(park(dir, cmd, NULL), 0);
    char *plain = slurp2(dir, "out");
    snprintf(cmd, sizeof cmd, "outline --profile %s", f);
    ASSERT_INT_EQ(park(dir, cmd, NULL), 0);
    char *out = slurp2(dir, "out"), *err = slurp2(dir, "err");
    ASSERT_STR_EQ(out, plain); /* the listing is unchanged */
    ASSERT(profile_ms(err, "full") >= 0);
    ASSERT(profile_ms(err, "one-line") >= 0);
    ASSERT(strstr(err, "park: ") == NULL); /* every request succeeded */
    free(plain), free(out), free(err);
    /* an empty file has no line to change */
    tu_join(f, dir, "empty.txt");
    ASSERT(tu_writes(f, "") == 0);
    snprintf(cmd, sizeof cmd, "outline --profile %s", f);
    ASSERT_INT_EQ(park(dir, cmd, NULL), 0);
    err = slurp2(dir, "err");
    ASSERT(profile_ms(err, "full") >= 0);
    ASSERT(profile_ms(err, "one-line") < 0);
    free(err);
    tu_rmrf(dir);
}

TEST_IMPL(outlinecli_renumber_to_stdout_and_in_place)
{
    char dir[PATH_MAX], f[PATH_MAX], cmd[PATH_MAX * 2];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(f, dir, "r.txt");
    ASSERT(tu_writes(f, shuffled) == 0);
    ASSERT(chmod(f, 0640) == 0);
    snprintf(cmd, sizeof cmd, "renumber %s", f);
    ASSERT_INT_EQ(park(dir, cmd, NULL), 0);
    char *out = slurp2(dir, "out"), *orig = tu_slurp(f, NULL);
    ASSERT_STR_EQ(out, renumbered);
    ASSERT_STR_EQ(orig, shuffled);
    free(out), free(orig);
    snprintf(cmd, sizeof cmd, "renumber -i %s", f);
    ASSERT_INT_EQ(park(dir, cmd, NULL), 0);
    char *now = tu_slurp(f, NULL), *err = slurp2(dir, "err");
    ASSERT_STR_EQ(now, renumbered);
    ASSERT(strstr(err, "4 处") != NULL);
    free(now), free(err);
    struct stat st;
    ASSERT(stat(f, &st) == 0);
    ASSERT_INT_EQ(st.st_mode & 07777, 0640);
    ASSERT_INT_EQ(entries(dir), 3); /* r.txt out err */
    /* idempotent: a second run changes nothing */
    ASSERT_INT_EQ(park(dir, cmd, NULL), 0);
    now = tu_slurp(f, NULL);
    ASSERT_STR_EQ(now, renumbered);
    free(now);
    tu_rmrf(dir);
}

TEST_IMPL(outlinecli_renumber_in_place_failure_keeps_the_original)
{
    char dir[PATH_MAX], sub[PATH_MAX], f[PATH_MAX], cmd[PATH_MAX * 3];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(sub, dir, "ro");
    ASSERT(mkdir(sub, 0755) == 0);
    tu_join(f, sub, "r.txt");
    ASSERT(tu_writes(f, shuffled) == 0);
    /* root ignores permissions: make the directory immutable instead */
    int root = geteuid() == 0;
    if (root) {
        snprintf(cmd, sizeof cmd, "chattr +i %s 2>/dev/null", sub);
        if (system(cmd) != 0) {
            printf("  (skipped: running as root and chattr +i is not available)\n");
            tu_rmrf(dir);
            return;
        }
    } else {
        ASSERT(chmod(sub, 0555) == 0);
    }
    snprintf(cmd, sizeof cmd, "renumber -i %s", f);
    int rc = park(dir, cmd, NULL);
    char *now = tu_slurp(f, NULL), *err = slurp2(dir, "err");
    int n = entries(sub);
    snprintf(cmd, sizeof cmd, "chattr -i %s 2>/dev/null", sub);
    if (root) ASSERT(system(cmd) == 0);
    else chmod(sub, 0755);
    ASSERT_INT_EQ(rc, 2);
    ASSERT_STR_EQ(now, shuffled);
    ASSERT(strstr(err, "park: ") != NULL);
    ASSERT_INT_EQ(n, 1); /* no temporary file left */
    free(now), free(err);
    tu_rmrf(dir);
}

TEST_IMPL(outlinecli_usage_errors)
{
    char dir[PATH_MAX], f[PATH_MAX], cmd[PATH_MAX * 2];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(f, dir, "r.txt");
    ASSERT(tu_writes(f, shuffled) == 0);
    static const char *const bad[] = {"outline", "renumber", "outline --format xml %s", "outline --format", "outline -i %s",
                                      "renumber --format json %s", "renumber -i -", "outline %s %s", "renumber --bogus %s",
                                      "outline %s/missing.txt", "renumber --profile %s"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *arg = strstr(bad[i], "missing") ? dir : f;
        snprintf(cmd, sizeof cmd, bad[i], arg, arg);
        int rc = park(dir, cmd, NULL);
        char *err = slurp2(dir, "err"), *out = slurp2(dir, "out");
        if (rc != 2 || !strstr(err, "park: ") || *out) {
            task_fail(__FILE__, __LINE__, "park %s: exit %d, stderr [%s], stdout [%s]", cmd, rc, err, out);
            free(err), free(out);
            return;
        }
        free(err), free(out);
    }
    char *orig = tu_slurp(f, NULL);
    ASSERT_STR_EQ(orig, shuffled);
    free(orig);
    tu_rmrf(dir);
}
