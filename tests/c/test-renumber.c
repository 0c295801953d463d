/* test-renumber.c -- renumbering: expected numbers, round trips on the
 * corpus (already numbered: no edit), shuffled and cut reports (sequential
 * afterwards, idempotent, nothing but numerals changed), ranges, and the
 * numbering checks' fixes agreeing with it. */

#include "outline.h"
#include "renumber.h"
#include "task.h"
#include "test-util.h"

/* Renumbers text (lines first..last, 0-based inclusive; last SIZE_MAX = all)
 * into out; returns the number of edits. */
static size_t renumber_text(const char *text, size_t first, size_t last, sbuf *out)
{
    doc_text doc;
    doc_init(&doc, text, strlen(text));
    outline o;
    outline_parse(&o, &doc, OUTLINE_ITEMS);
    renumber_plan p = {0};
    if (doc.nlines) renumber_make(&o, &doc, first, last == (size_t)-1 ? doc.nlines - 1 : last, &p);
    sbuf_clear(out);
    renumber_apply(text, strlen(text), &doc, &p, out);
    size_t n = p.n;
    renumber_plan_free(&p);
    outline_free(&o);
    doc_free(&doc);
    return n;
}

/* The text with every heading and item numeral replaced by "#": what must
 * not change when renumbering. */
static void skeleton(const char *text, sbuf *out)
{
    doc_text doc;
    doc_init(&doc, text, strlen(text));
    outline o;
    outline_parse(&o, &doc, OUTLINE_ITEMS);
    sbuf_clear(out);
    size_t hi = 0, ii = 0;
    for (size_t l = 0; l < doc.nlines; l++) {
        const doc_line *ln = &doc.lines[l];
        size_t at = 0;
        for (;;) {
            size_t hs = hi < o.nh && o.h[hi].line == l ? o.h[hi].nstart : (size_t)-1;
            size_t is = ii < o.nitems && o.items[ii].line == l ? o.items[ii].nstart : (size_t)-1;
            if (hs == (size_t)-1 && is == (size_t)-1) break;
            size_t s, e;
            if (hs <= is) s = hs, e = o.h[hi++].nend;
            else s = is, e = o.items[ii++].nend;
            if (o.items && ii > 0 && o.items[ii - 1].kind == OUTLINE_ITEM_ORDINAL && s == is) continue;
            sbuf_add(out, ln->s + at, s - at);
            sbuf_addc(out, '#');
            at = e;
        }
        sbuf_add(out, ln->s + at, ln->len - at);
        sbuf_addc(out, '\n');
    }
    outline_free(&o);
    doc_free(&doc);
}

/* 1 if every heading and item of text carries its expected number. */
static int sequential(const char *text)
{
    doc_text doc;
    doc_init(&doc, text, strlen(text));
    outline o;
    outline_parse(&o, &doc, OUTLINE_ITEMS);
    int *h, *it, ok = 1;
    renumber_expect(&o, &h, &it);
    for (size_t i = 0; i < o.nh; i++) ok &= o.h[i].number == h[i];
    for (size_t i = 0; i < o.nitems; i++) ok &= !it[i] || o.items[i].number == it[i];
    free(h);
    free(it);
    outline_free(&o);
    doc_free(&doc);
    return ok;
}

static char *corpus(const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/tests/corpus/%s", task_root(), name);
    return tu_slurp(path, NULL);
}

/* Lines [a, b) of text (1-based a, exclusive b) appended to out. */
static void lines(sbuf *out, const char *text, size_t a, size_t b)
{
    size_t l = 1;
    for (const char *p = text; *p; l++) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (l >= a && l < b) sbuf_add(out, p, n);
        p += n;
    }
}

TEST_IMPL(renumber_corpus_needs_no_edit)
{
    static const char *const files[] = {"leadership-work-report.txt", "staff-meeting-speech.txt",
                                        "annual-summary-speech.txt"};
    sbuf out = SBUF_INIT;
    for (size_t k = 0; k < 3; k++) {
        char *text = corpus(files[k]);
        ASSERT(text != NULL);
        ASSERT_INT_EQ(renumber_text(text, 0, (size_t)-1, &out), 0);
        ASSERT_STR_EQ(out.s, text);
        ASSERT(sequential(text));
        free(text);
    }
    sbuf_free(&out);
}

