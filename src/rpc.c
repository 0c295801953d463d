/* rpc.c -- the msgpack-RPC transport.
 *
 * Message grammar (Neovim's): [0, msgid, method, params] is a request and
 * gets exactly one [1, msgid, error, result]; [2, method, params] is a
 * notification and gets no response; [1, …] responses are never expected
 * since the helper sends no requests.
 *
 * Reading: one persistent msgpack_unpacker. libuv's alloc callback hands out
 * the unpacker's own free space, so bytes land in it directly; after each
 * read every complete message is drained, so a message split over many reads
 * and a thousand messages in one read are the same case. Writing: blocking
 * writes of whole messages to fd 1 (waiting with poll() if the descriptor is
 * non-blocking), which keeps responses in order and stdout pure msgpack.
 * Logs go to stderr only. */

#include "rpc.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "api.h"

#define RPC_READ_CHUNK 65536

typedef struct rpc {
    uv_loop_t loop;
    union {
        uv_pipe_t pipe;
        uv_tty_t tty;
    } in;
    int in_open;
    uv_signal_t sig[3];
    msgpack_unpacker up;
    config *cfg;
    int status;
} rpc;

static void rpc_log(const char *fmt, const char *a)
{
    fprintf(stderr, "park rpc: ");
    fprintf(stderr, fmt, a);
    fputc('\n', stderr);
}

static int rpc_write(const char *p, size_t n)
{
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
        return -1;
    }
    return 0;
}

static void rpc_pack_str(msgpack_packer *pk, const char *s)
{
    size_t n = strlen(s);
    msgpack_pack_str(pk, n);
    msgpack_pack_str_body(pk, s, n);
}

static void rpc_send(rpc *r, msgpack_sbuffer *sb)
{
    if (rpc_write(sb->data, sb->size) < 0) {
        rpc_log("写入标准输出失败：%s；退出", strerror(errno));
        r->status = 1;
        uv_stop(&r->loop);
    }
}

/* Sends [1, id, [0, msg], nil]. */
static void rpc_send_error(rpc *r, const msgpack_object *id, const char *msg)
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
    rpc_pack_str(&pk, msg);
    msgpack_pack_nil(&pk);
    rpc_send(r, &sb);
    msgpack_sbuffer_destroy(&sb);
}

/* The pushed form of a failed notification: {method, error, buf, tick}, with
 * buf and tick copied from the first parameter when it is a map, so the
 * client knows which request failed. */
static void rpc_pack_push_error(msgpack_packer *pk, const char *method, const msgpack_object *params,
                                const char *msg)
{
    const msgpack_object *echo[2] = {NULL, NULL};
    static const char *const keys[2] = {"buf", "tick"};
    if (params->via.array.size > 0 && params->via.array.ptr[0].type == MSGPACK_OBJECT_MAP) {
        const msgpack_object *o = &params->via.array.ptr[0];
        for (uint32_t i = 0; i < o->via.map.size; i++)
            for (int k = 0; k < 2; k++)
                if (o->via.map.ptr[i].key.type == MSGPACK_OBJECT_STR &&
                    o->via.map.ptr[i].key.via.str.size == strlen(keys[k]) &&
                    memcmp(o->via.map.ptr[i].key.via.str.ptr, keys[k], strlen(keys[k])) == 0)
                    echo[k] = &o->via.map.ptr[i].val;
    }
    msgpack_pack_map(pk, 4);
    rpc_pack_str(pk, "method");
    rpc_pack_str(pk, method);
    rpc_pack_str(pk, "error");
    rpc_pack_str(pk, msg);
    for (int k = 0; k < 2; k++) {
        rpc_pack_str(pk, keys[k]);
        if (echo[k]) msgpack_pack_object(pk, *echo[k]);
        else msgpack_pack_nil(pk);
    }
}

