/* cli.c -- park's command line: check, rules, rpc, help, version.
 *
 * Option parsing (cli_parse) is shared by every subcommand, outlinecli.c's
 * too: each one states which options it accepts, and anything else is a usage error (exit 2) with a message that
 * names the option. Findings go to stdout; notes, rule-file problems and
 * errors go to stderr. */

#include "cli.h"

#include <msgpack.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <uv.h>

#include "check.h"
#include "config.h"
#include "docdate.h"
#include "encoding.h"
#include "fileio.h"
#include "mem.h"
#include "par.h"
#include "placeholder.h"
#include "report.h"
#include "lsp.h"
#include "rpc.h"
#include "ruletest.h"
#include "sbuf.h"
#include "snipset.h"
#include "version.h"

int cli_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "park: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n用法见 park --help\n");
    return 2;
}

int cli_parse(int argc, char **argv, int allowed, cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = "text";
    int only_files = 0;
    for (int i = 0; i < argc; i++) {
        char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            xgrow(&o->files, &o->capfiles, o->nfiles + 1, sizeof *o->files);
            o->files[o->nfiles++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = 1;
            continue;
        }
        char *val = NULL;
        char *eq = strchr(a, '=');
        size_t nl = eq ? (size_t)(eq - a) : strlen(a);
        static const struct { const char *name; int flag; int takes; } table[] = {
            {"--format", OPT_FORMAT, 1}, {"--config", OPT_CONFIG, 1}, {"--date", OPT_DATE, 1},
            {"--strict", OPT_STRICT, 0}, {"--rules-dir", OPT_RULES_DIR, 1}, {"--test", OPT_TEST, 0},
            {"--profile", OPT_PROFILE, 0}, {"--expand", OPT_EXPAND, 1},
            {"--encoding", OPT_ENCODING, 1}, {"--markdown", OPT_MARKDOWN, 0}, {"--jobs", OPT_JOBS, 1},
            {"--max-size", OPT_MAX_SIZE, 1},
            {"-i", OPT_INPLACE, 0}, {"--in-place", OPT_INPLACE, 0},
        };
        int found = -1;
        for (size_t k = 0; k < sizeof table / sizeof *table; k++)
            if (strlen(table[k].name) == nl && strncmp(a, table[k].name, nl) == 0) found = (int)k;
        if (found < 0 || !(table[found].flag & allowed)) return cli_usage_error("未知选项：%s", a);
        if (table[found].takes) {
            if (eq) val = eq + 1;
            else if (i + 1 < argc) val = argv[++i];
            else return cli_usage_error("选项 %s 需要一个值", table[found].name);
        } else if (eq) {
            return cli_usage_error("选项 %s 不带值", table[found].name);
        }
        switch (table[found].flag) {
        case OPT_FORMAT:
            if (strcmp(val, "text") != 0 && strcmp(val, "json") != 0)
                return cli_usage_error("--format 只能是 text 或 json，而不是“%s”", val);
            o->format = val;
            break;
        case OPT_CONFIG:
            xgrow(&o->configs, &o->capconfigs, o->nconfigs + 1, sizeof *o->configs);
            o->configs[o->nconfigs++] = val;
            break;
        case OPT_DATE:
            o->date = rulefile_parse_date(val);
            if (!o->date) return cli_usage_error("--date 的格式应为 YYYY-MM-DD，而不是“%s”", val);
            break;
        case OPT_STRICT: o->strict = 1; break;
        case OPT_RULES_DIR: o->rules_dir = val; break;
        case OPT_TEST: o->test = 1; break;
        case OPT_PROFILE: o->profile = 1; break;
        case OPT_EXPAND: o->expand = val; break;
        case OPT_ENCODING: o->encoding = val; break;
        case OPT_MARKDOWN: o->markdown = 1; break;
        case OPT_INPLACE: o->inplace = 1; break;
        case OPT_MAX_SIZE:
            if (fileio_parse_size(val, &o->max_size) != 0)
                return cli_usage_error("--max-size 应为大小，如 256M、1G 或字节数，而不是“%s”", val);
            break;
        case OPT_JOBS: {
            char *end;
            long n = strtol(val, &end, 10);
            if (*end || n < 0 || n > 64) return cli_usage_error("--jobs 应为 0 到 64 之间的整数，而不是“%s”", val);
            o->jobs = (int)n;
            break;
        }
        }
    }
    return 0;
}

