/* rulefile.c -- parsing rule files.
 *
 * A rule file is a sequence of blocks. "[id]" opens a rule; its "key = value"
 * lines set fields and examples; a "list:" line turns the rest of the block
 * into a word list ("wrong -> right" or "wrong"). "[config]" holds
 * disable/enable/severity/date/max-size directives and "[allow]" a list of phrases that
 * are never flagged. Lines starting with '#' are comments.
 *
 * The parser is forgiving by design: a broken block is reported with
 * file:line and skipped, and every other rule in the file still loads. */

#include "rulefile.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "fileio.h"
#include "mem.h"
#include "sbuf.h"

static const char *const rulefile_cat_names[] = {
#define XX(name, str) str,
    RULEFILE_CATEGORY_MAP(XX)
#undef XX
};

static const char *const rulefile_sev_names[] = {"error", "warning", "info", "hint"};

static const char *rulefile_name(const char *const *names, int n, int i)
{
    return i >= 0 && i < n ? names[i] : "?";
}

static int rulefile_index(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) return i;
    return -1;
}

const char *rulefile_category_name(int cat)
{
    return rulefile_name(rulefile_cat_names, RULEFILE_CAT_COUNT, cat);
}

int rulefile_category_from_name(const char *s)
{
    return rulefile_index(rulefile_cat_names, RULEFILE_CAT_COUNT, s);
}

const char *rulefile_severity_name(int sev)
{
    return rulefile_name(rulefile_sev_names, RULEFILE_SEV_COUNT, sev);
}

int rulefile_severity_from_name(const char *s)
{
    return rulefile_index(rulefile_sev_names, RULEFILE_SEV_COUNT, s);
}

int rulefile_parse_date(const char *s)
{
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return 0;
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    return y * 10000 + m * 100 + d;
}

enum { SEC_NONE, SEC_RULE, SEC_LIST, SEC_CONFIG, SEC_ALLOW, SEC_SKIP };

typedef struct parser {
    rulefile *f;
    int sec;
    rule *cur;      /* the rule being built, or NULL */
    int bad;        /* the current rule had an error and will be dropped */
    int lineno;
    size_t cap_rules, cap_errors, cap_allow, cap_dirs, cap_ex, cap_ents;
} parser;

static void rulefile_error(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void rulefile_error(parser *p, const char *fmt, ...)
{
    sbuf b = SBUF_INIT;
    sbuf_printf(&b, "%s:%d: ", p->f->path, p->lineno);
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    xstrs_push(&p->f->errors, &p->f->nerrors, &p->cap_errors, sbuf_detach(&b));
}

static char *rulefile_trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = '\0';
    return s;
}

static void rulefile_rule_free(rule *r)
{
    if (!r) return;
    XFREE_ALL(r->id, r->message, r->description, r->pattern, r->fix, r->builtin, r->file, r->re_error);
    if (r->re) pcre2_code_free(r->re);
    if (r->re_invalid) pcre2_code_free(r->re_invalid);
    xstrs_free(r->triggers, r->ntriggers);
    xstrs_free(r->excepts, r->nexcepts);
    xstrs_free(r->supersedes, r->nsupersedes);
    for (size_t i = 0; i < r->nex; i++) {
        free(r->ex[i].text);
        free(r->ex[i].expect);
    }
    free(r->ex);
    for (size_t i = 0; i < r->nents; i++) {
        free(r->ents[i].wrong);
        free(r->ents[i].right);
    }
    free(r->ents);
    free(r);
}

/* Splits "a | b | c" into trimmed, non-empty strings. */
/* Literal values may name invisible characters as \x{HHHH} (a code point in
 * hex, as in patterns): \x{3000} is the ideographic space. Returns a new
 * string (caller frees); malformed escapes are kept as written. */
