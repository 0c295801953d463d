/* test-lsp.c -- `park lsp` as a scripted client sees it: lifecycle,
 * documents (full and incremental changes), diagnostics pushed and pulled
 * in UTF-16 and UTF-8 positions, quick fixes, folding ranges, document
 * symbols, and every kind of bad input, in process through
 * lsp_session_feed; then the real `park lsp` over pipes. */

#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "config.h"
#include "json.h"
#include "lsp.h"
#include "task.h"
#include "test-util.h"

static const char lsp_rules[] =
    "[typo.bu-shu]\ncategory = typo\nseverity = error\nmessage = 应为“{fix}”\n"
    "fire = 布署 => 部署\npass = 部署\nlist:\n布署 -> 部署\n";

/* A session on the rule above; out collects what the server writes. */
typedef struct lsp_t {
    char dir[PATH_MAX];
    config *cfg;
    lsp_session *s;
    sbuf out;
    size_t read; /* bytes of out already taken by lsp_t_next */
    json_value *msg;
} lsp_t;

static int lsp_t_collect(void *ctx, const char *p, size_t n)
{
    sbuf_add(ctx, p, n);
    return 0;
}

static void lsp_t_start(lsp_t *t)
{
    memset(t, 0, sizeof *t);
    char rules[PATH_MAX], p[PATH_MAX];
    tu_tmpdir(t->dir);
    tu_join(rules, t->dir, "rules");
    mkdir(rules, 0755);
    tu_writes(tu_join(p, rules, "t.rules"), lsp_rules);
    setenv("XDG_CONFIG_HOME", "/nonexistent/park-test", 1);
    t->cfg = config_new(rules, NULL, 0);
    t->s = lsp_session_new(t->cfg, 0, lsp_t_collect, &t->out);
}

static void lsp_t_stop(lsp_t *t)
{
    json_free(t->msg);
    lsp_session_free(t->s);
    config_free(t->cfg);
    sbuf_free(&t->out);
    tu_rmrf(t->dir);
}

/* Frames and feeds JSON text. */
static int lsp_t_send(lsp_t *t, const char *json)
{
    char head[64];
    snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(json));
    lsp_session_feed(t->s, head, strlen(head));
    return lsp_session_feed(t->s, json, strlen(json));
}

/* The next message the server wrote, parsed (owned by t until the next
 * call), or NULL when there is none. */
static const json_value *lsp_t_next(lsp_t *t)
{
    json_free(t->msg);
    t->msg = NULL;
    const char *p = t->out.s + t->read, *end = t->out.s + t->out.len;
    if (t->read >= t->out.len) return NULL;
    const char *body = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
    if (!body || strncmp(p, "Content-Length: ", 16) != 0) return NULL;
    size_t n = strtoul(p + 16, NULL, 10);
    body += 4;
    if ((size_t)(end - body) < n) return NULL;
    perr e = {0};
    if (json_parse(body, n, 0, &t->msg, &e) != 0) return NULL;
    t->read = (size_t)(body - t->out.s) + n;
    return t->msg;
}

static double lsp_num(const json_value *v) { return v && v->type == JSON_NUMBER ? v->num : -1; }

static const char *lsp_str(const json_value *v) { return v && v->type == JSON_STRING ? v->str : ""; }

/* params.diagnostics[i].range.start.character of a publishDiagnostics. */
static double lsp_diag_char(const json_value *m, size_t i, const char *edge)
{
    const json_value *d = json_get(json_get(m, "params"), "diagnostics");
    if (!d || d->type != JSON_ARRAY || i >= d->n) return -1;
    return lsp_num(json_get(json_get(json_get(&d->items[i], "range"), edge), "character"));
}

