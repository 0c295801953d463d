/* test-snipset.c -- the snippet library: reading VS Code snippet files,
 * overriding by trigger across default/user/project directories, problems
 * reported with file and line. The default library (snippets/) is checked
 * here too: it loads without a problem, has unique triggers, every body
 * expands, every expansion passes the default rules with nothing but
 * placeholders, and every skeleton is numbered 一、 （一） 1. （1） in order.
 * The snippet RPC methods are in test-api_snippet.c, `park snippets` in
 * test-cli.c. */

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "check.h"
#include "config.h"
#include "json.h"
#include "snipset.h"
#include "task.h"
#include "test-util.h"

static const char lib_a[] =
    "// VS Code writes comments and trailing commas into snippet files.\n"
    "{\n"
    "  \"同比增长\": {\"prefix\": [\"tbzz\", \"同比增长\"], \"body\": \"同比增长${1:X}%\", \"description\": \"同比增长X%\"},\n"
    "  \"报告\": {\"prefix\": \"bg\", \"body\": [\"一、${1:XX}\", \"（一）${2:XX}\"],},\n"
    "}\n";

TEST_IMPL(snipset_reads_prefix_arrays_body_arrays_and_jsonc)
{
    snipset *s = snipset_new();
    snipset_add_text(s, "a.json", lib_a, strlen(lib_a), SNIPSET_DEFAULT);
    ASSERT_INT_EQ(s->nerrors, 0);
    ASSERT_INT_EQ(s->n, 3);
    const snipset_entry *en = snipset_find(s, "同比增长", strlen("同比增长"));
    ASSERT(en != NULL);
    ASSERT_STR_EQ(en->name, "同比增长");
    ASSERT_STR_EQ(en->body, "同比增长${1:X}%");
    ASSERT_STR_EQ(en->description, "同比增长X%");
    ASSERT_STR_EQ(en->file, "a.json");
    ASSERT_INT_EQ(en->line, 3);
    en = snipset_find(s, "bg", 2);
    ASSERT(en != NULL);
    ASSERT_STR_EQ(en->body, "一、${1:XX}\n（一）${2:XX}");
    ASSERT_STR_EQ(en->description, "");
    ASSERT(snipset_find(s, "tbz", 3) == NULL);
    snipset_free(s);
}

TEST_IMPL(snipset_same_trigger_overrides_across_levels_and_is_reported_within_one)
{
    snipset *s = snipset_new();
    snipset_add_text(s, "ours.json", lib_a, strlen(lib_a), SNIPSET_DEFAULT);
    const char user[] = "{\"mine\": {\"prefix\": \"tbzz\", \"body\": \"比上年增长${1:X}%\"}}";
    snipset_add_text(s, "user.json", user, strlen(user), SNIPSET_USER);
    ASSERT_INT_EQ(s->nerrors, 0);
    ASSERT_INT_EQ(s->n, 3);
    ASSERT_STR_EQ(s->e[0].trigger, "tbzz");     /* in place */
    ASSERT_STR_EQ(s->e[0].body, "比上年增长${1:X}%");
    ASSERT_STR_EQ(s->e[0].file, "user.json");
    /* The snippet's other trigger still gives ours. */
    ASSERT_STR_EQ(snipset_find(s, "同比增长", strlen("同比增长"))->file, "ours.json");
    const char proj[] = "{\"p\": {\"prefix\": \"tbzz\", \"body\": \"p\"}, \"q\": {\"prefix\": \"tbzz\", \"body\": \"q\"}}";
    snipset_add_text(s, "proj.json", proj, strlen(proj), SNIPSET_PROJECT);
    ASSERT_STR_EQ(snipset_find(s, "tbzz", 4)->body, "q");
    ASSERT_INT_EQ(s->nerrors, 1);
    ASSERT(strstr(s->errors[0], "proj.json:1: 触发词“tbzz”与 proj.json:1 的片段“p”重复"));
    snipset_free(s);
}

