/* outlinecli.c -- `park outline` and `park renumber`: the outline parser and
 * the renumbering edits on the command line, for scripts and for checking a
 * report's skeleton without Neovim. Output goes to stdout, messages to
 * stderr; FILE may be - (standard input; not with -i).
 *
 * `park outline --profile` also times the RPC `outline` method in process:
 * the request folding sends with the whole buffer, and the one it sends
 * after a one-line edit (both without the message's transfer, which
 * bench/bench.py measures separately). */

#include "outlinecli.h"

#include <msgpack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bufstore.h"
#include "cli.h"
#include "check.h"
#include "fileio.h"
#include "mem.h"
#include "outline.h"
#include "api_outline.h"
#include "renumber.h"
#include "sbuf.h"

/* Parses [options] FILE for cmd: exactly one file, and -i not on stdin.
 * Returns 0 or 2 (after a message). */
static int outlinecli_parse(int argc, char **argv, int allowed, const char *cmd, cli_opts *o)
{
    if (cli_parse(argc, argv, allowed, o)) return 2;
    if (o->nfiles > 1) return cli_usage_error("%s 只接受一个文件", cmd);
    if (o->nfiles == 0) return cli_usage_error("%s 需要一个文件（- 表示标准输入）", cmd);
    if (o->inplace && strcmp(o->files[0], "-") == 0) return cli_usage_error("%s -i 不能用于标准输入", cmd);
    return 0;
}

/* ---- --profile ---------------------------------------------------------- */

#define OUTLINECLI_FULL_RUNS 9
#define OUTLINECLI_EDIT_RUNS 21
#define OUTLINECLI_BUF 1

static double outlinecli_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int outlinecli_cmp_ms(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double outlinecli_median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, outlinecli_cmp_ms);
    return v[n / 2];
}

static msgpack_object outlinecli_int(long v)
{
    msgpack_object o;
    o.type = v < 0 ? MSGPACK_OBJECT_NEGATIVE_INTEGER : MSGPACK_OBJECT_POSITIVE_INTEGER;
    if (v < 0) o.via.i64 = v;
    else o.via.u64 = (uint64_t)v;
    return o;
}

static msgpack_object outlinecli_str(const char *s, size_t n)
{
    msgpack_object o;
    o.type = MSGPACK_OBJECT_STR;
    o.via.str.ptr = s;
    o.via.str.size = (uint32_t)n;
    return o;
}

/* One `outline` request as the RPC layer hands it to the method (params
 * [opts], the lines borrowed), timed from the call to the packed result;
 * ctx holds the copy the requests keep up to date, as a session's would. */
typedef struct outlinecli_req {
    api_ctx ctx;
    msgpack_object_kv kv[6];
    msgpack_object opts, params;
    msgpack_object *lines;
} outlinecli_req;

static double outlinecli_time(outlinecli_req *r, size_t nkv, msgpack_sbuffer *sb)
{
    static const char *const keys[] = {"buf", "tick", "lines", "base", "first", "last"};
    for (size_t i = 0; i < nkv; i++) r->kv[i].key = outlinecli_str(keys[i], strlen(keys[i]));
    r->opts.type = MSGPACK_OBJECT_MAP;
    r->opts.via.map.ptr = r->kv;
    r->opts.via.map.size = (uint32_t)nkv;
    r->params.type = MSGPACK_OBJECT_ARRAY;
    r->params.via.array.ptr = &r->opts;
    r->params.via.array.size = 1;
    msgpack_packer pk;
    msgpack_sbuffer_clear(sb);
    msgpack_packer_init(&pk, sb, msgpack_sbuffer_write);
    perr e = {0};
    double t0 = outlinecli_ms();
    int rc = api_outline_outline(&r->ctx, &r->params, &pk, &e);
    double t = outlinecli_ms() - t0;
    if (rc) fprintf(stderr, "park: outline --profile: %s\n", e.msg);
    return t;
}

/* Prints "profile<Tab>outline<Tab>full|one-line<Tab>MS" to stderr: the
 * medians of the `outline` method given all of doc's lines, and given one
 * changed line against the copy it keeps (alternately a line with text
 * appended and the line restored, at lines spread over the document). */
static void outlinecli_profile(const doc_text *doc)
{
    size_t n = doc->nlines;
    outlinecli_req r;
    memset(&r, 0, sizeof r);
    r.ctx.bufs = bufstore_new();
    r.lines = xcalloc(n + 1, sizeof *r.lines);
    for (size_t i = 0; i < n; i++) r.lines[i] = outlinecli_str(doc->lines[i].s, doc->lines[i].len);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    double full[OUTLINECLI_FULL_RUNS], edit[OUTLINECLI_EDIT_RUNS];
    long tick = 0;
    for (size_t run = 0; run < OUTLINECLI_FULL_RUNS; run++) {
        r.kv[0].val = outlinecli_int(OUTLINECLI_BUF);
        r.kv[1].val = outlinecli_int(++tick);
        r.kv[2].val.type = MSGPACK_OBJECT_ARRAY;
        r.kv[2].val.via.array.ptr = r.lines;
        r.kv[2].val.via.array.size = (uint32_t)n;
        full[run] = outlinecli_time(&r, 3, &sb);
    }
    sbuf changed = SBUF_INIT;
    for (size_t run = 0; run < OUTLINECLI_EDIT_RUNS && n; run++) {
        size_t row = (run / 2 * 997) % n;
        const doc_line *ln = &doc->lines[row];
        sbuf_clear(&changed);
        sbuf_add(&changed, ln->s, ln->len);
        if (run % 2 == 0) sbuf_adds(&changed, "（改）");
        msgpack_object one = outlinecli_str(changed.s ? changed.s : "", changed.len);
        r.kv[1].val = outlinecli_int(tick + 1);
        r.kv[2].val.via.array.ptr = &one;
        r.kv[2].val.via.array.size = 1;
        r.kv[3].val = outlinecli_int(tick++);
        r.kv[4].val = outlinecli_int((long)row);
        r.kv[5].val = outlinecli_int((long)row + 1);
        edit[run] = outlinecli_time(&r, 6, &sb);
    }
    fprintf(stderr, "profile\toutline\tfull\t%.3f\n", outlinecli_median(full, OUTLINECLI_FULL_RUNS));
    if (n) fprintf(stderr, "profile\toutline\tone-line\t%.3f\n", outlinecli_median(edit, OUTLINECLI_EDIT_RUNS));
    bufstore_free(r.ctx.bufs);
    sbuf_free(&changed);
    msgpack_sbuffer_destroy(&sb);
    free(r.lines);
}

