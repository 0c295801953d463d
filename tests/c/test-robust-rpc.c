/* test-robust-rpc.c -- the RPC layer under hostile input: messages that
 * claim to be huge, nest too deep or hang a regex, and a peer that leaves in
 * the middle; sessions side by side in one process. In process through rpc_session_feed, and end to end against
 * the real `park rpc` (under $PARK_WRAPPER when set, as test-rpc.c). */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <msgpack.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "config.h"
#include "rpc.h"
#include "task.h"
#include "test-util.h"

/* ---- in process ------------------------------------------------------------ */

static int robust_collect(void *ctx, const char *p, size_t n)
{
    sbuf_add(ctx, p, n);
    return 0;
}

static config *robust_cfg(const char *rules_dir)
{
    setenv("XDG_CONFIG_HOME", "/nonexistent/park-test", 1);
    return config_new(rules_dir, NULL, 0);
}

static void robust_pack_check(msgpack_sbuffer *sb, int id, const char *line)
{
    msgpack_packer pk;
    msgpack_packer_init(&pk, sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, id);
    msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "check", 5);
    msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 1);
    msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "lines", 5);
    msgpack_pack_array(&pk, 1), msgpack_pack_str(&pk, strlen(line)), msgpack_pack_str_body(&pk, line, strlen(line));
}

static const char robust_rules[] =
    "[typo.bu-shu]\ncategory = typo\nseverity = error\nmessage = 应为“{fix}”\nlist:\n布署 -> 部署\n\n"
    "[style.slow]\ncategory = style\nseverity = hint\nmessage = 灾难性回溯\npattern = (a+)+$\n";

/* A rules directory holding robust_rules, in dir. */
static void robust_rules_dir(char *dir, char *rules)
{
    char p[PATH_MAX];
    tu_tmpdir(dir);
    tu_join(rules, dir, "rules");
    mkdir(rules, 0755);
    tu_writes(tu_join(p, rules, "t.rules"), robust_rules);
}

TEST_IMPL(rpc_session_split_anywhere_answers_the_same)
{
    char dir[PATH_MAX], rules[PATH_MAX];
    robust_rules_dir(dir, rules);
    config *cfg = robust_cfg(rules);
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    char line[200];
    memset(line, 'x', sizeof line);
    memcpy(line + 150, "布署", 6);
    line[199] = '\0';
    robust_pack_check(&sb, 300, line); /* a str8 and a uint16 header to cut through */
    sbuf whole = SBUF_INIT;
    rpc_session *s = rpc_session_new(cfg, 0, robust_collect, &whole);
    ASSERT_INT_EQ(rpc_session_feed(s, sb.data, sb.size), 0);
    rpc_session_free(s);
    ASSERT(whole.len > 0);
    for (size_t k = 1; k < sb.size; k++) {
        sbuf part = SBUF_INIT;
        s = rpc_session_new(cfg, 0, robust_collect, &part);
        ASSERT_INT_EQ(rpc_session_feed(s, sb.data, k), 0);
        ASSERT_INT_EQ(part.len, 0);
        ASSERT_INT_EQ(rpc_session_feed(s, sb.data + k, sb.size - k), 0);
        rpc_session_free(s);
        ASSERT_INT_EQ(part.len, whole.len);
        ASSERT(memcmp(part.s, whole.s, whole.len) == 0);
        sbuf_free(&part);
    }
    sbuf_free(&whole);
    msgpack_sbuffer_destroy(&sb);
    config_free(cfg);
    tu_rmrf(dir);
}

