/* test-ruleset.c -- merging rule files into a ruleset: replacement by id,
 * directive precedence, regex and builtin problems, the literal automaton. */

#include <stdlib.h>

#include "error.h"
#include "ruleset.h"
#include "task.h"
#include "test-util.h"

#define RULE(id, cat, sev, msg, body) "[" id "]\ncategory = " cat "\nseverity = " sev "\nmessage = " msg "\n" body

static rulefile *parse(const char *path, const char *text)
{
    return rulefile_parse(path, text, strlen(text));
}

static int has_error(const ruleset *rs, const char *a, const char *b)
{
    for (size_t i = 0; i < rs->nerrors; i++)
        if (strstr(rs->errors[i], a) && strstr(rs->errors[i], b)) return 1;
    return 0;
}

TEST_IMPL(ruleset_later_file_replaces_a_rule_in_place)
{
    rulefile *f[2];
    f[0] = parse("a.rules", RULE("typo.one", "typo", "error", "旧", "list:\n甲\n")
                                RULE("typo.two", "typo", "error", "二", "list:\n乙\n"));
    f[1] = parse("b.rules", RULE("usage.three", "usage", "info", "三", "list:\n丙\n")
                                RULE("typo.one", "typo", "warning", "新", "list:\n丁\n"));
    ruleset *rs = ruleset_build(f, 2);
    ASSERT_INT_EQ(rs->nerrors, 0);
    ASSERT_INT_EQ(rs->nrules, 3);
    ASSERT_STR_EQ(rs->rules[0]->id, "typo.one");
    ASSERT_STR_EQ(rs->rules[0]->message, "新");
    ASSERT_STR_EQ(rs->rules[0]->file, "b.rules");
    ASSERT_INT_EQ(rs->sev[0], RULEFILE_SEV_WARNING);
    ASSERT_STR_EQ(rs->rules[1]->id, "typo.two");
    ASSERT_STR_EQ(rs->rules[2]->id, "usage.three");
    ASSERT_INT_EQ(ruleset_find(rs, "usage.three"), 2);
    ASSERT_INT_EQ(ruleset_find(rs, "typo.one"), 0);
    ASSERT_INT_EQ(ruleset_find(rs, "nosuch"), -1);
    /* The replaced rule's list is gone from the automaton: 甲 no longer
     * matches, 丁 does. */
    ASSERT_INT_EQ(rs->nents, 3);
    for (size_t i = 0; i < rs->nents; i++) ASSERT(strcmp(rs->ents[i].e->wrong, "甲") != 0);
    ruleset_free(rs);
    rulefile_free(f[0]);
    rulefile_free(f[1]);
}

static const char two_style_rules[] = RULE("style.x", "style", "hint", "x", "list:\n甲\n")
    RULE("style.y", "style", "hint", "y", "list:\n乙\n") RULE("typo.z", "typo", "error", "z", "list:\n丙\n");

TEST_IMPL(ruleset_id_directive_beats_category_directive_in_one_file)
{
    /* The id directive comes first in the file and still wins. */
    rulefile *f = parse("a.rules", "[config]\nenable = style.y\nseverity = style.y: error\n"
                                   "disable = style\nseverity = style: info\n");
    rulefile *files[2] = {parse("r.rules", two_style_rules), f};
    ruleset *rs = ruleset_build(files, 2);
    ASSERT_INT_EQ(rs->nerrors, 0);
    int x = ruleset_find(rs, "style.x"), y = ruleset_find(rs, "style.y"), z = ruleset_find(rs, "typo.z");
    ASSERT_INT_EQ(rs->on[x], 0);
    ASSERT_INT_EQ(rs->sev[x], RULEFILE_SEV_INFO);
    ASSERT_INT_EQ(rs->on[y], 1);
    ASSERT_INT_EQ(rs->sev[y], RULEFILE_SEV_ERROR);
    ASSERT_INT_EQ(rs->on[z], 1);
    ASSERT_INT_EQ(rs->sev[z], RULEFILE_SEV_ERROR);
    ruleset_free(rs);
    rulefile_free(files[0]);
    rulefile_free(files[1]);
}

