/* test-rulefile.c -- the rule-file parser: every key, word lists, examples,
 * [config] and [allow], and how broken blocks are reported and skipped. */

#include <stdlib.h>

#include "rulefile.h"
#include "task.h"
#include "test-util.h"

static rulefile *parse(const char *text)
{
    return rulefile_parse("x.rules", text, strlen(text));
}

static const rule *find(const rulefile *f, const char *id)
{
    for (size_t i = 0; i < f->nrules; i++)
        if (strcmp(f->rules[i]->id, id) == 0) return f->rules[i];
    return NULL;
}

/* 1 if some error message starts with prefix ("x.rules:7:") and contains
 * needle. */
static int has_error(const rulefile *f, const char *prefix, const char *needle)
{
    for (size_t i = 0; i < f->nerrors; i++)
        if (strncmp(f->errors[i], prefix, strlen(prefix)) == 0 && strstr(f->errors[i], needle)) return 1;
    return 0;
}

static const char good_file[] =
    "# 全部字段\n"                                              /* 1 */
    "\n"                                                         /* 2 */
    "[era.shi-jiu-jie]\n"                                        /* 3 */
    "category = era\n"                                           /* 4 */
    "severity = warning\n"                                       /* 5 */
    "message = “{match}”已过时，应为“{fix}” # 不是注释\n"      /* 6 */
    "description = 二十大以后的提法\n"                           /* 7 */
    "pattern = 十九届(\\p{Han}+)全会\n"                          /* 8 */
    "fix = 二十届$1全会\n"                                       /* 9 */
    "trigger = 十九届 | 历次 |  | 全会\n"                        /* 10 */
    "except = 十九届六中全会 | 十九届七中全会\n"                 /* 11 */
    "after = 2022-10-22\n"                                       /* 12 */
    "before = 2027-10-01\n"                                      /* 13 */
    "date = 2023-01-15\n"                                        /* 14 */
    "param = 12\n"                                               /* 15 */
    "fire = 学习十九届历次全会精神 => 学习二十届历次全会精神\n"  /* 16 */
    "fire = 园区工作报告\\n学习十九届历次全会精神\n"             /* 17 */
    "pass = 学习十九届六中全会精神 => 不拆分\n"                  /* 18 */
    "\n"                                                         /* 19 */
    "[typo.bu-shu]\n"                                            /* 20 */
    "category = typo\n"                                          /* 21 */
    "severity = error\n"                                         /* 22 */
    "message = 错别字\n"                                         /* 23 */
    "list:\n"                                                    /* 24 */
    "布署 -> 部署\n"                                             /* 25 */
    "  既使->即使  \n"                                           /* 26 */
    "# 注释不是条目\n"                                           /* 27 */
    "小编精心整理\n"                                             /* 28 */
    "删掉我 ->\n"                                                /* 29 */
    "[style.long]\n"                                             /* 30 */
    "category = style\n"                                         /* 31 */
    "severity = hint\n"                                          /* 32 */
    "message = 句子过长\n"                                       /* 33 */
    "builtin = long-sentence\n"                                  /* 34 */
    "param = 150\n"                                              /* 35 */
    "fix =\n";                                                   /* 36 */