void cli_opts_free(cli_opts *o)
{
    free(o->prof_ns);
    free(o->configs);
    free(o->files);
}

static void cli_print_rule_errors(const ruleset *rs, const ruleset **last)
{
    if (rs == *last) return;
    *last = rs;
    for (size_t i = 0; i < rs->nerrors; i++) fprintf(stderr, "park: 规则文件问题：%s\n", rs->errors[i]);
}

/* Positions in a decoded file: columns of the original bytes. */
typedef struct cli_orig {
    const encoding_text *et;
    const char *base;
} cli_orig;

static size_t cli_orig_col(const void *ctx, const doc_line *ln, size_t col)
{
    const cli_orig *c = ctx;
    size_t start = (size_t)(ln->s - c->base) - ln->coloff;
    return encoding_orig(c->et, (size_t)(ln->s - c->base) + col) - encoding_orig(c->et, start);
}

/* Reading, decoding and splitting one file and inferring its date, which
 * run beside the loading of the rules. */
typedef struct cli_load {
    const char *file;
    const char *encoding;
    size_t max;           /* the size limit, bytes */
    int want_date;        /* infer the document date (no --date given) */
    fileio_buf text;
    encoding_text et;
    doc_text doc;
    doc_date date;
    perr e;
    int rc;               /* 0, 1 read failed, 2 decoding failed */
} cli_load;

static void *cli_load_run(void *arg)
{
    cli_load *l = arg;
    if (fileio_read_text(l->file, l->max, &l->text, &l->e) != 0) {
        l->rc = 1;
    } else if (encoding_decode(l->text.s, l->text.len, l->encoding, &l->et, &l->e) != 0) {
        l->rc = 2;
    } else {
        doc_init(&l->doc, l->et.text, l->et.len);
        if (l->want_date) l->date.date = docdate_infer(&l->doc, &l->date.source, &l->date.exact);
    }
    return NULL;
}

/* The rule set for a file, loaded beside the reading of the file. */
typedef struct cli_ruleload {
    config *cfg;
    const char *file;
    const ruleset *rs;
} cli_ruleload;

static void *cli_ruleload_run(void *arg)
{
    cli_ruleload *r = arg;
    r->rs = config_ruleset(r->cfg, r->file);
    return NULL;
}

/* Loads file with its rule set. The size limit is --max-size, else the
 * rules' [config] max-size, else the default; the rules are loaded beside a
 * regular file read under the default limit, which is read again in the
 * rare case that the rules set another and it matters. A stream (stdin, a
 * pipe, a device) cannot be read twice: its rules come first. */
static const ruleset *cli_load_with_rules(config *cfg, const cli_opts *o, const char *file, cli_load *l)
{
    cli_ruleload r = {cfg, file, NULL};
    struct stat st;
    int regular = strcmp(file, "-") != 0 && stat(file, &st) == 0 && S_ISREG(st.st_mode);
    if (!o->max_size && !regular) {
        cli_ruleload_run(&r);
        l->max = r.rs->max_size ? r.rs->max_size : FILEIO_MAX_DEFAULT;
        cli_load_run(l);
        return r.rs;
    }
    l->max = o->max_size ? o->max_size : FILEIO_MAX_DEFAULT;
    par_both(cli_ruleload_run, &r, cli_load_run, l, o->jobs != 1);
    size_t want = o->max_size ? o->max_size : r.rs->max_size ? r.rs->max_size : FILEIO_MAX_DEFAULT;
    int over = l->rc == 1 && l->e.code == PARK_ELIMIT;
    if (want != l->max && (want < l->max ? !l->rc && l->text.len > want : over)) {
        encoding_text_free(&l->et);
        doc_free(&l->doc);
        fileio_buf_free(&l->text);
        memset(&l->et, 0, sizeof l->et);
        memset(&l->doc, 0, sizeof l->doc);
        l->rc = 0;
        l->max = want;
        cli_load_run(l);
    }
    return r.rs;
}