static void lsp_t_init(lsp_t *t, int utf8)
{
    lsp_t_send(t, utf8 ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":"
                         "{\"general\":{\"positionEncodings\":[\"utf-16\",\"utf-8\"]}}}}"
                       : "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    lsp_t_send(t, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
}

static void lsp_t_open(lsp_t *t, const char *text_json)
{
    sbuf b = SBUF_INIT;
    sbuf_printf(&b,
                "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                "{\"uri\":\"file:///tmp/park-lsp/%%E6%%8A%%A5%%E5%%91%%8A.txt\",\"languageId\":\"park\",\"version\":1,"
                "\"text\":%s}}}",
                text_json);
    sbuf_addc(&b, '\0');
    lsp_t_send(t, b.s);
    sbuf_free(&b);
}

#define LSP_DOC "{\"uri\":\"file:///tmp/park-lsp/%E6%8A%A5%E5%91%8A.txt\"}"

TEST_IMPL(lsp_initialize_negotiates_the_position_encoding)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_t_init(&t, 1);
    const json_value *m = lsp_t_next(&t);
    ASSERT(m != NULL);
    ASSERT_INT_EQ(lsp_num(json_get(m, "id")), 1);
    const json_value *caps = json_get(json_get(m, "result"), "capabilities");
    ASSERT_STR_EQ(lsp_str(json_get(caps, "positionEncoding")), "utf-8");
    ASSERT_INT_EQ(lsp_num(json_get(json_get(caps, "textDocumentSync"), "change")), 2);
    ASSERT(json_get(caps, "foldingRangeProvider") && json_get(caps, "documentSymbolProvider"));
    lsp_t_stop(&t);
    lsp_t_start(&t);
    lsp_t_init(&t, 0);
    m = lsp_t_next(&t);
    caps = json_get(json_get(m, "result"), "capabilities");
    ASSERT_STR_EQ(lsp_str(json_get(caps, "positionEncoding")), "utf-16");
    lsp_t_stop(&t);
}

TEST_IMPL(lsp_diagnostics_are_pushed_in_utf16_and_utf8_positions)
{
    for (int utf8 = 0; utf8 <= 1; utf8++) {
        lsp_t t;
        lsp_t_start(&t);
        lsp_t_init(&t, utf8);
        lsp_t_next(&t);
        lsp_t_open(&t, "\"第一行。\\n我们要认真布署工作。\\n\"");
        ASSERT(lsp_t_next(&t) == NULL); /* pushed when the input pauses */
        lsp_session_idle(t.s);
        const json_value *m = lsp_t_next(&t);
        ASSERT(m != NULL);
        ASSERT_STR_EQ(lsp_str(json_get(m, "method")), "textDocument/publishDiagnostics");
        const json_value *d = json_get(json_get(m, "params"), "diagnostics");
        ASSERT(d && d->type == JSON_ARRAY && d->n == 1);
        ASSERT_STR_EQ(lsp_str(json_get(&d->items[0], "code")), "typo.bu-shu");
        ASSERT_STR_EQ(lsp_str(json_get(&d->items[0], "source")), "park");
        ASSERT_INT_EQ(lsp_num(json_get(&d->items[0], "severity")), 1);
        ASSERT_STR_EQ(lsp_str(json_get(&d->items[0], "message")), "应为“部署”");
        ASSERT_INT_EQ(lsp_num(json_get(json_get(json_get(&d->items[0], "range"), "start"), "line")), 1);
        ASSERT_INT_EQ(lsp_diag_char(m, 0, "start"), utf8 ? 15 : 5);
        ASSERT_INT_EQ(lsp_diag_char(m, 0, "end"), utf8 ? 21 : 7);
        lsp_session_idle(t.s);
        ASSERT(lsp_t_next(&t) == NULL); /* nothing changed: nothing sent again */
        lsp_t_stop(&t);
    }
}

TEST_IMPL(lsp_incremental_and_full_changes_move_the_findings)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_t_init(&t, 0);
    lsp_t_next(&t);
    lsp_t_open(&t, "\"我们要认真布署工作。\"");
    /* insert 新增 before 认真 (UTF-16 character 3), then delete 我们 */
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                   "{\"uri\":\"file:///tmp/park-lsp/%E6%8A%A5%E5%91%8A.txt\",\"version\":2},\"contentChanges\":["
                   "{\"range\":{\"start\":{\"line\":0,\"character\":3},\"end\":{\"line\":0,\"character\":3}},\"text\":\"新增\"},"
                   "{\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":2}},\"text\":\"\"}]}}");
    lsp_session_idle(&*t.s);
    const json_value *m = lsp_t_next(&t);
    ASSERT(m != NULL);
    ASSERT_INT_EQ(lsp_num(json_get(json_get(m, "params"), "version")), 2);
    ASSERT_INT_EQ(lsp_diag_char(m, 0, "start"), 5); /* 要新增认真|布署 */
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                   "{\"uri\":\"file:///tmp/park-lsp/%E6%8A%A5%E5%91%8A.txt\",\"version\":3},\"contentChanges\":["
                   "{\"text\":\"要部署。\\n布署\"}]}}");
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/diagnostic\",\"params\":{\"textDocument\":" LSP_DOC "}}");
    m = lsp_t_next(&t);
    ASSERT_INT_EQ(lsp_num(json_get(m, "id")), 7);
    const json_value *items = json_get(json_get(m, "result"), "items");
    ASSERT(items && items->type == JSON_ARRAY && items->n == 1);
    ASSERT_INT_EQ(lsp_num(json_get(json_get(json_get(&items->items[0], "range"), "start"), "line")), 1);
    lsp_t_stop(&t);
}