TEST_IMPL(rulefile_parses_every_key_of_a_good_file)
{
    rulefile *f = parse(good_file);
    ASSERT_INT_EQ(f->nerrors, 0);
    ASSERT_STR_EQ(f->path, "x.rules");
    ASSERT_INT_EQ(f->nrules, 3);
    const rule *r = f->rules[0];
    ASSERT_STR_EQ(r->id, "era.shi-jiu-jie");
    ASSERT_INT_EQ(r->category, RULEFILE_CAT_ERA);
    ASSERT_INT_EQ(r->severity, RULEFILE_SEV_WARNING);
    ASSERT_STR_EQ(r->message, "“{match}”已过时，应为“{fix}” # 不是注释");
    ASSERT_STR_EQ(r->description, "二十大以后的提法");
    ASSERT_STR_EQ(r->pattern, "十九届(\\p{Han}+)全会");
    ASSERT_STR_EQ(r->fix, "二十届$1全会");
    ASSERT_INT_EQ(r->ntriggers, 3);
    ASSERT_STR_EQ(r->triggers[0], "十九届");
    ASSERT_STR_EQ(r->triggers[1], "历次");
    ASSERT_STR_EQ(r->triggers[2], "全会");
    ASSERT_INT_EQ(r->nexcepts, 2);
    ASSERT_STR_EQ(r->excepts[1], "十九届七中全会");
    ASSERT_INT_EQ(r->after, 20221022);
    ASSERT_INT_EQ(r->before, 20271001);
    ASSERT_INT_EQ(r->date, 20230115);
    ASSERT_INT_EQ(r->param, 12);
    ASSERT(r->builtin == NULL);
    ASSERT_INT_EQ(r->nents, 0);
    ASSERT_STR_EQ(r->file, "x.rules");
    ASSERT_INT_EQ(r->line, 3);
    ASSERT_INT_EQ(r->re_state, 0);
    ASSERT_INT_EQ(r->nex, 3);
    ASSERT_INT_EQ(r->ex[0].fire, 1);
    ASSERT_STR_EQ(r->ex[0].text, "学习十九届历次全会精神");
    ASSERT_STR_EQ(r->ex[0].expect, "学习二十届历次全会精神");
    ASSERT_INT_EQ(r->ex[0].line, 16);
    ASSERT_STR_EQ(r->ex[1].text, "园区工作报告\n学习十九届历次全会精神");
    ASSERT(r->ex[1].expect == NULL);
    /* "=>" means nothing in a pass example. */
    ASSERT_INT_EQ(r->ex[2].fire, 0);
    ASSERT_STR_EQ(r->ex[2].text, "学习十九届六中全会精神 => 不拆分");
    ASSERT(r->ex[2].expect == NULL);

    const rule *b = f->rules[2];
    ASSERT_STR_EQ(b->id, "style.long");
    ASSERT_STR_EQ(b->builtin, "long-sentence");
    ASSERT_INT_EQ(b->param, 150);
    ASSERT_INT_EQ(b->severity, RULEFILE_SEV_HINT);
    /* No description: the message stands in. */
    ASSERT_STR_EQ(b->description, "句子过长");
    /* "fix =" with nothing after it means "delete", not "no fix". */
    ASSERT(b->fix != NULL);
    ASSERT_STR_EQ(b->fix, "");
    rulefile_free(f);
}

TEST_IMPL(rulefile_list_entries_with_and_without_arrow)
{
    rulefile *f = parse(good_file);
    const rule *r = find(f, "typo.bu-shu");
    ASSERT(r != NULL);
    ASSERT(r->pattern == NULL);
    ASSERT_INT_EQ(r->nents, 4);
    ASSERT_STR_EQ(r->ents[0].wrong, "布署");
    ASSERT_STR_EQ(r->ents[0].right, "部署");
    ASSERT_STR_EQ(r->ents[1].wrong, "既使");
    ASSERT_STR_EQ(r->ents[1].right, "即使");
    ASSERT_STR_EQ(r->ents[2].wrong, "小编精心整理");
    ASSERT(r->ents[2].right == NULL);
    /* "wrong ->" with nothing after: the fix deletes. */
    ASSERT_STR_EQ(r->ents[3].wrong, "删掉我");
    ASSERT_STR_EQ(r->ents[3].right, "");
    rulefile_free(f);
}

