/* snippet.c -- expanding one snippet body: the LSP snippet grammar.
 *
 * The grammar (LSP 3.17, without transformations):
 *
 *   any         = tabstop | placeholder | choice | variable | text
 *   tabstop     = '$' int | '${' int '}'
 *   placeholder = '${' int ':' any* '}'
 *   choice      = '${' int '|' text (',' text)* '|}'
 *   variable    = '$' name | '${' name '}' | '${' name ':' any* '}'
 *   name        = [_a-zA-Z] [_a-zA-Z0-9]*
 *
 * In text, \$ \} and \\ stand for the character itself (in choices also \,
 * and \|); any other backslash is literal, a '$' that starts no construct is
 * literal (as VS Code reads it), and '}' is literal outside a placeholder. A
 * "${" that does not parse is an error: it is always a typo.
 *
 * Expansion happens in two steps. Parsing builds a small tree. Rendering then
 * walks it, writing the text and recording where each tabstop lands: the
 * first occurrence of a number that carries a placeholder or choices defines
 * the text, every other occurrence mirrors it (also when it comes first). A
 * mirror copies text only; tabstops inside the copy are not tabstops again.
 * A placeholder that contains a mirror of itself would never end and is an
 * error, and so is an expansion beyond SNIPPET_MAX_TEXT (mirrors of mirrors
 * grow geometrically). Offsets are turned into line/column pairs at the end,
 * after the base indentation has been inserted after each line break. */

#include "snippet.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mem.h"
#include "utf8.h"

enum { SN_TEXT, SN_TABSTOP, SN_VAR };

typedef struct sn_node sn_node;
struct sn_node {
    int kind;
    char *text;          /* SN_TEXT: the literal bytes; SN_VAR: the name */
    size_t len;
    int index;           /* SN_TABSTOP */
    int has_body;        /* ${1:…} or ${NAME:…} */
    sn_node *kids;       /* the body */
    size_t nkids, capkids;
    char **choices;      /* ${1|…|} */
    size_t nchoices;
    int unknown_index;   /* SN_VAR of an unknown name: its tabstop number */
};

typedef struct sn_parser {
    const char *s;
    size_t n, i;
    perr *e;
} sn_parser;

/* ---- errors ------------------------------------------------------------ */

static int sn_fail(sn_parser *p, size_t at, int code, const char *msg)
{
    int line = 1;
    size_t ls = 0;
    for (size_t k = 0; k < at && k < p->n; k++)
        if (p->s[k] == '\n') line++, ls = k + 1;
    size_t col = utf8_count(p->s + ls, at - ls) + 1;
    return perr_set(p->e, code, "正文第%d行第%zu列：%s", line, col, msg);
}

/* ---- the tree ---------------------------------------------------------- */

