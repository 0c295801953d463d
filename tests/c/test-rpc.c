/* test-rpc.c -- protocol tests: spawn the real `park rpc` and speak raw
 * msgpack to it over pipes. With PARK_WRAPPER set (make valgrind) the helper
 * runs under that command, e.g. "valgrind --leak-check=full …", and every
 * wait is 20 times longer. */

#include <errno.h>
#include <fcntl.h>
#include <msgpack.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "task.h"

typedef struct child {
    pid_t pid;
    int in, out, err;
    char dir[64];
    msgpack_unpacker up;
    msgpack_unpacked msg;
} child;

static const char rpc_rules[] =
    "[typo.bu-shu]\ncategory = typo\nseverity = error\nmessage = 应为“{fix}”\n"
    "fire = 布署 => 部署\npass = 部署\nlist:\n布署 -> 部署\n";

static void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    fputs(s, f);
    fclose(f);
}

static int child_start(child *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->dir, sizeof c->dir, "/tmp/park-rpc-XXXXXX");
    if (!mkdtemp(c->dir)) return -1;
    char p[256];
    snprintf(p, sizeof p, "%s/rules", c->dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/rules/t.rules", c->dir);
    write_file(p, rpc_rules);
    int in[2], out[2], err[2];
    if (pipe(in) || pipe(out) || pipe(err)) return -1;
    c->pid = fork();
    if (c->pid == 0) {
        dup2(in[0], 0), dup2(out[1], 1), dup2(err[1], 2);
        close(in[1]), close(out[0]), close(err[0]);
        char rules[256], xdg[256];
        snprintf(rules, sizeof rules, "%s/rules", c->dir);
        snprintf(xdg, sizeof xdg, "%s/xdg", c->dir);
        setenv("XDG_CONFIG_HOME", xdg, 1);
        const char *wrap = getenv("PARK_WRAPPER");
        char *argv[64], *words = strdup(wrap ? wrap : "");
        int n = 0;
        for (char *w = strtok(words, " "); w && n < 58; w = strtok(NULL, " ")) argv[n++] = w;
        argv[n++] = (char *)task_park(), argv[n++] = "rpc", argv[n++] = "--rules-dir", argv[n++] = rules;
        argv[n] = NULL;
        execvp(argv[0], argv);
        _exit(127);
    }
    close(in[0]), close(out[1]), close(err[1]);
    c->in = in[1], c->out = out[0], c->err = err[0];
    signal(SIGPIPE, SIG_IGN);
    msgpack_unpacker_init(&c->up, 4096);
    msgpack_unpacked_init(&c->msg);
    return 0;
}

/* ms, or 20 times that when the helper runs under PARK_WRAPPER. */
static int child_ms(int ms)
{
    const char *wrap = getenv("PARK_WRAPPER");
    return wrap && *wrap ? ms * 20 : ms;
}

/* Waits up to ms for the child to exit; returns its wait status or -1. */
static int child_wait(child *c, int ms)
{
    ms = child_ms(ms);
    for (int t = 0; t < ms; t += 5) {
        int st;
        if (waitpid(c->pid, &st, WNOHANG) == c->pid) {
            c->pid = 0;
            return st;
        }
        usleep(5000);
    }
    return -1;
}

static void child_stop(child *c)
{
    if (c->in >= 0) close(c->in);
    if (c->pid > 0 && child_wait(c, 2000) < 0) {
        kill(c->pid, SIGKILL);
        waitpid(c->pid, NULL, 0);
    }
    close(c->out);
    close(c->err);
    msgpack_unpacked_destroy(&c->msg);
    msgpack_unpacker_destroy(&c->up);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", c->dir);
    if (system(cmd) != 0) return;
}

static void child_send(child *c, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        ssize_t w = write(c->in, s, n);
        if (w <= 0) return;
        s += w, n -= (size_t)w;
    }
}

/* The next message from the child's stdout (valid until the next call), or
 * NULL after timeout/EOF. */
static msgpack_object *child_next(child *c, int ms)
{
    for (;;) {
        if (msgpack_unpacker_next(&c->up, &c->msg) == MSGPACK_UNPACK_SUCCESS) return &c->msg.data;
        struct pollfd pfd = {c->out, POLLIN, 0};
        if (poll(&pfd, 1, child_ms(ms)) <= 0) return NULL;
        msgpack_unpacker_reserve_buffer(&c->up, 65536);
        ssize_t r = read(c->out, msgpack_unpacker_buffer(&c->up), msgpack_unpacker_buffer_capacity(&c->up));
        if (r <= 0) return NULL;
        msgpack_unpacker_buffer_consumed(&c->up, (size_t)r);
    }
}