TEST_IMPL(ruleset_later_file_directives_win)
{
    rulefile *files[3] = {
        parse("r.rules", two_style_rules),
        parse("user.rules", "[config]\ndisable = style.x, typo\nseverity = style.y: error\n"),
        parse(".parkrc", "[config]\nenable = style\nseverity = style: warning\n"),
    };
    ruleset *rs = ruleset_build(files, 3);
    int x = ruleset_find(rs, "style.x"), y = ruleset_find(rs, "style.y"), z = ruleset_find(rs, "typo.z");
    ASSERT_INT_EQ(rs->on[x], 1);
    ASSERT_INT_EQ(rs->sev[y], RULEFILE_SEV_WARNING);
    ASSERT_INT_EQ(rs->on[z], 0);
    ruleset_free(rs);
    /* The same two files the other way round. */
    rulefile *swapped[3] = {files[0], files[2], files[1]};
    rs = ruleset_build(swapped, 3);
    ASSERT_INT_EQ(rs->on[x], 0);
    ASSERT_INT_EQ(rs->sev[y], RULEFILE_SEV_ERROR);
    ruleset_free(rs);
    for (int i = 0; i < 3; i++) rulefile_free(files[i]);
}

TEST_IMPL(ruleset_apply_reports_an_unknown_target)
{
    rulefile *files[2] = {parse("r.rules", two_style_rules), parse("p.rules", "[config]\ndisable = style.nosuch\n")};
    ruleset *rs = ruleset_build(files, 2);
    ASSERT_INT_EQ(rs->nerrors, 1);
    ASSERT(has_error(rs, "p.rules", "style.nosuch"));
    int sev[3];
    unsigned char on[3];
    memcpy(sev, rs->sev, sizeof sev);
    memcpy(on, rs->on, sizeof on);
    rule_directive d[2] = {{RULEFILE_DIR_DISABLE, "typo", 0}, {RULEFILE_DIR_SEVERITY, "nope", RULEFILE_SEV_HINT}};
    const char *unknown = NULL;
    ruleset_apply(rs, d, 2, sev, on, &unknown);
    ASSERT_STR_EQ(unknown, "nope");
    ASSERT_INT_EQ(on[ruleset_find(rs, "typo.z")], 0);
    ASSERT_INT_EQ(on[ruleset_find(rs, "style.x")], 1);
    /* rs itself is untouched. */
    ASSERT_INT_EQ(rs->on[ruleset_find(rs, "typo.z")], 1);
    ruleset_free(rs);
    rulefile_free(files[0]);
    rulefile_free(files[1]);
}

TEST_IMPL(ruleset_bad_regex_is_reported_and_disabled)
{
    rulefile *f = parse("p.rules", RULE("typo.ok", "typo", "error", "ok", "pattern = 布署\n")
                                       "\n" RULE("typo.bad", "typo", "error", "bad", "pattern = 部署(工作\n")
                                           RULE("typo.list", "typo", "error", "list", "list:\n既使\n"));
    ASSERT_INT_EQ(f->nerrors, 0);
    ruleset *rs = ruleset_build(&f, 1);
    int bad = ruleset_find(rs, "typo.bad");
    ASSERT(bad >= 0);
    ASSERT_INT_EQ(rs->nerrors, 1);
    ASSERT(has_error(rs, "p.rules:7:", "typo.bad"));
    ASSERT_INT_EQ(rs->on[bad], 0);
    ASSERT_INT_EQ(rs->rules[bad]->re_state, -1);
    ASSERT(rs->rules[bad]->re_error != NULL);
    ASSERT_INT_EQ(ruleset_compile_rule(rs->rules[bad]), PARK_EREGEX);
    /* The other rules still work. */
    doc_text doc;
    const char *text = "要认真布署部署(工作，既使";
    doc_init(&doc, text, strlen(text));
    check_opts o = {0};
    check_result res = {0};
    check_run(rs, &doc, &o, &res);
    ASSERT_INT_EQ(res.n, 2);
    ASSERT_INT_EQ(res.f[0].rule, ruleset_find(rs, "typo.ok"));
    ASSERT_INT_EQ(res.f[0].col, 9);
    ASSERT_INT_EQ(res.f[1].rule, ruleset_find(rs, "typo.list"));
    check_result_free(&res);
    doc_free(&doc);
    ruleset_free(rs);
    rulefile_free(f);
}