static sn_node *sn_push(sn_node **kids, size_t *n, size_t *cap, int kind)
{
    xgrow(kids, cap, *n + 1, sizeof **kids);
    sn_node *k = &(*kids)[(*n)++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    return k;
}

static void sn_node_clear(sn_node *x)
{
    free(x->text);
    for (size_t i = 0; i < x->nkids; i++) sn_node_clear(&x->kids[i]);
    free(x->kids);
    xstrs_free(x->choices, x->nchoices);
}

/* ---- parsing ----------------------------------------------------------- */

static int sn_is_name_start(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int sn_is_name(char c)
{
    return sn_is_name_start(c) || (c >= '0' && c <= '9');
}

static int sn_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads digits at p->i into *index. */
static int sn_int(sn_parser *p, int *index)
{
    size_t start = p->i;
    long v = 0;
    while (p->i < p->n && sn_is_digit(p->s[p->i])) {
        v = v * 10 + (p->s[p->i] - '0');
        if (v > SNIPPET_MAX_INDEX) return sn_fail(p, start, PARK_ELIMIT, "制表位编号过大（最大 999）");
        p->i++;
    }
    *index = (int)v;
    return 0;
}

static void sn_name(sn_parser *p, sn_node *x)
{
    size_t start = p->i;
    while (p->i < p->n && sn_is_name(p->s[p->i])) p->i++;
    x->text = xstrndup(p->s + start, p->i - start);
    x->len = p->i - start;
}

static int sn_choice(sn_parser *p, sn_node *x, size_t open)
{
    size_t cap = 0;
    sbuf item = SBUF_INIT;
    for (;;) {
        if (p->i >= p->n) {
            sbuf_free(&item);
            return sn_fail(p, open, PARK_ESYNTAX, "选项“${N|…|}”没有结束（缺少“|}”）");
        }
        char c = p->s[p->i];
        if (c == '\\' && p->i + 1 < p->n && strchr("$}\\,|", p->s[p->i + 1])) {
            sbuf_addc(&item, p->s[p->i + 1]);
            p->i += 2;
            continue;
        }
        if (c == ',' || c == '|') {
            if (c == '|' && (p->i + 1 >= p->n || p->s[p->i + 1] != '}')) {
                sbuf_free(&item);
                return sn_fail(p, p->i, PARK_ESYNTAX, "选项中的“|”应写作“\\|”；选项列表以“|}”结束");
            }
            xgrow(&x->choices, &cap, x->nchoices + 1, sizeof *x->choices);
            x->choices[x->nchoices++] = item.s ? sbuf_detach(&item) : xstrdup("");
            p->i += c == '|' ? 2 : 1;
            if (c == '|') break;
            continue;
        }
        sbuf_addc(&item, c);
        p->i++;
    }
    if (x->nchoices == 1 && x->choices[0][0] == '\0')
        return sn_fail(p, open, PARK_ESYNTAX, "选项列表为空");
    return 0;
}

static int sn_seq(sn_parser *p, sn_node **kids, size_t *n, size_t *cap, int depth, size_t open);

/* After "${N" or "${name" of x (opened at offset open): the end of the
 * text, "}" or ":" and the body decide, and 1 is returned with the result in
 * *rc; at any other character 0 is returned for the caller to read it. */
static int sn_end_or_body(sn_parser *p, sn_node *x, int depth, size_t open, int *rc)
{
    if (p->i >= p->n) return *rc = sn_fail(p, open, PARK_ESYNTAX, "“${”没有结束"), 1;
    char c = p->s[p->i];
    if (c == '}') {
        p->i++;
        return *rc = 0, 1;
    }
    if (c != ':') return 0;
    if (depth >= SNIPPET_MAX_DEPTH) return *rc = sn_fail(p, open, PARK_ELIMIT, "占位符嵌套层数过多（最多 32 层）"), 1;
    p->i++;
    x->has_body = 1;
    *rc = sn_seq(p, &x->kids, &x->nkids, &x->capkids, depth + 1, open);
    return 1;
}

/* Parses "${" at p->i. */
static int sn_braced(sn_parser *p, sn_node **kids, size_t *n, size_t *cap, int depth)
{
    size_t open = p->i;
    p->i += 2;
    if (p->i < p->n && sn_is_digit(p->s[p->i])) {
        sn_node *x = sn_push(kids, n, cap, SN_TABSTOP);
        int rc = sn_int(p, &x->index);
        if (rc != 0) return rc;
        if (sn_end_or_body(p, x, depth, open, &rc)) return rc;
        if (p->s[p->i] == '|') {
            p->i++;
            return sn_choice(p, x, open); /* consumes the closing "|}" */
        }
        return sn_fail(p, p->i, PARK_ESYNTAX, "制表位编号后应为“}”、“:”或“|”");
    }
    if (p->i < p->n && sn_is_name_start(p->s[p->i])) {
        sn_node *x = sn_push(kids, n, cap, SN_VAR);
        sn_name(p, x);
        int rc;
        if (sn_end_or_body(p, x, depth, open, &rc)) return rc;
        if (p->s[p->i] == '/') return sn_fail(p, p->i, PARK_ESYNTAX, "不支持变量变换（${变量/正则/格式/}）");
        return sn_fail(p, p->i, PARK_ESYNTAX, "变量名后应为“}”或“:”");
    }
    if (p->i >= p->n) return sn_fail(p, open, PARK_ESYNTAX, "“${”没有结束");
    return sn_fail(p, open, PARK_ESYNTAX, "“${”后应为制表位编号或变量名（字面的 $ 写作 \\$）");
}

/* Parses a sequence up to the end (open == (size_t)-1) or up to the '}'
 * closing the construct that started at offset open. */
static int sn_seq(sn_parser *p, sn_node **kids, size_t *n, size_t *cap, int depth, size_t open)
{
    int inside = open != (size_t)-1;
    sbuf text = SBUF_INIT;
    int rc = 0;
    for (;;) {
        if (p->i >= p->n) {
            if (inside) rc = sn_fail(p, open, PARK_ESYNTAX, "占位符“${…”没有对应的“}”");
            break;
        }
        char c = p->s[p->i];
        int construct = c == '$' && p->i + 1 < p->n &&
                        (p->s[p->i + 1] == '{' || sn_is_digit(p->s[p->i + 1]) || sn_is_name_start(p->s[p->i + 1]));
        if (construct || (inside && c == '}')) {
            if (text.len) {
                sn_node *t = sn_push(kids, n, cap, SN_TEXT);
                t->len = text.len;
                t->text = sbuf_detach(&text);
            }
            if (c == '}') {
                p->i++;
                break;
            }
            if (p->s[p->i + 1] == '{') {
                rc = sn_braced(p, kids, n, cap, depth);
            } else if (sn_is_digit(p->s[p->i + 1])) {
                p->i++;
                sn_node *x = sn_push(kids, n, cap, SN_TABSTOP);
                rc = sn_int(p, &x->index);
            } else {
                p->i++;
                sn_name(p, sn_push(kids, n, cap, SN_VAR));
            }
            if (rc != 0) break;
            continue;
        }
        if (c == '\\' && p->i + 1 < p->n && strchr("$}\\", p->s[p->i + 1])) {
            sbuf_addc(&text, p->s[p->i + 1]);
            p->i += 2;
            continue;
        }
        sbuf_addc(&text, c);
        p->i++;
    }
    if (rc == 0 && text.len) {
        sn_node *t = sn_push(kids, n, cap, SN_TEXT);
        t->len = text.len;
        t->text = sbuf_detach(&text);
    }
    sbuf_free(&text);
    return rc;
}

/* ---- variables --------------------------------------------------------- */

static int sn_weekday(int y, int m, int d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3) y -= 1;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7; /* 0 = Sunday */
}

/* Appends the value of variable name under env to out and returns 1, or
 * returns 0 (appending nothing) for an unknown variable. A known variable
 * may have an empty value ($TM_SELECTED_TEXT, $TM_FILENAME without a path). */
static int snippet_variable(const char *name, const snippet_env *env, sbuf *out)
{
    int date = env ? env->date : 0;
    if (!date) {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        date = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    }
    int y = date / 10000, m = date / 100 % 100, d = date % 100;
    static const char *const months[] = {"一月", "二月", "三月", "四月", "五月", "六月",
                                         "七月", "八月", "九月", "十月", "十一月", "十二月"};
    static const char *const days[] = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
    if (strcmp(name, "CURRENT_YEAR") == 0) sbuf_printf(out, "%04d", y);
    else if (strcmp(name, "CURRENT_YEAR_SHORT") == 0) sbuf_printf(out, "%02d", y % 100);
    else if (strcmp(name, "CURRENT_MONTH") == 0) sbuf_printf(out, "%d", m);
    else if (strcmp(name, "CURRENT_MONTH_NAME") == 0 || strcmp(name, "CURRENT_MONTH_NAME_SHORT") == 0)
        sbuf_adds(out, months[(m + 11) % 12]);
    else if (strcmp(name, "CURRENT_DATE") == 0) sbuf_printf(out, "%d", d);
    else if (strcmp(name, "CURRENT_DAY_NAME") == 0 || strcmp(name, "CURRENT_DAY_NAME_SHORT") == 0)
        sbuf_adds(out, days[sn_weekday(y, m, d)]);
    else if (strncmp(name, "TM_", 3) == 0) {
        const char *path = env && env->path ? env->path : "";
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        if (strcmp(name, "TM_FILEPATH") == 0) sbuf_adds(out, path);
        else if (strcmp(name, "TM_FILENAME") == 0) sbuf_adds(out, base);
        else if (strcmp(name, "TM_FILENAME_BASE") == 0) {
            const char *dot = strchr(base, '.');
            sbuf_add(out, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
        } else if (strcmp(name, "TM_DIRECTORY") == 0) {
            if (slash) sbuf_add(out, path, slash == path ? 1 : (size_t)(slash - path));
        } else if (strcmp(name, "TM_SELECTED_TEXT") == 0) {
            if (env && env->selected) sbuf_adds(out, env->selected);
        } else if (strcmp(name, "TM_CURRENT_LINE") != 0 &&
                   strcmp(name, "TM_CURRENT_WORD") != 0) {
            return 0;
        }
    } else {
        return 0;
    }
    return 1;
}

/* ---- rendering --------------------------------------------------------- */

typedef struct sn_mark {
    int index;
    size_t start, end;   /* byte offsets into the output */
    int primary;         /* this occurrence holds the placeholder */
    const sn_node *def;  /* the defining node (choices), or NULL */
} sn_mark;

typedef struct sn_render {
    const snippet_env *env;
    sbuf out;
    sn_mark *marks;
    size_t nmarks, capmarks;
    const sn_node *def[SNIPPET_MAX_INDEX + 1];  /* defining occurrence per number */
    unsigned char active[SNIPPET_MAX_INDEX + 1];
    int next_unknown;    /* the number the next unknown variable gets */
    int has_final;
    size_t final_start, final_end;
    sn_parser *p;        /* for error messages */
} sn_render;

static void sn_find_defs(sn_render *r, const sn_node *kids, size_t n, int *max)
{
    for (size_t i = 0; i < n; i++) {
        const sn_node *x = &kids[i];
        if (x->kind == SN_TABSTOP) {
            if (x->index > *max) *max = x->index;
            if (!r->def[x->index] && (x->has_body || x->nchoices)) r->def[x->index] = x;
        }
        sn_find_defs(r, x->kids, x->nkids, max);
    }
}

static int sn_emit(sn_render *r, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            sbuf_addc(&r->out, '\n');
            if (r->env && r->env->indent) sbuf_adds(&r->out, r->env->indent);
        } else if (s[i] == '\t' && r->env && r->env->tab) {
            sbuf_adds(&r->out, r->env->tab);
        } else {
            sbuf_addc(&r->out, s[i]);
        }
    }
    if (r->out.len > SNIPPET_MAX_TEXT) return perr_set(r->p->e, PARK_ELIMIT, "展开后的文字过长（超过 1 MB，镜像是否互相嵌套？）");
    return 0;
}

