/* test-api_snippet.c -- the snippet RPC methods (src/api_snippet.c): snippets lists
 * the library with previews and the problems found, snippet_expand returns
 * the lines, tabstops, choices and final position, or an error naming the
 * file and the snippet. */

#include <limits.h>
#include <msgpack.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "test-api.h"
#include "task.h"
#include "test-util.h"

/* Makes dir/name with text (creating dir). */
static void put(const char *dir, const char *name, const char *text)
{
    char p[PATH_MAX];
    mkdir(dir, 0755);
    tu_writes(tu_join(p, dir, name), text);
}

/* Calls method with params given as one options map of string pairs. */
static void call(api_call *c, const char *method, const char *const *kv, size_t npairs)
{
    msgpack_sbuffer in;
    msgpack_sbuffer_init(&in);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &in, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 1);
    msgpack_pack_map(&pk, npairs);
    for (size_t i = 0; i < 2 * npairs; i++) {
        msgpack_pack_str(&pk, strlen(kv[i]));
        msgpack_pack_str_body(&pk, kv[i], strlen(kv[i]));
    }
    api_call_run(c, method, &in);
    msgpack_sbuffer_destroy(&in);
}

static int str_is(const msgpack_object *o, const char *s)
{
    return o && o->type == MSGPACK_OBJECT_STR && o->via.str.size == strlen(s) && memcmp(o->via.str.ptr, s, o->via.str.size) == 0;
}

static long num(const msgpack_object *o)
{
    return o && o->type == MSGPACK_OBJECT_POSITIVE_INTEGER ? (long)o->via.u64 : -1;
}

static const char rpc_lib[] =
    "{\"t\": {\"prefix\": [\"tbzz\", \"同比增长\"], \"body\": \"同比增长${1:X}%\", \"description\": \"同比\"},\n"
    " \"c\": {\"prefix\": \"xz\", \"body\": \"${1|一,二|}是${2:加强}\\n，$2。$CURRENT_YEAR\"},\n"
    " \"bad\": {\"prefix\": \"bad\", \"body\": \"${1:x\"}}";

TEST_IMPL(api_snippet_snippets_lists_with_previews_and_errors)
{
    char tmp[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(tmp) == 0);
    put(tu_join(p, tmp, "lib"), "a.json", rpc_lib);
    setenv("PARK_SNIPPETS_DIR", p, 1);
    setenv("XDG_CONFIG_HOME", tu_join(p, tmp, "none"), 1);
    api_call c;
    const char *kv[] = {"date", "2024-07-01"};
    call(&c, "snippets", kv, 1);
    ASSERT_INT_EQ(c.rc, 0);
    const msgpack_object *list = api_get(&c.res.data, "snippets"), *errs = api_get(&c.res.data, "errors");
    ASSERT(list && list->type == MSGPACK_OBJECT_ARRAY);
    ASSERT_INT_EQ(list->via.array.size, 4);
    const msgpack_object *x = &list->via.array.ptr[2];
    ASSERT(str_is(api_get(x, "prefix"), "xz"));
    ASSERT(str_is(api_get(x, "name"), "c"));
    ASSERT(str_is(api_get(x, "description"), ""));
    ASSERT(str_is(api_get(x, "body_preview"), "一是加强\n，加强。2024"));
    ASSERT(api_get(x, "file") && strstr(api_get(x, "file")->via.str.ptr, "a.json"));
    ASSERT(str_is(api_get(&list->via.array.ptr[3], "body_preview"), "${1:x")); /* the raw body */
    ASSERT(errs && errs->via.array.size == 1);
    ASSERT(memmem(errs->via.array.ptr[0].via.str.ptr, errs->via.array.ptr[0].via.str.size, "片段“bad”", strlen("片段“bad”")));
    api_call_free(&c);
    const char *kv2[] = {"prefix", "同"};
    call(&c, "snippets", kv2, 1);
    ASSERT_INT_EQ(api_get(&c.res.data, "snippets")->via.array.size, 1);
    api_call_free(&c);
    tu_rmrf(tmp);
}

TEST_IMPL(api_snippet_expand_returns_lines_tabstops_choices_and_final)
{
    char tmp[PATH_MAX], p[PATH_MAX];
    ASSERT(tu_tmpdir(tmp) == 0);
    put(tu_join(p, tmp, "lib"), "a.json", rpc_lib);
    setenv("PARK_SNIPPETS_DIR", p, 1);
    api_call c;
    const char *kv[] = {"trigger", "xz", "indent", "  ", "date", "2024-07-01"};
    call(&c, "snippet_expand", kv, 3);
    ASSERT_INT_EQ(c.rc, 0);
    const msgpack_object *r = &c.res.data;
    ASSERT(str_is(api_get(r, "trigger"), "xz"));
    const msgpack_object *text = api_get(r, "text");
    ASSERT(text && text->via.array.size == 2);
    ASSERT(str_is(&text->via.array.ptr[0], "一是加强"));
    ASSERT(str_is(&text->via.array.ptr[1], "  ，加强。2024"));
    const msgpack_object *tabs = api_get(r, "tabstops");
    ASSERT(tabs && tabs->via.array.size == 2);
    const msgpack_object *t1 = &tabs->via.array.ptr[0], *t2 = &tabs->via.array.ptr[1];
    ASSERT_INT_EQ(num(api_get(t1, "index")), 1);
    ASSERT(api_get(t1, "choices")->via.array.size == 2);
    ASSERT(str_is(&api_get(t1, "choices")->via.array.ptr[1], "二"));
    ASSERT(api_get(t2, "choices")->type == MSGPACK_OBJECT_NIL);
    const msgpack_object *mirror = &api_get(t2, "ranges")->via.array.ptr[1];
    ASSERT_INT_EQ(num(api_get(mirror, "lnum")), 1);
    ASSERT_INT_EQ(num(api_get(mirror, "col")), 5);
    ASSERT_INT_EQ(num(api_get(mirror, "end_lnum")), 1);
    ASSERT_INT_EQ(num(api_get(mirror, "end_col")), 11);
    ASSERT_INT_EQ(num(api_get(api_get(r, "final"), "col")), 18);
    api_call_free(&c);
    /* A body instead of a trigger. */
    const char *kv2[] = {"body", "a$1b"};
    call(&c, "snippet_expand", kv2, 1);
    ASSERT_INT_EQ(c.rc, 0);
    ASSERT(str_is(&api_get(&c.res.data, "text")->via.array.ptr[0], "ab"));
    api_call_free(&c);
    /* Errors: unknown trigger, malformed body, nothing to expand, bad date. */
    const char *kv3[] = {"trigger", "nope"};
    call(&c, "snippet_expand", kv3, 1);
    ASSERT_INT_EQ(c.rc, PARK_ENOENT);
    ASSERT(strstr(c.e.msg, "没有触发词为“nope”的片段"));
    api_call_free(&c);
    const char *kv4[] = {"trigger", "bad"};
    call(&c, "snippet_expand", kv4, 1);
    ASSERT_INT_EQ(c.rc, PARK_ESYNTAX);
    ASSERT(strstr(c.e.msg, "a.json:3: 片段“bad”（触发词“bad”）：正文第1行第1列"));
    api_call_free(&c);
    call(&c, "snippet_expand", kv3, 0);
    ASSERT_INT_EQ(c.rc, PARK_EPARAM);
    api_call_free(&c);
    const char *kv5[] = {"body", "x", "date", "2024-13-01"};
    call(&c, "snippet_expand", kv5, 2);
    ASSERT_INT_EQ(c.rc, PARK_EPARAM);
    api_call_free(&c);
    tu_rmrf(tmp);
}
