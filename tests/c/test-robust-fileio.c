/* test-robust-fileio.c -- writes that fail half way: a read-only directory,
 * a read-only file, a full disk (a tiny tmpfs in a private mount namespace
 * when we may mount, a file size limit always), a symbolic link. The
 * original must stay byte for byte, no temporary may be left, and the
 * message must say what happened. Each test runs in its own forked process,
 * so privileges, limits and mounts changed here go away with it. */

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "allow.h"
#include "fileio.h"
#include "task.h"
#include "test-util.h"

static const char robust_orig[] = "[allow]\n原有的短语\n";

/* Number of entries in dir besides . and .. */
static int robust_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) n++;
    if (d) closedir(d);
    return n;
}

/* 1 if path holds exactly robust_orig. */
static int robust_intact(const char *path)
{
    size_t n = 0;
    char *s = tu_slurp(path, &n);
    int ok = s && n == sizeof robust_orig - 1 && memcmp(s, robust_orig, n) == 0;
    free(s);
    return ok;
}

/* Makes the directory read-only for this process: as root, by becoming
 * nobody (root writes anywhere); otherwise by its mode. */
static int robust_readonly_dir(const char *dir)
{
    if (chmod(dir, 0555) != 0) return -1;
    if (geteuid() == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0) return -1;
    }
    return 0;
}

/* Runs body(dir) in a child process (which may drop privileges), then
 * removes dir as the parent; returns the child's verdict. */
static int robust_in_child(void (*body)(const char *dir))
{
    char dir[PATH_MAX];
    if (tu_tmpdir(dir) != 0) return -1;
    chmod(dir, 0755);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        body(dir);
        fflush(stdout);
        _exit(task_failed() ? 1 : 0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    chmod(dir, 0755);
    tu_rmrf(dir);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static void robust_read_only_dir_body(const char *dir)
{
    char file[PATH_MAX];
    tu_join(file, dir, ".parkrc");
    ASSERT(tu_writes(file, robust_orig) == 0);
    chmod(file, 0644);
    ASSERT(robust_readonly_dir(dir) == 0);
    perr e = {0};
    ASSERT_INT_EQ(fileio_write_atomic(file, "新内容\n", 10, &e), PARK_EIO);
    ASSERT(strstr(e.msg, file) != NULL);
    ASSERT(strstr(e.msg, "原文件未改动") != NULL);
    ASSERT(robust_intact(file));
    ASSERT_INT_EQ(robust_entries(dir), 1);
    /* :ParkIgnore's path: the same answer, and the project file unchanged */
    char doc[PATH_MAX], *written = NULL;
    tu_join(doc, dir, "report.txt");
    memset(&e, 0, sizeof e);
    ASSERT_INT_EQ(allow_add(doc, "新短语", &written, &e), PARK_EIO);
    ASSERT(written == NULL);
    ASSERT(strstr(e.msg, "原文件未改动") != NULL);
    ASSERT(robust_intact(file));
    ASSERT_INT_EQ(robust_entries(dir), 1);
}

TEST_IMPL(robust_write_into_a_read_only_directory_keeps_the_original)
{
    ASSERT(robust_in_child(robust_read_only_dir_body) == 0);
}

static void robust_read_only_file_body(const char *dir)
{
    char file[PATH_MAX];
    chmod(dir, 0777);
    tu_join(file, dir, "report.txt");
    ASSERT(tu_writes(file, robust_orig) == 0);
    chmod(file, 0444);
    if (geteuid() == 0) ASSERT(setgid(65534) == 0 && setuid(65534) == 0);
    perr e = {0};
    ASSERT_INT_EQ(fileio_write_atomic(file, "x", 1, &e), PARK_EIO);
    ASSERT(strstr(e.msg, "不可写") != NULL);
    ASSERT(robust_intact(file));
    ASSERT_INT_EQ(robust_entries(dir), 1);
}

TEST_IMPL(robust_write_to_a_read_only_file_is_refused)
{
    ASSERT(robust_in_child(robust_read_only_file_body) == 0);
}

/* A file size limit of 4 KiB: the write fails with EFBIG. */
static void robust_size_limit_body(const char *dir)
{
    char file[PATH_MAX];
    tu_join(file, dir, "report.txt");
    ASSERT(tu_writes(file, robust_orig) == 0);
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {4096, 4096};
    ASSERT(setrlimit(RLIMIT_FSIZE, &rl) == 0);
    size_t n = 100000;
    char *big = malloc(n);
    memset(big, 'a', n);
    perr e = {0};
    ASSERT_INT_EQ(fileio_write_atomic(file, big, n, &e), PARK_EIO);
    ASSERT(strstr(e.msg, "原文件未改动") != NULL);
    ASSERT(strstr(e.msg, strerror(EFBIG)) != NULL);
    ASSERT(robust_intact(file));
    ASSERT_INT_EQ(robust_entries(dir), 1);
    free(big);
}

TEST_IMPL(robust_write_over_a_file_size_limit_keeps_the_original)
{
    ASSERT(robust_in_child(robust_size_limit_body) == 0);
}

TEST_IMPL(robust_write_on_a_full_disk_keeps_the_original)
{
    char dir[PATH_MAX], file[PATH_MAX], fill[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("park-test", dir, "tmpfs", 0, "size=64k") != 0) {
        printf("  (no private tmpfs here: %s; the file size limit test covers the write path)\n", strerror(errno));
        rmdir(dir);
        return;
    }
    tu_join(file, dir, ".parkrc");
    ASSERT(tu_writes(file, robust_orig) == 0);
    /* fill the disk */
    tu_join(fill, dir, "fill");
    FILE *f = fopen(fill, "wb");
    ASSERT(f != NULL);
    char block[4096];
    memset(block, 'z', sizeof block);
    while (fwrite(block, 1, sizeof block, f) == sizeof block) {
    }
    fclose(f);
    size_t n = 20000;
    char *big = malloc(n);
    memset(big, 'a', n);
    perr e = {0};
    ASSERT_INT_EQ(fileio_write_atomic(file, big, n, &e), PARK_EIO);
    ASSERT(strstr(e.msg, strerror(ENOSPC)) != NULL);
    ASSERT(strstr(e.msg, "原文件未改动") != NULL);
    ASSERT(robust_intact(file));
    ASSERT_INT_EQ(robust_entries(dir), 2);
    /* :ParkIgnore on the full disk: told, nothing changed */
    char doc[PATH_MAX], *written = NULL;
    tu_join(doc, dir, "report.txt");
    memset(&e, 0, sizeof e);
    ASSERT_INT_EQ(allow_add(doc, "新短语", &written, &e), PARK_EIO);
    ASSERT(robust_intact(file));
    ASSERT_INT_EQ(robust_entries(dir), 2);
    free(big);
    umount(dir);
    rmdir(dir);
}

TEST_IMPL(robust_write_through_a_symlink_keeps_the_link)
{
    char dir[PATH_MAX], file[PATH_MAX], link[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(file, dir, "shared.rules");
    tu_join(link, dir, ".parkrc");
    ASSERT(tu_writes(file, robust_orig) == 0);
    ASSERT(symlink("shared.rules", link) == 0);
    perr e = {0};
    ASSERT_INT_EQ(fileio_write_atomic(link, "新\n", 4, &e), 0);
    struct stat st;
    ASSERT(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    size_t n = 0;
    char *s = tu_slurp(file, &n);
    ASSERT_MEM_EQ(s, n, "新\n");
    free(s);
    ASSERT_INT_EQ(robust_entries(dir), 2);
    tu_rmrf(dir);
}
