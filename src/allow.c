/* allow.c -- the project allow-list, written by :ParkIgnore and
 * :ParkUnignore.
 *
 * A phrase goes at the end of the [allow] section of the project's .parkrc
 * (a new section is appended when the file has none), and is taken out of
 * every [allow] section again. The rest of the file is kept byte for byte,
 * and the file is replaced atomically. */

#include "allow.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fileio.h"
#include "mem.h"
#include "rulefile.h"
#include "sbuf.h"

/* One line of a project file: [start, next) with its newline, [s, e) its
 * text without surrounding blanks; in_allow when it lies in an [allow]
 * section (a section header itself is not). */
typedef struct allow_line {
    size_t start, next;
    const char *s, *e;
    int in_allow, header;
} allow_line;

/* Steps *ln to the line at ln->next of text; 0 at the end. */
static int allow_next(const char *text, size_t len, allow_line *ln)
{
    size_t i = ln->next;
    if (i >= len) return 0;
    const char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    const char *s = text + i, *e = text + end;
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) e--;
    ln->header = e > s && *s == '[' && e[-1] == ']';
    if (ln->header) ln->in_allow = e - s == 7 && memcmp(s, "[allow]", 7) == 0;
    ln->start = i, ln->next = nl ? end + 1 : len, ln->s = s, ln->e = e;
    return 1;
}

/* Offset where a new line of the [allow] section should go, or -1 when the
 * text has no [allow] section. */
static long allow_insert_at(const char *text, size_t len)
{
    allow_line ln = {0};
    long at = -1;
    while (allow_next(text, len, &ln))
        if (ln.in_allow && (ln.header || (ln.e > ln.s && *ln.s != '#'))) at = (long)ln.next;
    return at;
}

/* The project file for the document at path: the nearest .parkrc, or a new
 * one beside the document (caller frees). */
static char *allow_project(const char *path)
{
    char *proj = fileio_find_up(path, CONFIG_PROJECT_FILE);
    if (proj) return proj;
    char *dir = fileio_is_dir(path) ? xstrdup(path) : fileio_dirname(path);
    sbuf p = SBUF_INIT;
    sbuf_printf(&p, "%s/%s", dir, CONFIG_PROJECT_FILE);
    free(dir);
    return sbuf_detach(&p);
}

char **allow_list(const char *path, size_t *n, char **file)
{
    *n = 0;
    *file = fileio_find_up(path, CONFIG_PROJECT_FILE);
    if (!*file) return NULL;
    rulefile *f = rulefile_load(*file);
    char **list = f->nallow ? f->allow : NULL;
    *n = f->nallow;
    f->allow = NULL, f->nallow = 0; /* taken over */
    rulefile_free(f);
    return list;
}

int allow_remove(const char *path, const char *phrase, char **written, size_t *removed, perr *e)
{
    *removed = 0;
    char *proj = fileio_find_up(path, CONFIG_PROJECT_FILE);
    if (!proj) return perr_set(e, PARK_ENOENT, "找不到项目的 %s，没有可取消的允许项", CONFIG_PROJECT_FILE);
    char *text = NULL;
    size_t len = 0, plen = strlen(phrase);
    int rc = fileio_read(proj, &text, &len, e);
    if (rc != 0) {
        free(proj);
        return rc;
    }
    sbuf out = SBUF_INIT;
    allow_line ln = {0};
    while (allow_next(text, len, &ln)) {
        if (ln.in_allow && !ln.header && (size_t)(ln.e - ln.s) == plen && memcmp(ln.s, phrase, plen) == 0) {
            (*removed)++;
            continue;
        }
        sbuf_add(&out, text + ln.start, ln.next - ln.start);
    }
    free(text);
    if (*removed == 0) rc = perr_set(e, PARK_ENOENT, "%s 的 [allow] 中没有“%s”", proj, phrase);
    else rc = fileio_write_atomic(proj, out.s ? out.s : "", out.len, e);
    sbuf_free(&out);
    if (rc != 0) {
        free(proj);
        return rc;
    }
    *written = proj;
    return 0;
}

int allow_add(const char *path, const char *phrase, char **written, perr *e)
{
    if (!phrase || !*phrase || strchr(phrase, '\n') || strchr(phrase, '\r'))
        return perr_set(e, PARK_EPARAM, "要忽略的文字不能为空，也不能含换行");
    char *proj = allow_project(path);
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
