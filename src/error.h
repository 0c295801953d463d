#ifndef PARK_ERROR_H
#define PARK_ERROR_H

/* One error convention for the whole helper: functions that can fail return
 * an int status, 0 on success or one of the negative codes below, and write a
 * human-readable message (Chinese, with file:line where there is one) into a
 * caller-supplied perr. */

#define PARK_ERRNO_MAP(XX)                              \
    XX(EIO,     -1, "读写文件失败")                     \
    XX(ESYNTAX, -2, "规则文件格式错误")                 \
    XX(EREGEX,  -3, "正则表达式无效")                   \
    XX(EUSAGE,  -4, "参数错误")                         \
    XX(EPARAM,  -5, "RPC 参数错误")                     \
    XX(ENOENT,  -6, "找不到文件")                       \
    XX(ELIMIT,  -7, "超出限制")                         \
    XX(EENCODING, -8, "无法识别文本编码")             \
    XX(EBINARY, -9, "不是文本文件")

enum {
    PARK_OK = 0,
#define XX(name, code, msg) PARK_##name = code,
    PARK_ERRNO_MAP(XX)
#undef XX
};

typedef struct perr {
    int code;        /* last code set, PARK_OK when clear */
    char msg[1024];  /* NUL-terminated message */
} perr;

/* Records code and a printf-style message in e (e may be NULL); returns code. */
int perr_set(perr *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The fixed description of a code ("读写文件失败"). Never NULL. */
const char *perr_str(int code);

#endif
