/* test-allow.c -- adding phrases to the project allow-list (.parkrc):
 * creating it, appending inside an existing [allow] section without touching
 * the rest, adding the section, rejecting bad phrases, finding the file in a
 * parent directory. */

#include <stdlib.h>
#include <sys/stat.h>

#include "allow.h"
#include "mem.h"
#include "rulefile.h"
#include "task.h"
#include "test-util.h"

/* Calls allow_add and returns the resulting file's content (caller frees),
 * or NULL on failure; *written gets the path allow_add reports. */
static char *add(const char *doc, const char *phrase, char *written, int *rc)
{
    char *w = NULL;
    perr e = {0};
    *rc = allow_add(doc, phrase, &w, &e);
    if (*rc != 0) return NULL;
    snprintf(written, PATH_MAX, "%s", w);
    free(w);
    return tu_slurp(written, NULL);
}

TEST_IMPL(allow_add_creates_parkrc_beside_the_document)
{
    char dir[PATH_MAX], doc[PATH_MAX], written[PATH_MAX], want[PATH_MAX];
    int rc;
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(doc, dir, "报告.txt");
    ASSERT(tu_writes(doc, "打造小精尖企业。\n") == 0);
    char *got = add(doc, "小精尖", written, &rc);
    ASSERT_INT_EQ(rc, 0);
    ASSERT_STR_EQ(got, "[allow]\n小精尖\n");
    free(got);
    /* The path names the file beside the document (any spelling of it). */
    char *a = realpath(written, NULL), *b = realpath(tu_join(want, dir, ".parkrc"), NULL);
    ASSERT(a && b);
    ASSERT_STR_EQ(a, b);
    free(a);
    free(b);
    /* A second phrase goes after the first. */
    got = add(doc, "专精特新", written, &rc);
    ASSERT_INT_EQ(rc, 0);
    ASSERT_STR_EQ(got, "[allow]\n小精尖\n专精特新\n");
    free(got);
    tu_rmrf(dir);
}

TEST_IMPL(allow_add_appends_to_a_section_in_the_middle)
{
    char dir[PATH_MAX], doc[PATH_MAX], rc_path[PATH_MAX], written[PATH_MAX];
    int rc;
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(doc, dir, "报告.txt");
    tu_join(rc_path, dir, ".parkrc");
    const char *head = "# 项目配置\n[config]\ndisable = style\r\n\n[allow]\n小精尖\n# 说明\n专精特新\n";
    const char *tail = "\n# 下一节\n[typo.x]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n甲\n";
    char before[1024];
    snprintf(before, sizeof before, "%s%s", head, tail);
    ASSERT(tu_writes(rc_path, before) == 0);
    char *got = add(doc, "老旧小区", written, &rc);
    ASSERT_INT_EQ(rc, 0);
    char want[1024];
    snprintf(want, sizeof want, "%s老旧小区\n%s", head, tail);
    ASSERT_STR_EQ(got, want);
    free(got);
    /* The result still parses, with all three phrases. */
    rulefile *f = rulefile_load(rc_path);
    ASSERT_INT_EQ(f->nerrors, 0);
    ASSERT_INT_EQ(f->nallow, 3);
    ASSERT_STR_EQ(f->allow[2], "老旧小区");
    ASSERT_INT_EQ(f->nrules, 1);
    rulefile_free(f);
    tu_rmrf(dir);
}

TEST_IMPL(allow_add_adds_a_section_when_missing)
{
    char dir[PATH_MAX], doc[PATH_MAX], rc_path[PATH_MAX], written[PATH_MAX];
    int rc;
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(doc, dir, "报告.txt");
    tu_join(rc_path, dir, ".parkrc");
    /* No final newline. */
    ASSERT(tu_writes(rc_path, "[config]\ndisable = style") == 0);
    char *got = add(doc, "小精尖", written, &rc);
    ASSERT_INT_EQ(rc, 0);
    ASSERT_STR_EQ(got, "[config]\ndisable = style\n\n[allow]\n小精尖\n");
    free(got);
    ASSERT(tu_writes(rc_path, "[config]\ndisable = style\n") == 0);
    got = add(doc, "小精尖", written, &rc);
    ASSERT_STR_EQ(got, "[config]\ndisable = style\n\n[allow]\n小精尖\n");
    free(got);
    /* An [allow] section as the last line, without newline. */
    ASSERT(tu_writes(rc_path, "[allow]\n甲") == 0);
    got = add(doc, "乙", written, &rc);
    ASSERT_STR_EQ(got, "[allow]\n甲\n乙\n");
    free(got);
    tu_rmrf(dir);
}