static char *rulefile_unescape_x(const char *v)
{
    if (!strchr(v, '\\')) return xstrdup(v);
    sbuf b = SBUF_INIT;
    while (*v) {
        unsigned long cp;
        char *end;
        if (v[0] == '\\' && v[1] == 'x' && v[2] == '{' && (cp = strtoul(v + 3, &end, 16), *end == '}') &&
            end > v + 3 && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            char u[4];
            size_t k = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            static const unsigned char lead[5] = {0, 0, 0xC0, 0xE0, 0xF0};
            for (size_t i = k - 1; i > 0; i--, cp >>= 6) u[i] = (char)(0x80 | (cp & 0x3F));
            u[0] = (char)(k == 1 ? cp : (lead[k] | cp));
            sbuf_add(&b, u, k);
            v = end + 1;
        } else if (v[0] == '\\' && v[1] == 'x' && isxdigit((unsigned char)v[2]) && isxdigit((unsigned char)v[3]) &&
                   (v[2] != '0' || v[3] != '0')) {
            char hex[3] = {v[2], v[3], 0};
            sbuf_addc(&b, (char)strtoul(hex, NULL, 16)); /* one raw byte */
            v += 4;
        } else {
            size_t run = strcspn(v + 1, "\\") + 1;
            sbuf_add(&b, v, run);
            v += run;
        }
    }
    return sbuf_detach(&b);
}

static void rulefile_split_bar(const char *v, char ***out, size_t *n)
{
    char *copy = xstrdup(v);
    size_t cap = *n;
    for (char *save = NULL, *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        char *t = rulefile_trim(tok);
        if (!*t) continue;
        xgrow(out, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = rulefile_unescape_x(t);
    }
    free(copy);
}

static int rulefile_valid_id(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '.' || *s == '-' || *s == '_'))
            return 0;
    return 1;
}

/* Closes the current rule block: validates it and keeps or drops it. */
static void rulefile_finish_rule(parser *p)
{
    rule *r = p->cur;
    if (!r) return;
    p->cur = NULL;
    int saved = p->lineno;
    p->lineno = r->line;
    if (!p->bad) {
        int kinds = (r->pattern != NULL) + (r->builtin != NULL) + (r->nents > 0);
        if (r->category < 0) rulefile_error(p, "规则 %s 缺少 category", r->id), p->bad = 1;
        else if (r->severity < 0) rulefile_error(p, "规则 %s 缺少 severity", r->id), p->bad = 1;
        else if (!r->message) rulefile_error(p, "规则 %s 缺少 message", r->id), p->bad = 1;
        else if (kinds != 1)
            rulefile_error(p, "规则 %s 须有且只有 pattern、builtin、list: 三者之一", r->id), p->bad = 1;
    }
    p->lineno = saved;
    if (p->bad) {
        rulefile_rule_free(r);
        return;
    }
    if (!r->description) r->description = xstrdup(r->message);
    rulefile *f = p->f;
    for (size_t i = 0; i < f->nrules; i++) {
        if (strcmp(f->rules[i]->id, r->id) == 0) {
            rulefile_rule_free(f->rules[i]);
            f->rules[i] = r;
            return;
        }
    }
    xgrow(&f->rules, &p->cap_rules, f->nrules + 1, sizeof *f->rules);
    f->rules[f->nrules++] = r;
}

/* Example texts may span lines: "\\n" stands for a line break. */
static char *rulefile_unescape(const char *v)
{
    if (!strstr(v, "\\n")) return xstrdup(v);
    sbuf b = SBUF_INIT;
    for (const char *nl; (nl = strstr(v, "\\n")); v = nl + 2) {
        sbuf_add(&b, v, (size_t)(nl - v));
        sbuf_addc(&b, '\n');
    }
    sbuf_adds(&b, v);
    return sbuf_detach(&b);
}

static void rulefile_add_example(parser *p, const char *v, int fire)
{
    rule *r = p->cur;
    xgrow(&r->ex, &p->cap_ex, r->nex + 1, sizeof *r->ex);
    rule_example *ex = &r->ex[r->nex++];
    memset(ex, 0, sizeof *ex);
    ex->fire = fire;
    ex->line = p->lineno;
    const char *arrow = fire ? strstr(v, " => ") : NULL;
    if (arrow) {
        char *t = xstrndup(v, (size_t)(arrow - v));
        ex->text = rulefile_unescape(rulefile_trim(t));
        free(t);
        char *e = xstrdup(arrow + 4);
        ex->expect = rulefile_unescape(rulefile_trim(e));
        free(e);
    } else {
        ex->text = rulefile_unescape(v);
    }
}

