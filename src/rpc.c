/* rpc.c -- the msgpack-RPC transport.
 *
 * Message grammar (Neovim's): [0, msgid, method, params] is a request and
 * gets exactly one [1, msgid, error, result]; [2, method, params] is a
 * notification and gets no response; [1, …] responses are never expected
 * since the helper sends no requests. The notification
 * [2, "call", [id, method, params]] is the asynchronous request: its answer
 * is the notification nvim_exec_lua(API_REPLY_LUA, [[id, error, result]]),
 * so the editor never has to block on the helper.
 *
 * Layers:
 *
 *   stdin --(libuv pipe/tty, or read() on a file)--> rpc_session
 *   rpc_session: buffer -> msgframe (limits) -> msgpack_unpack_next -> rpc_handle
 *                -> api.c method -> rpc_out_fn (fd 1 for rpc_run)
 *
 * Reading: bytes land directly in the session's buffer (libuv's alloc
 * callback hands out its free tail). msgframe finds where the message at the
 * head ends, enforcing RPC_MAX_MESSAGE, RPC_MAX_OBJECTS and the nesting
 * limit from the headers alone; only then is the message decoded, so a
 * message split over many reads and a thousand messages in one read are the
 * same case, and nothing is allocated for what a header merely claims.
 * Writing: blocking writes of whole messages to fd 1 (waiting with poll() if
 * the descriptor is non-blocking), which keeps responses in order and stdout
 * pure msgpack. Logs go to stderr only. */

#include "rpc.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "api.h"
#include "mpack.h"
#include "mem.h"
#include "msgframe.h"

#define RPC_READ_CHUNK 65536
#define RPC_KEEP_BUFFER (1024 * 1024) /* an emptied buffer larger than this is released */

struct rpc_session {
    api_ctx api;        /* the rules (borrowed) and the buffer copies (owned) */
    int flags;
    rpc_out_fn out;
    void *out_ctx;
    char *buf;          /* bytes [start, len) are received, not yet handled */
    size_t start, len, cap;
    msgframe frame;     /* scan state of the message at buf + start */
    msgpack_unpacked msg;
    int closed;
};

typedef struct rpc {
    uv_loop_t loop;
    union {
        uv_pipe_t pipe;
        uv_tty_t tty;
    } in;
    uv_signal_t sig[3];
    rpc_session *s;
    int status;
} rpc;

static void rpc_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void rpc_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "park rpc: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void rpc_send(rpc_session *s, msgpack_sbuffer *sb)
{
    if (s->closed) return;
    if (s->out(s->out_ctx, sb->data, sb->size) < 0) s->closed = 1;
}

/* Sends [1, id, [0, msg], nil]. */
static void rpc_send_error(rpc_session *s, const msgpack_object *id, const char *msg)
{
    msgpack_sbuffer sb;
    msgpack_packer pk;
    msgpack_sbuffer_init(&sb);
    msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4);
    msgpack_pack_int(&pk, 1);
    msgpack_pack_object(&pk, *id);
    msgpack_pack_array(&pk, 2);
    msgpack_pack_int(&pk, 0);
    mpack_cstr(&pk, msg);
    msgpack_pack_nil(&pk);
    rpc_send(s, &sb);
    msgpack_sbuffer_destroy(&sb);
}

/* Runs method with params, packing its result into pk; returns 0, or a
 * negative PARK_* code with the message in e. */
static int rpc_dispatch(rpc_session *s, const msgpack_object *method, const msgpack_object *params,
                        msgpack_packer *pk, perr *e)
{
    char name[64] = "";
    size_t mn = method->via.str.size < sizeof name - 1 ? method->via.str.size : sizeof name - 1;
    if (mn) memcpy(name, method->via.str.ptr, mn); /* an empty string's ptr may be NULL */
    const api_method *m = api_find(method->via.str.ptr, method->via.str.size);
    if (!m) return perr_set(e, PARK_EPARAM, "未知方法：%s", name);
    if (params->type != MSGPACK_OBJECT_ARRAY) return perr_set(e, PARK_EPARAM, "%s 的参数必须是数组", name);
    if (m->writes && (s->flags & RPC_NO_WRITES))
        return perr_set(e, PARK_EPARAM, "%s 被拒绝：此连接不允许修改文件", name);
    return m->fn(&s->api, params, pk, e);
}

