/* test-json.c -- the JSON reader: values, string escapes and surrogate
 * pairs, UTF-8 passthrough and validation, the nesting limit, JSONC and
 * error positions. */

#include <stdlib.h>

#include "json.h"
#include "mem.h"
#include "sbuf.h"
#include "task.h"

/* Parses s with flags; returns the tree (NULL on error, message in *e). */
static json_value *parse(const char *s, int flags, perr *e)
{
    json_value *v = NULL;
    memset(e, 0, sizeof *e);
    json_parse(s, strlen(s), flags, &v, e);
    return v;
}

/* 1 if s fails to parse with an error message starting with "LINE:COL:". */
static int fails_at(const char *s, int flags, const char *where)
{
    perr e;
    json_value *v = parse(s, flags, &e);
    if (v) {
        json_free(v);
        fprintf(stderr, "  parsed, expected an error at %s: %s\n", where, s);
        return 0;
    }
    if (strncmp(e.msg, where, strlen(where)) != 0 || e.msg[strlen(where)] != ':') {
        fprintf(stderr, "  error was \"%s\", expected it at %s\n", e.msg, where);
        return 0;
    }
    return 1;
}

TEST_IMPL(json_parses_every_kind_of_value)
{
    perr e;
    json_value *v = parse(" {\"a\": [1, -2.5e2, 0, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": []} ", 0, &e);
    ASSERT(v != NULL);
    ASSERT_INT_EQ(v->type, JSON_OBJECT);
    ASSERT_INT_EQ(v->n, 3);
    const json_value *a = json_get(v, "a");
    ASSERT(a && a->type == JSON_ARRAY);
    ASSERT_INT_EQ(a->n, 6);
    ASSERT_INT_EQ(a->items[0].type, JSON_NUMBER);
    ASSERT(a->items[0].num == 1);
    ASSERT(a->items[1].num == -250);
    ASSERT_INT_EQ(a->items[3].type, JSON_TRUE);
    ASSERT_INT_EQ(a->items[4].type, JSON_FALSE);
    ASSERT_INT_EQ(a->items[5].type, JSON_NULL);
    const json_value *c = json_get(json_get(v, "b"), "c");
    ASSERT(c && c->type == JSON_STRING);
    ASSERT_STR_EQ(c->str, "d");
    ASSERT_INT_EQ(json_get(v, "e")->n, 0);
    ASSERT(json_get(v, "zz") == NULL);
    ASSERT(json_get(a, "a") == NULL);
    json_free(v);
}

TEST_IMPL(json_keeps_member_order_and_json_get_takes_the_last_duplicate)
{
    perr e;
    json_value *v = parse("{\"k\": 1, \"j\": 2, \"k\": 3}", 0, &e);
    ASSERT(v != NULL);
    ASSERT_INT_EQ(v->n, 3);
    ASSERT_STR_EQ(v->members[0].key, "k");
    ASSERT_STR_EQ(v->members[1].key, "j");
    ASSERT(json_get(v, "k")->num == 3);
    json_free(v);
}

TEST_IMPL(json_decodes_escapes)
{
    perr e;
    json_value *v = parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\te\"", 0, &e);
    ASSERT(v != NULL);
    ASSERT_MEM_EQ(v->str, v->len, "a\"b\\c/d\b\f\n\r\te");
    json_free(v);
}

TEST_IMPL(json_decodes_unicode_escapes_and_surrogate_pairs)
{
    perr e;
    /* 中 U+4E2D, é U+00E9, A, 😀 U+1F600 as a surrogate pair, 𠀀 U+20000. */
    json_value *v = parse("\"\\u4e2d\\u00E9\\u0041\\uD83D\\uDE00\\ud840\\udc00\"", 0, &e);
    ASSERT(v != NULL);
    ASSERT_MEM_EQ(v->str, v->len, "中\xC3\xA9" "A\xF0\x9F\x98\x80\xF0\xA0\x80\x80");
    json_free(v);
    /* \u0000 is kept as a byte; len counts it. */
    v = parse("\"a\\u0000b\"", 0, &e);
    ASSERT(v != NULL);
    ASSERT_INT_EQ(v->len, 3);
    ASSERT(memcmp(v->str, "a\0b", 3) == 0);
    json_free(v);
}

TEST_IMPL(json_rejects_lone_and_reversed_surrogates)
{
    ASSERT(fails_at("\"\\uD83D\"", 0, "1:2"));
    ASSERT(fails_at("\"\\uD83Dx\"", 0, "1:2"));
    ASSERT(fails_at("\"\\uDE00\\uD83D\"", 0, "1:2"));
    ASSERT(fails_at("\"\\uD83D\\u0041\"", 0, "1:2"));
    ASSERT(fails_at("\"\\u12G4\"", 0, "1:2"));
    ASSERT(fails_at("\"\\u12\"", 0, "1:2"));
}