TEST_IMPL(rpc_session_refuses_huge_claims_from_the_header)
{
    config *cfg = robust_cfg("/nonexistent");
#define ROBUST_BYTES(lit) {lit, sizeof lit - 1}
    static const struct {
        const char *bytes;
        size_t n;
    } bad[] = {
        ROBUST_BYTES("\x94\x00\x01\xa5" "check\x91\x81\xa5" "lines\xdd\xff\xff\xff\xff"),  /* 4 G lines */
        ROBUST_BYTES("\x94\x00\x01\xa5" "check\x91\x81\xa5" "lines\x91\xdb\x40\x00\x00\x00"), /* a 1 GiB line */
        ROBUST_BYTES("\x94\x00\x01\xa5" "check\x91\xdf\x7f\xff\xff\xff"),          /* 2 G pairs */
        ROBUST_BYTES("\x94\x00\x01\xa5" "check\x91\xdc\xff\xff"),                  /* 65535 params: fine so far */
    };
    for (size_t i = 0; i < 3; i++) {
        sbuf out = SBUF_INIT;
        rpc_session *s = rpc_session_new(cfg, 0, robust_collect, &out);
        ASSERT_INT_EQ(rpc_session_feed(s, bad[i].bytes, bad[i].n), -1);
        ASSERT_INT_EQ(rpc_session_feed(s, "\xc0", 1), -1); /* closed for good */
        ASSERT_INT_EQ(out.len, 0);
        rpc_session_free(s);
    }
    sbuf out = SBUF_INIT;
    rpc_session *s = rpc_session_new(cfg, 0, robust_collect, &out);
    ASSERT_INT_EQ(rpc_session_feed(s, bad[3].bytes, bad[3].n), 0); /* waits for the rest */
    rpc_session_free(s);
    config_free(cfg);
}

TEST_IMPL(rpc_session_refuses_deep_nesting_and_the_reserved_byte)
{
    config *cfg = robust_cfg("/nonexistent");
    char deep[64];
    memset(deep, 0x91, sizeof deep);
    rpc_session *s = rpc_session_new(cfg, 0, robust_collect, NULL);
    ASSERT_INT_EQ(rpc_session_feed(s, deep, sizeof deep), -1);
    rpc_session_free(s);
    s = rpc_session_new(cfg, 0, robust_collect, NULL);
    ASSERT_INT_EQ(rpc_session_feed(s, "\x93\x02\xc1", 3), -1);
    rpc_session_free(s);
    config_free(cfg);
}

TEST_IMPL(rpc_session_without_writes_refuses_allow)
{
    char dir[PATH_MAX], doc[PATH_MAX], rc[PATH_MAX];
    tu_tmpdir(dir);
    tu_join(doc, dir, "report.txt");
    tu_join(rc, dir, ".parkrc");
    config *cfg = robust_cfg("/nonexistent");
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 5);
    msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "allow", 5);
    msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, 2);
    msgpack_pack_str(&pk, 4), msgpack_pack_str_body(&pk, "path", 4);
    msgpack_pack_str(&pk, strlen(doc)), msgpack_pack_str_body(&pk, doc, strlen(doc));
    msgpack_pack_str(&pk, 4), msgpack_pack_str_body(&pk, "text", 4);
    msgpack_pack_str(&pk, 6), msgpack_pack_str_body(&pk, "布署", 6);
    sbuf out = SBUF_INIT;
    rpc_session *s = rpc_session_new(cfg, RPC_NO_WRITES, robust_collect, &out);
    ASSERT_INT_EQ(rpc_session_feed(s, sb.data, sb.size), 0);
    rpc_session_free(s);
    ASSERT(out.len > 0 && memmem(out.s, out.len, "不允许修改文件", strlen("不允许修改文件")) != NULL);
    ASSERT(access(rc, F_OK) != 0);
    sbuf_free(&out);
    msgpack_sbuffer_destroy(&sb);
    config_free(cfg);
    tu_rmrf(dir);
}

/* Sends s (writing into out) one `outline` request for buffer 1 at tick:
 * the whole buffer (line) when base < 0, else line replacing line 0 of the
 * copy at base. Returns the answer's resync flag, -1 when there is none. */