static void pk_str(msgpack_packer *pk, const char *s)
{
    msgpack_pack_str(pk, strlen(s));
    msgpack_pack_str_body(pk, s, strlen(s));
}

/* Packs [0, id, "check", [{lines = [line], buf = 1, tick = tick}]] or the
 * notification form when id < 0. */
static void pack_check(msgpack_sbuffer *sb, long id, const char *line, int tick)
{
    msgpack_packer pk;
    msgpack_packer_init(&pk, sb, msgpack_sbuffer_write);
    if (id >= 0) {
        msgpack_pack_array(&pk, 4);
        msgpack_pack_int(&pk, 0);
        msgpack_pack_long(&pk, id);
    } else {
        msgpack_pack_array(&pk, 3);
        msgpack_pack_int(&pk, 2);
    }
    pk_str(&pk, "check");
    msgpack_pack_array(&pk, 1);
    msgpack_pack_map(&pk, 3);
    pk_str(&pk, "lines");
    msgpack_pack_array(&pk, 1);
    pk_str(&pk, line);
    pk_str(&pk, "buf");
    msgpack_pack_int(&pk, 1);
    pk_str(&pk, "tick");
    msgpack_pack_int(&pk, tick);
}

static void pack_call(msgpack_sbuffer *sb, long id, const char *method)
{
    msgpack_packer pk;
    msgpack_packer_init(&pk, sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4);
    msgpack_pack_int(&pk, 0);
    msgpack_pack_long(&pk, id);
    pk_str(&pk, method);
    msgpack_pack_array(&pk, 0);
}

static const msgpack_object *map_get(const msgpack_object *o, const char *key)
{
    if (!o || o->type != MSGPACK_OBJECT_MAP) return NULL;
    for (uint32_t i = 0; i < o->via.map.size; i++) {
        const msgpack_object *k = &o->via.map.ptr[i].key;
        if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == strlen(key) &&
            memcmp(k->via.str.ptr, key, k->via.str.size) == 0)
            return &o->via.map.ptr[i].val;
    }
    return NULL;
}

static int is_str(const msgpack_object *o, const char *s)
{
    return o && o->type == MSGPACK_OBJECT_STR && o->via.str.size == strlen(s) &&
           memcmp(o->via.str.ptr, s, o->via.str.size) == 0;
}

/* Packs [2, "call", [id, method, [{lines = [line]}]]]; id < 0 packs it as a string. */
static void pack_async(msgpack_sbuffer *sb, long id, const char *method, const char *line)
{
    msgpack_packer pk;
    msgpack_packer_init(&pk, sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 3), msgpack_pack_int(&pk, 2), pk_str(&pk, "call");
    msgpack_pack_array(&pk, 3);
    if (id >= 0) msgpack_pack_long(&pk, id);
    else pk_str(&pk, "7");
    pk_str(&pk, method);
    msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 1), pk_str(&pk, "lines");
    msgpack_pack_array(&pk, 1), pk_str(&pk, line);
}

/* The [id, error, result] of an nvim_exec_lua(API_REPLY_LUA, …) push, or NULL. */
static const msgpack_object *async_reply(const msgpack_object *m)
{
    if (!m || m->type != MSGPACK_OBJECT_ARRAY || m->via.array.size != 3 || m->via.array.ptr[0].via.u64 != 2 ||
        !is_str(&m->via.array.ptr[1], "nvim_exec_lua"))
        return NULL;
    const msgpack_object *args = &m->via.array.ptr[2];
    if (args->type != MSGPACK_OBJECT_ARRAY || args->via.array.size != 2 ||
        !is_str(&args->via.array.ptr[0], "return require('park.helper')._on_reply(...)"))
        return NULL;
    const msgpack_object *r = &args->via.array.ptr[1];
    if (r->type != MSGPACK_OBJECT_ARRAY || r->via.array.size != 1) return NULL;
    r = &r->via.array.ptr[0];
    return r->type == MSGPACK_OBJECT_ARRAY && r->via.array.size == 3 ? r->via.array.ptr : NULL;
}

/* Asserts m is [1, id, nil, result] and returns result. */
static const msgpack_object *response_ok(const msgpack_object *m, long id)
{
    if (!m || m->type != MSGPACK_OBJECT_ARRAY || m->via.array.size != 4) return NULL;
    const msgpack_object *a = m->via.array.ptr;
    if (a[0].via.u64 != 1 || (long)a[1].via.u64 != id || a[2].type != MSGPACK_OBJECT_NIL) return NULL;
    return &a[3];
}

