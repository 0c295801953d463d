/* allow.c -- the project allow-list, written by :ParkIgnore.
 *
 * A phrase goes at the end of the [allow] section of the project's .parkrc
 * (a new section is appended when the file has none). The rest of the file
 * is kept byte for byte, and the file is replaced atomically. */

#include "allow.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fileio.h"
#include "mem.h"
#include "sbuf.h"

/* Offset where a new line of the [allow] section should go, or -1 when the
 * text has no [allow] section. */
static long allow_insert_at(const char *text, size_t len)
{
    size_t i = 0;
    long in_allow = 0, at = -1;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + i, *e = text + end;
        while (s < e && (*s == ' ' || *s == '\t')) s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
        if (e > s && *s == '[' && e[-1] == ']') {
            in_allow = (e - s == 7 && memcmp(s, "[allow]", 7) == 0);
            if (in_allow) at = (long)(nl ? end + 1 : len);
        } else if (in_allow && e > s && *s != '#') {
            at = (long)(nl ? end + 1 : len);
        }
        i = end + 1;
    }
    return at;
}

int allow_add(const char *path, const char *phrase, char **written, perr *e)
{
    if (!phrase || !*phrase || strchr(phrase, '\n') || strchr(phrase, '\r'))
        return perr_set(e, PARK_EPARAM, "要忽略的文字不能为空，也不能含换行");
    char *proj = fileio_find_up(path, CONFIG_PROJECT_FILE);
    if (!proj) {
        char *dir = fileio_is_dir(path) ? xstrdup(path) : fileio_dirname(path);
        sbuf p = SBUF_INIT;
        sbuf_printf(&p, "%s/%s", dir, CONFIG_PROJECT_FILE);
        free(dir);
        proj = sbuf_detach(&p);
    }
    char *text = NULL;
    size_t len = 0;
    perr re = {0};
    int rc = fileio_read(proj, &text, &len, &re);
    if (rc == PARK_ENOENT) {
        text = xstrdup("");
        len = 0;
    } else if (rc != 0) {
        free(proj);
        return perr_set(e, rc, "%s", re.msg);
    }
    sbuf out = SBUF_INIT;
    long at = allow_insert_at(text, len);
    if (at < 0) {
        sbuf_add(&out, text, len);
        if (len && text[len - 1] != '\n') sbuf_addc(&out, '\n');
        if (len) sbuf_addc(&out, '\n');
        sbuf_printf(&out, "[allow]\n%s\n", phrase);
    } else {
        sbuf_add(&out, text, (size_t)at);
        if (at > 0 && text[at - 1] != '\n') sbuf_addc(&out, '\n');
        sbuf_printf(&out, "%s\n", phrase);
        sbuf_add(&out, text + at, len - (size_t)at);
    }
    free(text);
    rc = fileio_write_atomic(proj, out.s, out.len, e);
    sbuf_free(&out);
    if (rc != 0) {
        free(proj);
        return rc;
    }
    *written = proj;
    return 0;
}