/* Runs method into *res (initialised here; the caller destroys it). */
static int rpc_answer(rpc_session *s, const msgpack_object *method, const msgpack_object *params,
                      msgpack_sbuffer *res, perr *e)
{
    msgpack_packer rpk;
    msgpack_sbuffer_init(res);
    msgpack_packer_init(&rpk, res, msgpack_sbuffer_write);
    return rpc_dispatch(s, method, params, &rpk, e);
}

/* A request ([0, id, …]) when id is set, else a notification. */
static void rpc_call(rpc_session *s, const msgpack_object *id, const msgpack_object *method,
                     const msgpack_object *params)
{
    msgpack_sbuffer res, out;
    msgpack_packer pk;
    perr e = {0};
    int rc = rpc_answer(s, method, params, &res, &e);
    msgpack_sbuffer_init(&out);
    msgpack_packer_init(&pk, &out, msgpack_sbuffer_write);
    const char *msg = e.msg[0] ? e.msg : perr_str(rc);
    if (id) {
        if (rc != 0) {
            rpc_send_error(s, id, msg);
        } else {
            msgpack_pack_array(&pk, 4);
            msgpack_pack_int(&pk, 1);
            msgpack_pack_object(&pk, *id);
            msgpack_pack_nil(&pk);
            msgpack_sbuffer_write(&out, res.data, res.size);
            rpc_send(s, &out);
        }
    } else if (rc != 0) {
        rpc_log("通知：%s", msg);
    }
    msgpack_sbuffer_destroy(&out);
    msgpack_sbuffer_destroy(&res);
}

/* The asynchronous request: notification "call" with params
 * [id, method, params]. Whatever happens, one reply is pushed:
 * nvim_exec_lua(API_REPLY_LUA, [[id, error or nil, result or nil]]), so a
 * client never waits on it and can drop replies it no longer wants. */
static void rpc_call_async(rpc_session *s, const msgpack_object *args)
{
    if (args->type != MSGPACK_OBJECT_ARRAY || args->via.array.size != 3 ||
        args->via.array.ptr[0].type != MSGPACK_OBJECT_POSITIVE_INTEGER ||
        args->via.array.ptr[1].type != MSGPACK_OBJECT_STR) {
        rpc_log("%s", "忽略格式不对的 call 通知（参数应为 [id, method, params]）");
        return;
    }
    const msgpack_object *a = args->via.array.ptr;
    msgpack_sbuffer res, out;
    msgpack_packer pk;
    perr e = {0};
    int rc = rpc_answer(s, &a[1], &a[2], &res, &e);
    msgpack_sbuffer_init(&out);
    msgpack_packer_init(&pk, &out, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 3);
    msgpack_pack_int(&pk, 2);
    mpack_cstr(&pk, "nvim_exec_lua");
    msgpack_pack_array(&pk, 2);
    mpack_cstr(&pk, API_REPLY_LUA);
    msgpack_pack_array(&pk, 1);
    msgpack_pack_array(&pk, 3);
    msgpack_pack_object(&pk, a[0]);
    if (rc == 0) {
        msgpack_pack_nil(&pk);
        msgpack_sbuffer_write(&out, res.data, res.size);
    } else {
        mpack_cstr(&pk, e.msg[0] ? e.msg : perr_str(rc));
        msgpack_pack_nil(&pk);
    }
    rpc_send(s, &out);
    msgpack_sbuffer_destroy(&out);
    msgpack_sbuffer_destroy(&res);
}

