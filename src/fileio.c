/* fileio.c -- reading and atomically replacing files, and finding them.
 *
 * The helper never changes a user's text except by an explicit command, and
 * then only through fileio_write_atomic(): temporary file in the same
 * directory, fsync, rename. A crash or a full disk leaves the original. */

#include "fileio.h"

#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "mem.h"
#include "sbuf.h"

/* Bytes of a stream read before it is sniffed for binary content. */
#define FILEIO_SNIFF (64 * 1024)

/* Reads fd to its end, or to max bytes: past that it stops with
 * PARK_ELIMIT (*len: max + 1, a lower bound). hint: the expected size (a
 * regular file's), so the buffer is allocated once at its final size; 0 if
 * unknown. With sniff, a stream whose first FILEIO_SNIFF bytes look binary
 * stops there with PARK_EBINARY. Returns 0, PARK_EIO (errno set),
 * PARK_ELIMIT or PARK_EBINARY; *out is set only on 0. */
static int fileio_read_fd(int fd, size_t hint, size_t max, int sniff, char **out, size_t *len)
{
    size_t cap = hint ? hint + 2 : 65536, n = 0; /* + the NUL and a byte to see EOF */
    if (cap > max + 2) cap = max + 2;
    char *buf = xmalloc(cap);
    int sniffed = !sniff;
    for (;;) {
        if (cap - n < 2) {
            if (n > max) break;
            size_t grown = cap < (max + 2) / 2 ? cap * 2 : max + 2;
            buf = xrealloc(buf, cap = grown);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            free(buf);
            errno = err;
            return PARK_EIO;
        }
        if (r == 0) break;
        n += (size_t)r;
        if (!sniffed && n >= FILEIO_SNIFF) {
            sniffed = 1;
            if (fileio_looks_binary(buf, n, NULL, 0)) {
                free(buf);
                *len = n;
                return PARK_EBINARY;
            }
        }
        if (n > max) break;
    }
    if (n > max) {
        free(buf);
        *len = max + 1;
        return PARK_ELIMIT;
    }
    buf[n] = '\0';
    *len = n;
    *out = buf;
    return 0;
}

/* Fewer control characters than this never make a file binary: a short
 * text with a few NULs of PDF debris is still checked. */
#define FILEIO_BINARY_MIN 32

/* Control characters other than the whitespace and escape text may hold. */
static int fileio_is_control(unsigned char c)
{
    return c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B) || c == 0x7F;
}

int fileio_looks_binary(const char *s, size_t n, const char *const *more, size_t nmore)
{
    size_t total = n, ctrl = 0;
    for (size_t i = 0; i < n; i++) ctrl += fileio_is_control((unsigned char)s[i]);
    for (size_t k = 0; k + 1 < nmore * 2; k += 2) {
        size_t m = (size_t)(more[k + 1] - more[k]);
        for (size_t i = 0; i < m; i++) ctrl += fileio_is_control((unsigned char)more[k][i]);
        total += m;
    }
    return ctrl >= FILEIO_BINARY_MIN && ctrl * 16 > total;
}

/* Whether the regular file fd of size n looks binary, from three samples
 * read with pread: a large sparse or binary file is refused before it is
 * mapped or read. 0 when it cannot tell. */
static int fileio_sniff_fd(int fd, size_t n)
{
    char *buf = xmalloc(3 * FILEIO_SNIFF);
    const off_t at[] = {0, (off_t)(n / 2), (off_t)(n - FILEIO_SNIFF)};
    size_t got[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        ssize_t r = pread(fd, buf + k * FILEIO_SNIFF, FILEIO_SNIFF, at[k]);
        got[k] = r > 0 ? (size_t)r : 0;
    }
    const char *more[] = {buf + FILEIO_SNIFF, buf + FILEIO_SNIFF + got[1],
                          buf + 2 * FILEIO_SNIFF, buf + 2 * FILEIO_SNIFF + got[2]};
    int bin = fileio_looks_binary(buf, got[0], more, 2);
    free(buf);
    return bin;
}

/* Whether the text of b looks binary: its head, middle and tail, each
 * FILEIO_SNIFF bytes, sampled. */
static int fileio_text_binary(const fileio_buf *b)
{
    if (b->len <= 3 * FILEIO_SNIFF) return fileio_looks_binary(b->s, b->len, NULL, 0);
    const char *mid = b->s + b->len / 2, *tail = b->s + b->len - FILEIO_SNIFF;
    const char *more[] = {mid, mid + FILEIO_SNIFF, tail, tail + FILEIO_SNIFF};
    return fileio_looks_binary(b->s, FILEIO_SNIFF, more, 2);
}

/* Files this large are mapped rather than read by fileio_read_text(). */
#define FILEIO_MAP_MIN (256 * 1024)

/* Maps the regular file fd of size n, followed by at least one zero byte,
 * read-only; NULL if it cannot. The pages come from the page cache at once
 * (MAP_POPULATE): reading a megabyte instead cost 256 page faults on fresh
 * memory and a copy, about 1 ms here. */