TEST_IMPL(lsp_code_actions_give_quick_fixes_and_one_fix_all_edit)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_t_init(&t, 0);
    lsp_t_next(&t);
    lsp_t_open(&t, "\"布署一。\\n布署二。\"");
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":" LSP_DOC
                   ",\"range\":{\"start\":{\"line\":1,\"character\":0},\"end\":{\"line\":1,\"character\":1}},"
                   "\"context\":{\"diagnostics\":[]}}}");
    const json_value *m = lsp_t_next(&t);
    const json_value *r = json_get(m, "result");
    ASSERT(r && r->type == JSON_ARRAY && r->n == 3);
    ASSERT_STR_EQ(lsp_str(json_get(&r->items[0], "kind")), "quickfix");
    ASSERT_STR_EQ(lsp_str(json_get(&r->items[0], "title")), "修正：“布署”→“部署”");
    const json_value *changes = json_get(json_get(&r->items[0], "edit"), "changes");
    ASSERT(changes && changes->type == JSON_OBJECT && changes->n == 1);
    const json_value *edits = &changes->members[0].value;
    ASSERT(edits->type == JSON_ARRAY && edits->n == 1);
    ASSERT_STR_EQ(lsp_str(json_get(&edits->items[0], "newText")), "部署");
    ASSERT_INT_EQ(lsp_num(json_get(json_get(json_get(&edits->items[0], "range"), "start"), "line")), 1);
    /* the finding can be allowed in the project: a command, not an edit */
    ASSERT_STR_EQ(lsp_str(json_get(&r->items[1], "title")), "Park：在本项目中忽略“布署”（写入 .parkrc）");
    ASSERT_STR_EQ(lsp_str(json_get(json_get(&r->items[1], "command"), "command")), "park.allow");
    ASSERT_STR_EQ(lsp_str(json_get(&r->items[2], "kind")), "source.fixAll");
    edits = &json_get(json_get(&r->items[2], "edit"), "changes")->members[0].value;
    ASSERT_INT_EQ(edits->n, 2);
    /* only fixAll */
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":" LSP_DOC
                   ",\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}},"
                   "\"context\":{\"diagnostics\":[],\"only\":[\"source.fixAll\"]}}}");
    r = json_get(lsp_t_next(&t), "result");
    ASSERT(r && r->n == 1);
    ASSERT_STR_EQ(lsp_str(json_get(&r->items[0], "kind")), "source.fixAll");
    lsp_t_stop(&t);
}

TEST_IMPL(lsp_folding_ranges_and_symbols_follow_the_headings)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_t_init(&t, 0);
    lsp_t_next(&t);
    lsp_t_open(&t, "\"关于园区工作的报告\\n一、总体情况\\n正文。\\n（一）经济运行\\n正文。\\n二、存在问题\\n正文。\"");
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/foldingRange\",\"params\":{\"textDocument\":" LSP_DOC "}}");
    const json_value *r = json_get(lsp_t_next(&t), "result");
    ASSERT(r && r->type == JSON_ARRAY && r->n == 3);
    ASSERT_INT_EQ(lsp_num(json_get(&r->items[0], "startLine")), 1);
    ASSERT_INT_EQ(lsp_num(json_get(&r->items[0], "endLine")), 4);
    ASSERT_INT_EQ(lsp_num(json_get(&r->items[1], "startLine")), 3);
    ASSERT_INT_EQ(lsp_num(json_get(&r->items[2], "endLine")), 6);
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/documentSymbol\",\"params\":{\"textDocument\":" LSP_DOC "}}");
    r = json_get(lsp_t_next(&t), "result");
    ASSERT(r && r->type == JSON_ARRAY && r->n == 2);
    ASSERT_STR_EQ(lsp_str(json_get(&r->items[0], "name")), "一、总体情况");
    const json_value *kids = json_get(&r->items[0], "children");
    ASSERT(kids && kids->n == 1);
    ASSERT_STR_EQ(lsp_str(json_get(&kids->items[0], "name")), "（一）经济运行");
    ASSERT_STR_EQ(lsp_str(json_get(&r->items[1], "name")), "二、存在问题");
    lsp_t_stop(&t);
}