/* Checks one file; returns 0 clean, 1 error findings, 2 I/O or decoding failure. */
static int cli_check_file(config *cfg, cli_opts *o, const char *file, const ruleset **last)
{
    cli_load l = {.file = file, .encoding = o->encoding, .want_date = !o->date};
    const ruleset *rs = cli_load_with_rules(cfg, o, file, &l);
    const char *name = strcmp(file, "-") == 0 ? "<stdin>" : file;
    if (l.rc) {
        if (l.rc == 1 && l.e.code == PARK_ELIMIT)
            fprintf(stderr, "park: %s（可用 --max-size 或 .parkrc 的 [config] max-size 调整）\n", l.e.msg);
        else if (l.rc == 1) fprintf(stderr, "park: %s\n", l.e.msg);
        else fprintf(stderr, "park: %s：%s\n", name, l.e.msg);
        encoding_text_free(&l.et);
        fileio_buf_free(&l.text);
        return 2;
    }
    encoding_text et = l.et;
    if (et.decoded && !o->encoding) fprintf(stderr, "%s: 注意：按 %s 编码读取（可用 --encoding 指定）\n", name, et.name);
    if (et.mixed)
        fprintf(stderr, "%s: 注意：文本既不是有效的 UTF-8 也不是 GB18030，按 UTF-8 检查（可用 --encoding 指定编码）\n", name);
    cli_print_rule_errors(rs, last);
    doc_text doc = l.doc;
    cli_orig ctx = {&et, et.text};
    if (et.decoded) doc.orig_col = cli_orig_col, doc.orig_ctx = &ctx;
    doc.utf8_valid = et.valid; /* encoding_decode has read every byte already */
    check_opts co = {.date = o->date, .strict = o->strict, .markdown = o->markdown || placeholder_markdown_path(file),
                     .jobs = o->jobs, .inferred = l.want_date ? &l.date : NULL};
    if (o->profile) {
        if (o->prof_n != rs->nrules + 1) {
            free(o->prof_ns);
            o->prof_n = rs->nrules + 1;
            o->prof_ns = xcalloc(o->prof_n, sizeof *o->prof_ns);
        }
        co.prof_ns = o->prof_ns;
    }
    check_result res = {0};
    check_run(rs, &doc, &co, &res);
    report_write(stdout, strcmp(o->format, "json") == 0, name, rs, &doc, &res, o->jobs != 1);
    for (size_t i = 0; i < res.nnotes; i++) fprintf(stderr, "%s: 注意：%s\n", name, res.notes[i]);
    int rc = 0;
    for (size_t i = 0; i < res.n; i++)
        if (res.f[i].sev == RULEFILE_SEV_ERROR) rc = 1;
    check_result_free(&res);
    doc_free(&doc);
    encoding_text_free(&et);
    fileio_buf_free(&l.text);
    return rc;
}

/* Prints where the time went, to stderr, as tab-separated lines:
 * "profile category NAME MS" for each category and the literal pass, then
 * "profile rule ID MS" for the ten most expensive rules. */
static void cli_print_profile(const cli_opts *o, const ruleset *rs)
{
    if (!o->prof_ns || o->prof_n != rs->nrules + 1) return;
    double cat[RULEFILE_CAT_COUNT] = {0};
    for (size_t i = 0; i < rs->nrules; i++) cat[rs->rules[i]->category] += (double)o->prof_ns[i] / 1e6;
    fprintf(stderr, "profile\tcategory\tliterals\t%.3f\n", (double)o->prof_ns[rs->nrules] / 1e6);
    for (int c = 0; c < RULEFILE_CAT_COUNT; c++)
        fprintf(stderr, "profile\tcategory\t%s\t%.3f\n", rulefile_category_name(c), cat[c]);
    unsigned char *done = xcalloc(rs->nrules + 1, 1);
    for (int k = 0; k < 10; k++) {
        size_t best = rs->nrules;
        for (size_t i = 0; i < rs->nrules; i++)
            if (!done[i] && (best == rs->nrules || o->prof_ns[i] > o->prof_ns[best])) best = i;
        if (best == rs->nrules) break;
        done[best] = 1;
        fprintf(stderr, "profile\trule\t%s\t%.3f\n", rs->rules[best]->id, (double)o->prof_ns[best] / 1e6);
    }
    free(done);
}