TEST_IMPL(snipset_reports_bad_files_and_snippets_and_keeps_the_rest)
{
    snipset *s = snipset_new();
    const char broken[] = "{\n  \"a\": {\"prefix\": \"a\", \"body\": \"x\"\n  \"b\": 1\n}";
    snipset_add_text(s, "broken.json", broken, strlen(broken), SNIPSET_USER);
    ASSERT_INT_EQ(s->n, 0);
    ASSERT_INT_EQ(s->nerrors, 1);
    ASSERT(strstr(s->errors[0], "broken.json:3:3: 对象中应为“,”或“}”") == s->errors[0]);
    const char bad[] =
        "{\n"
        "  \"not an object\": \"x\",\n"
        "  \"no prefix\": {\"body\": \"x\"},\n"
        "  \"no body\": {\"prefix\": \"nb\"},\n"
        "  \"bad body\": {\"prefix\": \"bb\", \"body\": [\"a\", 1]},\n"
        "  \"bad prefix\": {\"prefix\": [\"ok1\", \"has space\", 3], \"body\": \"x\"},\n"
        "  \"empty prefix\": {\"prefix\": \"\", \"body\": \"x\"},\n"
        "  \"bad description\": {\"prefix\": \"bd\", \"body\": \"x\", \"description\": 5},\n"
        "  \"good\": {\"prefix\": \"good\", \"body\": \"fine\"}\n"
        "}\n";
    snipset_add_text(s, "bad.json", bad, strlen(bad), SNIPSET_USER);
    ASSERT(snipset_find(s, "good", 4) != NULL);
    ASSERT_INT_EQ(s->n, 1);
    ASSERT(tu_any_contains(s->errors, s->nerrors, "bad.json:2:20: 片段“not an object”应为对象"));
    ASSERT(tu_any_contains(s->errors, s->nerrors, "bad.json:3: 片段“no prefix”缺少 prefix"));
    ASSERT(tu_any_contains(s->errors, s->nerrors, "bad.json:4: 片段“no body”缺少 body"));
    ASSERT(tu_any_contains(s->errors, s->nerrors, "bad.json:5: 片段“bad body”缺少 body"));
    ASSERT(tu_any_contains(s->errors, s->nerrors, "bad.json:6: 片段“bad prefix”缺少 prefix"));
    ASSERT(tu_any_contains(s->errors, s->nerrors, "bad.json:7:30: 片段“empty prefix”的触发词“”无效"));
    ASSERT(tu_any_contains(s->errors, s->nerrors, "bad.json:8:67: 片段“bad description”的 description 应为字符串"));
    const char arr[] = "[1]";
    snipset_add_text(s, "arr.json", arr, 3, SNIPSET_USER);
    ASSERT(tu_any_contains(s->errors, s->nerrors, "arr.json:1:1: 片段文件的顶层应为对象"));
    snipset_free(s);
}

TEST_IMPL(snipset_expand_errors_name_the_file_line_and_snippet)
{
    snipset *s = snipset_new();
    const char text[] = "{\n\n  \"坏片段\": {\"prefix\": \"hp\", \"body\": [\"第一行\", \"同比增长${1:X\"]}\n}";
    snipset_add_text(s, "/u/s.json", text, strlen(text), SNIPSET_USER);
    ASSERT_INT_EQ(s->nerrors, 0);
    snippet_result r = {0};
    perr e = {0};
    ASSERT_INT_EQ(snipset_expand(snipset_find(s, "hp", 2), NULL, &r, &e), PARK_ESYNTAX);
    ASSERT_STR_EQ(e.msg, "/u/s.json:3: 片段“坏片段”（触发词“hp”）：正文第2行第5列：占位符“${…”没有对应的“}”");
    snippet_result_free(&r);
    snipset_free(s);
}

TEST_IMPL(snipset_load_reads_default_user_and_nearest_project_directories)
{
    char tmp[PATH_MAX], p[PATH_MAX], q[PATH_MAX];
    ASSERT(tu_tmpdir(tmp) == 0);
    tu_put(tu_join(p, tmp, "default"), "a.json", "{\"a\": {\"prefix\": [\"x\", \"y\", \"z\"], \"body\": \"default\"}}");
    mkdir(tu_join(p, tmp, "xdg"), 0755);
    mkdir(tu_join(p, tmp, "xdg/park"), 0755);
    tu_put(tu_join(p, tmp, "xdg/park/snippets"), "u.json", "{\"u\": {\"prefix\": \"y\", \"body\": \"user\"}}");
    mkdir(tu_join(p, tmp, "proj"), 0755);
    mkdir(tu_join(p, tmp, "proj/.park"), 0755);
    tu_put(tu_join(p, tmp, "proj/.park/snippets"), "p.json", "{\"p\": {\"prefix\": \"z\", \"body\": \"project\"}}");
    mkdir(tu_join(p, tmp, "proj/sub"), 0755);
    mkdir(tu_join(p, tmp, "proj/sub/deeper"), 0755);
    setenv("XDG_CONFIG_HOME", tu_join(p, tmp, "xdg"), 1);
    snipset *s = snipset_load(tu_join(q, tmp, "default"), tu_join(p, tmp, "proj/sub/deeper/report.park"));
    ASSERT_INT_EQ(s->nerrors, 0);
    ASSERT_INT_EQ(s->nfiles, 3);
    ASSERT_STR_EQ(snipset_find(s, "x", 1)->body, "default");
    ASSERT_STR_EQ(snipset_find(s, "y", 1)->body, "user");
    ASSERT_STR_EQ(snipset_find(s, "z", 1)->body, "project");
    snipset_free(s);
    /* Outside the project: no project snippets. */
    s = snipset_load(tu_join(q, tmp, "default"), tu_join(p, tmp, "elsewhere.park"));
    ASSERT_STR_EQ(snipset_find(s, "z", 1)->body, "default");
    snipset_free(s);
    char *dir = snipset_project_dir(tu_join(p, tmp, "proj/sub/x.park"));
    ASSERT(dir && strstr(dir, "/proj/.park/snippets"));
    free(dir);
    ASSERT(snipset_project_dir(NULL) == NULL);
    ASSERT(snipset_project_dir("-") == NULL);
    tu_rmrf(tmp);
}