static void rpc_handle(rpc_session *s, const msgpack_object *o)
{
    if (o->type != MSGPACK_OBJECT_ARRAY || o->via.array.size < 3 ||
        o->via.array.ptr[0].type != MSGPACK_OBJECT_POSITIVE_INTEGER) {
        rpc_log("%s", "忽略一条格式不对的消息（应为 [type, …] 数组）");
        return;
    }
    const msgpack_object *a = o->via.array.ptr;
    uint64_t type = a[0].via.u64;
    if (type == 0) {
        if (a[1].type != MSGPACK_OBJECT_POSITIVE_INTEGER) {
            rpc_log("%s", "忽略 msgid 不是非负整数的请求");
            return;
        }
        if (o->via.array.size != 4 || a[2].type != MSGPACK_OBJECT_STR) {
            rpc_send_error(s, &a[1], "请求格式应为 [0, msgid, method, params]");
            return;
        }
        rpc_call(s, &a[1], &a[2], &a[3]);
    } else if (type == 2) {
        if (o->via.array.size != 3 || a[1].type != MSGPACK_OBJECT_STR) {
            rpc_log("%s", "忽略格式不对的通知（应为 [2, method, params]）");
            return;
        }
        if (a[1].via.str.size == 4 && memcmp(a[1].via.str.ptr, "call", 4) == 0) rpc_call_async(s, &a[2]);
        else rpc_call(s, NULL, &a[1], &a[2]);
    } else if (type == 1) {
        rpc_log("%s", "忽略意外的响应消息");
    } else {
        rpc_log("%s", "忽略未知类型的消息");
    }
}

/* Closes the session for good; returns -1. */
static int rpc_session_close(rpc_session *s, const char *why)
{
    if (!s->closed) rpc_log("%s，关闭连接", why);
    s->closed = 1;
    return -1;
}

/* Handles every complete message in the buffer; returns 0 or -1 (closed). */
static int rpc_session_drain(rpc_session *s)
{
    static const msgframe_limits lim = {RPC_MAX_MESSAGE, RPC_MAX_OBJECTS};
    while (!s->closed) {
        long m = msgframe_scan(&s->frame, s->buf + s->start, s->len - s->start, &lim);
        if (m == MSGFRAME_MORE) break;
        if (m == MSGFRAME_TOO_BIG) return rpc_session_close(s, "消息超过 64 MiB 的上限");
        if (m == MSGFRAME_TOO_MANY) return rpc_session_close(s, "消息所含的值超过 4194304 个的上限");
        if (m == MSGFRAME_TOO_DEEP) return rpc_session_close(s, "消息嵌套过深");
        size_t off = 0;
        if (m < 0 || msgpack_unpack_next(&s->msg, s->buf + s->start, (size_t)m, &off) != MSGPACK_UNPACK_SUCCESS ||
            off != (size_t)m)
            return rpc_session_close(s, "输入不是合法的 msgpack");
        rpc_handle(s, &s->msg.data);
        s->start += (size_t)m;
        msgframe_reset(&s->frame);
    }
    msgpack_unpacked_destroy(&s->msg);
    msgpack_unpacked_init(&s->msg);
    if (s->start == s->len) {
        s->start = s->len = 0;
        if (s->cap > RPC_KEEP_BUFFER) {
            free(s->buf);
            s->buf = NULL;
            s->cap = 0;
        }
    }
    if (s->closed) return rpc_session_close(s, "写入失败");
    return 0;
}

/* Room for at least want more bytes at buf + len; returns that free tail. */
static char *rpc_session_space(rpc_session *s, size_t want, size_t *avail)
{
    if (s->start > 0 && s->cap - s->len < want) {
        memmove(s->buf, s->buf + s->start, s->len - s->start);
        s->len -= s->start;
        s->start = 0;
    }
    size_t old = s->cap;
    xgrow(&s->buf, &s->cap, s->len + want, 1);
    /* PCRE2's JIT may read a little past a line's end: keep those bytes
     * defined, or valgrind rightly reports branches on them */
    if (s->cap > old) memset(s->buf + old, 0, s->cap - old);
    *avail = s->cap - s->len;
    return s->buf + s->len;
}

/* Accounts for n bytes written into the tail returned by rpc_session_space. */
static int rpc_session_received(rpc_session *s, size_t n)
{
    if (s->closed) return -1;
    s->len += n;
    return rpc_session_drain(s);
}

rpc_session *rpc_session_new(config *cfg, int flags, rpc_out_fn out, void *ctx)
{
    rpc_session *s = xcalloc(1, sizeof *s);
    s->api.cfg = cfg;
    s->api.bufs = bufstore_new();
    s->flags = flags;
    s->out = out;
    s->out_ctx = ctx;
    msgframe_reset(&s->frame);
    msgpack_unpacked_init(&s->msg);
    return s;
}

int rpc_session_feed(rpc_session *s, const char *p, size_t n)
{
    if (s->closed) return -1;
    size_t avail;
    char *to = rpc_session_space(s, n, &avail);
    if (n) memcpy(to, p, n);
    return rpc_session_received(s, n);
}

