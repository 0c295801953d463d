/* test-fileio.c -- reading, atomic replacement (and its failure paths),
 * listing and walking up directories. */

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fileio.h"
#include "sbuf.h"
#include "task.h"
#include "test-util.h"

/* Number of entries in dir other than . and .., or -1. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) n++;
    closedir(d);
    return n;
}

TEST_IMPL(fileio_read_of_a_missing_file_is_enoent)
{
    char *text = (char *)"untouched";
    size_t len = 7;
    perr e = {0};
    ASSERT_INT_EQ(fileio_read("/nonexistent/park/doc.txt", &text, &len, &e), PARK_ENOENT);
    ASSERT_INT_EQ(e.code, PARK_ENOENT);
    ASSERT(strstr(e.msg, "/nonexistent/park/doc.txt") != NULL);
    ASSERT_STR_EQ(text, "untouched");
}

TEST_IMPL(fileio_read_of_a_directory_is_eio)
{
    char dir[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    char *text;
    size_t len;
    perr e = {0};
    ASSERT_INT_EQ(fileio_read(dir, &text, &len, &e), PARK_EIO);
    ASSERT(strstr(e.msg, dir) != NULL);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_read_returns_all_bytes_nul_terminated)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, "doc.txt");
    /* Bigger than one read chunk, with a NUL and invalid UTF-8 inside. */
    size_t n = 200000;
    char *data = malloc(n);
    for (size_t i = 0; i < n; i++) data[i] = (char)("甲乙\0\xFF\n"[i % 9]);
    ASSERT(tu_write(p, data, n) == 0);
    char *text;
    size_t len;
    perr e = {0};
    ASSERT_INT_EQ(fileio_read(p, &text, &len, &e), 0);
    ASSERT_INT_EQ(len, n);
    ASSERT(memcmp(text, data, n) == 0);
    ASSERT_INT_EQ(text[len], '\0');
    free(text);
    /* An empty file. */
    ASSERT(tu_write(p, "", 0) == 0);
    ASSERT_INT_EQ(fileio_read(p, &text, &len, &e), 0);
    ASSERT_INT_EQ(len, 0);
    ASSERT_STR_EQ(text, "");
    free(text);
    free(data);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_read_text_maps_large_files_and_ends_them_with_nul)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, "doc.txt");
    /* Sizes that fill their last page exactly (the byte after the text
     * lies on a page of its own), that do not, and one below the mapping
     * threshold, which is read. */
    static const size_t sizes[] = {256 * 1024, 256 * 1024 + 5, 300001, 1000};
    char *data = malloc(300001);
    for (size_t i = 0; i < 300001; i++) data[i] = i % 4096 == 1 ? '\0' : (char)("甲乙\xFF\n"[i % 8]);
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        ASSERT(tu_write(p, data, sizes[k]) == 0);
        fileio_buf b;
        perr e = {0};
        ASSERT_INT_EQ(fileio_read_text(p, 0, &b, &e), 0);
        ASSERT_INT_EQ(b.len, sizes[k]);
        ASSERT(memcmp(b.s, data, sizes[k]) == 0);
        ASSERT_INT_EQ(b.s[b.len], '\0');
        ASSERT_INT_EQ(b.maplen != 0, sizes[k] >= 256 * 1024);
        fileio_buf_free(&b);
        ASSERT(b.s == NULL);
    }
    fileio_buf b;
    perr e = {0};
    ASSERT_INT_EQ(fileio_read_text("/nonexistent/park/doc.txt", 0, &b, &e), PARK_ENOENT);
    fileio_buf_free(&b);
    free(data);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_read_text_refuses_a_file_over_the_limit_without_reading_it)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, "big.txt");
    const char *line = "一、园区经济稳中有进。\n";
    sbuf sb = SBUF_INIT;
    while (sb.len < 4000) sbuf_adds(&sb, line);
    ASSERT(tu_write(p, sb.s, sb.len) == 0);
    fileio_buf b;
    perr e = {0};
    ASSERT_INT_EQ(fileio_read_text(p, 1000, &b, &e), PARK_ELIMIT);
    ASSERT(b.s == NULL);
    ASSERT_INT_EQ(b.len, sb.len);
    ASSERT(strstr(e.msg, "超过大小上限 1000 字节") != NULL);
    fileio_buf_free(&b);
    ASSERT_INT_EQ(fileio_read_text(p, sb.len, &b, &e), 0); /* the limit itself is allowed */
    ASSERT_INT_EQ(b.len, sb.len);
    fileio_buf_free(&b);
    /* a 3 GB sparse file: refused by its size, at once */
    tu_join(p, dir, "sparse.img");
    int fd = open(p, O_CREAT | O_WRONLY, 0644);
    ASSERT(fd >= 0 && ftruncate(fd, (off_t)3 << 30) == 0);
    close(fd);
    ASSERT_INT_EQ(fileio_read_text(p, 0, &b, &e), PARK_ELIMIT);
    ASSERT(strstr(e.msg, "大小 3 GB，超过大小上限 256 MB，未检查") != NULL);
    fileio_buf_free(&b);
    sbuf_free(&sb);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_read_text_stops_an_endless_stream_at_once)
{
    fileio_buf b;
    perr e = {0};
    /* /dev/zero is binary from its first block; the limit is never reached */
    ASSERT_INT_EQ(fileio_read_text("/dev/zero", 0, &b, &e), PARK_EBINARY);
    ASSERT(strstr(e.msg, "/dev/zero：不是文本文件") != NULL);
    ASSERT(b.s == NULL);
    fileio_buf_free(&b);
}