static void sn_mark_add(sn_render *r, int index, size_t start, int primary, const sn_node *def)
{
    xgrow(&r->marks, &r->capmarks, r->nmarks + 1, sizeof *r->marks);
    r->marks[r->nmarks++] = (sn_mark){index, start, r->out.len, primary, def};
}

static int sn_render_seq(sn_render *r, sn_node *kids, size_t n, int mirror);

static int sn_render_tabstop(sn_render *r, sn_node *x, int mirror)
{
    size_t start = r->out.len;
    int i = x->index, rc = 0;
    const sn_node *def = r->def[i];
    if (i == 0 && r->has_final) return 0; /* a second $0 is ignored */
    if (def) {
        if (r->active[i]) return perr_set(r->p->e, PARK_ESYNTAX, "占位符 $%d 的内容中又用到了 $%d（自我嵌套）", i, i);
        r->active[i] = 1;
        if (def->nchoices) rc = sn_emit(r, def->choices[0], strlen(def->choices[0]));
        else rc = sn_render_seq(r, def->kids, def->nkids, mirror || def != x);
        r->active[i] = 0;
        if (rc != 0) return rc;
    }
    if (mirror) return 0;
    if (i == 0) {
        r->has_final = 1;
        r->final_start = start, r->final_end = r->out.len;
    } else {
        sn_mark_add(r, i, start, def == x || !def, def);
    }
    return 0;
}