void rpc_session_free(rpc_session *s)
{
    if (!s) return;
    msgpack_unpacked_destroy(&s->msg);
    bufstore_free(s->api.bufs);
    free(s->buf);
    free(s);
}

/* rpc_out_fn for fd 1. */
static int rpc_write_stdout(void *ctx, const char *p, size_t n)
{
    (void)ctx;
    while (n > 0) {
        ssize_t w = write(1, p, n);
        if (w > 0) {
            p += w;
            n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR) continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pfd = {1, POLLOUT, 0};
            poll(&pfd, 1, 1000);
            continue;
        }
        rpc_log("写入标准输出失败：%s", strerror(w < 0 ? errno : EIO));
        return -1;
    }
    return 0;
}

static void rpc_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    rpc *r = h->data;
    size_t avail;
    buf->base = rpc_session_space(r->s, RPC_READ_CHUNK, &avail);
    buf->len = avail;
}

static void rpc_read(uv_stream_t *st, ssize_t n, const uv_buf_t *buf)
{
    (void)buf;
    rpc *r = st->data;
    if (n < 0) {
        if (n != UV_EOF) {
            rpc_log("读取标准输入失败：%s", uv_strerror((int)n));
            r->status = 1;
        }
        uv_stop(&r->loop);
        return;
    }
    if (rpc_session_received(r->s, (size_t)n) < 0) {
        r->status = 1;
        uv_stop(&r->loop);
    }
}

static void rpc_on_signal(uv_signal_t *h, int signum)
{
    (void)signum;
    rpc *r = h->data;
    uv_stop(&r->loop);
}

/* stdin that is a regular file (tests, batch use): plain blocking reads. */
static int rpc_run_file(rpc *r)
{
    for (;;) {
        size_t avail;
        char *to = rpc_session_space(r->s, RPC_READ_CHUNK, &avail);
        ssize_t n = read(0, to, avail);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            rpc_log("读取标准输入失败：%s", strerror(errno));
            return 1;
        }
        if (n == 0) return r->status;
        if (rpc_session_received(r->s, (size_t)n) < 0) return 1;
    }
}

static void rpc_close_cb(uv_handle_t *h)
{
    (void)h;
}

static void rpc_close_walk(uv_handle_t *h, void *arg)
{
    (void)arg;
    if (!uv_is_closing(h)) uv_close(h, rpc_close_cb);
}

int rpc_run(config *cfg)
{
    rpc r;
    memset(&r, 0, sizeof r);
    r.s = rpc_session_new(cfg, 0, rpc_write_stdout, NULL);
    uv_handle_type kind = uv_guess_handle(0);
    if (kind == UV_FILE) {
        int st = rpc_run_file(&r);
        rpc_session_free(r.s);
        return st;
    }
    uv_loop_init(&r.loop);
    int rc = -1;
    if (kind == UV_TTY) rc = uv_tty_init(&r.loop, &r.in.tty, 0, 1);
    else if (kind == UV_NAMED_PIPE || kind == UV_TCP) {
        rc = uv_pipe_init(&r.loop, &r.in.pipe, 0);
        if (rc == 0) rc = uv_pipe_open(&r.in.pipe, 0);
    }
    if (rc != 0) {
        rpc_log("无法打开标准输入：%s", rc < 0 ? uv_strerror(rc) : "不支持的类型");
        r.status = 1;
    } else {
        r.in.pipe.data = &r;
        uv_read_start((uv_stream_t *)&r.in, rpc_alloc, rpc_read);
        static const int sigs[3] = {SIGTERM, SIGINT, SIGHUP};
        for (int i = 0; i < 3; i++) {
            uv_signal_init(&r.loop, &r.sig[i]);
            r.sig[i].data = &r;
            uv_signal_start(&r.sig[i], rpc_on_signal, sigs[i]);
        }
        uv_run(&r.loop, UV_RUN_DEFAULT);
    }
    uv_walk(&r.loop, rpc_close_walk, NULL);
    uv_run(&r.loop, UV_RUN_DEFAULT);
    uv_loop_close(&r.loop);
    rpc_session_free(r.s);
    return r.status;
}