static char *fileio_map_fd(int fd, size_t n, size_t *maplen)
{
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0) return NULL;
    size_t total = (n / (size_t)page + 1) * (size_t)page; /* a zero page after a file that fills its last one */
    char *base = mmap(NULL, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return NULL;
    if (mmap(base, n, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) == MAP_FAILED) {
        munmap(base, total);
        return NULL;
    }
    *maplen = total;
    return base;
}

static int fileio_too_big(perr *e, const char *path, size_t len, size_t max, int known)
{
    char have[32], lim[32];
    fileio_format_size(len, have, sizeof have);
    fileio_format_size(max, lim, sizeof lim);
    if (!known) return perr_set(e, PARK_ELIMIT, "%s：超过大小上限 %s，已停止读取，未检查", path, lim);
    return perr_set(e, PARK_ELIMIT, "%s：大小 %s，超过大小上限 %s，未检查", path, have, lim);
}

/* Reads path ("-": stdin) into b, mapping a regular file of FILEIO_MAP_MIN
 * bytes or more when map is set; the file is opened once either way. With
 * text, binary content is refused (PARK_EBINARY). */
static int fileio_load(const char *path, size_t max, int map, int text, fileio_buf *b, perr *e)
{
    memset(b, 0, sizeof *b);
    if (!max) max = FILEIO_MAX_DEFAULT;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int code = errno == ENOENT ? PARK_ENOENT : PARK_EIO;
        return perr_set(e, code, "%s：无法打开：%s", path, strerror(errno));
    }
    struct stat st;
    int known = fstat(fd, &st) == 0;
    if (known && S_ISDIR(st.st_mode)) {
        if (!is_stdin) close(fd);
        return perr_set(e, PARK_EIO, "%s：是目录，不是文件", name);
    }
    size_t hint = known && S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0;
    if (known && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
        if (!is_stdin) close(fd);
        b->len = (unsigned long long)st.st_size > SIZE_MAX ? SIZE_MAX : (size_t)st.st_size;
        return fileio_too_big(e, name, b->len, max, 1);
    }
    int rc = 0, err = 0;
    if (text && hint > 3 * FILEIO_SNIFF && fileio_sniff_fd(fd, hint)) rc = PARK_EBINARY;
    else if (map && hint >= FILEIO_MAP_MIN && hint < SIZE_MAX / 2 && (b->s = fileio_map_fd(fd, hint, &b->maplen)))
        b->len = hint;
    else
        rc = fileio_read_fd(fd, hint, max, text && !hint, &b->s, &b->len), err = errno;
    if (!is_stdin) close(fd);
    if (rc == PARK_EIO) return perr_set(e, PARK_EIO, "%s：读取失败：%s", name, strerror(err));
    if (rc == PARK_ELIMIT) return fileio_too_big(e, name, b->len, max, 0);
    if (rc == 0 && text && hint <= 3 * FILEIO_SNIFF && fileio_text_binary(b)) rc = PARK_EBINARY;
    if (rc == PARK_EBINARY) {
        fileio_buf_free(b);
        return perr_set(e, PARK_EBINARY, "%s：不是文本文件（含大量 NUL 或控制字符），未检查", name);
    }
    return 0;
}

int fileio_read_text(const char *path, size_t max, fileio_buf *b, perr *e)
{
    return fileio_load(path, max, 1, 1, b, e);
}

void fileio_buf_free(fileio_buf *b)
{
    if (b->maplen) munmap(b->s, b->maplen);
    else free(b->s);
    memset(b, 0, sizeof *b);
}

int fileio_read(const char *path, char **out, size_t *len, perr *e)
{
    fileio_buf b;
    int rc = fileio_load(path, 0, 0, 0, &b, e);
    if (rc == 0) *out = b.s, *len = b.len;
    return rc;
}

void fileio_format_size(size_t n, char *buf, size_t cap)
{
    static const char *const units[] = {"KB", "MB", "GB", "TB"};
    if (n < 1024) {
        snprintf(buf, cap, "%zu 字节", n);
        return;
    }
    double v = (double)n / 1024;
    size_t u = 0;
    while (v >= 1024 && u + 1 < sizeof units / sizeof *units) v /= 1024, u++;
    if (v == (double)(long long)v) snprintf(buf, cap, "%lld %s", (long long)v, units[u]);
    else snprintf(buf, cap, "%.1f %s", v, units[u]);
}

int fileio_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || *s == '-') return -1;
    while (*end == ' ') end++;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; break;
    case 'm': case 'M': shift = 20; break;
    case 'g': case 'G': shift = 30; break;
    case '\0': break;
    default: return -1;
    }
    if (shift) {
        end++;
        if (*end == 'B' || *end == 'b') end++;
    }
    if (*end || v == 0 || v > (SIZE_MAX / 4 >> shift)) return -1;
    *out = (size_t)v << shift;
    return 0;
}

