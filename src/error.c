/* error.c -- the status codes and their messages.
 *
 * Codes and texts live in one X-macro table (PARK_ERRNO_MAP in error.h), as
 * libuv does with UV_ERRNO_MAP, so a new code is one line. */

#include "error.h"

#include <stdarg.h>
#include <stdio.h>

int perr_set(perr *e, int code, const char *fmt, ...)
{
    if (!e) return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->code = code;
    return code;
}

const char *perr_str(int code)
{
    switch (code) {
    case PARK_OK: return "成功";
#define XX(name, c, msg) case c: return msg;
        PARK_ERRNO_MAP(XX)
#undef XX
    }
    return "未知错误";
}