/* The error message of [1, id, [type, msg], nil], or NULL. */
static const msgpack_object *response_err(const msgpack_object *m, long id)
{
    if (!m || m->type != MSGPACK_OBJECT_ARRAY || m->via.array.size != 4) return NULL;
    const msgpack_object *a = m->via.array.ptr;
    if (a[0].via.u64 != 1 || (long)a[1].via.u64 != id || a[2].type != MSGPACK_OBJECT_ARRAY ||
        a[2].via.array.size != 2 || a[3].type != MSGPACK_OBJECT_NIL)
        return NULL;
    return &a[2].via.array.ptr[1];
}

/* Checks the single 布署 finding of a check result for "我们要认真布署工作。". */
static int finding_ok(const msgpack_object *res)
{
    const msgpack_object *f = map_get(res, "findings");
    if (!f || f->type != MSGPACK_OBJECT_ARRAY || f->via.array.size != 1) return 0;
    const msgpack_object *x = &f->via.array.ptr[0];
    return map_get(x, "lnum")->via.u64 == 0 && map_get(x, "col")->via.u64 == 15 &&
           map_get(x, "end_col")->via.u64 == 21 && is_str(map_get(x, "fix"), "部署") &&
           is_str(map_get(x, "match"), "布署") && is_str(map_get(x, "rule"), "typo.bu-shu") &&
           is_str(map_get(x, "severity"), "error") && is_str(map_get(x, "category"), "typo");
}

static const char *sample = "我们要认真布署工作。";

