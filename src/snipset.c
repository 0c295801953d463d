/* snipset.c -- the snippet library: which files, what is in them, who wins.
 *
 * Snippet files are VS Code's format, so writers can bring their own and
 * share ours with other editors. A file is read with json.c (JSONC: VS Code
 * itself writes comments and trailing commas into these files), then every
 * member becomes one entry per prefix. Nothing here is fatal: a broken file
 * or snippet is reported as "file:line:col: message" and left out, and the
 * rest still loads.
 *
 * Overriding is by trigger. A user or project snippet whose prefix equals one
 * of ours replaces ours in place (so listings keep their order); two snippets
 * with the same trigger at the same level are a mistake and reported. Bodies
 * are not parsed here: that happens on expansion (snipset_expand), which
 * puts the file and snippet into any error message. Reading the few files
 * again for every request costs well under a millisecond, so there is no
 * cache to go stale. */

#include "snipset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "json.h"
#include "mem.h"
#include "sbuf.h"

static const char *const snipset_level_names[] = {"默认", "用户", "项目"};

snipset *snipset_new(void)
{
    return xcalloc(1, sizeof(snipset));
}

static void snipset_entry_clear(snipset_entry *en)
{
    free(en->trigger);
    free(en->name);
    free(en->description);
    free(en->body);
    free(en->file);
}

void snipset_free(snipset *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) snipset_entry_clear(&s->e[i]);
    free(s->e);
    xstrs_free(s->files, s->nfiles);
    xstrs_free(s->errors, s->nerrors);
    free(s);
}

/* Adds a problem (printf-style) to the set's list. */
#define snipset_error(s, ...) xstrs_pushf(&(s)->errors, &(s)->nerrors, &(s)->caperrors, __VA_ARGS__)

const snipset_entry *snipset_find(const snipset *s, const char *t, size_t n)
{
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->e[i].trigger) == n && memcmp(s->e[i].trigger, t, n) == 0) return &s->e[i];
    return NULL;
}

/* Adds en (taking its strings), replacing an entry with the same trigger. */
static void snipset_put(snipset *s, snipset_entry *en)
{
    for (size_t i = 0; i < s->n; i++) {
        snipset_entry *old = &s->e[i];
        if (strcmp(old->trigger, en->trigger) != 0) continue;
        if (old->level == en->level)
            snipset_error(s, "%s:%d: 触发词“%s”与 %s:%d 的片段“%s”重复（后者被覆盖）", en->file, en->line, en->trigger,
                          old->file, old->line, old->name);
        snipset_entry_clear(old);
        *old = *en;
        return;
    }
    xgrow(&s->e, &s->cap, s->n + 1, sizeof *s->e);
    s->e[s->n++] = *en;
}

/* A string or an array of strings, joined with sep; NULL when v is neither. */
static char *snipset_join(const json_value *v, const char *sep)
{
    if (v->type == JSON_STRING) return xstrndup(v->str, v->len);
    if (v->type != JSON_ARRAY) return NULL;
    sbuf b = SBUF_INIT;
    for (size_t i = 0; i < v->n; i++) {
        if (v->items[i].type != JSON_STRING) {
            sbuf_free(&b);
            return NULL;
        }
        if (i) sbuf_adds(&b, sep);
        sbuf_add(&b, v->items[i].str, v->items[i].len);
    }
    return b.s ? sbuf_detach(&b) : xstrdup("");
}

static int snipset_valid_trigger(const char *t, size_t n)
{
    if (n == 0 || strlen(t) != n) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)t[i] <= ' ') return 0;
    /* U+3000 IDEOGRAPHIC SPACE */
    return strstr(t, "\xE3\x80\x80") == NULL;
}