TEST_IMPL(renumber_shuffled_report_becomes_sequential)
{
    /* staff-meeting-speech with section 三 (lines 16-21) moved before 二
     * (13-15), and the last two （一）（二） swapped in section 四. */
    char *text = corpus("staff-meeting-speech.txt");
    ASSERT(text != NULL);
    sbuf shuf = SBUF_INIT, out = SBUF_INIT, again = SBUF_INIT, a = SBUF_INIT, b = SBUF_INIT;
    lines(&shuf, text, 1, 13);
    lines(&shuf, text, 16, 22);
    lines(&shuf, text, 13, 16);
    lines(&shuf, text, 22, 23);
    lines(&shuf, text, 24, 25);
    lines(&shuf, text, 23, 24);
    lines(&shuf, text, 25, 100);
    ASSERT(!sequential(shuf.s));
    ASSERT_INT_EQ(renumber_text(shuf.s, 0, (size_t)-1, &out), 4);
    ASSERT(sequential(out.s));
    ASSERT(strstr(out.s, "\n二、开拓进取") != NULL);
    ASSERT(strstr(out.s, "\n三、新的起点") != NULL);
    ASSERT(strstr(out.s, "\n（一）擦亮非公党建") != NULL);
    ASSERT(strstr(out.s, "\n（二）坚持把政治建设") != NULL);
    /* Nothing but numerals changed. */
    skeleton(shuf.s, &a);
    skeleton(out.s, &b);
    ASSERT_STR_EQ(b.s, a.s);
    ASSERT_INT_EQ(out.len, shuf.len);
    /* Idempotent. */
    ASSERT_INT_EQ(renumber_text(out.s, 0, (size_t)-1, &again), 0);
    ASSERT_STR_EQ(again.s, out.s);
    sbuf_free(&shuf), sbuf_free(&out), sbuf_free(&again), sbuf_free(&a), sbuf_free(&b);
    free(text);
}

TEST_IMPL(renumber_after_deleting_a_section)
{
    /* leadership-work-report without section 二 (lines 7-12): 三 and 四
     * become 二 and 三; the 一是 sequences inside stay. */
    char *text = corpus("leadership-work-report.txt");
    ASSERT(text != NULL);
    sbuf cut = SBUF_INIT, out = SBUF_INIT, a = SBUF_INIT, b = SBUF_INIT;
    lines(&cut, text, 1, 7);
    lines(&cut, text, 13, 100);
    ASSERT_INT_EQ(renumber_text(cut.s, 0, (size_t)-1, &out), 2);
    ASSERT(strstr(out.s, "\n二、强化正风肃纪") != NULL);
    ASSERT(strstr(out.s, "\n三、严守各项规定") != NULL);
    ASSERT(sequential(out.s));
    skeleton(cut.s, &a);
    skeleton(out.s, &b);
    ASSERT_STR_EQ(b.s, a.s);
    sbuf_free(&cut), sbuf_free(&out), sbuf_free(&a), sbuf_free(&b);
    free(text);
}

TEST_IMPL(renumber_items_and_every_marker_form)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"一、甲\n三、乙\n三、丙\n", "一、甲\n二、乙\n三、丙\n"},
        {"（二）甲\n（五）乙\n", "（一）甲\n（二）乙\n"},
        {"1.甲\n1.乙\n5.丙\n", "1.甲\n2.乙\n3.丙\n"},
        {"（1）甲\n（3）乙\n", "（1）甲\n（2）乙\n"},
        {"①甲\n③乙\n", "①甲\n②乙\n"},
        {"第一部分 甲\n第三部分 乙\n", "第一部分 甲\n第二部分 乙\n"},
        {"一.甲\n三.乙\n", "一.甲\n二.乙\n"},
        {"(一)甲\n(三)乙\n", "(一)甲\n(二)乙\n"},
        {"1、甲\n3、乙\n", "1、甲\n2、乙\n"},
        {"　　一、甲\n　　三、乙\n", "　　一、甲\n　　二、乙\n"},
        {"主要做法：一是加强领导；三是完善机制；三是强化考核。\n", "主要做法：一是加强领导；二是完善机制；三是强化考核。\n"},
        {"第一，要提高站位；第三，要压实责任。\n", "第一，要提高站位；第二，要压实责任。\n"},
        /* the item that lost its 是 counts; renumbering changes only numerals */
        {"一是加强领导；二完善机制；三是强化考核；五是狠抓落实。\n", "一是加强领导；二完善机制；三是强化考核；四是狠抓落实。\n"},
        {"九、甲\n十一、乙\n", "一、甲\n二、乙\n"},
        {"一、甲\n二、乙\n三、丙\n四、丁\n五、戊\n六、己\n七、庚\n八、辛\n九、壬\n十、癸\n十二、子\n",
         "一、甲\n二、乙\n三、丙\n四、丁\n五、戊\n六、己\n七、庚\n八、辛\n九、壬\n十、癸\n十一、子\n"},
        {"一、甲\r\n三、乙\r\n", "一、甲\r\n二、乙\r\n"},
        {"\xEF\xBB\xBF二、甲\n", "\xEF\xBB\xBF一、甲\n"},
    };
    sbuf out = SBUF_INIT, again = SBUF_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        renumber_text(cases[i].in, 0, (size_t)-1, &out);
        if (strcmp(out.s, cases[i].out) != 0) {
            task_fail(__FILE__, __LINE__, "case %zu: \"%s\" became \"%s\", want \"%s\"", i, cases[i].in, out.s,
                      cases[i].out);
            return;
        }
        ASSERT_INT_EQ(renumber_text(out.s, 0, (size_t)-1, &again), 0);
    }
    sbuf_free(&out);
    sbuf_free(&again);
}