TEST_IMPL(ruleset_compile_rule_caches_the_compiled_pattern)
{
    rulefile *f = parse("p.rules", RULE("typo.ok", "typo", "error", "ok", "pattern = 布署\n"));
    rule *r = f->rules[0];
    ASSERT_INT_EQ(ruleset_compile_rule(r), 0);
    void *re = r->re;
    ASSERT(re != NULL);
    ASSERT_INT_EQ(r->re_state, 1);
    ASSERT_INT_EQ(ruleset_compile_rule(r), 0);
    ASSERT(r->re == re);
    /* Building twice reuses it too. */
    ruleset *a = ruleset_build(&f, 1), *b = ruleset_build(&f, 1);
    ASSERT(r->re == re);
    ruleset_free(a);
    ruleset_free(b);
    rulefile_free(f);
}

TEST_IMPL(ruleset_unknown_builtin_is_reported_and_disabled)
{
    rulefile *f = parse("p.rules", RULE("punctuation.ok", "punctuation", "error", "ok", "builtin = pairs\n")
                                       RULE("punctuation.x", "punctuation", "error", "x", "builtin = nosuch\n"));
    ruleset *rs = ruleset_build(&f, 1);
    int ok = ruleset_find(rs, "punctuation.ok"), x = ruleset_find(rs, "punctuation.x");
    ASSERT_INT_EQ(rs->nerrors, 1);
    ASSERT(has_error(rs, "p.rules:6:", "nosuch"));
    ASSERT_INT_EQ(rs->on[x], 0);
    ASSERT_INT_EQ(rs->builtin[x], -1);
    ASSERT_INT_EQ(rs->on[ok], 1);
    ASSERT(rs->builtin[ok] >= 0);
    ruleset_free(rs);
    rulefile_free(f);
}

TEST_IMPL(ruleset_file_errors_are_carried_over)
{
    rulefile *f = parse("p.rules", "[typo.bad]\ncategory = typos\n");
    ruleset *rs = ruleset_build(&f, 1);
    ASSERT_INT_EQ(rs->nrules, 0);
    ASSERT_INT_EQ(rs->nerrors, f->nerrors);
    ASSERT(has_error(rs, "p.rules:2:", "typos"));
    ruleset_free(rs);
    rulefile_free(f);
    ruleset_free(NULL);
}

typedef struct seen {
    char what[16][64];
    size_t n;
} seen;

static int record(void *ctx, uint32_t id, size_t start, size_t end)
{
    seen *s = ctx;
    if (s->n < 16) snprintf(s->what[s->n++], 64, "%s%u@%zu-%zu", (id & RULESET_LIT_TRIGGER) ? "t" : "e",
                            (unsigned)(id & ~RULESET_LIT_TRIGGER), start, end);
    return 0;
}

TEST_IMPL(ruleset_automaton_holds_list_entries_and_triggers)
{
    rulefile *f = parse("p.rules", RULE("typo.a", "typo", "error", "a", "list:\n布署 -> 部署\n既使\n")
                                       RULE("era.b", "era", "warning", "b",
                                            "pattern = 十九届\\p{Han}+全会\ntrigger = 十九届 | 全会\n")
                                           RULE("style.c", "style", "hint", "c", "builtin = pairs\ntrigger = 忽略\n"));
    ruleset *rs = ruleset_build(&f, 1);
    ASSERT_INT_EQ(rs->nerrors, 0);
    ASSERT_INT_EQ(rs->nents, 2);
    ASSERT_INT_EQ(rs->ntrig, 2);    /* triggers of the builtin rule gate nothing */
    ASSERT_INT_EQ(litset_count(rs->lits), 4);
    ASSERT_INT_EQ(rs->ents[0].rule, 0);
    ASSERT_STR_EQ(rs->ents[0].e->wrong, "布署");
    ASSERT_STR_EQ(rs->ents[0].e->right, "部署");
    ASSERT_STR_EQ(rs->ents[1].e->wrong, "既使");
    ASSERT_STR_EQ(rs->trig[0].lit, "十九届");
    ASSERT_INT_EQ(rs->trig[0].n, 1);
    ASSERT_INT_EQ(rs->trig[0].rules[0], 1);
    ASSERT_INT_EQ(rs->trig[1].rules[0], 1);
    ASSERT_INT_EQ(rs->gated[1], 1);
    ASSERT_INT_EQ(rs->gated[2], 0);
    seen s = {0};
    /* 布0 署3 十6 九9 届12 全15 会18 既21 使24 */
    litset_scan(rs->lits, "布署十九届全会既使", 27, record, &s);
    ASSERT_INT_EQ(s.n, 4);
    ASSERT_STR_EQ(s.what[0], "e0@0-6");
    ASSERT_STR_EQ(s.what[1], "t0@6-15");
    ASSERT_STR_EQ(s.what[2], "t1@15-21");
    ASSERT_STR_EQ(s.what[3], "e1@21-27");
    ruleset_free(rs);
    rulefile_free(f);
}