static void rpc_call(rpc *r, const msgpack_object *id, const msgpack_object *method, const msgpack_object *params)
{
    char name[64] = "";
    size_t mn = method->via.str.size < sizeof name - 1 ? method->via.str.size : sizeof name - 1;
    memcpy(name, method->via.str.ptr, mn);
    const api_method *m = api_find(method->via.str.ptr, method->via.str.size);
    if (!m) {
        char msg[128];
        snprintf(msg, sizeof msg, "未知方法：%s", name);
        if (id) rpc_send_error(r, id, msg);
        else rpc_log("%s", msg);
        return;
    }
    if (params->type != MSGPACK_OBJECT_ARRAY) {
        if (id) rpc_send_error(r, id, "参数必须是数组");
        else rpc_log("通知 %s 的参数不是数组", name);
        return;
    }
    msgpack_sbuffer res;
    msgpack_packer rpk;
    msgpack_sbuffer_init(&res);
    msgpack_packer_init(&rpk, &res, msgpack_sbuffer_write);
    perr e = {0};
    int rc = m->fn(r->cfg, params, &rpk, &e);
    msgpack_sbuffer out;
    msgpack_packer pk;
    msgpack_sbuffer_init(&out);
    msgpack_packer_init(&pk, &out, msgpack_sbuffer_write);
    if (id) {
        if (rc != 0) {
            rpc_send_error(r, id, e.msg[0] ? e.msg : perr_str(rc));
        } else {
            msgpack_pack_array(&pk, 4);
            msgpack_pack_int(&pk, 1);
            msgpack_pack_object(&pk, *id);
            msgpack_pack_nil(&pk);
            msgpack_sbuffer_write(&out, res.data, res.size);
            rpc_send(r, &out);
        }
    } else if (m->push) {
        msgpack_pack_array(&pk, 3);
        msgpack_pack_int(&pk, 2);
        rpc_pack_str(&pk, "nvim_exec_lua");
        msgpack_pack_array(&pk, 2);
        rpc_pack_str(&pk, API_PUSH_LUA);
        msgpack_pack_array(&pk, 1);
        if (rc == 0) {
            msgpack_sbuffer_write(&out, res.data, res.size);
        } else {
            rpc_pack_push_error(&pk, m->name, params, e.msg[0] ? e.msg : perr_str(rc));
        }
        rpc_send(r, &out);
    } else if (rc != 0) {
        rpc_log("%s", e.msg);
    }
    msgpack_sbuffer_destroy(&out);
    msgpack_sbuffer_destroy(&res);
}

static void rpc_handle(rpc *r, const msgpack_object *o)
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
            rpc_send_error(r, &a[1], "请求格式应为 [0, msgid, method, params]");
            return;
        }
        rpc_call(r, &a[1], &a[2], &a[3]);
    } else if (type == 2) {
        if (o->via.array.size != 3 || a[1].type != MSGPACK_OBJECT_STR) {
            rpc_log("%s", "忽略格式不对的通知（应为 [2, method, params]）");
            return;
        }
        rpc_call(r, NULL, &a[1], &a[2]);
    } else if (type == 1) {
        rpc_log("%s", "忽略意外的响应消息");
    } else {
        rpc_log("%s", "忽略未知类型的消息");
    }
}

/* Drains every complete message; returns -1 on a fatal stream error. */
static int rpc_drain(rpc *r)
{
    msgpack_unpacked msg;
    msgpack_unpacked_init(&msg);
    int ret;
    while ((ret = msgpack_unpacker_next(&r->up, &msg)) == MSGPACK_UNPACK_SUCCESS) rpc_handle(r, &msg.data);
    msgpack_unpacked_destroy(&msg);
    if (ret == MSGPACK_UNPACK_PARSE_ERROR) {
        rpc_log("%s", "输入不是合法的 msgpack，关闭连接");
        return -1;
    }
    if (ret == MSGPACK_UNPACK_NOMEM_ERROR || msgpack_unpacker_message_size(&r->up) > RPC_MAX_MESSAGE) {
        rpc_log("%s", "消息过大，关闭连接");
        return -1;
    }
    return 0;
}

static void rpc_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    (void)suggested;
    rpc *r = h->data;
    if (msgpack_unpacker_buffer_capacity(&r->up) < RPC_READ_CHUNK &&
        !msgpack_unpacker_reserve_buffer(&r->up, RPC_READ_CHUNK)) {
        buf->base = NULL;
        buf->len = 0;
        return;
    }
    buf->base = msgpack_unpacker_buffer(&r->up);
    buf->len = msgpack_unpacker_buffer_capacity(&r->up);
}

static void rpc_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf)
{
    (void)buf;
    rpc *r = s->data;
    if (n == UV_ENOBUFS) {
        rpc_log("%s", "内存不足，关闭连接");
        r->status = 1;
        uv_stop(&r->loop);
        return;
    }
    if (n < 0) {
        if (n != UV_EOF) {
            rpc_log("读取标准输入失败：%s", uv_strerror((int)n));
            r->status = 1;
        }
        uv_stop(&r->loop);
        return;
    }
    msgpack_unpacker_buffer_consumed(&r->up, (size_t)n);
    if (rpc_drain(r) < 0) {
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
        if (msgpack_unpacker_buffer_capacity(&r->up) < RPC_READ_CHUNK &&
            !msgpack_unpacker_reserve_buffer(&r->up, RPC_READ_CHUNK))
            return 1;
        ssize_t n = read(0, msgpack_unpacker_buffer(&r->up), msgpack_unpacker_buffer_capacity(&r->up));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return 1;
        if (n == 0) return r->status;
        msgpack_unpacker_buffer_consumed(&r->up, (size_t)n);
        if (rpc_drain(r) < 0) return 1;
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
    r.cfg = cfg;
    if (!msgpack_unpacker_init(&r.up, RPC_READ_CHUNK)) {
        rpc_log("%s", "无法初始化 msgpack 解码器");
        return 1;
    }
    uv_handle_type kind = uv_guess_handle(0);
    if (kind == UV_FILE) {
        int st = rpc_run_file(&r);
        msgpack_unpacker_destroy(&r.up);
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
        r.in_open = 1;
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
    msgpack_unpacker_destroy(&r.up);
    return r.status;
}