static int robust_outline(rpc_session *s, sbuf *out, long tick, long base, const char *line)
{
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4), msgpack_pack_int(&pk, 0), msgpack_pack_int(&pk, 1);
    msgpack_pack_str(&pk, 7), msgpack_pack_str_body(&pk, "outline", 7);
    msgpack_pack_array(&pk, 1), msgpack_pack_map(&pk, base < 0 ? 3 : 6);
    msgpack_pack_str(&pk, 3), msgpack_pack_str_body(&pk, "buf", 3), msgpack_pack_int(&pk, 1);
    msgpack_pack_str(&pk, 4), msgpack_pack_str_body(&pk, "tick", 4), msgpack_pack_long(&pk, tick);
    msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "lines", 5);
    msgpack_pack_array(&pk, 1), msgpack_pack_str(&pk, strlen(line)), msgpack_pack_str_body(&pk, line, strlen(line));
    if (base >= 0) {
        msgpack_pack_str(&pk, 4), msgpack_pack_str_body(&pk, "base", 4), msgpack_pack_long(&pk, base);
        msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "first", 5), msgpack_pack_int(&pk, 0);
        msgpack_pack_str(&pk, 4), msgpack_pack_str_body(&pk, "last", 4), msgpack_pack_int(&pk, 1);
    }
    sbuf_clear(out);
    int rc = rpc_session_feed(s, sb.data, sb.size), resync = -1;
    msgpack_unpacked m;
    msgpack_unpacked_init(&m);
    size_t off = 0;
    if (rc == 0 && out->len && msgpack_unpack_next(&m, out->s, out->len, &off) == MSGPACK_UNPACK_SUCCESS &&
        m.data.type == MSGPACK_OBJECT_ARRAY && m.data.via.array.size == 4) {
        const msgpack_object *res = &m.data.via.array.ptr[3];
        for (uint32_t i = 0; res->type == MSGPACK_OBJECT_MAP && i < res->via.map.size; i++) {
            const msgpack_object *k = &res->via.map.ptr[i].key, *v = &res->via.map.ptr[i].val;
            if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == 6 && memcmp(k->via.str.ptr, "resync", 6) == 0 &&
                v->type == MSGPACK_OBJECT_BOOLEAN)
                resync = v->via.boolean;
        }
    }
    msgpack_unpacked_destroy(&m);
    msgpack_sbuffer_destroy(&sb);
    return resync;
}

/* Each session has its own buffer copies: an edit against the copy one
 * session holds is news to another (resync), and freeing one session leaves
 * the other's copy in place. */
TEST_IMPL(rpc_session_two_sessions_keep_separate_buffer_copies)
{
    config *cfg = robust_cfg("/nonexistent");
    sbuf out_a = SBUF_INIT, out_b = SBUF_INIT;
    rpc_session *a = rpc_session_new(cfg, 0, robust_collect, &out_a);
    rpc_session *b = rpc_session_new(cfg, 0, robust_collect, &out_b);
    ASSERT_INT_EQ(robust_outline(a, &out_a, 5, -1, "一、总体情况"), 0);
    ASSERT_INT_EQ(robust_outline(b, &out_b, 6, 5, "（一）主要做法"), 1);
    ASSERT_INT_EQ(robust_outline(a, &out_a, 6, 5, "（一）主要做法"), 0);
    ASSERT_INT_EQ(robust_outline(b, &out_b, 9, -1, "二、下一步"), 0);
    rpc_session_free(b);
    ASSERT_INT_EQ(robust_outline(a, &out_a, 7, 6, "一、总体情况"), 0);
    rpc_session_free(a);
    /* a new session starts with no copies */
    a = rpc_session_new(cfg, 0, robust_collect, &out_a);
    ASSERT_INT_EQ(robust_outline(a, &out_a, 8, 7, "正文"), 1);
    rpc_session_free(a);
    sbuf_free(&out_a);
    sbuf_free(&out_b);
    config_free(cfg);
}

/* ---- end to end ------------------------------------------------------------- */

typedef struct robust_child {
    pid_t pid;
    int in, out, err;
} robust_child;