TEST_IMPL(rulefile_list_entry_without_wrong_side_is_an_error)
{
    rulefile *f = parse("[typo.a]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n甲 -> 乙\n -> 丙\n丁 -> 戊\n");
    ASSERT_INT_EQ(f->nerrors, 1);
    ASSERT(has_error(f, "x.rules:7:", "错误写法"));
    ASSERT_INT_EQ(f->nrules, 1);
    ASSERT_INT_EQ(f->rules[0]->nents, 2);
    ASSERT_STR_EQ(f->rules[0]->ents[1].wrong, "丁");
    rulefile_free(f);
}

TEST_IMPL(rulefile_config_section_gives_directives_and_date)
{
    rulefile *f = parse("[config]\n"
                        "disable = style, typo.qi-ta\n"
                        "enable = style.long-sentence\n"
                        "severity = punctuation: warning, typo.bu-shu : info\n"
                        "date = 2023-01-15\n");
    ASSERT_INT_EQ(f->nerrors, 0);
    ASSERT_INT_EQ(f->nrules, 0);
    ASSERT_INT_EQ(f->ndirs, 5);
    ASSERT_INT_EQ(f->dirs[0].kind, RULEFILE_DIR_DISABLE);
    ASSERT_STR_EQ(f->dirs[0].target, "style");
    ASSERT_INT_EQ(f->dirs[1].kind, RULEFILE_DIR_DISABLE);
    ASSERT_STR_EQ(f->dirs[1].target, "typo.qi-ta");
    ASSERT_INT_EQ(f->dirs[2].kind, RULEFILE_DIR_ENABLE);
    ASSERT_STR_EQ(f->dirs[2].target, "style.long-sentence");
    ASSERT_INT_EQ(f->dirs[3].kind, RULEFILE_DIR_SEVERITY);
    ASSERT_STR_EQ(f->dirs[3].target, "punctuation");
    ASSERT_INT_EQ(f->dirs[3].severity, RULEFILE_SEV_WARNING);
    ASSERT_STR_EQ(f->dirs[4].target, "typo.bu-shu");
    ASSERT_INT_EQ(f->dirs[4].severity, RULEFILE_SEV_INFO);
    ASSERT_INT_EQ(f->date, 20230115);
    rulefile_free(f);
}

TEST_IMPL(rulefile_config_errors_are_reported_with_line)
{
    rulefile *f = parse("[config]\n"
                        "severity = punctuation\n"     /* 2: no colon */
                        "severity = typo: fatal\n"     /* 3: bad level */
                        "date = 2023/01/15\n"          /* 4 */
                        "colour = red\n"               /* 5 */
                        "disable = style\n");          /* 6: still taken */
    ASSERT_INT_EQ(f->nerrors, 4);
    ASSERT(has_error(f, "x.rules:2:", "punctuation"));
    ASSERT(has_error(f, "x.rules:3:", "fatal"));
    ASSERT(has_error(f, "x.rules:4:", "2023/01/15"));
    ASSERT(has_error(f, "x.rules:5:", "colour"));
    ASSERT_INT_EQ(f->date, 0);
    ASSERT_INT_EQ(f->ndirs, 1);
    ASSERT_STR_EQ(f->dirs[0].target, "style");
    rulefile_free(f);
}

TEST_IMPL(rulefile_allow_section_lists_phrases)
{
    rulefile *f = parse("[allow]\n小精尖\n# 注释\n\n  专精特新  \n[typo.a]\ncategory = typo\nseverity = error\n"
                        "message = m\nlist:\n甲\n[allow]\n乙 -> 丙\n");
    ASSERT_INT_EQ(f->nerrors, 0);
    ASSERT_INT_EQ(f->nallow, 3);
    ASSERT_STR_EQ(f->allow[0], "小精尖");
    ASSERT_STR_EQ(f->allow[1], "专精特新");
    ASSERT_STR_EQ(f->allow[2], "乙 -> 丙");
    ASSERT_INT_EQ(f->nrules, 1);
    ASSERT_INT_EQ(f->rules[0]->nents, 1);
    rulefile_free(f);
}