int cli_check(int argc, char **argv)
{
    cli_opts o;
    if (cli_parse(argc, argv,
                  OPT_FORMAT | OPT_CONFIG | OPT_DATE | OPT_STRICT | OPT_RULES_DIR | OPT_PROFILE | OPT_ENCODING | OPT_MARKDOWN | OPT_JOBS |
                      OPT_MAX_SIZE,
                  &o) != 0) {
        cli_opts_free(&o);
        return 2;
    }
    if (!o.nfiles) {
        cli_opts_free(&o);
        return cli_usage_error("%s", "park check 需要至少一个文件（- 表示标准输入）");
    }
    config *cfg = config_new(o.rules_dir, o.configs, o.nconfigs);
    if (o.jobs == 1) config_set_threads(cfg, 1);
    if (!config_rules_dir(cfg)) fprintf(stderr, "park: 警告：找不到默认规则目录（可用 --rules-dir 或 PARK_RULES_DIR 指定）\n");
    int rc = 0;
    const ruleset *last = NULL;
    for (size_t i = 0; i < o.nfiles; i++) {
        int r = cli_check_file(cfg, &o, o.files[i], &last);
        if (r > rc) rc = r;
    }
    if (last) cli_print_profile(&o, last);
    fflush(stdout);
    config_free(cfg);
    cli_opts_free(&o);
    return rc;
}

static void cli_rules_list(const ruleset *rs, int json)
{
    sbuf out = SBUF_INIT;
    for (size_t i = 0; i < rs->nrules; i++) {
        const rule *r = rs->rules[i];
        if (json) {
            sbuf_adds(&out, "{\"id\":\"");
            sbuf_add_json(&out, r->id, strlen(r->id));
            sbuf_printf(&out, "\",\"category\":\"%s\",\"severity\":\"%s\",\"enabled\":%s,\"entries\":%zu,\"description\":\"",
                        rulefile_category_name(r->category), rulefile_severity_name(rs->sev[i]),
                        rs->on[i] ? "true" : "false", r->nents);
            sbuf_add_json(&out, r->description, strlen(r->description));
            sbuf_adds(&out, "\",\"source\":\"");
            sbuf_add_json(&out, r->file, strlen(r->file));
            sbuf_printf(&out, ":%d\"}\n", r->line);
        } else {
            sbuf_printf(&out, "%-36s %-12s %-8s%s %s\n", r->id, rulefile_category_name(r->category),
                        rulefile_severity_name(rs->sev[i]), rs->on[i] ? "" : " (off)", r->description);
        }
    }
    fwrite(out.s ? out.s : "", 1, out.len, stdout);
    sbuf_free(&out);
}

int cli_rules(int argc, char **argv)
{
    cli_opts o;
    if (cli_parse(argc, argv, OPT_FORMAT | OPT_CONFIG | OPT_RULES_DIR | OPT_TEST, &o) != 0) {
        cli_opts_free(&o);
        return 2;
    }
    config *cfg = config_new(o.rules_dir, o.configs, o.nconfigs);
    const ruleset *rs = config_ruleset(cfg, o.nfiles ? o.files[0] : NULL);
    int rc = 0;
    if (o.test) {
        rc = ruletest_run(rs) ? 1 : 0;
    } else {
        const ruleset *last = NULL;
        cli_print_rule_errors(rs, &last);
        cli_rules_list(rs, strcmp(o.format, "json") == 0);
    }
    config_free(cfg);
    cli_opts_free(&o);
    return rc;
}

static void cli_json_range(sbuf *out, const snippet_range *g)
{
    sbuf_printf(out, "[%zu,%zu,%zu,%zu]", g->line, g->col, g->end_line, g->end_col);
}

/* One expansion as a JSON object: prefix, text, tabstops (index, ranges as
 * [line, col, end_line, end_col], 0-based bytes, choices) and final. */