static int robust_slow(int ms)
{
    const char *w = getenv("PARK_WRAPPER");
    return w && *w ? ms * 20 : ms;
}

static int robust_start(robust_child *c, const char *rules)
{
    int in[2], out[2], err[2];
    if (pipe(in) || pipe(out) || pipe(err)) return -1;
    c->pid = fork();
    if (c->pid == 0) {
        dup2(in[0], 0), dup2(out[1], 1), dup2(err[1], 2);
        close(in[1]), close(out[0]), close(err[0]);
        setenv("XDG_CONFIG_HOME", "/nonexistent/park-test", 1);
        const char *wrap = getenv("PARK_WRAPPER");
        char *argv[64], *words = strdup(wrap ? wrap : "");
        int n = 0;
        for (char *w = strtok(words, " "); w && n < 58; w = strtok(NULL, " ")) argv[n++] = w;
        argv[n++] = (char *)task_park(), argv[n++] = "rpc", argv[n++] = "--rules-dir", argv[n++] = (char *)rules;
        argv[n] = NULL;
        execvp(argv[0], argv);
        _exit(127);
    }
    close(in[0]), close(out[1]), close(err[1]);
    c->in = in[1], c->out = out[0], c->err = err[0];
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

/* Waits up to ms for the exit; returns the wait status (rusage in *ru) or -1. */
static int robust_wait(robust_child *c, int ms, struct rusage *ru)
{
    ms = robust_slow(ms);
    for (int t = 0; t < ms; t += 5) {
        int st;
        if (wait4(c->pid, &st, WNOHANG, ru) == c->pid) {
            c->pid = 0;
            return st;
        }
        usleep(5000);
    }
    return -1;
}

static void robust_stop(robust_child *c)
{
    if (c->in >= 0) close(c->in);
    if (c->pid > 0 && robust_wait(c, 3000, NULL) < 0) {
        kill(c->pid, SIGKILL);
        waitpid(c->pid, NULL, 0);
    }
    close(c->out);
    close(c->err);
}

/* Reads what the child wrote to fd (up to cap - 1 bytes, waiting up to ms). */
static size_t robust_read(int fd, char *buf, size_t cap, int ms)
{
    size_t n = 0;
    struct pollfd pfd = {fd, POLLIN, 0};
    while (n + 1 < cap && poll(&pfd, 1, robust_slow(ms)) > 0) {
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r <= 0) break;
        n += (size_t)r;
        ms = 200;
    }
    buf[n] = '\0';
    return n;
}

static void robust_send(robust_child *c, const void *p, size_t n)
{
    const char *s = p;
    while (n) {
        ssize_t w = write(c->in, s, n);
        if (w <= 0) return;
        s += w, n -= (size_t)w;
    }
}

TEST_IMPL(rpc_huge_size_claim_closes_the_connection_without_allocating_it)
{
    char dir[PATH_MAX], rules[PATH_MAX];
    robust_rules_dir(dir, rules);
    static const char claim0[] = "\x94\x00\x01\xa5" "check\x91\x81\xa5" "lines\xdd\xff\xff\xff\xf0"; /* 4 G lines */
    static const char claim1[] = "\x94\x00\x01\xa5" "check\x91\x81\xa5" "lines\x91\xdb\x7f\xff\xff\xff"; /* 2 GiB */
    for (int i = 0; i < 2; i++) {
        robust_child c;
        ASSERT(robust_start(&c, rules) == 0);
        if (i == 0) robust_send(&c, claim0, sizeof claim0 - 1); /* and keep the pipe open */
        else robust_send(&c, claim1, sizeof claim1 - 1);
        struct rusage ru;
        int st = robust_wait(&c, 3000, &ru);
        ASSERT(st != -1 && WIFEXITED(st));
        ASSERT_INT_EQ(WEXITSTATUS(st), 1);
        char err[1024];
        robust_read(c.err, err, sizeof err, 1000);
        const char *w = getenv("PARK_WRAPPER");
        if (!(w && *w)) {
            ASSERT(strstr(err, "64 MiB") != NULL);
            if (ru.ru_maxrss > 200 * 1024) task_fail(__FILE__, __LINE__, "peak RSS %ld KiB", ru.ru_maxrss);
        }
        char out[64];
        ASSERT_INT_EQ(robust_read(c.out, out, sizeof out, 100), 0); /* no answer, no garbage */
        robust_stop(&c);
    }
    tu_rmrf(dir);
}