static int sn_render_var(sn_render *r, sn_node *x, int mirror)
{
    size_t start = r->out.len;
    sbuf val = SBUF_INIT;
    int known = snippet_variable(x->text, r->env, &val);
    int rc = 0;
    if (known && val.len) rc = sn_emit(r, val.s, val.len);
    else if (x->has_body) rc = sn_render_seq(r, x->kids, x->nkids, mirror);
    else if (!known) {
        rc = sn_emit(r, x->text, x->len);
        if (rc == 0 && !mirror) {
            if (!x->unknown_index) x->unknown_index = r->next_unknown++;
            sn_mark_add(r, x->unknown_index, start, 1, NULL);
        }
    }
    sbuf_free(&val);
    return rc;
}

static int sn_render_seq(sn_render *r, sn_node *kids, size_t n, int mirror)
{
    for (size_t k = 0; k < n; k++) {
        sn_node *x = &kids[k];
        int rc = 0;
        if (x->kind == SN_TEXT) rc = sn_emit(r, x->text, x->len);
        else if (x->kind == SN_TABSTOP) rc = sn_render_tabstop(r, x, mirror);
        else rc = sn_render_var(r, x, mirror);
        if (rc != 0) return rc;
    }
    return 0;
}

/* ---- positions --------------------------------------------------------- */