/* One broken block between two good ones: the error names file:line, the
 * broken rule is left out, both neighbours load. */
static void check_skipped(const char *broken, const char *line_prefix, const char *needle)
{
    char text[2048];
    snprintf(text, sizeof text,
             "[typo.before]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n甲\n"  /* 1-6 */
             "%s"                                                                        /* 7- */
             "[typo.after]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n乙\n",
             broken);
    rulefile *f = parse(text);
    if (!has_error(f, line_prefix, needle)) {
        task_fail(__FILE__, __LINE__, "no error \"%s…%s\" for:\n%s\n(first error: %s)", line_prefix, needle,
                  broken, f->nerrors ? f->errors[0] : "none");
    } else if (f->nerrors != 1) {
        task_fail(__FILE__, __LINE__, "%zu errors for:\n%s", f->nerrors, broken);
    } else if (f->nrules != 2 || !find(f, "typo.before") || !find(f, "typo.after")) {
        task_fail(__FILE__, __LINE__, "%zu rules loaded around:\n%s", f->nrules, broken);
    } else if (find(f, "typo.after")->nents != 1 || strcmp(find(f, "typo.after")->ents[0].wrong, "乙") != 0) {
        task_fail(__FILE__, __LINE__, "typo.after lost its list after:\n%s", broken);
    }
    rulefile_free(f);
}

TEST_IMPL(rulefile_unknown_key_skips_the_block)
{
    check_skipped("[typo.bad]\ncategory = typo\nseverity = error\ncolour = red\nmessage = m\nlist:\n丙\n",
                  "x.rules:10:", "colour");
}

TEST_IMPL(rulefile_bad_category_skips_the_block)
{
    check_skipped("[typo.bad]\ncategory = typos\nseverity = error\nmessage = m\nlist:\n丙\n", "x.rules:8:", "typos");
}

TEST_IMPL(rulefile_bad_severity_skips_the_block)
{
    check_skipped("[typo.bad]\ncategory = typo\nseverity = fatal\nmessage = m\nlist:\n丙\n", "x.rules:9:", "fatal");
}

TEST_IMPL(rulefile_missing_message_skips_the_block)
{
    check_skipped("[typo.bad]\ncategory = typo\nseverity = error\nlist:\n丙\n", "x.rules:7:", "message");
}

TEST_IMPL(rulefile_missing_category_skips_the_block)
{
    check_skipped("[typo.bad]\nseverity = error\nmessage = m\nlist:\n丙\n", "x.rules:7:", "category");
}

TEST_IMPL(rulefile_pattern_and_list_together_skip_the_block)
{
    check_skipped("[typo.bad]\ncategory = typo\nseverity = error\nmessage = m\npattern = 丙\nlist:\n丙\n",
                  "x.rules:7:", "typo.bad");
}

TEST_IMPL(rulefile_pattern_and_builtin_together_skip_the_block)
{
    check_skipped("[typo.bad]\ncategory = typo\nseverity = error\nmessage = m\npattern = 丙\nbuiltin = pairs\n",
                  "x.rules:7:", "typo.bad");
}

TEST_IMPL(rulefile_rule_without_pattern_list_or_builtin_is_skipped)
{
    check_skipped("[typo.bad]\ncategory = typo\nseverity = error\nmessage = m\n", "x.rules:7:", "typo.bad");
}

TEST_IMPL(rulefile_bad_id_skips_the_block)
{
    check_skipped("[Typo.Bad ID]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n丙\n", "x.rules:7:",
                  "Typo.Bad ID");
}

TEST_IMPL(rulefile_bad_date_skips_the_block)
{
    check_skipped("[typo.bad]\ncategory = typo\nseverity = error\nmessage = m\nafter = 2022-13-01\nlist:\n丙\n",
                  "x.rules:11:", "2022-13-01");
}