TEST_IMPL(fileio_read_text_refuses_binary_and_mostly_nul_files_but_not_debris)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, "doc.txt");
    fileio_buf b;
    perr e = {0};
    /* a report with text at its head and NUL bytes after (a preallocated or
     * half-copied file): the middle and tail samples say so */
    const char *head = "关于园区2023年工作情况的报告\n一、总体情况\n";
    int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    ASSERT(fd >= 0 && write(fd, head, strlen(head)) == (ssize_t)strlen(head));
    ASSERT(ftruncate(fd, 100 << 20) == 0);
    close(fd);
    ASSERT_INT_EQ(fileio_read_text(p, 0, &b, &e), PARK_EBINARY);
    fileio_buf_free(&b);
    /* an ELF executable, read (under the mapping threshold) and sampled whole */
    static char bin[8192];
    for (size_t i = 0; i < sizeof bin; i++) bin[i] = (char)(i % 7 ? i * 31 : 0);
    ASSERT(tu_write(p, bin, sizeof bin) == 0);
    ASSERT_INT_EQ(fileio_read_text(p, 0, &b, &e), PARK_EBINARY);
    fileio_buf_free(&b);
    /* NULs of PDF debris in a short report, and a long one with a NUL per
     * line: text */
    ASSERT(tu_write(p, "要认\0真部署工作。\n\0\0\n完", 26) == 0);
    ASSERT_INT_EQ(fileio_read_text(p, 0, &b, &e), 0);
    ASSERT_INT_EQ(b.len, 26);
    fileio_buf_free(&b);
    sbuf sb = SBUF_INIT;
    while (sb.len < 400000) sbuf_adds(&sb, "（一）推进产业项目落地见效，\x01完成投资5亿元。\n");
    ASSERT(tu_write(p, sb.s, sb.len) == 0);
    ASSERT_INT_EQ(fileio_read_text(p, 0, &b, &e), 0);
    ASSERT_INT_EQ(b.len, sb.len);
    fileio_buf_free(&b);
    sbuf_free(&sb);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_parse_size_reads_units_and_refuses_the_rest)
{
    size_t n = 0;
    ASSERT_INT_EQ(fileio_parse_size("1048576", &n), 0);
    ASSERT_INT_EQ(n, 1048576);
    ASSERT_INT_EQ(fileio_parse_size("256M", &n), 0);
    ASSERT_INT_EQ(n, (size_t)256 << 20);
    ASSERT_INT_EQ(fileio_parse_size("1 GB", &n), 0);
    ASSERT_INT_EQ(n, (size_t)1 << 30);
    ASSERT_INT_EQ(fileio_parse_size("64k", &n), 0);
    ASSERT_INT_EQ(n, 65536);
    static const char *const bad[] = {"", "M", "0", "-5M", "12X", "1.5G", "5MM", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) ASSERT_INT_EQ(fileio_parse_size(bad[i], &n), -1);
    char buf[32];
    fileio_format_size(300, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "300 字节");
    fileio_format_size((size_t)256 << 20, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "256 MB");
    fileio_format_size((size_t)3 << 29, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "1.5 GB");
}

