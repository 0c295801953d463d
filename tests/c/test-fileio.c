/* test-fileio.c -- reading, atomic replacement (and its failure paths),
 * listing and walking up directories. */

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fileio.h"
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

TEST_IMPL(fileio_read_map_maps_large_files_and_ends_them_with_nul)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, "doc.txt");
    /* Sizes that fill their last page exactly (the byte after the text
     * lies on a page of its own), that do not, and one below the mapping
     * threshold, which is read. */
    static const size_t sizes[] = {256 * 1024, 256 * 1024 + 5, 300001, 1000};
    char *data = malloc(300001);
    for (size_t i = 0; i < 300001; i++) data[i] = (char)("甲乙\0\xFF\n"[i % 9]);
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        ASSERT(tu_write(p, data, sizes[k]) == 0);
        fileio_buf b;
        perr e = {0};
        ASSERT_INT_EQ(fileio_read_map(p, &b, &e), 0);
        ASSERT_INT_EQ(b.len, sizes[k]);
        ASSERT(memcmp(b.s, data, sizes[k]) == 0);
        ASSERT_INT_EQ(b.s[b.len], '\0');
        ASSERT_INT_EQ(b.maplen != 0, sizes[k] >= 256 * 1024);
        fileio_buf_free(&b);
        ASSERT(b.s == NULL);
    }
    fileio_buf b;
    perr e = {0};
    ASSERT_INT_EQ(fileio_read_map("/nonexistent/park/doc.txt", &b, &e), PARK_ENOENT);
    fileio_buf_free(&b);
    free(data);
    tu_rmrf(dir);
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