/* ---- the default library ---------------------------------------------- */

static snipset *default_library(void)
{
    char dir[PATH_MAX];
    snipset *s = snipset_new();
    snipset_add_dir(s, tu_join(dir, task_root(), "snippets"), SNIPSET_DEFAULT);
    return s;
}

TEST_IMPL(snippets_default_library_loads_with_unique_triggers_and_150_snippets)
{
    snipset *s = default_library();
    for (size_t i = 0; i < s->nerrors; i++) fprintf(stderr, "  %s\n", s->errors[i]);
    ASSERT_INT_EQ(s->nerrors, 0);
    ASSERT(s->nfiles >= 8);
    /* Count snippets and triggers straight from the JSON: every trigger of
     * every snippet must have survived as its own entry. */
    size_t snippets = 0, triggers = 0;
    for (size_t f = 0; f < s->nfiles; f++) {
        char *text = tu_slurp(s->files[f], NULL);
        json_value *v = NULL;
        perr e = {0};
        ASSERT(text && json_parse(text, strlen(text), JSON_JSONC, &v, &e) == 0);
        for (size_t i = 0; i < v->n; i++) {
            const json_value *pf = json_get(&v->members[i].value, "prefix");
            snippets++;
            triggers += pf->type == JSON_ARRAY ? pf->n : 1;
        }
        json_free(v);
        free(text);
    }
    ASSERT(snippets >= 150);
    ASSERT_INT_EQ(s->n, triggers);
    for (size_t i = 0; i < s->n; i++)
        for (size_t k = i + 1; k < s->n; k++)
            if (strcmp(s->e[i].trigger, s->e[k].trigger) == 0) {
                task_fail(__FILE__, __LINE__, "trigger %s twice", s->e[i].trigger);
                return;
            }
    snipset_free(s);
}