TEST_IMPL(json_passes_utf8_through_and_rejects_invalid_bytes)
{
    perr e;
    json_value *v = parse("{\"同比\": \"增长X%，😀\"}", 0, &e);
    ASSERT(v != NULL);
    ASSERT_STR_EQ(v->members[0].key, "同比");
    ASSERT_STR_EQ(v->members[0].value.str, "增长X%，😀");
    json_free(v);
    ASSERT(fails_at("\"ab\xFF\"", 0, "1:4"));
    ASSERT(fails_at("\"中\xE4\xB8\"", 0, "1:3"));           /* truncated character */
    ASSERT(fails_at("\"\xED\xA0\x80\"", 0, "1:2"));          /* encoded surrogate */
    ASSERT(fails_at("\"\xC0\x80\"", 0, "1:2"));              /* overlong */
}

TEST_IMPL(json_error_positions_count_lines_and_characters)
{
    ASSERT(fails_at("{\n  \"a\": 1,\n  \"b\" 2\n}", 0, "3:7"));
    ASSERT(fails_at("{\"中文\": tru}", 0, "1:8"));
    ASSERT(fails_at("[1, 2", 0, "1:6"));
    ASSERT(fails_at("[1 2]", 0, "1:4"));
    ASSERT(fails_at("{\"a\": \"x\ny\"}", 0, "1:9"));
    ASSERT(fails_at("\"abc", 0, "1:1"));
    ASSERT(fails_at("", 0, "1:1"));
    ASSERT(fails_at("{} {}", 0, "1:4"));
    ASSERT(fails_at("{a: 1}", 0, "1:2"));
    ASSERT(fails_at("\"\\x\"", 0, "1:2"));
    ASSERT(fails_at("\"tab\there\"", 0, "1:5"));
}

TEST_IMPL(json_rejects_bad_numbers)
{
    ASSERT(fails_at("01", 0, "1:2"));
    ASSERT(fails_at("-", 0, "1:1"));
    ASSERT(fails_at("1.", 0, "1:3"));
    ASSERT(fails_at("1e", 0, "1:3"));
    ASSERT(fails_at("+1", 0, "1:1"));
    ASSERT(fails_at(".5", 0, "1:1"));
    perr e;
    json_value *v = parse("-0.25E+1", 0, &e);
    ASSERT(v != NULL);
    ASSERT(v->num == -2.5);
    json_free(v);
}

TEST_IMPL(json_limits_nesting_depth)
{
    sbuf ok = SBUF_INIT, deep = SBUF_INIT;
    for (int i = 0; i < JSON_MAX_DEPTH; i++) sbuf_addc(&ok, '[');
    for (int i = 0; i < JSON_MAX_DEPTH; i++) sbuf_addc(&ok, ']');
    for (int i = 0; i < JSON_MAX_DEPTH + 1; i++) sbuf_addc(&deep, '[');
    for (int i = 0; i < JSON_MAX_DEPTH + 1; i++) sbuf_addc(&deep, ']');
    perr e;
    json_value *v = parse(ok.s, 0, &e);
    ASSERT(v != NULL);
    json_free(v);
    v = parse(deep.s, 0, &e);
    ASSERT(v == NULL);
    ASSERT_INT_EQ(e.code, PARK_ELIMIT);
    ASSERT(strstr(e.msg, "1:65:") == e.msg);
    /* A hostile nesting a million deep fails the same way, without recursion. */
    sbuf huge = SBUF_INIT;
    for (int i = 0; i < 1000000; i++) sbuf_adds(&huge, "{\"a\":");
    v = parse(huge.s, 0, &e);
    ASSERT(v == NULL);
    ASSERT_INT_EQ(e.code, PARK_ELIMIT);
    sbuf_free(&ok);
    sbuf_free(&deep);
    sbuf_free(&huge);
}

TEST_IMPL(json_jsonc_accepts_comments_and_trailing_commas_only_when_asked)
{
    const char *text = "// snippets\n{\n  /* one */ \"a\": [1, 2,],\n  \"b\": 3, // last\n}\n";
    perr e;
    json_value *v = parse(text, JSON_JSONC, &e);
    ASSERT(v != NULL);
    ASSERT_INT_EQ(v->n, 2);
    ASSERT_INT_EQ(json_get(v, "a")->n, 2);
    ASSERT_INT_EQ(json_get(v, "b")->line, 4);
    json_free(v);
    ASSERT(fails_at(text, 0, "1:1"));
    ASSERT(fails_at("[1,]", 0, "1:4"));
    ASSERT(fails_at("[,]", JSON_JSONC, "1:2"));
    ASSERT(fails_at("{\n/* open\n\n", JSON_JSONC, "2:1"));
}

TEST_IMPL(json_skips_a_bom_and_records_value_positions)
{
    perr e;
    json_value *v = parse("\xEF\xBB\xBF{\n \"中\": \"x\"}", 0, &e);
    ASSERT(v != NULL);
    ASSERT_INT_EQ(v->line, 1);
    ASSERT_INT_EQ(v->col, 1);
    ASSERT_INT_EQ(v->members[0].value.line, 2);
    ASSERT_INT_EQ(v->members[0].value.col, 7);
    json_free(v);
}
