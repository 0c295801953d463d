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

#include "mem.h"
#include "sbuf.h"

/* Reads fd to its end. hint: the expected size (a regular file's), so the
 * buffer is allocated once at its final size; 0 if unknown. */
static int fileio_read_fd(int fd, size_t hint, char **out, size_t *len)
{
    size_t cap = hint ? hint + 2 : 65536, n = 0; /* + the NUL and a byte to see EOF */
    char *buf = xmalloc(cap);
    for (;;) {
        if (cap - n < 2) buf = xrealloc(buf, cap *= 2);
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR) continue;
            free(buf);
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *len = n;
    *out = buf;
    return 0;
}

/* Files this large are mapped rather than read by fileio_read_map(). */
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

/* Reads path ("-": stdin) into b, mapping a regular file of FILEIO_MAP_MIN
 * bytes or more when map is set; the file is opened once either way. */
static int fileio_load(const char *path, int map, fileio_buf *b, perr *e)
{
    memset(b, 0, sizeof *b);
    if (strcmp(path, "-") == 0) {
        if (fileio_read_fd(0, 0, &b->s, &b->len) < 0)
            return perr_set(e, PARK_EIO, "读取标准输入失败：%s", strerror(errno));
        return 0;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int code = errno == ENOENT ? PARK_ENOENT : PARK_EIO;
        return perr_set(e, code, "%s：无法打开：%s", path, strerror(errno));
    }
    struct stat st;
    int known = fstat(fd, &st) == 0;
    if (known && S_ISDIR(st.st_mode)) {
        close(fd);
        return perr_set(e, PARK_EIO, "%s：是目录，不是文件", path);
    }
    size_t hint = known && S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0;
    if (map && hint >= FILEIO_MAP_MIN && hint < SIZE_MAX / 2 && (b->s = fileio_map_fd(fd, hint, &b->maplen))) {
        b->len = hint;
        close(fd);
        return 0;
    }
    int rc = fileio_read_fd(fd, hint, &b->s, &b->len);
    int err = errno;
    close(fd);
    if (rc < 0) return perr_set(e, PARK_EIO, "%s：读取失败：%s", path, strerror(err));
    return 0;
}

int fileio_read_map(const char *path, fileio_buf *b, perr *e)
{
    return fileio_load(path, 1, b, e);
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
    int rc = fileio_load(path, 0, &b, e);
    if (rc == 0) *out = b.s, *len = b.len;
    return rc;
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