TEST_IMPL(rpc_catastrophic_pattern_is_skipped_and_the_check_answers)
{
    char dir[PATH_MAX], rules[PATH_MAX];
    robust_rules_dir(dir, rules);
    robust_child c;
    ASSERT(robust_start(&c, rules) == 0);
    char line[128];
    memset(line, 'a', 60);
    strcpy(line + 60, "b布署");
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    robust_pack_check(&sb, 7, line);
    robust_pack_check(&sb, 8, "认真布署"); /* the next request is served too */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    robust_send(&c, sb.data, sb.size);
    msgpack_unpacker up;
    msgpack_unpacker_init(&up, 4096);
    msgpack_unpacked msg;
    msgpack_unpacked_init(&msg);
    int got = 0, noted = 0, found = 0;
    while (got < 2) {
        int r = msgpack_unpacker_next(&up, &msg);
        if (r == MSGPACK_UNPACK_SUCCESS) {
            got++;
            char *s = malloc(65536);
            size_t n = msgpack_object_print_buffer(s, 65536, msg.data);
            if (memmem(s, n, "style.slow", 10)) noted++;
            if (memmem(s, n, "typo.bu-shu", 11)) found++;
            free(s);
            continue;
        }
        struct pollfd pfd = {c.out, POLLIN, 0};
        if (poll(&pfd, 1, robust_slow(10000)) <= 0) break;
        msgpack_unpacker_reserve_buffer(&up, 65536);
        ssize_t rd = read(c.out, msgpack_unpacker_buffer(&up), msgpack_unpacker_buffer_capacity(&up));
        if (rd <= 0) break;
        msgpack_unpacker_buffer_consumed(&up, (size_t)rd);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ASSERT_INT_EQ(got, 2);
    ASSERT_INT_EQ(noted, 1);  /* the note names the rule, in the first answer */
    ASSERT_INT_EQ(found, 2);  /* the other rule fired in both */
    double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (dt > robust_slow(5000) / 1000.0) task_fail(__FILE__, __LINE__, "took %.1f s", dt);
    msgpack_unpacked_destroy(&msg);
    msgpack_unpacker_destroy(&up);
    msgpack_sbuffer_destroy(&sb);
    robust_stop(&c);
    tu_rmrf(dir);
}

TEST_IMPL(rpc_helper_exits_when_the_editor_vanishes_mid_request)
{
    char dir[PATH_MAX], rules[PATH_MAX];
    robust_rules_dir(dir, rules);
    robust_child c;
    ASSERT(robust_start(&c, rules) == 0);
    /* a check big enough to be busy when both pipes close */
    sbuf line = SBUF_INIT;
    for (int i = 0; i < 200000; i++) sbuf_adds(&line, "园区各项工作稳步推进布署");
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    robust_pack_check(&sb, 1, line.s);
    robust_send(&c, sb.data, sb.size);
    close(c.in), c.in = -1;
    close(c.out), c.out = open("/dev/null", O_RDONLY); /* the reader is gone: EPIPE */
    int st = robust_wait(&c, 10000, NULL);
    ASSERT(st != -1);
    ASSERT(WIFEXITED(st));
    char err[1024];
    robust_read(c.err, err, sizeof err, 100);
    const char *w = getenv("PARK_WRAPPER");
    if (!(w && *w)) ASSERT(strstr(err, "写入标准输出失败") != NULL);
    sbuf_free(&line);
    msgpack_sbuffer_destroy(&sb);
    robust_stop(&c);
    tu_rmrf(dir);
}