static void cli_snippet_expansion_json(sbuf *out, const snipset_entry *en, const snippet_result *r)
{
    sbuf_addc(out, '{');
    sbuf_add_json_member(out, "prefix", en->trigger, strlen(en->trigger));
    sbuf_addc(out, ',');
    sbuf_add_json_member(out, "text", r->text, strlen(r->text));
    sbuf_adds(out, ",\"tabstops\":[");
    for (size_t i = 0; i < r->ntabstops; i++) {
        const snippet_tabstop *t = &r->tabstops[i];
        sbuf_printf(out, "%s{\"index\":%d,\"ranges\":[", i ? "," : "", t->index);
        for (size_t k = 0; k < t->nranges; k++) {
            if (k) sbuf_addc(out, ',');
            cli_json_range(out, &t->ranges[k]);
        }
        sbuf_adds(out, "],\"choices\":");
        if (!t->choices) sbuf_adds(out, "null");
        for (size_t c = 0; t->choices && c < t->nchoices; c++) {
            sbuf_adds(out, c ? ",\"" : "[\"");
            sbuf_add_json(out, t->choices[c], strlen(t->choices[c]));
            sbuf_adds(out, c + 1 == t->nchoices ? "\"]" : "\"");
        }
        sbuf_addc(out, '}');
    }
    sbuf_adds(out, "],\"final\":");
    cli_json_range(out, &r->final);
    sbuf_adds(out, "}\n");
}

/* park snippets [--format F] [--date D] [--expand TRIGGER] [FILE]: lists the
 * snippet library that applies to FILE (default, user, project), or prints
 * one expansion. Every body is expanded while listing, so the command also
 * validates snippet files. Exit status: 0; 1 when a file or body has a
 * problem (on stderr); 2 usage or unknown trigger. */
int cli_snippets(int argc, char **argv)
{
    cli_opts o;
    if (cli_parse(argc, argv, OPT_FORMAT | OPT_DATE | OPT_EXPAND, &o) != 0 || o.nfiles > 1) {
        if (o.nfiles > 1) cli_usage_error("%s", "park snippets 最多接受一个文件（用来确定项目片段目录）");
        cli_opts_free(&o);
        return 2;
    }
    const char *doc = o.nfiles ? o.files[0] : NULL;
    snipset *s = snipset_load(NULL, doc);
    snippet_env env = {.date = o.date, .path = doc};
    int json = strcmp(o.format, "json") == 0, rc = 0;
    for (size_t i = 0; i < s->nerrors; i++) fprintf(stderr, "park: %s\n", s->errors[i]), rc = 1;
    sbuf out = SBUF_INIT;
    for (size_t i = 0; i < s->n; i++) {
        const snipset_entry *en = &s->e[i];
        if (o.expand && strcmp(en->trigger, o.expand) != 0) continue;
        snippet_result r = {0};
        perr e = {0};
        if (snipset_expand(en, &env, &r, &e) != 0) {
            fprintf(stderr, "park: %s\n", e.msg);
            rc = 1;
        } else if (o.expand && json) {
            cli_snippet_expansion_json(&out, en, &r);
        } else if (o.expand) {
            sbuf_printf(&out, "%s\n", r.text);
        } else if (json) {
            sbuf_addc(&out, '{');
            sbuf_add_json_member(&out, "prefix", en->trigger, strlen(en->trigger)), sbuf_addc(&out, ',');
            sbuf_add_json_member(&out, "name", en->name, strlen(en->name)), sbuf_addc(&out, ',');
            sbuf_add_json_member(&out, "description", en->description, strlen(en->description)), sbuf_addc(&out, ',');
            sbuf_add_json_member(&out, "file", en->file, strlen(en->file)), sbuf_printf(&out, ",\"line\":%d,", en->line);
            sbuf_add_json_member(&out, "body", en->body, strlen(en->body)), sbuf_addc(&out, ',');
            sbuf_add_json_member(&out, "preview", r.text, strlen(r.text));
            sbuf_adds(&out, "}\n");
        } else {
            sbuf_printf(&out, "%s\t%s\n", en->trigger, *en->description ? en->description : en->name);
        }
        snippet_result_free(&r);
    }
    if (o.expand && !snipset_find(s, o.expand, strlen(o.expand))) {
        fprintf(stderr, "park: 没有触发词为“%s”的片段（park snippets 列出全部片段）\n", o.expand);
        rc = 2;
    }
    fwrite(out.s ? out.s : "", 1, out.len, stdout);
    fflush(stdout);
    sbuf_free(&out);
    snipset_free(s);
    cli_opts_free(&o);
    return rc;
}