/* The digit 一…九 at s (1-9), or 0. */
static int cn_digit(const char *s)
{
    static const char *const d[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    for (int j = 0; j < 9; j++)
        if (strncmp(s, d[j], 3) == 0) return j + 1;
    return 0;
}

/* Value of a Chinese numeral 一 … 九十九 at s, or 0; *len gets its bytes. */
static int cn_value(const char *s, size_t *len)
{
    int v = 0, d = cn_digit(s);
    size_t off = d ? 3 : 0;
    if (strncmp(s + off, "十", 3) == 0) {
        v = (d ? d : 1) * 10, off += 3;
        if ((d = cn_digit(s + off))) v += d, off += 3;
    } else {
        v = d;
    }
    *len = off;
    return v;
}

/* The heading level (1-4) of a line and its number, or 0. */
static int heading(const char *line, int *num)
{
    size_t n;
    if ((*num = cn_value(line, &n)) && strncmp(line + n, "、", 3) == 0) return 1;
    if (strncmp(line, "（", 3) == 0) {
        if ((*num = cn_value(line + 3, &n)) && strncmp(line + 3 + n, "）", 3) == 0) return 2;
        char *end;
        long v = strtol(line + 3, &end, 10);
        if (end > line + 3 && strncmp(end, "）", 3) == 0) return *num = (int)v, 4;
    }
    char *end;
    long v = strtol(line, &end, 10);
    if (end > line && *end == '.' && line[0] != '0') return *num = (int)v, 3;
    return 0;
}

/* Checks the numbering of text's headings; returns the count of level-1
 * headings and level-2 headings in *l2, or -1 (with a message) on a break. */
static int numbering(const char *trigger, const char *text, int *l2, int quiet)
{
    int count[5] = {0}, seen[5] = {0};
    const char *line = text;
    for (int no = 1; line; no++) {
        int num, lv = heading(line, &num);
        if (lv) {
            if (num != count[lv] + 1) {
                if (!quiet) fprintf(stderr, "  %s line %d: level %d heading numbered %d after %d\n", trigger, no, lv, num, count[lv]);
                return -1;
            }
            count[lv] = num, seen[lv]++;
            for (int k = lv + 1; k <= 4; k++) count[k] = 0;
        }
        line = strchr(line, '\n');
        if (line) line++;
    }
    *l2 = seen[2];
    return seen[1];
}

TEST_IMPL(snippets_default_skeletons_number_their_headings_in_order)
{
    snipset *s = default_library();
    snippet_env env = {20251220, NULL, NULL, NULL, NULL};
    int skeletons = 0;
    for (size_t i = 0; i < s->n; i++) {
        snippet_result r = {0};
        perr e = {0};
        ASSERT_INT_EQ(snipset_expand(&s->e[i], &env, &r, &e), 0);
        int l2 = 0, l1 = numbering(s->e[i].trigger, r.text, &l2, 0);
        ASSERT(l1 >= 0);
        if (strstr(s->e[i].file, "skeleton.json")) {
            ASSERT(l1 >= 3);
            ASSERT(l2 >= 2 || strstr(r.text, "一是")); /* or 一是/二是 items under 一、 */
            skeletons++;
        }
        snippet_result_free(&r);
    }
    ASSERT(skeletons >= 2 * 6); /* six kinds at least, two triggers each */
    snipset_free(s);
    /* The checker can fail. */
    int l2;
    ASSERT_INT_EQ(numbering("t", "一、a\n（一）b\n（三）c", &l2, 1), -1);
    ASSERT_INT_EQ(numbering("t", "一、a\n三、c", &l2, 1), -1);
    ASSERT_INT_EQ(numbering("t", "一、a\n（一）b\n1.x\n2.y\n（1）z\n二、c\n（一）d\n十、", &l2, 1), -1);
    ASSERT_INT_EQ(numbering("t", "一、a\n（一）b\n1.x\n2.y\n（1）z\n二、c\n（一）d\n1.e", &l2, 1), 2);
    ASSERT_INT_EQ(l2, 2);
    ASSERT_INT_EQ(numbering("t", "九、a\n十、b\n十一、c\n（十一）d", &l2, 1), -1);
}

/* Expands every default snippet and checks it with the default rules:
 * nothing but placeholders may be found, with the date forced and with the
 * date inferred from the text. */
TEST_IMPL(snippets_default_expansions_pass_the_default_rules_but_for_placeholders)
{
    char rules[PATH_MAX];
    config *cfg = config_new(tu_join(rules, task_root(), "rules"), NULL, 0);
    const ruleset *rs = config_ruleset(cfg, NULL);
    ASSERT(rs->nrules > 50);
    snipset *s = default_library();
    snippet_env env = {20251220, NULL, NULL, NULL, NULL};
    int bad = 0, placeholders = 0;
    for (size_t i = 0; i < s->n; i++) {
        snippet_result r = {0};
        perr e = {0};
        ASSERT_INT_EQ(snipset_expand(&s->e[i], &env, &r, &e), 0);
        for (int pass = 0; pass < 2; pass++) {
            doc_text doc;
            doc_init(&doc, r.text, r.len);
            check_opts o = {.date = pass ? 0 : 20251220};
            check_result res = {0};
            check_run(rs, &doc, &o, &res);
            for (size_t k = 0; k < res.n; k++) {
                const check_finding *f = &res.f[k];
                const rule *ru = rs->rules[f->rule];
                if (ru->category == RULEFILE_CAT_PLACEHOLDER) {
                    placeholders++;
                    continue;
                }
                fprintf(stderr, "  %s: %s at line %zu: \"%.*s\"\n", s->e[i].trigger, ru->id, (size_t)f->line + 1,
                        (int)(f->end - f->col), doc.lines[f->line].s + f->col);
                bad++;
            }
            check_result_free(&res);
            doc_free(&doc);
        }
        snippet_result_free(&r);
    }
    ASSERT_INT_EQ(bad, 0);
    ASSERT(placeholders > 100); /* the placeholders are there and are seen */
    snipset_free(s);
    config_free(cfg);
}