TEST_IMPL(fileio_write_atomic_replaces_content_and_keeps_mode)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, ".parkrc");
    ASSERT(tu_writes(p, "旧的内容，比新的长得多得多得多。\n") == 0);
    ASSERT(chmod(p, 0640) == 0);
    perr e = {0};
    ASSERT_INT_EQ(fileio_write_atomic(p, "新内容\n", strlen("新内容\n"), &e), 0);
    size_t len;
    char *got = tu_slurp(p, &len);
    ASSERT_STR_EQ(got, "新内容\n");
    free(got);
    struct stat st;
    ASSERT(stat(p, &st) == 0);
    ASSERT_INT_EQ(st.st_mode & 07777, 0640);
    ASSERT_INT_EQ(count_entries(dir), 1);
    /* A new file gets 0644 whatever the umask. */
    tu_join(p, dir, "new.txt");
    ASSERT_INT_EQ(fileio_write_atomic(p, "", 0, &e), 0);
    ASSERT(stat(p, &st) == 0);
    ASSERT_INT_EQ(st.st_mode & 07777, 0644);
    ASSERT_INT_EQ(st.st_size, 0);
    ASSERT_INT_EQ(count_entries(dir), 2);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_write_atomic_into_a_missing_directory_fails_cleanly)
{
    char dir[PATH_MAX], p[PATH_MAX], keep[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(keep, dir, "keep.txt");
    ASSERT(tu_writes(keep, "原文") == 0);
    perr e = {0};
    tu_join(p, dir, "nosuchdir/.parkrc");
    ASSERT_INT_EQ(fileio_write_atomic(p, "新", 3, &e), PARK_EIO);
    ASSERT_INT_EQ(e.code, PARK_EIO);
    ASSERT(strstr(e.msg, p) != NULL);
    /* The parent is a file. */
    tu_join(p, dir, "keep.txt/.parkrc");
    ASSERT_INT_EQ(fileio_write_atomic(p, "新", 3, &e), PARK_EIO);
    char *got = tu_slurp(keep, NULL);
    ASSERT_STR_EQ(got, "原文");
    free(got);
    ASSERT_INT_EQ(count_entries(dir), 1);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_write_atomic_failing_rename_removes_the_temporary)
{
    /* The target is a non-empty directory: the temporary file is written,
     * the rename fails, and nothing may be left behind. */
    char dir[PATH_MAX], p[PATH_MAX], inner[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, "target");
    ASSERT(mkdir(p, 0755) == 0);
    tu_join(inner, p, "inside.txt");
    ASSERT(tu_writes(inner, "原文") == 0);
    perr e = {0};
    ASSERT_INT_EQ(fileio_write_atomic(p, "新内容", strlen("新内容"), &e), PARK_EIO);
    ASSERT(strstr(e.msg, "target") != NULL);
    ASSERT_INT_EQ(count_entries(dir), 1);
    ASSERT_INT_EQ(count_entries(p), 1);
    char *got = tu_slurp(inner, NULL);
    ASSERT_STR_EQ(got, "原文");
    free(got);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_list_is_sorted_and_filtered_by_suffix)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    static const char *const names[] = {"b.rules", "a.rules", "c.txt", ".hidden.rules", "rules", "d.rules.bak",
                                        "10-z.rules"};
    for (size_t i = 0; i < 7; i++) ASSERT(tu_writes(tu_join(p, dir, names[i]), "") == 0);
    size_t n = 99;
    char **l = fileio_list(dir, ".rules", &n);
    ASSERT_INT_EQ(n, 3);
    ASSERT_STR_EQ(l[0], tu_join(p, dir, "10-z.rules"));
    ASSERT_STR_EQ(l[1], tu_join(p, dir, "a.rules"));
    ASSERT_STR_EQ(l[2], tu_join(p, dir, "b.rules"));
    fileio_free_list(l, n);
    l = fileio_list(tu_join(p, dir, "missing"), ".rules", &n);
    ASSERT_INT_EQ(n, 0);
    fileio_free_list(l, n);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_find_up_finds_a_file_in_a_parent_directory)
{
    char dir[PATH_MAX], p[PATH_MAX], want[PATH_MAX], doc[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    char *real = realpath(dir, NULL);
    ASSERT(real != NULL);
    ASSERT(mkdir(tu_join(p, dir, "a"), 0755) == 0);
    ASSERT(mkdir(tu_join(p, dir, "a/b"), 0755) == 0);
    ASSERT(tu_writes(tu_join(p, dir, ".parkrc-test"), "") == 0);
    tu_join(want, real, ".parkrc-test");
    tu_join(doc, dir, "a/b/doc.txt");
    /* The document need not exist; its directory must. */
    char *got = fileio_find_up(doc, ".parkrc-test");
    ASSERT_STR_EQ(got, want);
    free(got);
    got = fileio_find_up(tu_join(p, dir, "a/b"), ".parkrc-test");
    ASSERT_STR_EQ(got, want);
    free(got);
    /* The nearest one wins. */
    ASSERT(tu_writes(tu_join(p, dir, "a/.parkrc-test"), "") == 0);
    got = fileio_find_up(doc, ".parkrc-test");
    tu_join(want, real, "a/.parkrc-test");
    ASSERT_STR_EQ(got, want);
    free(got);
    ASSERT(fileio_find_up(doc, "park-no-such-file-anywhere.xyz") == NULL);
    ASSERT(fileio_find_up(tu_join(p, dir, "missing/doc.txt"), ".parkrc-test") == NULL);
    free(real);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_dirname_and_is_dir)
{
    char *d = fileio_dirname("a/b/c.txt");
    ASSERT_STR_EQ(d, "a/b");
    free(d);
    d = fileio_dirname("c.txt");
    ASSERT_STR_EQ(d, ".");
    free(d);
    d = fileio_dirname("/c.txt");
    ASSERT_STR_EQ(d, "/");
    free(d);
    ASSERT(fileio_is_dir("/"));
    ASSERT(!fileio_is_dir("/nonexistent/park"));
}

TEST_IMPL(fileio_stamp_changes_when_the_file_changes)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, "x.rules");
    ASSERT_INT_EQ(fileio_stamp(p), 0);
    ASSERT(tu_writes(p, "一") == 0);
    long long a = fileio_stamp(p);
    ASSERT(a != 0);
    ASSERT_INT_EQ(fileio_stamp(p), a);
    perr e = {0};
    ASSERT_INT_EQ(fileio_write_atomic(p, "一二", 6, &e), 0);
    ASSERT(fileio_stamp(p) != a);
    tu_rmrf(dir);
}

TEST_IMPL(fileio_user_dir_follows_xdg_then_home)
{
    setenv("XDG_CONFIG_HOME", "/x/config", 1);
    setenv("HOME", "/h/me", 1);
    char *d = fileio_user_dir();
    ASSERT_STR_EQ(d, "/x/config/park");
    free(d);
    setenv("XDG_CONFIG_HOME", "", 1);
    d = fileio_user_dir();
    ASSERT_STR_EQ(d, "/h/me/.config/park");
    free(d);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
    ASSERT(fileio_user_dir() == NULL);
}