static void snipset_add_one(snipset *s, const char *path, const json_member *m, int level)
{
    const json_value *v = &m->value;
    int line = v->line;
    if (v->type != JSON_OBJECT) {
        snipset_error(s, "%s:%d:%d: 片段“%s”应为对象（含 prefix、body、description），而不是%s", path, v->line, v->col,
                      m->key, json_type_name(v->type));
        return;
    }
    const json_value *prefix = json_get(v, "prefix"), *body = json_get(v, "body"), *desc = json_get(v, "description");
    char *b = body ? snipset_join(body, "\n") : NULL;
    if (!b) {
        snipset_error(s, "%s:%d: 片段“%s”缺少 body（字符串或字符串数组）", path, line, m->key);
        return;
    }
    if (desc && desc->type != JSON_STRING) {
        snipset_error(s, "%s:%d:%d: 片段“%s”的 description 应为字符串", path, desc->line, desc->col, m->key);
        free(b);
        return;
    }
    const json_value *prefixes = NULL;
    size_t np = 0;
    if (prefix && prefix->type == JSON_STRING) np = 1;
    else if (prefix && prefix->type == JSON_ARRAY) prefixes = prefix, np = prefix->n;
    for (size_t i = 0; prefixes && i < np; i++)
        if (prefixes->items[i].type != JSON_STRING) np = 0;
    if (!prefix || np == 0) {
        snipset_error(s, "%s:%d: 片段“%s”缺少 prefix（触发词：字符串或字符串数组）", path, line, m->key);
        free(b);
        return;
    }
    for (size_t i = 0; i < np; i++) {
        const json_value *p = prefixes ? &prefixes->items[i] : prefix;
        if (!snipset_valid_trigger(p->str, p->len)) {
            snipset_error(s, "%s:%d:%d: 片段“%s”的触发词“%s”无效（不能为空，不能含空白）", path, p->line, p->col, m->key,
                          p->str);
            continue;
        }
        snipset_entry en = {xstrndup(p->str, p->len), xstrdup(m->key),
                            desc ? xstrndup(desc->str, desc->len) : xstrdup(""), xstrdup(b), xstrdup(path), line, level};
        snipset_put(s, &en);
    }
    free(b);
}

void snipset_add_text(snipset *s, const char *path, const char *text, size_t len, int level)
{
    xgrow(&s->files, &s->capfiles, s->nfiles + 1, sizeof *s->files);
    s->files[s->nfiles++] = xstrdup(path);
    json_value *root = NULL;
    perr e = {0};
    if (json_parse(text, len, JSON_JSONC, &root, &e) != 0) {
        snipset_error(s, "%s:%s", path, e.msg);
        return;
    }
    if (root->type != JSON_OBJECT) {
        snipset_error(s, "%s:%d:%d: 片段文件的顶层应为对象 { \"名称\": { \"prefix\": …, \"body\": … } }", path, root->line,
                      root->col);
    } else {
        for (size_t i = 0; i < root->n; i++) snipset_add_one(s, path, &root->members[i], level);
    }
    json_free(root);
}

/* Reads path and adds its snippets; an unreadable file is an error entry. */
static void snipset_add_file(snipset *s, const char *path, int level)
{
    char *text;
    size_t len;
    perr e = {0};
    if (fileio_read(path, &text, &len, &e) != 0) {
        snipset_error(s, "%s: %s（%s片段）", path, e.msg, snipset_level_names[level]);
        return;
    }
    snipset_add_text(s, path, text, len, level);
    free(text);
}

void snipset_add_dir(snipset *s, const char *dir, int level)
{
    size_t n;
    char **list = fileio_list(dir, ".json", &n);
    for (size_t i = 0; i < n; i++) snipset_add_file(s, list[i], level);
    fileio_free_list(list, n);
}

/* The default snippets directory (caller frees), or NULL if none exists. */
static char *snipset_default_dir(void)
{
    return fileio_data_dir("PARK_SNIPPETS_DIR", "snippets");
}

char *snipset_project_dir(const char *path)
{
    if (!path || !*path || strcmp(path, "-") == 0) return NULL;
    char *dir = fileio_find_up(path, SNIPSET_PROJECT_DIR);
    if (dir && !fileio_is_dir(dir)) {
        free(dir);
        return NULL;
    }
    return dir;
}

snipset *snipset_load(const char *default_dir, const char *path)
{
    snipset *s = snipset_new();
    char *def = default_dir ? xstrdup(default_dir) : snipset_default_dir();
    if (def) snipset_add_dir(s, def, SNIPSET_DEFAULT);
    free(def);
    char *user = fileio_user_dir();
    if (user) {
        sbuf b = SBUF_INIT;
        sbuf_printf(&b, "%s/snippets", user);
        snipset_add_dir(s, b.s, SNIPSET_USER);
        sbuf_free(&b);
        free(user);
    }
    char *proj = snipset_project_dir(path);
    if (proj) snipset_add_dir(s, proj, SNIPSET_PROJECT);
    free(proj);
    return s;
}

int snipset_expand(const snipset_entry *en, const snippet_env *env, snippet_result *out, perr *e)
{
    int rc = snippet_expand(en->body, strlen(en->body), env, out, e);
    if (rc != 0 && e) {
        char msg[sizeof e->msg];
        snprintf(msg, sizeof msg, "%s", e->msg);
        perr_set(e, rc, "%s:%d: 片段“%s”（触发词“%s”）：%s", en->file, en->line, en->name, en->trigger, msg);
    }
    return rc;
}