static void sn_locate(const char *s, size_t off, size_t *line, size_t *col)
{
    size_t l = 0, ls = 0;
    for (size_t k = 0; k < off; k++)
        if (s[k] == '\n') l++, ls = k + 1;
    *line = l;
    *col = off - ls;
}

static snippet_range sn_range(const char *s, size_t start, size_t end)
{
    snippet_range g;
    sn_locate(s, start, &g.line, &g.col);
    sn_locate(s, end, &g.end_line, &g.end_col);
    return g;
}

static int sn_mark_cmp(const void *a, const void *b)
{
    const sn_mark *x = a, *y = b;
    if (x->index != y->index) return x->index < y->index ? -1 : 1;
    if (x->primary != y->primary) return x->primary ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static void sn_collect(sn_render *r, snippet_result *out)
{
    const char *s = out->text;
    if (r->nmarks) qsort(r->marks, r->nmarks, sizeof *r->marks, sn_mark_cmp); /* marks is NULL when empty */
    for (size_t k = 0; k < r->nmarks;) {
        size_t j = k;
        while (j < r->nmarks && r->marks[j].index == r->marks[k].index) j++;
        out->tabstops = xrealloc(out->tabstops, (out->ntabstops + 1) * sizeof *out->tabstops);
        snippet_tabstop *t = &out->tabstops[out->ntabstops++];
        memset(t, 0, sizeof *t);
        t->index = r->marks[k].index;
        t->nranges = j - k;
        t->ranges = xcalloc(t->nranges, sizeof *t->ranges);
        for (size_t m = k; m < j; m++) t->ranges[m - k] = sn_range(s, r->marks[m].start, r->marks[m].end);
        const sn_node *def = r->marks[k].def;
        if (def && def->nchoices) {
            t->nchoices = def->nchoices;
            t->choices = xcalloc(def->nchoices, sizeof *t->choices);
            for (size_t c = 0; c < def->nchoices; c++) t->choices[c] = xstrdup(def->choices[c]);
        }
        k = j;
    }
    if (r->has_final) out->final = sn_range(s, r->final_start, r->final_end);
    else out->final = sn_range(s, out->len, out->len);
}

int snippet_expand(const char *body, size_t len, const snippet_env *env, snippet_result *out, perr *e)
{
    sn_parser p = {body, len, 0, e};
    sn_node root = {0};
    int rc = sn_seq(&p, &root.kids, &root.nkids, &root.capkids, 0, (size_t)-1);
    sn_render *r = NULL;
    if (rc == 0) {
        r = xcalloc(1, sizeof *r);
        r->env = env;
        r->p = &p;
        int max = 0;
        sn_find_defs(r, root.kids, root.nkids, &max);
        r->next_unknown = max + 1;
        rc = sn_render_seq(r, root.kids, root.nkids, 0);
    }
    if (rc == 0) {
        out->len = r->out.len;
        out->text = r->out.s ? sbuf_detach(&r->out) : xstrdup("");
        sn_collect(r, out);
    }
    if (r) {
        sbuf_free(&r->out);
        free(r->marks);
        free(r);
    }
    sn_node_clear(&root);
    return rc;
}

void snippet_result_free(snippet_result *r)
{
    if (!r) return;
    free(r->text);
    for (size_t i = 0; i < r->ntabstops; i++) {
        free(r->tabstops[i].ranges);
        for (size_t c = 0; c < r->tabstops[i].nchoices; c++) free(r->tabstops[i].choices[c]);
        free(r->tabstops[i].choices);
    }
    free(r->tabstops);
    memset(r, 0, sizeof *r);
}