TEST_IMPL(rulefile_line_without_equals_skips_the_block)
{
    check_skipped("[typo.bad]\ncategory = typo\nseverity = error\n这一行没有等号\nmessage = m\nlist:\n丙\n",
                  "x.rules:10:", "这一行没有等号");
}

TEST_IMPL(rulefile_content_before_any_section_is_an_error)
{
    rulefile *f = parse("category = typo\n\n[typo.a]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n甲\n");
    ASSERT_INT_EQ(f->nerrors, 1);
    ASSERT(has_error(f, "x.rules:1:", ""));
    ASSERT_INT_EQ(f->nrules, 1);
    ASSERT_STR_EQ(f->rules[0]->id, "typo.a");
    rulefile_free(f);
}

TEST_IMPL(rulefile_duplicate_id_in_one_file_keeps_the_later_block)
{
    rulefile *f = parse("[typo.a]\ncategory = typo\nseverity = error\nmessage = 第一\nlist:\n甲\n"
                        "[typo.b]\ncategory = typo\nseverity = error\nmessage = 乙\nlist:\n乙\n"
                        "[typo.a]\ncategory = usage\nseverity = info\nmessage = 第二\nlist:\n丙\n");
    ASSERT_INT_EQ(f->nerrors, 0);
    ASSERT_INT_EQ(f->nrules, 2);
    ASSERT_STR_EQ(f->rules[0]->id, "typo.a");
    ASSERT_STR_EQ(f->rules[0]->message, "第二");
    ASSERT_INT_EQ(f->rules[0]->category, RULEFILE_CAT_USAGE);
    ASSERT_INT_EQ(f->rules[0]->line, 13);
    ASSERT_STR_EQ(f->rules[0]->ents[0].wrong, "丙");
    ASSERT_STR_EQ(f->rules[1]->id, "typo.b");
    rulefile_free(f);
}

TEST_IMPL(rulefile_reads_bom_and_crlf)
{
    const char *text = "\xEF\xBB\xBF[typo.a]\r\ncategory = typo\r\nseverity = error\r\nmessage = 错别字\r\n"
                       "fire = 甲 => 乙\r\npass = 丙\r\nlist:\r\n甲 -> 乙\r\n无修正\r\n\r\n[allow]\r\n小精尖\r\n"
                       "[typo.b]\r\ncategory = typo\r\nseverity = warning\r\nmessage = m\r\nlist:\r\n丁\r\n";
    rulefile *f = parse(text);
    ASSERT_INT_EQ(f->nrules, 2);
    const rule *r = f->rules[0];
    ASSERT_STR_EQ(r->id, "typo.a");
    ASSERT_STR_EQ(r->message, "错别字");
    ASSERT_STR_EQ(r->ex[0].text, "甲");
    ASSERT_STR_EQ(r->ex[0].expect, "乙");
    ASSERT_STR_EQ(r->ex[1].text, "丙");
    ASSERT_INT_EQ(r->nents, 2);
    ASSERT_STR_EQ(r->ents[0].right, "乙");
    ASSERT_STR_EQ(r->ents[1].wrong, "无修正");
    ASSERT_INT_EQ(f->nallow, 1);
    ASSERT_STR_EQ(f->allow[0], "小精尖");
    ASSERT_INT_EQ(f->rules[1]->severity, RULEFILE_SEV_WARNING);
    /* Line numbers count CRLF lines. */
    ASSERT_INT_EQ(f->rules[1]->line, 13);
    ASSERT_INT_EQ(f->nerrors, 0);
    rulefile_free(f);
}

TEST_IMPL(rulefile_nul_byte_line_is_reported_and_ignored)
{
    static const char text[] = "[typo.a]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n甲\0乙\n丙\n";
    rulefile *f = rulefile_parse("x.rules", text, sizeof text - 1);
    ASSERT_INT_EQ(f->nerrors, 1);
    ASSERT(has_error(f, "x.rules:6:", "NUL"));
    ASSERT_INT_EQ(f->nrules, 1);
    ASSERT_INT_EQ(f->rules[0]->nents, 1);
    ASSERT_STR_EQ(f->rules[0]->ents[0].wrong, "丙");
    rulefile_free(f);
}