/* Opens text (JSON) as dir/报告.txt, for commands that need a file. */
static void lsp_t_open_in_dir(lsp_t *t, const char *text_json)
{
    sbuf b = SBUF_INIT;
    sbuf_printf(&b,
                "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                "{\"uri\":\"file://%s/r.txt\",\"languageId\":\"park\",\"version\":1,\"text\":%s}}}",
                t->dir, text_json);
    sbuf_addc(&b, '\0');
    lsp_t_send(t, b.s);
    sbuf_free(&b);
}

TEST_IMPL(lsp_completion_offers_snippets_for_the_trigger_being_typed)
{
    lsp_t t;
    lsp_t_start(&t);
    char snipdir[PATH_MAX], p[PATH_MAX];
    tu_join(snipdir, t.dir, "snippets");
    mkdir(snipdir, 0755);
    tu_writes(tu_join(p, snipdir, "t.json"),
              "{\"a\": {\"prefix\": [\"tbzz\", \"同比增长\"], \"body\": \"同比增长${1:X}%\"},"
              " \"b\": {\"prefix\": \"tbxj\", \"body\": \"同比下降${1:X}%\"}}");
    setenv("PARK_SNIPPETS_DIR", snipdir, 1);
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":"
                   "{\"textDocument\":{\"completion\":{\"completionItem\":{\"snippetSupport\":true}}}}}}");
    lsp_t_next(&t);
    lsp_t_open(&t, "\"园区tbz\\n营业同比\"");
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":" LSP_DOC
                   ",\"position\":{\"line\":0,\"character\":5}}}");
    const json_value *items = json_get(json_get(lsp_t_next(&t), "result"), "items");
    ASSERT(items && items->type == JSON_ARRAY && items->n == 1);
    ASSERT_STR_EQ(lsp_str(json_get(&items->items[0], "label")), "tbzz");
    ASSERT_INT_EQ(lsp_num(json_get(&items->items[0], "insertTextFormat")), 2);
    const json_value *te = json_get(&items->items[0], "textEdit");
    ASSERT_STR_EQ(lsp_str(json_get(te, "newText")), "同比增长${1:X}%");
    ASSERT_INT_EQ(lsp_num(json_get(json_get(json_get(te, "range"), "start"), "character")), 2); /* after 园区 */
    ASSERT_STR_EQ(lsp_str(json_get(&items->items[0], "documentation")), "同比增长X%");
    /* a Chinese trigger after other Chinese text */
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":" LSP_DOC
                   ",\"position\":{\"line\":1,\"character\":4}}}");
    items = json_get(json_get(lsp_t_next(&t), "result"), "items");
    ASSERT(items && items->n == 1);
    ASSERT_STR_EQ(lsp_str(json_get(&items->items[0], "label")), "同比增长");
    ASSERT_INT_EQ(lsp_num(json_get(json_get(json_get(json_get(&items->items[0], "textEdit"), "range"), "start"), "character")), 2);
    unsetenv("PARK_SNIPPETS_DIR");
    lsp_t_stop(&t);
}