TEST_IMPL(ruleset_collects_allow_phrases_and_the_last_date)
{
    rulefile *files[3] = {
        parse("a.rules", "[allow]\n小精尖\n[config]\ndate = 2022-01-01\n"),
        parse("b.rules", "[config]\ndate = 2023-05-06\n[allow]\n专精特新\n"),
        parse("c.rules", "[allow]\n老旧小区\n"),
    };
    ruleset *rs = ruleset_build(files, 3);
    ASSERT_INT_EQ(rs->date, 20230506);
    ASSERT_INT_EQ(rs->nallow, 3);
    ASSERT_STR_EQ(rs->allow[0], "小精尖");
    ASSERT_STR_EQ(rs->allow[1], "专精特新");
    ASSERT_STR_EQ(rs->allow[2], "老旧小区");
    ruleset_free(rs);
    for (int i = 0; i < 3; i++) rulefile_free(files[i]);
}

TEST_IMPL(ruleset_shares_trigger_literals_and_skips_them_for_anchored_patterns)
{
    rulefile *f = parse("p.rules", RULE("usage.a", "usage", "error", "a", "pattern = 认真的\\K落实\ntrigger = 的\n")
                                       RULE("usage.b", "usage", "error", "b", "pattern = 积极的\\K参与\ntrigger = 的 | 参与\n")
                                           RULE("numbering.c", "numbering", "error", "c",
                                                "pattern = ^[0-9]+\\K、\ntrigger = 、\n"));
    ruleset *rs = ruleset_build(&f, 1);
    ASSERT_INT_EQ(rs->nerrors, 0);
    /* "的" once for both rules, "参与" once; the anchored rule adds nothing */
    ASSERT_INT_EQ(rs->ntrig, 2);
    ASSERT_STR_EQ(rs->trig[0].lit, "的");
    ASSERT_INT_EQ(rs->trig[0].n, 2);
    ASSERT_INT_EQ(rs->gated[0], 1);
    ASSERT_INT_EQ(rs->gated[2], 0);
    ruleset_free(rs);
    rulefile_free(f);
}

TEST_IMPL(ruleset_links_supersedes_and_reports_unknown_ids)
{
    rulefile *files[2] = {
        parse("a.rules", RULE("usage.general", "usage", "warning", "g", "list:\n的\n")),
        parse("b.rules", RULE("usage.specific", "usage", "error", "s", "supersedes = usage.general | usage.nosuch\n"
                                                                      "list:\n认真的\n")),
    };
    ruleset *rs = ruleset_build(files, 2);
    ASSERT_INT_EQ(rs->nsup, 1);
    ASSERT_INT_EQ(rs->sup[0][0], ruleset_find(rs, "usage.specific"));
    ASSERT_INT_EQ(rs->sup[0][1], ruleset_find(rs, "usage.general"));
    ASSERT_INT_EQ(rs->nerrors, 1);
    ASSERT(has_error(rs, "b.rules:1:", "usage.nosuch"));
    ruleset_free(rs);
    rulefile_free(files[0]);
    rulefile_free(files[1]);
}