TEST_IMPL(rulefile_load_of_a_missing_file_gives_one_error)
{
    rulefile *f = rulefile_load("/nonexistent/park/x.rules");
    ASSERT(f != NULL);
    ASSERT_INT_EQ(f->nrules, 0);
    ASSERT_INT_EQ(f->nerrors, 1);
    ASSERT(strstr(f->errors[0], "/nonexistent/park/x.rules") != NULL);
    rulefile_free(f);
    rulefile_free(NULL);
}

TEST_IMPL(rulefile_load_reads_a_file_from_disk)
{
    char dir[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(dir) == 0);
    tu_join(p, dir, "a.rules");
    ASSERT(tu_writes(p, "[typo.a]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n甲\n") == 0);
    rulefile *f = rulefile_load(p);
    ASSERT_INT_EQ(f->nerrors, 0);
    ASSERT_STR_EQ(f->path, p);
    ASSERT_INT_EQ(f->nrules, 1);
    ASSERT_STR_EQ(f->rules[0]->file, p);
    rulefile_free(f);
    tu_rmrf(dir);
}

TEST_IMPL(rulefile_names_and_dates_convert_both_ways)
{
    ASSERT_STR_EQ(rulefile_category_name(RULEFILE_CAT_PLACEHOLDER), "placeholder");
    ASSERT_STR_EQ(rulefile_category_name(RULEFILE_CAT_STYLE), "style");
    ASSERT_INT_EQ(rulefile_category_from_name("era"), RULEFILE_CAT_ERA);
    ASSERT_INT_EQ(rulefile_category_from_name("Era"), -1);
    ASSERT_INT_EQ(rulefile_category_from_name(""), -1);
    for (int c = 0; c < RULEFILE_CAT_COUNT; c++)
        ASSERT_INT_EQ(rulefile_category_from_name(rulefile_category_name(c)), c);
    ASSERT_STR_EQ(rulefile_severity_name(RULEFILE_SEV_HINT), "hint");
    ASSERT_INT_EQ(rulefile_severity_from_name("warning"), RULEFILE_SEV_WARNING);
    ASSERT_INT_EQ(rulefile_severity_from_name("warn"), -1);
    ASSERT_INT_EQ(rulefile_parse_date("2023-01-05"), 20230105);
    ASSERT_INT_EQ(rulefile_parse_date("2022-10-22"), 20221022);
    ASSERT_INT_EQ(rulefile_parse_date("2022-13-01"), 0);
    ASSERT_INT_EQ(rulefile_parse_date("2022-00-10"), 0);
    ASSERT_INT_EQ(rulefile_parse_date("2022-01-32"), 0);
    ASSERT_INT_EQ(rulefile_parse_date("2022/01/05"), 0);
    ASSERT_INT_EQ(rulefile_parse_date("2022-01-05x"), 0);
    ASSERT_INT_EQ(rulefile_parse_date("20220105"), 0);
    ASSERT_INT_EQ(rulefile_parse_date(""), 0);
}

TEST_IMPL(rulefile_supersedes_lists_rule_ids)
{
    rulefile *f = parse("[typo.specific]\ncategory = typo\nseverity = error\nmessage = m\n"
                        "supersedes = typo.general | usage.de-di\nlist:\n甲乙\n");
    ASSERT_INT_EQ(f->nerrors, 0);
    ASSERT_INT_EQ(f->nrules, 1);
    ASSERT_INT_EQ(f->rules[0]->nsupersedes, 2);
    ASSERT_STR_EQ(f->rules[0]->supersedes[0], "typo.general");
    ASSERT_STR_EQ(f->rules[0]->supersedes[1], "usage.de-di");
    rulefile_free(f);
}