TEST_IMPL(lsp_commands_renumber_as_an_edit_and_allow_into_parkrc)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_t_init(&t, 0);
    lsp_t_next(&t);
    lsp_t_open_in_dir(&t, "\"一、甲\\n三、乙\\n要布署。\"");
    char req[2 * PATH_MAX];
    snprintf(req, sizeof req,
             "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":"
             "\"park.renumber\",\"arguments\":[{\"uri\":\"file://%s/r.txt\"}]}}", t.dir);
    lsp_t_send(&t, req);
    const json_value *ch = json_get(json_get(lsp_t_next(&t), "result"), "changes");
    ASSERT(ch && ch->type == JSON_OBJECT && ch->n == 1);
    const json_value *edits = &ch->members[0].value;
    ASSERT(edits->type == JSON_ARRAY && edits->n == 1);
    ASSERT_STR_EQ(lsp_str(json_get(&edits->items[0], "newText")), "二");
    ASSERT_INT_EQ(lsp_num(json_get(json_get(json_get(&edits->items[0], "range"), "start"), "line")), 1);
    snprintf(req, sizeof req,
             "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":"
             "\"park.allow\",\"arguments\":[{\"uri\":\"file://%s/r.txt\",\"text\":\"布署\"}]}}", t.dir);
    lsp_t_send(&t, req);
    const json_value *m = lsp_t_next(&t);
    ASSERT(strstr(lsp_str(json_get(json_get(m, "result"), "file")), ".parkrc") != NULL);
    char p[PATH_MAX];
    size_t n;
    char *rc = tu_slurp(tu_join(p, t.dir, ".parkrc"), &n);
    ASSERT(rc && strstr(rc, "布署"));
    free(rc);
    lsp_session_idle(t.s); /* checked again: the finding is allowed now */
    m = lsp_t_next(&t);
    const json_value *d = json_get(json_get(m, "params"), "diagnostics");
    ASSERT(d && d->type == JSON_ARRAY);
    for (size_t i = 0; i < d->n; i++) ASSERT(strcmp(lsp_str(json_get(&d->items[i], "code")), "typo.bu-shu") != 0);
    tu_put(t.dir, "rules/p.rules", "[ph.x]\ncategory = placeholder\nseverity = error\nmessage = 占位符\npattern = X+\nfire = X年\npass = 年\n");
    config_forget(t.cfg);
    snprintf(req, sizeof req,
             "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
             "{\"uri\":\"file://%s/r.txt\",\"version\":2},\"contentChanges\":[{\"text\":\"投资XX亿元，X月。\"}]}}", t.dir);
    lsp_t_send(&t, req);
    snprintf(req, sizeof req,
             "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":"
             "\"park.placeholders\",\"arguments\":[{\"uri\":\"file://%s/r.txt\"}]}}", t.dir);
    lsp_t_send(&t, req);
    const json_value *ph = json_get(lsp_t_next(&t), "result");
    ASSERT(ph && ph->type == JSON_ARRAY && ph->n == 2);
    ASSERT_STR_EQ(lsp_str(json_get(&ph->items[0], "text")), "XX");
    ASSERT_INT_EQ(lsp_num(json_get(json_get(json_get(&ph->items[1], "range"), "start"), "character")), 7);
    snprintf(req, sizeof req,
             "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"textDocument/semanticTokens/full\",\"params\":{\"textDocument\":"
             "{\"uri\":\"file://%s/r.txt\"}}}", t.dir);
    lsp_t_send(&t, req);
    const json_value *data = json_get(json_get(lsp_t_next(&t), "result"), "data");
    ASSERT(data && data->type == JSON_ARRAY && data->n == 10);
    int want[10] = {0, 2, 2, 0, 0, 0, 5, 1, 0, 0}; /* XX at 2 (2 long), X 5 further on */
    for (int i = 0; i < 10; i++) ASSERT_INT_EQ(lsp_num(&data->items[i]), want[i]);
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":\"park.nosuch\","
                   "\"arguments\":[]}}");
    ASSERT_INT_EQ(lsp_num(json_get(json_get(lsp_t_next(&t), "error"), "code")), -32602);
    lsp_t_stop(&t);
}

TEST_IMPL(lsp_session_without_writes_refuses_allow)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_session_free(t.s);
    t.s = lsp_session_new(t.cfg, LSP_NO_WRITES, lsp_t_collect, &t.out);
    lsp_t_init(&t, 0);
    lsp_t_next(&t);
    lsp_t_open_in_dir(&t, "\"要布署。\"");
    char req[2 * PATH_MAX], p[PATH_MAX];
    snprintf(req, sizeof req,
             "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"workspace/executeCommand\",\"params\":{\"command\":"
             "\"park.allow\",\"arguments\":[{\"uri\":\"file://%s/r.txt\",\"text\":\"布署\"}]}}", t.dir);
    lsp_t_send(&t, req);
    const json_value *m = lsp_t_next(&t);
    ASSERT_INT_EQ(lsp_num(json_get(json_get(m, "error"), "code")), -32600);
    ASSERT(strstr(lsp_str(json_get(json_get(m, "error"), "message")), "不允许修改文件") != NULL);
    struct stat st;
    ASSERT(stat(tu_join(p, t.dir, ".parkrc"), &st) != 0);
    lsp_t_stop(&t);
}

