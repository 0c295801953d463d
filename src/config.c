/* config.c -- which rule files apply, and caching their parsed forms.
 *
 * A ruleset is determined by an ordered list of files: the defaults
 * (rules/NAME.rules), the user's ($XDG_CONFIG_HOME/park/NAME.rules), --config files
 * and the project's .parkrc. Every call lists and stats those files again
 * (cheap) so edits take effect on the next check without a restart; a file is
 * parsed again only when its stamp changed, and the ruleset is rebuilt only
 * when the list or a stamp differs from the cached one. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "mem.h"
#include "par.h"
#include "sbuf.h"

typedef struct config_file {
    char *path;
    long long stamp;
    rulefile *rf;
} config_file;

struct config {
    int threads;               /* 1: no second thread for loading */
    char *rules_dir;
    char *user_dir;
    char **extra;
    size_t nextra;
    config_file *cache;        /* every file ever loaded */
    size_t ncache, capcache;
    ruleset *rs;               /* the last ruleset built */
    char **rs_paths;           /* its files, in order */
    long long *rs_stamps;
    size_t rs_n;
};

config *config_new(const char *rules_dir, char *const *extra, size_t nextra)
{
    config *c = xcalloc(1, sizeof *c);
    c->rules_dir = rules_dir ? xstrdup(rules_dir) : fileio_data_dir("PARK_RULES_DIR", "rules");
    c->user_dir = fileio_user_dir();
    c->extra = xcalloc(nextra + 1, sizeof *c->extra);
    for (size_t i = 0; i < nextra; i++) c->extra[i] = xstrdup(extra[i]);
    c->nextra = nextra;
    c->threads = 2;
    return c;
}

void config_set_threads(config *c, int threads)
{
    c->threads = threads;
}

static void config_drop_ruleset(config *c)
{
    ruleset_free(c->rs);
    c->rs = NULL;
    xstrs_free(c->rs_paths, c->rs_n);
    free(c->rs_stamps);
    c->rs_paths = NULL;
    c->rs_stamps = NULL;
    c->rs_n = 0;
}

void config_forget(config *c)
{
    config_drop_ruleset(c);
    for (size_t i = 0; i < c->ncache; i++) c->cache[i].stamp = 0;
}

void config_free(config *c)
{
    if (!c) return;
    config_drop_ruleset(c);
    for (size_t i = 0; i < c->ncache; i++) {
        free(c->cache[i].path);
        rulefile_free(c->cache[i].rf);
    }
    free(c->cache);
    xstrs_free(c->extra, c->nextra);
    free(c->rules_dir);
    free(c->user_dir);
    free(c);
}

const char *config_rules_dir(const config *c)
{
    return c->rules_dir;
}

size_t config_files(const config *c, const char *const **paths)
{
    *paths = (const char *const *)c->rs_paths;
    return c->rs_n;
}

/* The cache entry of path (NULL if none), telling through *fresh whether its
 * parse is still current. */
static config_file *config_cached(config *c, const char *path, long long stamp, int *fresh)
{
    for (size_t i = 0; i < c->ncache; i++) {
        config_file *f = &c->cache[i];
        if (strcmp(f->path, path) != 0) continue;
        *fresh = f->stamp == stamp && stamp;
        return f;
    }
    *fresh = 0;
    return NULL;
}

/* Stores rf, the new parse of path, in the cache. */
static rulefile *config_store(config *c, const char *path, long long stamp, rulefile *rf)
{
    int fresh;
    config_file *f = config_cached(c, path, stamp, &fresh);
    if (f) {
        /* the old rulefile may be in use by c->rs: drop that first */
        config_drop_ruleset(c);
        rulefile_free(f->rf);
    } else {
        xgrow(&c->cache, &c->capcache, c->ncache + 1, sizeof *c->cache);
        f = &c->cache[c->ncache++];
        f->path = xstrdup(path);
    }
    f->stamp = stamp;
    f->rf = rf;
    return rf;
}

/* Parsing the files that are not cached: every other one on a second thread
 * (rule files are independent, and parsing them is a third of start-up). */
typedef struct config_parse {
    char **paths;
    const unsigned char *cached; /* 1: out[i] is set already */
    rulefile **out;
    size_t n;
    size_t which;                /* 0: the first, third … uncached file; 1: the others */
} config_parse;

static void *config_parse_half(void *arg)
{
    const config_parse *p = arg;
    for (size_t i = 0, k = 0; i < p->n; i++)
        if (!p->cached[i] && k++ % 2 == p->which) p->out[i] = rulefile_load(p->paths[i]);
    return NULL;
}

static void config_push(char ***list, size_t *n, size_t *cap, const char *p)
{
    xgrow(list, cap, *n + 1, sizeof **list);
    (*list)[(*n)++] = xstrdup(p);
}

const ruleset *config_ruleset(config *c, const char *path)
{
    char **paths = NULL;
    size_t n = 0, cap = 0, k;
    char **l;
    if (c->rules_dir) {
        l = fileio_list(c->rules_dir, ".rules", &k);
        for (size_t i = 0; i < k; i++) config_push(&paths, &n, &cap, l[i]);
        fileio_free_list(l, k);
    }
    if (c->user_dir) {
        l = fileio_list(c->user_dir, ".rules", &k);
        for (size_t i = 0; i < k; i++) config_push(&paths, &n, &cap, l[i]);
        fileio_free_list(l, k);
    }
    for (size_t i = 0; i < c->nextra; i++) config_push(&paths, &n, &cap, c->extra[i]);
    if (path && *path && strcmp(path, "-") != 0) {
        char *proj = fileio_find_up(path, CONFIG_PROJECT_FILE);
        if (proj) config_push(&paths, &n, &cap, proj);
        free(proj);
    }
    long long *stamps = xcalloc(n + 1, sizeof *stamps);
    for (size_t i = 0; i < n; i++) stamps[i] = fileio_stamp(paths[i]);
    int same = c->rs && c->rs_n == n;
    for (size_t i = 0; same && i < n; i++)
        same = strcmp(c->rs_paths[i], paths[i]) == 0 && c->rs_stamps[i] == stamps[i] && stamps[i];
    if (same) {
        xstrs_free(paths, n);
        free(stamps);
        return c->rs;
    }
    rulefile **files = xcalloc(n + 1, sizeof *files);
    unsigned char *cached = xcalloc(n + 1, 1);
    for (size_t i = 0; i < n; i++) {
        int fresh;
        config_file *f = config_cached(c, paths[i], stamps[i], &fresh);
        if (fresh) files[i] = f->rf, cached[i] = 1;
    }
    config_parse even = {paths, cached, files, n, 0}, odd = {paths, cached, files, n, 1};
    size_t todo = 0;
    for (size_t i = 0; i < n; i++) todo += !cached[i];
    par_both(config_parse_half, &even, config_parse_half, &odd, c->threads > 1 && todo > 1);
    for (size_t i = 0; i < n; i++)
        if (!cached[i]) config_store(c, paths[i], stamps[i], files[i]);
    free(cached);
    config_drop_ruleset(c);
    c->rs = ruleset_build_threads(files, n, c->threads);
    free(files);
    c->rs_paths = paths;
    c->rs_stamps = stamps;
    c->rs_n = n;
    return c->rs;
}