TEST_IMPL(rulefile_hex_escapes_name_characters_in_literals)
{
    rulefile *f = parse("[artifact.sp]\ncategory = artifact\nseverity = warning\nmessage = m\n"
                        "trigger = \\x{3000} | A\\x{41}\n"
                        "except = \\x{FF0C}\\x{3000}\n"
                        "pattern = \\x{3000}+\n"
                        "[typo.x]\ncategory = typo\nseverity = error\nmessage = \\x{3000}\nlist:\n"
                        "\\x{3000}\\x{3000} -> \\x{3000}\n"
                        "\\x{E9}\\x{1F600}\n");
    ASSERT_INT_EQ(f->nerrors, 0);
    const rule *a = f->rules[0];
    ASSERT_INT_EQ(a->ntriggers, 2);
    ASSERT_STR_EQ(a->triggers[0], "\xE3\x80\x80");
    ASSERT_STR_EQ(a->triggers[1], "AA");
    ASSERT_STR_EQ(a->excepts[0], "，\xE3\x80\x80");
    /* Patterns keep the escape for PCRE2; messages are not literals. */
    ASSERT_STR_EQ(a->pattern, "\\x{3000}+");
    const rule *x = f->rules[1];
    ASSERT_STR_EQ(x->message, "\\x{3000}");
    ASSERT_STR_EQ(x->ents[0].wrong, "\xE3\x80\x80\xE3\x80\x80");
    ASSERT_STR_EQ(x->ents[0].right, "\xE3\x80\x80");
    ASSERT_STR_EQ(x->ents[1].wrong, "\xC3\xA9\xF0\x9F\x98\x80");
    rulefile_free(f);
}

TEST_IMPL(rulefile_malformed_hex_escapes_are_kept_as_written)
{
    rulefile *f = parse("[typo.x]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n"
                        "\\x{}\n\\x{D800}\n\\x{110000}\n\\x{0}\n\\x{41\n\\x{zz}\n\\x00\n\\x4\n");
    ASSERT_INT_EQ(f->nerrors, 0);
    const rule *x = f->rules[0];
    ASSERT_INT_EQ(x->nents, 8);
    ASSERT_STR_EQ(x->ents[0].wrong, "\\x{}");
    ASSERT_STR_EQ(x->ents[1].wrong, "\\x{D800}");
    ASSERT_STR_EQ(x->ents[2].wrong, "\\x{110000}");
    ASSERT_STR_EQ(x->ents[3].wrong, "\\x{0}");
    ASSERT_STR_EQ(x->ents[4].wrong, "\\x{41");
    ASSERT_STR_EQ(x->ents[5].wrong, "\\x{zz}");
    ASSERT_STR_EQ(x->ents[6].wrong, "\\x00");
    ASSERT_STR_EQ(x->ents[7].wrong, "\\x4");
    rulefile_free(f);
}

TEST_IMPL(rulefile_two_digit_hex_escapes_are_raw_bytes)
{
    /* For triggers that are the UTF-8 lead bytes a range of characters
     * shares: \xEF\xA4 starts every character of U+F900-U+F93F. */
    rulefile *f = parse("[artifact.c]\ncategory = artifact\nseverity = warning\nmessage = m\n"
                        "pattern = [\\x{F900}-\\x{FAFF}]\ntrigger = \\xEF\\xA4 | \\xee | a\\x41b\n");
    ASSERT_INT_EQ(f->nerrors, 0);
    const rule *a = f->rules[0];
    ASSERT_INT_EQ(a->ntriggers, 3);
    ASSERT_STR_EQ(a->triggers[0], "\xEF\xA4");
    ASSERT_STR_EQ(a->triggers[1], "\xEE");
    ASSERT_STR_EQ(a->triggers[2], "aAb");
    ASSERT_STR_EQ(a->pattern, "[\\x{F900}-\\x{FAFF}]");
    rulefile_free(f);
}