/* The error code of the next message (a response), or 0. */
static int lsp_t_error(lsp_t *t)
{
    const json_value *m = lsp_t_next(t);
    return (int)lsp_num(json_get(json_get(m, "error"), "code"));
}

TEST_IMPL(lsp_bad_input_gets_errors_and_the_server_goes_on)
{
    lsp_t t;
    lsp_t_start(&t);
    /* before initialize */
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/foldingRange\",\"params\":{}}");
    ASSERT_INT_EQ(lsp_t_error(&t), -32002);
    lsp_t_init(&t, 0);
    lsp_t_next(&t);
    /* a header without Content-Length, then one that lies, then bad JSON */
    const char *junk = "X-Nothing: 1\r\n\r\nContent-Length: 12abc\r\n\r\nContent-Length: 5\r\n\r\n{bad}";
    lsp_session_feed(t.s, junk, strlen(junk));
    ASSERT_INT_EQ(lsp_t_error(&t), -32700);
    ASSERT_INT_EQ(lsp_t_error(&t), -32700);
    ASSERT_INT_EQ(lsp_t_error(&t), -32700);
    /* unknown method; not an object; a document never opened */
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"no/such\",\"params\":{}}");
    ASSERT_INT_EQ(lsp_t_error(&t), -32601);
    ASSERT_STR_EQ(lsp_str(json_get(t.msg, "id")), "a");
    lsp_t_send(&t, "[1,2]");
    ASSERT_INT_EQ(lsp_t_error(&t), -32600);
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/documentSymbol\",\"params\":{\"textDocument\":" LSP_DOC "}}");
    ASSERT_INT_EQ(lsp_t_error(&t), -32602);
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":" LSP_DOC
                   ",\"contentChanges\":[{\"text\":\"x\"}]}}");
    ASSERT(lsp_t_next(&t) == NULL); /* a notification gets no answer, only a log line */
    /* a message over the limit is skipped, and the next one still read */
    char big[80];
    snprintf(big, sizeof big, "Content-Length: %zu\r\n\r\n{", (size_t)LSP_MAX_MESSAGE + 10);
    lsp_session_feed(t.s, big, strlen(big));
    ASSERT_INT_EQ(lsp_t_error(&t), -32700);
    static char filler[4096];
    memset(filler, ' ', sizeof filler);
    size_t left = LSP_MAX_MESSAGE + 9;
    while (left > 0) {
        size_t k = left < sizeof filler ? left : sizeof filler;
        lsp_session_feed(t.s, filler, k);
        left -= k;
    }
    /* a message split at every byte still works */
    const char *req = "Content-Length: 44\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}";
    for (size_t i = 0; req[i]; i++) lsp_session_feed(t.s, req + i, 1);
    const json_value *m = lsp_t_next(&t);
    ASSERT(m != NULL);
    ASSERT_INT_EQ(lsp_num(json_get(m, "id")), 9);
    /* after shutdown only exit */
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/diagnostic\",\"params\":{}}");
    ASSERT_INT_EQ(lsp_t_error(&t), -32600);
    ASSERT_INT_EQ(lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"), 1);
    ASSERT_INT_EQ(lsp_session_status(t.s), 0);
    lsp_t_stop(&t);
}

TEST_IMPL(lsp_exit_without_shutdown_is_status_one)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_t_init(&t, 0);
    ASSERT_INT_EQ(lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"), 1);
    ASSERT_INT_EQ(lsp_session_status(t.s), 1);
    lsp_t_stop(&t);
}