static void rulefile_rule_key(parser *p, const char *key, char *val)
{
    rule *r = p->cur;
    if (strcmp(key, "category") == 0) {
        r->category = rulefile_category_from_name(val);
        if (r->category < 0) rulefile_error(p, "未知类别“%s”", val), p->bad = 1;
    } else if (strcmp(key, "severity") == 0) {
        r->severity = rulefile_severity_from_name(val);
        if (r->severity < 0) rulefile_error(p, "未知严重级别“%s”（应为 error/warning/info/hint）", val), p->bad = 1;
    } else if (strcmp(key, "message") == 0) {
        free(r->message), r->message = xstrdup(val);
    } else if (strcmp(key, "description") == 0) {
        free(r->description), r->description = xstrdup(val);
    } else if (strcmp(key, "pattern") == 0) {
        free(r->pattern), r->pattern = xstrdup(val);
    } else if (strcmp(key, "fix") == 0) {
        free(r->fix), r->fix = xstrdup(val);
    } else if (strcmp(key, "trigger") == 0) {
        rulefile_split_bar(val, &r->triggers, &r->ntriggers);
    } else if (strcmp(key, "except") == 0) {
        rulefile_split_bar(val, &r->excepts, &r->nexcepts);
    } else if (strcmp(key, "supersedes") == 0) {
        rulefile_split_bar(val, &r->supersedes, &r->nsupersedes);
    } else if (strcmp(key, "after") == 0 || strcmp(key, "before") == 0 || strcmp(key, "date") == 0) {
        int d = rulefile_parse_date(val);
        if (!d) rulefile_error(p, "日期格式应为 YYYY-MM-DD：“%s”", val), p->bad = 1;
        *(key[0] == 'a' ? &r->after : key[0] == 'b' ? &r->before : &r->date) = d;
    } else if (strcmp(key, "builtin") == 0) {
        free(r->builtin), r->builtin = xstrdup(val);
    } else if (strcmp(key, "param") == 0) {
        r->param = atoi(val);
    } else if (strcmp(key, "fire") == 0 || strcmp(key, "pass") == 0) {
        rulefile_add_example(p, val, key[0] == 'f');
    } else {
        rulefile_error(p, "未知字段“%s”", key);
        p->bad = 1;
    }
}

static void rulefile_add_directive(parser *p, int kind, const char *target, int sev)
{
    rulefile *f = p->f;
    xgrow(&f->dirs, &p->cap_dirs, f->ndirs + 1, sizeof *f->dirs);
    f->dirs[f->ndirs++] = (rule_directive){kind, xstrdup(target), sev};
}

