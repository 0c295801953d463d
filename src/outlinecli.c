/* outlinecli.c -- `park outline` and `park renumber`: the outline parser and
 * the renumbering edits on the command line, for scripts and for checking a
 * report's skeleton without Neovim. Output goes to stdout, messages to
 * stderr; FILE may be - (standard input; not with -i). */

#include "outlinecli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fileio.h"
#include "outline.h"
#include "renumber.h"
#include "sbuf.h"

static int outlinecli_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "park: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n用法见 park --help\n");
    return 2;
}

typedef struct outlinecli_args {
    const char *file;
    int json;
    int inplace;
} outlinecli_args;

/* Parses [--format text|json] [-i] FILE, allowing only the options named in
 * allowed ("f" format, "i" in place). Returns 0 or 2 (after a message). */
static int outlinecli_parse(int argc, char **argv, const char *allowed, const char *cmd, outlinecli_args *a)
{
    memset(a, 0, sizeof *a);
    int only_files = 0;
    for (int i = 0; i < argc; i++) {
        const char *s = argv[i];
        if (!only_files && strcmp(s, "--") == 0) {
            only_files = 1;
        } else if (!only_files && strchr(allowed, 'f') && strncmp(s, "--format", 8) == 0 && (s[8] == '=' || !s[8])) {
            const char *v = s[8] == '=' ? s + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return outlinecli_usage("选项 %s 需要一个值", "--format");
            if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
                return outlinecli_usage("--format 只能是 text 或 json，而不是“%s”", v);
            a->json = strcmp(v, "json") == 0;
        } else if (!only_files && strchr(allowed, 'i') && (strcmp(s, "-i") == 0 || strcmp(s, "--in-place") == 0)) {
            a->inplace = 1;
        } else if (!only_files && s[0] == '-' && s[1]) {
            return outlinecli_usage("未知选项：%s", s);
        } else if (a->file) {
            return outlinecli_usage("%s 只接受一个文件", cmd);
        } else {
            a->file = s;
        }
    }
    if (!a->file) return outlinecli_usage("%s 需要一个文件（- 表示标准输入）", cmd);
    if (a->inplace && strcmp(a->file, "-") == 0) return outlinecli_usage("%s -i 不能用于标准输入", cmd);
    return 0;
}

static void outlinecli_json_str(sbuf *out, const char *key, const char *s, size_t n)
{
    sbuf_printf(out, ",\"%s\":\"", key);
    sbuf_add_json(out, s, n);
    sbuf_addc(out, '"');
}

int outlinecli_outline(int argc, char **argv)
{
    outlinecli_args a;
    if (outlinecli_parse(argc, argv, "f", "park outline", &a)) return 2;
    char *text;
    size_t len;
    perr e = {0};
    if (fileio_read(a.file, &text, &len, &e) != 0) {
        fprintf(stderr, "park: %s\n", e.msg);
        return 2;
    }
    check_doc doc;
    check_doc_init(&doc, text, len);
    outline o;
    outline_parse(&o, &doc, OUTLINE_FLAT);
    sbuf out = SBUF_INIT;
    for (size_t i = 0; i < o.nh; i++) {
        const outline_heading *h = &o.h[i];
        const check_line *ln = &doc.lines[h->line];
        size_t mend = h->mend;
        while (mend > h->nend && (ln->s[mend - 1] == ' ' || ln->s[mend - 1] == '\t')) mend--;
        if (a.json) {
            sbuf_printf(&out, "{\"line\":%zu,\"col\":%zu,\"level\":%d,\"depth\":%d", h->line + 1,
                        h->col + ln->coloff + 1, h->level, h->depth);
            outlinecli_json_str(&out, "marker", ln->s + h->col, mend - h->col);
            sbuf_printf(&out, ",\"number\":%d", h->number);
            outlinecli_json_str(&out, "title", ln->s + h->tstart, h->tend - h->tstart);
            sbuf_printf(&out, ",\"end_line\":%zu,\"runin\":%s}\n", h->end_line, h->runin ? "true" : "false");
        } else {
            sbuf_printf(&out, "%zu\t%d\t%.*s\t%d\t%.*s\n", h->line + 1, h->level, (int)(mend - h->col), ln->s + h->col,
                        h->number, (int)(h->tend - h->tstart), ln->s + h->tstart);
        }
    }
    fwrite(out.s ? out.s : "", 1, out.len, stdout);
    fflush(stdout);
    sbuf_free(&out);
    outline_free(&o);
    check_doc_free(&doc);
    free(text);
    return 0;
}

int outlinecli_renumber(int argc, char **argv)
{
    outlinecli_args a;
    if (outlinecli_parse(argc, argv, "i", "park renumber", &a)) return 2;
    char *text;
    size_t len;
    perr e = {0};
    if (fileio_read(a.file, &text, &len, &e) != 0) {
        fprintf(stderr, "park: %s\n", e.msg);
        return 2;
    }
    check_doc doc;
    check_doc_init(&doc, text, len);
    outline o;
    outline_parse(&o, &doc, OUTLINE_ITEMS);
    renumber_plan p = {0};
    if (doc.nlines) renumber_make(&o, &doc, 0, doc.nlines - 1, &p);
    sbuf out = SBUF_INIT;
    renumber_apply(text, len, &doc, &p, &out);
    int rc = 0;
    if (!a.inplace) {
        fwrite(out.s ? out.s : "", 1, out.len, stdout);
        if (fflush(stdout) != 0) rc = 2;
    } else if (p.n && fileio_write_atomic(a.file, out.s ? out.s : "", out.len, &e) != 0) {
        fprintf(stderr, "park: %s\n", e.msg);
        rc = 2;
    } else {
        fprintf(stderr, "park: %s：%zu 处序号已更新\n", a.file, p.n);
    }
    sbuf_free(&out);
    renumber_plan_free(&p);
    outline_free(&o);
    check_doc_free(&doc);
    free(text);
    return rc;
}