TEST_IMPL(allow_add_rejects_empty_and_multiline_phrases)
{
    char dir[PATH_MAX], doc[PATH_MAX], rc_path[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(doc, dir, "报告.txt");
    tu_join(rc_path, dir, ".parkrc");
    static const char *const bad[] = {"", "甲\n乙", "甲\r乙", "甲\n"};
    for (size_t i = 0; i < 4; i++) {
        char *w = NULL;
        perr e = {0};
        ASSERT_INT_EQ(allow_add(doc, bad[i], &w, &e), PARK_EPARAM);
        ASSERT(w == NULL);
        ASSERT(e.msg[0] != '\0');
    }
    char *w = NULL;
    perr e = {0};
    ASSERT_INT_EQ(allow_add(doc, NULL, &w, &e), PARK_EPARAM);
    struct stat st;
    ASSERT(stat(rc_path, &st) != 0);
    tu_rmrf(dir);
}

TEST_IMPL(allow_add_uses_a_parkrc_in_a_parent_directory)
{
    char dir[PATH_MAX], p[PATH_MAX], doc[PATH_MAX], written[PATH_MAX];
    int rc;
    ASSERT(tu_tmpdir(dir) == 0);
    ASSERT(mkdir(tu_join(p, dir, "2023"), 0755) == 0);
    ASSERT(mkdir(tu_join(p, dir, "2023/一月"), 0755) == 0);
    ASSERT(tu_writes(tu_join(p, dir, ".parkrc"), "[allow]\n小精尖\n") == 0);
    tu_join(doc, dir, "2023/一月/报告.txt");
    char *got = add(doc, "专精特新", written, &rc);
    ASSERT_INT_EQ(rc, 0);
    ASSERT_STR_EQ(got, "[allow]\n小精尖\n专精特新\n");
    free(got);
    char *a = realpath(written, NULL), *b = realpath(tu_join(p, dir, ".parkrc"), NULL);
    ASSERT(a && b);
    ASSERT_STR_EQ(a, b);
    free(a);
    free(b);
    struct stat st;
    ASSERT(stat(tu_join(p, dir, "2023/一月/.parkrc"), &st) != 0);
    tu_rmrf(dir);
}

TEST_IMPL(allow_add_into_a_missing_directory_fails)
{
    char dir[PATH_MAX], doc[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(doc, dir, "nosuchdir/报告.txt");
    char *w = NULL;
    perr e = {0};
    int rc = allow_add(doc, "小精尖", &w, &e);
    ASSERT(rc < 0);
    ASSERT(w == NULL);
    ASSERT(e.msg[0] != '\0');
    tu_rmrf(dir);
}

TEST_IMPL(allow_remove_takes_the_phrase_out_of_every_allow_section_only)
{
    char dir[PATH_MAX], doc[PATH_MAX], rc_path[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(doc, dir, "报告.txt");
    tu_join(rc_path, dir, ".parkrc");
    ASSERT(tu_writes(doc, "打造小精尖企业。\n") == 0);
    /* the phrase also as a rule's list entry and a comment: those stay */
    ASSERT(tu_writes(rc_path, "[allow]\n小精尖\n  专精特新  \n\n[typo.x]\ncategory = typo\nseverity = error\nmessage = m\n"
                              "list:\n小精尖\n# 专精特新\n[allow]\n专精特新\r\n") == 0);
    char *w = NULL;
    size_t removed = 0;
    perr e = {0};
    ASSERT_INT_EQ(allow_remove(doc, "专精特新", &w, &removed, &e), 0);
    ASSERT_INT_EQ(removed, 2);
    ASSERT(w != NULL);
    free(w);
    char *got = tu_slurp(rc_path, NULL);
    ASSERT_STR_EQ(got, "[allow]\n小精尖\n\n[typo.x]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n小精尖\n# 专精特新\n[allow]\n");
    free(got);
    /* gone now: nothing to remove, the file is not written */
    ASSERT_INT_EQ(allow_remove(doc, "专精特新", &w, &removed, &e), PARK_ENOENT);
    ASSERT_INT_EQ(removed, 0);
    size_t n = 0;
    char *file = NULL;
    char **list = allow_list(doc, &n, &file);
    ASSERT_INT_EQ(n, 1);
    ASSERT_STR_EQ(list[0], "小精尖");
    ASSERT(file != NULL);
    xstrs_free(list, n);
    free(file);
    tu_rmrf(dir);
}

TEST_IMPL(allow_remove_and_list_without_a_project_file)
{
    char dir[PATH_MAX], doc[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(doc, dir, "报告.txt");
    ASSERT(tu_writes(doc, "正文。\n") == 0);
    char *w = NULL, *file = (char *)"x";
    size_t removed = 9, n = 9;
    perr e = {0};
    ASSERT_INT_EQ(allow_remove(doc, "小精尖", &w, &removed, &e), PARK_ENOENT);
    ASSERT(strstr(e.msg, "找不到项目的 .parkrc") != NULL);
    ASSERT(allow_list(doc, &n, &file) == NULL);
    ASSERT_INT_EQ(n, 0);
    ASSERT(file == NULL);
    tu_rmrf(dir);
}