TEST_IMPL(rpc_info_reports_versions_and_rules)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_call(&sb, 1, "info");
    child_send(&c, sb.data, sb.size);
    const msgpack_object *res = response_ok(child_next(&c, 5000), 1);
    ASSERT(res != NULL);
    ASSERT(map_get(res, "version") && map_get(res, "version")->type == MSGPACK_OBJECT_STR);
    ASSERT(map_get(res, "libuv") && map_get(res, "pcre2") && map_get(res, "msgpack"));
    ASSERT_INT_EQ(map_get(res, "rules")->via.u64, 1);
    ASSERT_INT_EQ(map_get(res, "entries")->via.u64, 1);
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_check_reports_byte_columns_of_chinese_text)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_check(&sb, 7, sample, 3);
    child_send(&c, sb.data, sb.size);
    const msgpack_object *res = response_ok(child_next(&c, 5000), 7);
    ASSERT(res != NULL);
    ASSERT(finding_ok(res));
    ASSERT_INT_EQ(map_get(res, "tick")->via.u64, 3);
    ASSERT(is_str(map_get(res, "method"), "check"));
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_message_split_at_every_byte_boundary)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_check(&sb, 0, sample, 1);
    size_t n = sb.size;
    for (size_t k = 1; k < n; k++) {
        /* rewrite the msgid (positive fixint at byte 2) so every answer is distinct */
        sb.data[2] = (char)(k & 0x7f);
        child_send(&c, sb.data, k);
        usleep(300);
        child_send(&c, sb.data + k, n - k);
        const msgpack_object *res = response_ok(child_next(&c, 5000), (long)(k & 0x7f));
        ASSERT(res != NULL);
        ASSERT(finding_ok(res));
    }
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_thousand_messages_in_one_write)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    for (long i = 0; i < 1000; i++) pack_check(&sb, 1000 + i, sample, (int)i);
    child_send(&c, sb.data, sb.size);
    for (long i = 0; i < 1000; i++) {
        const msgpack_object *res = response_ok(child_next(&c, 5000), 1000 + i);
        ASSERT(res != NULL);
        ASSERT(finding_ok(res));
        ASSERT_INT_EQ(map_get(res, "tick")->via.u64, i);
    }
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_large_message_spanning_many_reads)
{
    child c;
    ASSERT(child_start(&c) == 0);
    size_t reps = 100000; /* 3 MB of Chinese text on one line */
    char *line = malloc(reps * 30 + 32);
    size_t off = 0;
    for (size_t i = 0; i < reps; i++) off += (size_t)sprintf(line + off, "园区各项工作稳步推进");
    strcpy(line + off, "布署");
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_check(&sb, 9, line, 1);
    child_send(&c, sb.data, sb.size);
    const msgpack_object *res = response_ok(child_next(&c, 10000), 9);
    ASSERT(res != NULL);
    const msgpack_object *f = map_get(res, "findings");
    ASSERT_INT_EQ(f->via.array.size, 1);
    ASSERT_INT_EQ(map_get(&f->via.array.ptr[0], "col")->via.u64, off);
    free(line);
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_unknown_method_gets_error_and_service_continues)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_call(&sb, 4, "no_such_method");
    pack_call(&sb, 5, "info");
    child_send(&c, sb.data, sb.size);
    const msgpack_object *msg = response_err(child_next(&c, 5000), 4);
    ASSERT(msg != NULL && msg->type == MSGPACK_OBJECT_STR);
    ASSERT(memmem(msg->via.str.ptr, msg->via.str.size, "no_such_method", 14) != NULL);
    ASSERT(response_ok(child_next(&c, 5000), 5) != NULL);
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_bad_parameters_get_error_responses)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    /* check with no params, with a number, with lines not an array, with a line not a string,
       with a bad date; params not an array; request with 3 elements */
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 1), pk_str(&pk, "check"),
        msgpack_pack_array(&pk, 0);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 2), pk_str(&pk, "check"),
        msgpack_pack_array(&pk, 1), msgpack_pack_int(&pk, 123);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 3), pk_str(&pk, "check"),
        msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 1), pk_str(&pk, "lines"), pk_str(&pk, "x");
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 4), pk_str(&pk, "check"),
        msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 1), pk_str(&pk, "lines"), msgpack_pack_array(&pk, 1),
        msgpack_pack_int(&pk, 5);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 5), pk_str(&pk, "check"),
        msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 2), pk_str(&pk, "lines"), msgpack_pack_array(&pk, 0),
        pk_str(&pk, "date"), pk_str(&pk, "2023-13-45");
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 6), pk_str(&pk, "info"),
        msgpack_pack_int(&pk, 1);
    msgpack_pack_array(&pk, 3), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 7), pk_str(&pk, "info");
    child_send(&c, sb.data, sb.size);
    for (long id = 1; id <= 7; id++) ASSERT(response_err(child_next(&c, 5000), id) != NULL);
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_plain_notification_gets_no_answer)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_check(&sb, -1, sample, 42);
    pack_call(&sb, 5, "info");
    child_send(&c, sb.data, sb.size);
    /* the first message back answers the request: the check sent nothing */
    ASSERT(response_ok(child_next(&c, 5000), 5) != NULL);
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_malformed_bytes_close_cleanly_with_a_log)
{
    child c;
    ASSERT(child_start(&c) == 0);
    const unsigned char junk[] = {0xc1, 0xc1, 0xc1};
    child_send(&c, junk, sizeof junk);
    int st = child_wait(&c, 2000);
    ASSERT(st != -1);
    ASSERT(WIFEXITED(st));
    ASSERT_INT_EQ(WEXITSTATUS(st), 1);
    char buf[512] = "";
    ssize_t n = read(c.err, buf, sizeof buf - 1);
    ASSERT(n > 0);
    ASSERT(strstr(buf, "msgpack") != NULL);
    ASSERT(read(c.out, buf, sizeof buf) == 0); /* nothing on stdout */
    child_stop(&c);
}

TEST_IMPL(rpc_exits_zero_on_stdin_eof)
{
    child c;
    ASSERT(child_start(&c) == 0);
    close(c.in);
    c.in = -1;
    int st = child_wait(&c, 1000);
    ASSERT(st != -1 && WIFEXITED(st));
    ASSERT_INT_EQ(WEXITSTATUS(st), 0);
    child_stop(&c);
}