static void rulefile_config_key(parser *p, const char *key, char *val)
{
    if (strcmp(key, "date") == 0) {
        p->f->date = rulefile_parse_date(val);
        if (!p->f->date) rulefile_error(p, "日期格式应为 YYYY-MM-DD：“%s”", val);
        return;
    }
    if (strcmp(key, "max-size") == 0) {
        if (fileio_parse_size(val, &p->f->max_size) != 0)
            rulefile_error(p, "max-size 应为大小，如 256M、1G 或字节数：“%s”", val);
        return;
    }
    int kind = strcmp(key, "disable") == 0 ? RULEFILE_DIR_DISABLE
             : strcmp(key, "enable") == 0  ? RULEFILE_DIR_ENABLE
             : strcmp(key, "severity") == 0 ? RULEFILE_DIR_SEVERITY
                                            : -1;
    if (kind < 0) {
        rulefile_error(p, "[config] 中未知字段“%s”", key);
        return;
    }
    for (char *save = NULL, *tok = strtok_r(val, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *t = rulefile_trim(tok);
        if (!*t) continue;
        if (kind != RULEFILE_DIR_SEVERITY) {
            rulefile_add_directive(p, kind, t, 0);
            continue;
        }
        char *colon = strchr(t, ':');
        if (!colon) {
            rulefile_error(p, "severity 应写作“规则或类别: 级别”：“%s”", t);
            continue;
        }
        *colon = '\0';
        char *target = rulefile_trim(t), *sv = rulefile_trim(colon + 1);
        int sev = rulefile_severity_from_name(sv);
        if (sev < 0) rulefile_error(p, "未知严重级别“%s”", sv);
        else rulefile_add_directive(p, kind, target, sev);
    }
}

static void rulefile_open_section(parser *p, const char *name)
{
    rulefile_finish_rule(p);
    p->bad = 0;
    if (strcmp(name, "config") == 0) {
        p->sec = SEC_CONFIG;
    } else if (strcmp(name, "allow") == 0) {
        p->sec = SEC_ALLOW;
    } else if (!rulefile_valid_id(name)) {
        rulefile_error(p, "规则编号“%s”只能含小写字母、数字和 . - _", name);
        p->sec = SEC_SKIP;
    } else {
        rule *r = xcalloc(1, sizeof *r);
        r->id = xstrdup(name);
        r->category = r->severity = -1;
        r->file = xstrdup(p->f->path);
        r->line = p->lineno;
        p->cur = r;
        p->cap_ex = p->cap_ents = 0;
        p->sec = SEC_RULE;
    }
}

static void rulefile_list_entry(parser *p, char *line)
{
    rule *r = p->cur;
    char *arrow = strstr(line, "->");
    xgrow(&r->ents, &p->cap_ents, r->nents + 1, sizeof *r->ents);
    rule_entry *e = &r->ents[r->nents];
    if (arrow) {
        *arrow = '\0';
        char *w = rulefile_trim(line), *rt = rulefile_trim(arrow + 2);
        if (!*w) {
            rulefile_error(p, "词表条目缺少错误写法");
            return;
        }
        e->wrong = rulefile_unescape_x(w);
        e->right = rulefile_unescape_x(rt);
    } else {
        e->wrong = rulefile_unescape_x(line);
        e->right = NULL;
    }
    r->nents++;
}

static void rulefile_line(parser *p, char *raw)
{
    char *line = rulefile_trim(raw);
    if (!*line || *line == '#') return;
    size_t n = strlen(line);
    if (line[0] == '[' && line[n - 1] == ']') {
        line[n - 1] = '\0';
        rulefile_open_section(p, rulefile_trim(line + 1));
        return;
    }
    switch (p->sec) {
    case SEC_SKIP:
        return;
    case SEC_NONE:
        rulefile_error(p, "内容出现在任何 [规则] 之前");
        return;
    case SEC_ALLOW: {
        rulefile *f = p->f;
        xgrow(&f->allow, &p->cap_allow, f->nallow + 1, sizeof *f->allow);
        f->allow[f->nallow++] = xstrdup(line);
        return;
    }
    case SEC_LIST:
        if (!p->bad) rulefile_list_entry(p, line);
        return;
    default:
        break;
    }
    if (p->sec == SEC_RULE && strcmp(line, "list:") == 0) {
        p->sec = SEC_LIST;
        return;
    }
    char *eq = strchr(line, '=');
    if (!eq) {
        rulefile_error(p, "应为“字段 = 值”：%s", line);
        if (p->sec == SEC_RULE) p->bad = 1;
        return;
    }
    *eq = '\0';
    char *key = rulefile_trim(line), *val = rulefile_trim(eq + 1);
    if (p->sec == SEC_CONFIG) rulefile_config_key(p, key, val);
    else if (!p->bad) rulefile_rule_key(p, key, val);
}

rulefile *rulefile_parse(const char *path, const char *text, size_t len)
{
    rulefile *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    parser p = {.f = f, .sec = SEC_NONE};
    /* one copy whose lines are cut in place, not an allocation per line */
    char *buf = xmalloc(len + 1);
    if (len) memcpy(buf, text, len);
    buf[len] = '\0';
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - buf) : len;
        size_t l = end - i;
        if (l && buf[i + l - 1] == '\r') l--;
        p.lineno++;
        if (memchr(buf + i, '\0', l)) {
            rulefile_error(&p, "含有 NUL 字节，此行已忽略");
        } else {
            buf[i + l] = '\0';
            rulefile_line(&p, buf + i);
        }
        i = end + 1;
    }
    free(buf);
    p.lineno++;
    rulefile_finish_rule(&p);
    return f;
}

rulefile *rulefile_load(const char *path)
{
    char *text;
    size_t len;
    perr e = {0};
    if (fileio_read(path, &text, &len, &e) != 0) {
        rulefile *f = xcalloc(1, sizeof *f);
        f->path = xstrdup(path);
        f->errors = xmalloc(sizeof *f->errors);
        f->errors[0] = xstrdup(e.msg);
        f->nerrors = 1;
        return f;
    }
    rulefile *f = rulefile_parse(path, text, len);
    free(text);
    return f;
}

void rulefile_free(rulefile *f)
{
    if (!f) return;
    free(f->path);
    for (size_t i = 0; i < f->nrules; i++) rulefile_rule_free(f->rules[i]);
    free(f->rules);
    for (size_t i = 0; i < f->ndirs; i++) free(f->dirs[i].target);
    free(f->dirs);
    xstrs_free(f->allow, f->nallow);
    xstrs_free(f->errors, f->nerrors);
    free(f);
}