/* park rpc / park lsp: a server on stdio with the rules of the options. */
static int cli_serve(int argc, char **argv, int (*run)(config *cfg))
{
    cli_opts o;
    if (cli_parse(argc, argv, OPT_CONFIG | OPT_RULES_DIR, &o) != 0) {
        cli_opts_free(&o);
        return 2;
    }
    config *cfg = config_new(o.rules_dir, o.configs, o.nconfigs);
    int rc = run(cfg);
    config_free(cfg);
    cli_opts_free(&o);
    return rc;
}

int cli_rpc(int argc, char **argv) { return cli_serve(argc, argv, rpc_run); }

int cli_lsp(int argc, char **argv) { return cli_serve(argc, argv, lsp_run); }

int cli_version(int argc, char **argv)
{
    (void)argc, (void)argv;
    char pcre[64] = "";
    pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    printf("park %s (libuv %s, msgpack-c %s, pcre2 %s)\n", PARK_VERSION, uv_version_string(),
           msgpack_version(), pcre);
    return 0;
}

int cli_help(int argc, char **argv)
{
    (void)argc, (void)argv;
    fputs("park " PARK_VERSION " — 公文写作检查工具（Park 的辅助进程与命令行）\n"
          "\n"
          "用法：\n"
          "  park check [选项] 文件...     检查文件（- 表示标准输入）\n"
          "      --format text|json        输出格式：text（默认，FILE:LINE:COL: 级别: 信息 [规则]）或 json（每行一个对象）\n"
          "      --config 文件              额外加载的规则/配置文件（可重复）\n"
          "      --date YYYY-MM-DD          文档日期（默认从正文推断），用于时效性规则\n"
          "      --strict                   严格模式：未填的占位符算作错误\n"
          "      --markdown                 按 Markdown 检查：**强调**、列表符号不算占位符（.md 文件自动如此）\n"
          "      --rules-dir 目录           默认规则目录\n"
          "      --profile                  在标准错误输出各类规则的耗时（毫秒）\n"
          "      --encoding 编码            文件的编码（默认自动识别 UTF-8 与 GB18030/GBK）；位置按原文件字节计\n"
          "      --jobs N                   检查一个文件所用的线程数（默认 0：64 KB 以上的文件每个 CPU 核一个）\n"
          "      --max-size 大小            读入的上限（默认 256M；也可在 .parkrc 的 [config] 写 max-size = 1G）\n"
          "  park rules [--format text|json] [--test]\n"
          "                                列出已加载的规则；--test 运行每条规则的示例\n"
          "  park snippets [--format text|json] [--date YYYY-MM-DD] [--expand 触发词] [文件]\n"
          "                                列出片段库（默认、用户、文件所在项目的片段）并检查每个片段；\n"
          "                                --expand 输出一个片段展开后的文字\n"
          "  park outline [--format text|json] [--profile] 文件\n"
          "                                列出标题：行号、层级、序号（原样）、序号值、标题；\n"
          "                                --profile 在标准错误输出折叠层级的进程内耗时（整个文件、改动一行）\n"
          "  park renumber [-i] 文件       把各级标题和“一是、二是”等序号重新连续编号后输出；-i 直接改写文件\n"
          "  park rpc                      在标准输入输出上提供 msgpack-RPC（供 Neovim 使用）\n"
          "  park lsp                      在标准输入输出上提供语言服务器（LSP，供 Vim 9 等编辑器使用）\n"
          "  park --version | --help\n"
          "\n"
          "退出码：0 没有错误级别的问题；1 有错误级别的问题；2 用法或读写错误。\n"
          "规则文件：默认规则目录、$XDG_CONFIG_HOME/park/*.rules、--config 文件、就近的 .parkrc。\n",
          stdout);
    return 0;
}