TEST_IMPL(rpc_exits_within_a_second_of_sigterm)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_call(&sb, 1, "info");
    child_send(&c, sb.data, sb.size);
    ASSERT(child_next(&c, 5000) != NULL); /* it is up and serving */
    kill(c.pid, SIGTERM);
    int st = child_wait(&c, 1000);
    ASSERT(st != -1 && WIFEXITED(st));
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_stdout_carries_only_msgpack)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_call(&sb, 1, "info");
    pack_call(&sb, 2, "nope");
    pack_call(&sb, 3, "rules");
    pack_check(&sb, 4, "\xff\xfe布署", 1); /* invalid UTF-8 before the finding */
    pack_check(&sb, -1, sample, 2);
    pack_async(&sb, 6, "check", sample);
    child_send(&c, sb.data, sb.size);
    close(c.in);
    c.in = -1;
    int count = 0;
    while (child_next(&c, 3000)) count++;
    ASSERT_INT_EQ(count, 5); /* info, nope, rules, check 4, call 6 */
    /* the unpacker has no leftover bytes: stdout held nothing but messages */
    ASSERT_INT_EQ(msgpack_unpacker_message_size(&c.up), 0);
    ASSERT_INT_EQ(c.up.used, c.up.off);
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_invalid_utf8_keeps_offsets_and_adds_a_note)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_check(&sb, 11, "\xff\xfe布署", 1);
    child_send(&c, sb.data, sb.size);
    const msgpack_object *res = response_ok(child_next(&c, 5000), 11);
    ASSERT(res != NULL);
    const msgpack_object *f = map_get(res, "findings");
    ASSERT_INT_EQ(f->via.array.size, 1);
    ASSERT_INT_EQ(map_get(&f->via.array.ptr[0], "col")->via.u64, 2);
    ASSERT_INT_EQ(map_get(res, "notes")->via.array.size, 1);
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_allow_appends_to_project_file)
{
    child c;
    ASSERT(child_start(&c) == 0);
    char doc[256], rc[256];
    snprintf(doc, sizeof doc, "%s/report.txt", c.dir);
    snprintf(rc, sizeof rc, "%s/.parkrc", c.dir);
    write_file(doc, "布署\n");
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 8), pk_str(&pk, "allow");
    msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 2), pk_str(&pk, "path"), pk_str(&pk, doc), pk_str(&pk, "text"),
        pk_str(&pk, "布署");
    child_send(&c, sb.data, sb.size);
    const msgpack_object *res = response_ok(child_next(&c, 5000), 8);
    ASSERT(res != NULL);
    ASSERT(is_str(map_get(res, "file"), rc));
    FILE *f = fopen(rc, "r");
    ASSERT(f != NULL);
    char buf[256] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    ASSERT_MEM_EQ(buf, n, "[allow]\n布署\n");
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_check_reports_project_rule_file_problems_as_notes)
{
    child c;
    ASSERT(child_start(&c) == 0);
    char rc[256], doc[256];
    snprintf(rc, sizeof rc, "%s/.parkrc", c.dir);
    snprintf(doc, sizeof doc, "%s/report.txt", c.dir);
    write_file(rc, "[bad rule\ncategory = typo\n");
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 3), pk_str(&pk, "check");
    msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 2), pk_str(&pk, "lines"), msgpack_pack_array(&pk, 1),
        pk_str(&pk, sample), pk_str(&pk, "path"), pk_str(&pk, doc);
    child_send(&c, sb.data, sb.size);
    const msgpack_object *res = response_ok(child_next(&c, 5000), 3);
    ASSERT(res != NULL);
    ASSERT(finding_ok(res)); /* the default rules still work */
    const msgpack_object *notes = map_get(res, "notes");
    ASSERT_INT_EQ(notes->via.array.size, 2);
    const msgpack_object *n0 = &notes->via.array.ptr[0];
    ASSERT(memmem(n0->via.str.ptr, n0->via.str.size, ".parkrc:1:", 10) != NULL);
    msgpack_sbuffer_destroy(&sb);
    child_stop(&c);
}

TEST_IMPL(rpc_call_notification_replies_with_id_error_and_result)
{
    child c;
    ASSERT(child_start(&c) == 0);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_async(&sb, -1, "check", sample); /* malformed: string id, no reply */
    pack_async(&sb, 8, "nosuch", sample);
    /* a method's own failure: check with lines that are not an array */
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 3), msgpack_pack_int(&pk, 2), pk_str(&pk, "call");
    msgpack_pack_array(&pk, 3), msgpack_pack_int(&pk, 10), pk_str(&pk, "check");
    msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 1), pk_str(&pk, "lines"), pk_str(&pk, "not an array");
    pack_async(&sb, 9, "check", sample);
    child_send(&c, sb.data, sb.size);
    const msgpack_object *r = async_reply(child_next(&c, 5000));
    ASSERT(r != NULL);
    ASSERT_INT_EQ(r[0].via.u64, 8);
    ASSERT(is_str(&r[1], "未知方法：nosuch"));
    ASSERT(r[2].type == MSGPACK_OBJECT_NIL);
    r = async_reply(child_next(&c, 5000));
    ASSERT(r != NULL);
    ASSERT_INT_EQ(r[0].via.u64, 10);
    ASSERT(r[1].type == MSGPACK_OBJECT_STR && r[1].via.str.size > 0);
    ASSERT(r[2].type == MSGPACK_OBJECT_NIL);
    r = async_reply(child_next(&c, 5000));
    ASSERT(r != NULL);
    ASSERT_INT_EQ(r[0].via.u64, 9);
    ASSERT(r[1].type == MSGPACK_OBJECT_NIL);
    ASSERT(finding_ok(&r[2]));
    msgpack_sbuffer_destroy(&sb);
    char buf[512] = "";
    ASSERT(read(c.err, buf, sizeof buf - 1) > 0);
    ASSERT(strstr(buf, "call 通知") != NULL);
    child_stop(&c);
}