TEST_IMPL(lsp_configuration_disables_rules_and_changes_severities)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{},"
                   "\"initializationOptions\":{\"severity\":{\"typo\":\"hint\"}}}}");
    lsp_t_next(&t);
    lsp_t_open(&t, "\"布署\"");
    lsp_session_idle(t.s);
    const json_value *m = lsp_t_next(&t);
    const json_value *d = json_get(json_get(m, "params"), "diagnostics");
    ASSERT(d && d->n == 1);
    ASSERT_INT_EQ(lsp_num(json_get(&d->items[0], "severity")), 4);
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeConfiguration\",\"params\":{\"settings\":"
                   "{\"park\":{\"disable\":[\"typo.bu-shu\"]}}}}");
    lsp_session_idle(t.s);
    d = json_get(json_get(lsp_t_next(&t), "params"), "diagnostics");
    ASSERT(d && d->type == JSON_ARRAY && d->n == 0);
    lsp_t_stop(&t);
}

TEST_IMPL(lsp_a_document_over_max_size_is_not_checked_and_the_user_told_once)
{
    lsp_t t;
    lsp_t_start(&t);
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{},"
                   "\"initializationOptions\":{\"max_size\":20}}}");
    lsp_t_next(&t);
    lsp_t_open(&t, "\"要认真布署工作，要认真布署工作。\"");
    lsp_session_idle(t.s);
    const json_value *m = lsp_t_next(&t);
    ASSERT_STR_EQ(lsp_str(json_get(m, "method")), "window/showMessage");
    ASSERT(strstr(lsp_str(json_get(json_get(m, "params"), "message")), "超过 20 字节的上限") != NULL);
    m = lsp_t_next(&t);
    const json_value *d = json_get(json_get(m, "params"), "diagnostics");
    ASSERT(d && d->type == JSON_ARRAY && d->n == 0);
    /* made small again: checked */
    lsp_t_send(&t, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
                   "{\"uri\":\"file:///tmp/park-lsp/%E6%8A%A5%E5%91%8A.txt\",\"version\":2},\"contentChanges\":[{\"text\":\"布署\"}]}}");
    lsp_session_idle(t.s);
    d = json_get(json_get(lsp_t_next(&t), "params"), "diagnostics");
    ASSERT(d && d->n == 1);
    lsp_t_stop(&t);
}

/* ---- the real `park lsp` ----------------------------------------------------- */

TEST_IMPL(lsp_process_speaks_only_lsp_on_stdout_and_exits_as_asked)
{
    char dir[PATH_MAX], in[PATH_MAX], outp[PATH_MAX], cmd[4 * PATH_MAX];
    tu_tmpdir(dir);
    tu_join(in, dir, "in");
    tu_join(outp, dir, "out");
    sbuf b = SBUF_INIT;
    const char *msgs[] = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/r.txt\","
        "\"languageId\":\"park\",\"version\":1,\"text\":\"要认真布署工作。\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}",
    };
    for (size_t i = 0; i < sizeof msgs / sizeof *msgs; i++) sbuf_printf(&b, "Content-Length: %zu\r\n\r\n%s", strlen(msgs[i]), msgs[i]);
    tu_write(in, b.s, b.len);
    sbuf_free(&b);
    snprintf(cmd, sizeof cmd, "XDG_CONFIG_HOME=/nonexistent %s lsp --rules-dir rules < %s > %s 2>/dev/null", task_park(), in, outp);
    int st = system(cmd);
    ASSERT(WIFEXITED(st));
    ASSERT_INT_EQ(WEXITSTATUS(st), 0);
    size_t n;
    char *out = tu_slurp(outp, &n);
    ASSERT(out != NULL);
    /* every byte belongs to a framed message: initialize's answer and shutdown's */
    size_t off = 0, count = 0;
    while (off < n) {
        ASSERT(strncmp(out + off, "Content-Length: ", 16) == 0);
        size_t len = strtoul(out + off + 16, NULL, 10);
        const char *body = memmem(out + off, n - off, "\r\n\r\n", 4);
        ASSERT(body != NULL);
        off = (size_t)(body + 4 - out) + len;
        count++;
    }
    ASSERT_INT_EQ(off, n);
    ASSERT(count >= 2);
    free(out);
    /* without shutdown: status 1; at the end of input: status 1 */
    tu_writes(in, "Content-Length: 33\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    st = system(cmd);
    ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 1);
    tu_writes(in, "");
    st = system(cmd);
    ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 1);
    tu_rmrf(dir);
}