/* fsync of the directory holding path, so the rename itself is durable. */
static void fileio_sync_dir(const char *path)
{
    char *dir = fileio_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int fileio_write_atomic(const char *path, const char *data, size_t len, perr *e)
{
    /* a symbolic link stays a link: the file it points to is replaced */
    char *real = realpath(path, NULL);
    const char *target = real ? real : path;
    struct stat st;
    int exists = stat(target, &st) == 0;
    if (exists && access(target, W_OK) != 0) {
        int err = errno;
        free(real);
        return perr_set(e, PARK_EIO, "%s：文件不可写，原文件未改动：%s", path, strerror(err));
    }
    sbuf tmp = SBUF_INIT;
    sbuf_printf(&tmp, "%s.park-XXXXXX", target);
    int fd = mkstemp(tmp.s);
    if (fd < 0) {
        int err = errno;
        sbuf_free(&tmp);
        free(real);
        return perr_set(e, PARK_EIO, "%s：无法在所在目录创建临时文件，原文件未改动：%s", path, strerror(err));
    }
    if (exists) {
        fchmod(fd, st.st_mode & 07777);
        if (fchown(fd, st.st_uid, st.st_gid) != 0) errno = 0; /* not ours to give away: stays ours */
    } else {
        fchmod(fd, 0644);
    }
    errno = 0;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) goto fail;
        off += (size_t)w;
    }
    if (fsync(fd) < 0) goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp.s, target) < 0) goto fail;
    fileio_sync_dir(target);
    sbuf_free(&tmp);
    free(real);
    return 0;
fail:;
    int err = errno ? errno : EIO;
    if (fd >= 0) close(fd);
    unlink(tmp.s);
    sbuf_free(&tmp);
    free(real);
    return perr_set(e, PARK_EIO, "%s：写入失败，原文件未改动：%s", path, strerror(err));
}

static int fileio_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **fileio_list(const char *dir, const char *suffix, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **list = NULL;
    size_t cap = 0, sl = strlen(suffix);
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t nl = strlen(de->d_name);
        if (de->d_name[0] == '.' || nl <= sl || strcmp(de->d_name + nl - sl, suffix) != 0)
            continue;
        xgrow(&list, &cap, *n + 1, sizeof *list);
        sbuf p = SBUF_INIT;
        sbuf_printf(&p, "%s/%s", dir, de->d_name);
        list[(*n)++] = sbuf_detach(&p);
    }
    closedir(d);
    if (*n) qsort(list, *n, sizeof *list, fileio_cmp);
    return list;
}

void fileio_free_list(char **list, size_t n)
{
    xstrs_free(list, n);
}

char *fileio_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xstrdup(".");
    if (slash == path) return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

int fileio_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *fileio_find_up(const char *path, const char *name)
{
    char *dir = fileio_is_dir(path) ? xstrdup(path) : fileio_dirname(path);
    char *abs = realpath(dir, NULL);
    free(dir);
    if (!abs) return NULL;
    sbuf cand = SBUF_INIT;
    for (;;) {
        sbuf_clear(&cand);
        sbuf_printf(&cand, "%s/%s", strcmp(abs, "/") == 0 ? "" : abs, name);
        if (access(cand.s, F_OK) == 0) {
            free(abs);
            return sbuf_detach(&cand);
        }
        char *slash = strrchr(abs, '/');
        if (!slash || slash == abs) {
            if (strcmp(abs, "/") == 0) break;
            abs[1] = '\0';
            continue;
        }
        *slash = '\0';
    }
    free(abs);
    sbuf_free(&cand);
    return NULL;
}

long long fileio_stamp(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    return (long long)st.st_mtim.tv_sec * 1000000007LL + st.st_mtim.tv_nsec + (long long)st.st_size * 31 +
           (long long)st.st_ino * 131;
}

char *fileio_user_dir(void)
{
    sbuf b = SBUF_INIT;
    const char *x = getenv("XDG_CONFIG_HOME");
    const char *h = getenv("HOME");
    if (x && *x) sbuf_printf(&b, "%s/park", x);
    else if (h && *h) sbuf_printf(&b, "%s/.config/park", h);
    else return NULL;
    return sbuf_detach(&b);
}

/* Directory holding the running executable (caller frees), or NULL. */
static char *fileio_exe_dir(void)
{
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return NULL;
    buf[n] = '\0';
    return fileio_dirname(buf);
}

char *fileio_data_dir(const char *env, const char *name)
{
    const char *v = getenv(env);
    if (v && *v) return xstrdup(v);
    char *exe = fileio_exe_dir();
    if (!exe) return NULL;
    static const char *const rel[] = {"/../", "/../share/park/"};
    char *found = NULL;
    for (size_t i = 0; i < 2 && !found; i++) {
        sbuf b = SBUF_INIT;
        sbuf_printf(&b, "%s%s%s", exe, rel[i], name);
        if (fileio_is_dir(b.s)) found = realpath(b.s, NULL);
        sbuf_free(&b);
    }
    free(exe);
    return found;
}