TEST_IMPL(renumber_a_range_changes_only_its_lines)
{
    const char *in = "一、甲\n三、乙\n（二）子\n四、丙\n（三）子\n";
    sbuf out = SBUF_INIT;
    /* lines 2-3 (0-based 1..2): 三 → 二 and （二） → （一）; 四 and （三） stay */
    ASSERT_INT_EQ(renumber_text(in, 1, 2, &out), 2);
    ASSERT_STR_EQ(out.s, "一、甲\n二、乙\n（一）子\n四、丙\n（三）子\n");
    ASSERT_INT_EQ(renumber_text(in, 3, 4, &out), 2);
    ASSERT_STR_EQ(out.s, "一、甲\n三、乙\n（二）子\n三、丙\n（一）子\n");
    sbuf_free(&out);
}

TEST_IMPL(renumber_numbering_fixes_agree_with_renumber)
{
    /* Applying every fix of the sequence checks gives the renumbered text. */
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/rules/outline.rules", task_root());
    char *rules = tu_slurp(path, NULL);
    ASSERT(rules != NULL);
    tu_fix t;
    tu_rules(&t, rules);
    ASSERT_INT_EQ(t.rs->nerrors, 0);
    const char *in = "一、甲\n（一）子\n（三）子\n二、乙\n二、丙\n一是A；三是B。\n一、丁\n1.x\n1.y\n";
    tu_check(&t, in, NULL);
    ASSERT(t.res.n > 0);
    /* apply right to left */
    sbuf fixed = SBUF_INIT;
    sbuf_adds(&fixed, in);
    for (size_t i = t.res.n; i > 0; i--) {
        const check_finding *f = &t.res.f[i - 1];
        if (!f->has_fix) continue;
        size_t base = (size_t)(t.doc.lines[f->line].s - in);
        sbuf n = SBUF_INIT;
        sbuf_add(&n, fixed.s, base + f->col);
        sbuf_add(&n, t.res.arena.s + f->fix_off, f->fix_len);
        sbuf_adds(&n, fixed.s + base + f->end);
        sbuf_free(&fixed);
        fixed = n;
    }
    sbuf want = SBUF_INIT;
    renumber_text(in, 0, (size_t)-1, &want);
    ASSERT_STR_EQ(fixed.s, want.s);
    ASSERT_STR_EQ(want.s, "一、甲\n（一）子\n（二）子\n二、乙\n三、丙\n一是A；二是B。\n四、丁\n1.x\n2.y\n");
    sbuf_free(&fixed);
    sbuf_free(&want);
    tu_free(&t);
    free(rules);
}

TEST_IMPL(renumber_numbering_checks_are_silent_on_the_corpus)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/rules/outline.rules", task_root());
    char *rules = tu_slurp(path, NULL);
    ASSERT(rules != NULL);
    tu_fix t;
    tu_rules(&t, rules);
    static const char *const files[] = {"leadership-work-report.txt", "staff-meeting-speech.txt",
                                        "annual-summary-speech.txt"};
    for (size_t k = 0; k < 3; k++) {
        char *text = corpus(files[k]);
        ASSERT(text != NULL);
        tu_check(&t, text, NULL);
        if (t.res.n) {
            const check_finding *f = &t.res.f[0];
            task_fail(__FILE__, __LINE__, "%s:%zu: %s", files[k], (size_t)f->line + 1, t.rs->rules[f->rule]->id);
            return;
        }
        check_result_free(&t.res);
        doc_free(&t.doc);
        free(text);
    }
    tu_free(&t);
    free(rules);
}
