/* test-config.c -- loading the rule files of a configuration: files parsed
 * and patterns compiled on two threads give exactly the rules that parsing
 * the files one at a time gives. */

#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "fileio.h"
#include "rulefile.h"
#include "ruleset.h"
#include "task.h"

static int config_same_strs(char *const *a, size_t na, char *const *b, size_t nb)
{
    if (na != nb) return 0;
    for (size_t i = 0; i < na; i++)
        if (strcmp(a[i], b[i]) != 0) return 0;
    return 1;
}

static int config_same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* 1 if x and y hold the same parsed rule. */
static int config_same_rule(const rule *x, const rule *y)
{
    if (!config_same_str(x->id, y->id) || !config_same_str(x->message, y->message) ||
        !config_same_str(x->pattern, y->pattern) || !config_same_str(x->fix, y->fix) ||
        !config_same_str(x->builtin, y->builtin) || x->category != y->category || x->severity != y->severity ||
        !config_same_strs(x->triggers, x->ntriggers, y->triggers, y->ntriggers) ||
        !config_same_strs(x->excepts, x->nexcepts, y->excepts, y->nexcepts) ||
        !config_same_strs(x->supersedes, x->nsupersedes, y->supersedes, y->nsupersedes) || x->nents != y->nents ||
        x->nex != y->nex)
        return 0;
    for (size_t i = 0; i < x->nents; i++)
        if (!config_same_str(x->ents[i].wrong, y->ents[i].wrong) || !config_same_str(x->ents[i].right, y->ents[i].right))
            return 0;
    return 1;
}

TEST_IMPL(config_rules_loaded_on_two_threads_equal_the_files_parsed_one_at_a_time)
{
    /* The race this guards against: strtok's hidden state, shared by two
     * threads parsing `a | b` lists, mixed up triggers and supersedes. */
    char home[] = "/tmp/park-test-config-XXXXXX";
    ASSERT(mkdtemp(home) != NULL);
    setenv("XDG_CONFIG_HOME", home, 1); /* no user rules */
    char root_rules[4096];
    snprintf(root_rules, sizeof root_rules, "%s/rules", task_root());
    size_t n;
    char **paths = fileio_list(root_rules, ".rules", &n);
    ASSERT(n >= 5);
    rulefile **ref = calloc(n, sizeof *ref);
    for (size_t i = 0; i < n; i++) ref[i] = rulefile_load(paths[i]);
    for (int round = 0; round < 20 && !task_failed(); round++) {
        config *c = config_new(root_rules, NULL, 0);
        const ruleset *rs = config_ruleset(c, NULL);
        ASSERT_INT_EQ(rs->nerrors, 0);
        size_t k = 0;
        for (size_t f = 0; f < n; f++)
            for (size_t i = 0; i < ref[f]->nrules; i++, k++) {
                ASSERT(k < rs->nrules);
                if (!config_same_rule(rs->rules[k], ref[f]->rules[i]))
                    task_fail(__FILE__, __LINE__, "round %d: rule %s differs", round, ref[f]->rules[i]->id);
            }
        ASSERT_INT_EQ(k, rs->nrules);
        config_free(c);
    }
    for (size_t i = 0; i < n; i++) rulefile_free(ref[i]);
    free(ref);
    fileio_free_list(paths, n);
    unsetenv("XDG_CONFIG_HOME");
    rmdir(home);
}

/* A file rewritten with the same size and modification time keeps its stamp,
 * so only config_forget (the RPC reload) makes the change seen. */
TEST_IMPL(config_forget_rereads_a_file_whose_stamp_did_not_change)
{
    char home[] = "/tmp/park-test-config-XXXXXX";
    ASSERT(mkdtemp(home) != NULL);
    setenv("XDG_CONFIG_HOME", home, 1);
    char path[4200], empty[4200];
    snprintf(path, sizeof path, "%s/extra.rules", home);
    snprintf(empty, sizeof empty, "%s/no-rules", home);
    ASSERT(mkdir(empty, 0700) == 0);
    static const char before[] = "[x.one]\ncategory = typo\nseverity = warning\nmessage = 甲\nlist:\n错字 -> 正字\n";
    static const char after[] = "[x.one]\ncategory = typo\nseverity = warning\nmessage = 乙\nlist:\n错字 -> 正字\n";
    ASSERT(sizeof before == sizeof after);
    FILE *f = fopen(path, "w");
    ASSERT(f && fwrite(before, 1, sizeof before - 1, f) == sizeof before - 1 && fclose(f) == 0);
    struct stat st;
    ASSERT(stat(path, &st) == 0);
    char *extra[] = {path};
    config *c = config_new(empty, extra, 1);
    const ruleset *rs = config_ruleset(c, NULL);
    int ri = ruleset_find(rs, "x.one");
    ASSERT(ri >= 0);
    ASSERT_STR_EQ(rs->rules[ri]->message, "甲");
    /* the same bytes count, written in place, the old times put back */
    f = fopen(path, "r+");
    ASSERT(f && fwrite(after, 1, sizeof after - 1, f) == sizeof after - 1 && fclose(f) == 0);
    struct timespec times[2] = {st.st_atim, st.st_mtim};
    ASSERT(utimensat(AT_FDCWD, path, times, 0) == 0);
    rs = config_ruleset(c, NULL);
    ASSERT_STR_EQ(rs->rules[ruleset_find(rs, "x.one")]->message, "甲");
    config_forget(c);
    rs = config_ruleset(c, NULL);
    ASSERT_STR_EQ(rs->rules[ruleset_find(rs, "x.one")]->message, "乙");
    config_free(c);
    unlink(path);
    rmdir(empty);
    rmdir(home);
}