/* A request about buffer 1 as Neovim's buffer mirror sends it: the whole
 * buffer (lines without base), a change (base, first, last, lines), or
 * neither (buf and tick only); from/to select placeholders' lines. */
typedef struct doc_req {
    const char *method;
    long id, tick;
    const char *const *lines; /* NULL: no lines field */
    int n;
    int change;               /* send base, first, last */
    long base, first, last;
    int range;                /* send from, to */
    long from, to;
    const char *path;
    long max_size;            /* 0: no max_size field */
    long limit;               /* 0: no limit field; -1 sends -1 */
    int view;                 /* send view = [[view_first, view_last]] */
    long view_first, view_last;
} doc_req;

static void pack_doc(msgpack_sbuffer *sb, const doc_req *r)
{
    msgpack_packer pk;
    msgpack_packer_init(&pk, sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_long(&pk, r->id), pk_str(&pk, r->method);
    msgpack_pack_array(&pk, 1);
    msgpack_pack_map(&pk, 2 + (r->lines != NULL) + 3 * r->change + 2 * r->range + (r->path != NULL) + (r->max_size != 0) +
                              (r->limit != 0) + (r->view != 0));
    pk_str(&pk, "buf"), msgpack_pack_int(&pk, 1);
    pk_str(&pk, "tick"), msgpack_pack_long(&pk, r->tick);
    if (r->lines) {
        pk_str(&pk, "lines"), msgpack_pack_array(&pk, (size_t)r->n);
        for (int i = 0; i < r->n; i++) pk_str(&pk, r->lines[i]);
    }
    if (r->change) {
        pk_str(&pk, "base"), msgpack_pack_long(&pk, r->base);
        pk_str(&pk, "first"), msgpack_pack_long(&pk, r->first);
        pk_str(&pk, "last"), msgpack_pack_long(&pk, r->last);
    }
    if (r->range) pk_str(&pk, "from"), msgpack_pack_long(&pk, r->from), pk_str(&pk, "to"), msgpack_pack_long(&pk, r->to);
    if (r->path) pk_str(&pk, "path"), pk_str(&pk, r->path);
    if (r->max_size) pk_str(&pk, "max_size"), msgpack_pack_long(&pk, r->max_size);
    if (r->limit) pk_str(&pk, "limit"), msgpack_pack_long(&pk, r->limit);
    if (r->view) {
        pk_str(&pk, "view"), msgpack_pack_array(&pk, 1), msgpack_pack_array(&pk, 2);
        msgpack_pack_long(&pk, r->view_first), msgpack_pack_long(&pk, r->view_last);
    }
}

/* Sends r and returns the answer (valid until the next child_next), or NULL. */
static msgpack_object *doc_send(child *c, const doc_req *r)
{
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    pack_doc(&sb, r);
    child_send(c, sb.data, sb.size);
    msgpack_sbuffer_destroy(&sb);
    return child_next(c, 5000);
}

/* Sends r and returns the result, or NULL. */
static const msgpack_object *doc_call(child *c, const doc_req *r) { return response_ok(doc_send(c, r), r->id); }

/* Sends r and returns the message of the error it is answered with, or NULL. */
static const msgpack_object *doc_call_err(child *c, const doc_req *r) { return response_err(doc_send(c, r), r->id); }

/* lnum of each finding (or item) of res under key, as "0,2". */
static void doc_lnums(const msgpack_object *res, const char *key, char *out, size_t cap)
{
    const msgpack_object *f = map_get(res, key);
    out[0] = '\0';
    for (uint32_t i = 0; f && f->type == MSGPACK_OBJECT_ARRAY && i < f->via.array.size; i++)
        snprintf(out + strlen(out), cap - strlen(out), i ? ",%llu" : "%llu",
                 (unsigned long long)map_get(&f->via.array.ptr[i], "lnum")->via.u64);
}

TEST_IMPL(rpc_check_limit_sends_the_findings_in_view_first_and_counts_all)
{
    child c;
    ASSERT(child_start(&c) == 0);
    const char *const six[] = {sample, sample, sample, sample, sample, sample};
    char lnums[64];
    const msgpack_object *res =
        doc_call(&c, &(doc_req){.method = "check", .id = 1, .tick = 1, .lines = six, .n = 6, .limit = 2});
    ASSERT(res != NULL);
    doc_lnums(res, "findings", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "0,1");
    ASSERT_INT_EQ(map_get(res, "total")->via.u64, 6);
    ASSERT_INT_EQ(map_get(map_get(res, "counts"), "error")->via.u64, 6);
    ASSERT_INT_EQ(map_get(map_get(res, "counts"), "warning")->via.u64, 0);
    res = doc_call(&c, &(doc_req){.method = "check", .id = 2, .tick = 2, .lines = six, .n = 6, .limit = 3,
                                  .view = 1, .view_first = 4, .view_last = 9});
    ASSERT(res != NULL);
    doc_lnums(res, "findings", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "0,4,5"); /* lines 4 and 5 in view, then the first; in buffer order */
    res = doc_call(&c, &(doc_req){.method = "check", .id = 3, .tick = 3, .lines = six, .n = 6, .limit = 9});
    doc_lnums(res, "findings", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "0,1,2,3,4,5");
    const msgpack_object *msg =
        doc_call_err(&c, &(doc_req){.method = "check", .id = 4, .tick = 4, .lines = six, .n = 6, .limit = -1});
    ASSERT(msg != NULL && memmem(msg->via.str.ptr, msg->via.str.size, "limit", 5) != NULL);
    child_stop(&c);
}

TEST_IMPL(rpc_check_follows_the_copy_of_a_buffer_by_changes)
{
    child c;
    ASSERT(child_start(&c) == 0);
    const char *const all[] = {"第一行。", sample}, *const edit[] = {"布署", "新增"};
    char lnums[64];
    const msgpack_object *res = doc_call(&c, &(doc_req){.method = "check", .id = 1, .tick = 1, .lines = all, .n = 2});
    ASSERT(res != NULL);
    doc_lnums(res, "findings", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "1");
    /* line 0 becomes two lines: 布署|新增|我们要认真布署工作。 */
    res = doc_call(&c, &(doc_req){.method = "check", .id = 2, .tick = 2, .lines = edit, .n = 2, .change = 1, .base = 1, .last = 1});
    ASSERT(res != NULL);
    ASSERT(map_get(res, "resync") == NULL);
    doc_lnums(res, "findings", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "0,2");
    ASSERT_INT_EQ(map_get(res, "tick")->via.u64, 2);
    /* the copy at tick 2 as it is, for check and for outline alike */
    res = doc_call(&c, &(doc_req){.method = "check", .id = 3, .tick = 2});
    doc_lnums(res, "findings", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "0,2");
    res = doc_call(&c, &(doc_req){.method = "outline", .id = 4, .tick = 2});
    ASSERT(res != NULL && map_get(res, "levels") != NULL);
    ASSERT_INT_EQ(map_get(res, "levels")->via.array.size, 3);
    ASSERT(map_get(res, "resync")->type == MSGPACK_OBJECT_BOOLEAN && !map_get(res, "resync")->via.boolean);
    /* a change against a tick the copy is not at, or a tick it is not at: resync */
    res = doc_call(&c, &(doc_req){.method = "check", .id = 5, .tick = 3, .lines = edit, .n = 1, .change = 1, .base = 1, .last = 1});
    ASSERT(res != NULL);
    ASSERT(map_get(res, "resync") && map_get(res, "resync")->via.boolean);
    ASSERT(map_get(res, "findings") == NULL);
    ASSERT(is_str(map_get(res, "method"), "check"));
    ASSERT_INT_EQ(map_get(res, "tick")->via.u64, 3);
    res = doc_call(&c, &(doc_req){.method = "placeholders", .id = 6, .tick = 7});
    ASSERT(res != NULL && map_get(res, "resync") && map_get(res, "resync")->via.boolean);
    /* the refused change left the copy at tick 2 */
    res = doc_call(&c, &(doc_req){.method = "check", .id = 7, .tick = 2});
    doc_lnums(res, "findings", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "0,2");
    /* a change outside the copy is an error, not a resync */
    ASSERT(doc_call_err(&c, &(doc_req){.method = "check", .id = 8, .tick = 3, .lines = edit, .n = 1, .change = 1, .base = 2,
                                       .first = 2, .last = 9}) != NULL);
    child_stop(&c);
}

TEST_IMPL(rpc_a_buffer_over_max_size_is_refused_and_its_copy_dropped)
{
    child c;
    ASSERT(child_start(&c) == 0);
    /* 17 + 7 + 20 bytes with their newlines */
    static const char *const all[] = {"投资X亿元。", "正文", "再投资X亿元。"};
    static const char *const more[] = {"新增一行园区建设内容。"};
    const msgpack_object *m = doc_call_err(&c, &(doc_req){.method = "check", .id = 1, .tick = 1, .lines = all, .n = 3, .max_size = 43});
    ASSERT(m != NULL && m->type == MSGPACK_OBJECT_STR);
    ASSERT(memmem(m->via.str.ptr, m->via.str.size, "缓冲区超过大小上限 43 字节", strlen("缓冲区超过大小上限 43 字节")) != NULL);
    /* nothing was kept: a request without lines must resync */
    const msgpack_object *res = doc_call(&c, &(doc_req){.method = "outline", .id = 2, .tick = 1, .max_size = 44});
    ASSERT(res != NULL && map_get(res, "resync") && map_get(res, "resync")->via.boolean);
    res = doc_call(&c, &(doc_req){.method = "outline", .id = 3, .tick = 1, .lines = all, .n = 3, .max_size = 44});
    ASSERT(res != NULL && map_get(res, "levels") && map_get(res, "levels")->via.array.size == 3);
    /* a change that makes it too big: refused, and the copy is gone */
    m = doc_call_err(&c, &(doc_req){.method = "placeholders", .id = 4, .tick = 2, .lines = more, .n = 1, .change = 1,
                                    .base = 1, .first = 3, .last = 3, .max_size = 44});
    ASSERT(m != NULL);
    res = doc_call(&c, &(doc_req){.method = "check", .id = 5, .tick = 2});
    ASSERT(res != NULL && map_get(res, "resync") && map_get(res, "resync")->via.boolean);
    /* without max_size the limit is the message limit: the same change is fine */
    res = doc_call(&c, &(doc_req){.method = "outline", .id = 6, .tick = 1, .lines = all, .n = 3});
    ASSERT(res != NULL && map_get(res, "levels") != NULL);
    res = doc_call(&c, &(doc_req){.method = "outline", .id = 7, .tick = 2, .lines = more, .n = 1, .change = 1, .base = 1,
                                  .first = 3, .last = 3});
    ASSERT(res != NULL && map_get(res, "levels") && map_get(res, "levels")->via.array.size == 4);
    child_stop(&c);
}

TEST_IMPL(rpc_placeholders_answer_for_lines_from_to_of_the_copy)
{
    child c;
    ASSERT(child_start(&c) == 0);
    char rc[256], doc[256], lnums[64];
    snprintf(rc, sizeof rc, "%s/.parkrc", c.dir);
    snprintf(doc, sizeof doc, "%s/report.txt", c.dir);
    write_file(rc, "[ptest.placeholder]\ncategory = placeholder\nseverity = warning\nmessage = 占位符\n"
                   "pattern = (?<![A-Za-z])X+亿元\ntrigger = 亿元\nfire = 投资X亿元\npass = 投资5亿元\n");
    static const char *const all[] = {"投资X亿元。", "正文", "再投资X亿元。"};
    const msgpack_object *res = doc_call(&c, &(doc_req){.method = "placeholders", .id = 1, .tick = 4, .lines = all, .n = 3,
                                                        .range = 1, .from = 1, .to = 3, .path = doc});
    ASSERT(res != NULL);
    ASSERT_INT_EQ(map_get(res, "from")->via.u64, 1);
    ASSERT_INT_EQ(map_get(res, "count")->via.u64, 2);
    doc_lnums(res, "items", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "2");
    /* the copy at tick 4, lines [0, 1); then every line (to clamped) */
    res = doc_call(&c, &(doc_req){.method = "placeholders", .id = 2, .tick = 4, .range = 1, .from = 0, .to = 1, .path = doc});
    doc_lnums(res, "items", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "0");
    ASSERT_INT_EQ(map_get(res, "count")->via.u64, 1);
    res = doc_call(&c, &(doc_req){.method = "placeholders", .id = 3, .tick = 4, .range = 1, .from = 0, .to = 99, .path = doc});
    doc_lnums(res, "items", lnums, sizeof lnums);
    ASSERT_STR_EQ(lnums, "0,2");
    ASSERT_INT_EQ(map_get(res, "count")->via.u64, 3);
    child_stop(&c);
}