/* ---- the commands --------------------------------------------------------- */

/* A command's options, its one file and the file's lines. */
typedef struct outlinecli_input {
    cli_opts a;
    fileio_buf text; /* within the default size limit, and not binary */
    doc_text doc;    /* lines borrowed from text */
    outline o;
} outlinecli_input;

/* Parses the options of command name, reads its file and parses the outline
 * with flags oflags. Returns 0 (free with outlinecli_close()), or 2, the
 * exit status, after a message on stderr (nothing left to free). */
static int outlinecli_open(int argc, char **argv, int flags, const char *name, int oflags, outlinecli_input *in)
{
    memset(in, 0, sizeof *in);
    perr e = {0};
    if (outlinecli_parse(argc, argv, flags, name, &in->a)) {
        cli_opts_free(&in->a);
        return 2;
    }
    if (fileio_read_text(in->a.files[0], 0, &in->text, &e) != 0) {
        fprintf(stderr, "park: %s\n", e.msg);
        fileio_buf_free(&in->text);
        cli_opts_free(&in->a);
        return 2;
    }
    doc_init(&in->doc, in->text.s, in->text.len);
    outline_parse(&in->o, &in->doc, oflags);
    return 0;
}

static void outlinecli_close(outlinecli_input *in)
{
    outline_free(&in->o);
    doc_free(&in->doc);
    fileio_buf_free(&in->text);
    cli_opts_free(&in->a);
}

int outlinecli_outline(int argc, char **argv)
{
    outlinecli_input in;
    if (outlinecli_open(argc, argv, OPT_FORMAT | OPT_PROFILE, "park outline", OUTLINE_FLAT, &in)) return 2;
    const outline *o = &in.o;
    const doc_text *doc = &in.doc;
    int json = strcmp(in.a.format, "json") == 0;
    sbuf out = SBUF_INIT;
    for (size_t i = 0; i < o->nh; i++) {
        const outline_heading *h = &o->h[i];
        const doc_line *ln = &doc->lines[h->line];
        size_t mend = h->mend;
        while (mend > h->nend && (ln->s[mend - 1] == ' ' || ln->s[mend - 1] == '\t')) mend--;
        if (json) {
            sbuf_printf(&out, "{\"line\":%zu,\"col\":%zu,\"level\":%d,\"depth\":%d", h->line + 1,
                        h->col + ln->coloff + 1, h->level, h->depth);
            sbuf_addc(&out, ','), sbuf_add_json_member(&out, "marker", ln->s + h->col, mend - h->col);
            sbuf_printf(&out, ",\"number\":%d", h->number);
            sbuf_addc(&out, ','), sbuf_add_json_member(&out, "title", ln->s + h->tstart, h->tend - h->tstart);
            sbuf_printf(&out, ",\"end_line\":%zu,\"runin\":%s}\n", h->end_line, h->runin ? "true" : "false");
        } else {
            sbuf_printf(&out, "%zu\t%d\t%.*s\t%d\t%.*s\n", h->line + 1, h->level, (int)(mend - h->col), ln->s + h->col,
                        h->number, (int)(h->tend - h->tstart), ln->s + h->tstart);
        }
    }
    fwrite(out.s ? out.s : "", 1, out.len, stdout);
    fflush(stdout);
    if (in.a.profile) outlinecli_profile(doc);
    sbuf_free(&out);
    outlinecli_close(&in);
    return 0;
}

int outlinecli_renumber(int argc, char **argv)
{
    outlinecli_input in;
    if (outlinecli_open(argc, argv, OPT_INPLACE, "park renumber", OUTLINE_ITEMS, &in)) return 2;
    const char *file = in.a.files[0];
    renumber_plan p = {0};
    if (in.doc.nlines) renumber_make(&in.o, &in.doc, 0, in.doc.nlines - 1, &p);
    sbuf out = SBUF_INIT;
    renumber_apply(in.text.s, in.text.len, &in.doc, &p, &out);
    int rc = 0;
    perr e = {0};
    if (!in.a.inplace) {
        fwrite(out.s ? out.s : "", 1, out.len, stdout);
        if (fflush(stdout) != 0) rc = 2;
    } else if (p.n && fileio_write_atomic(file, out.s ? out.s : "", out.len, &e) != 0) {
        fprintf(stderr, "park: %s\n", e.msg);
        rc = 2;
    } else {
        fprintf(stderr, "park: %s：%zu 处序号已更新\n", file, p.n);
    }
    sbuf_free(&out);
    renumber_plan_free(&p);
    outlinecli_close(&in);
    return rc;
}
