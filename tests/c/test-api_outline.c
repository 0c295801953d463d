/* test-api_outline.c -- the outline RPC methods (src/api_outline.c): outline
 * gives the fold levels of a document sent whole, renumber the edits that
 * make its numbering sequential; bad ranges are parameter errors. (The
 * buffer copy that outline follows by changes: test-rpc.c and
 * test-bufstore.c.) */

#include <msgpack.h>
#include <string.h>

#include "test-api.h"
#include "task.h"

/* Calls method with [{lines = lines[0..n), first?, last?}] (first < 0: absent;
 * lines NULL: no lines either). */
static void call(api_call *c, const char *method, const char *const *lines, size_t n, long first, long last)
{
    msgpack_sbuffer in;
    msgpack_sbuffer_init(&in);
    msgpack_packer pk;
    msgpack_packer_init(&pk, &in, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 1);
    msgpack_pack_map(&pk, (lines ? 1 : 0) + (first < 0 ? 0 : 2));
    if (lines) msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "lines", 5), msgpack_pack_array(&pk, n);
    for (size_t i = 0; lines && i < n; i++) msgpack_pack_str(&pk, strlen(lines[i])), msgpack_pack_str_body(&pk, lines[i], strlen(lines[i]));
    if (first >= 0) {
        msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "first", 5), msgpack_pack_long(&pk, first);
        msgpack_pack_str(&pk, 4), msgpack_pack_str_body(&pk, "last", 4), msgpack_pack_long(&pk, last);
    }
    api_call_run(c, method, &in);
    msgpack_sbuffer_destroy(&in);
}

static long num(const msgpack_object *o)
{
    if (o && o->type == MSGPACK_OBJECT_POSITIVE_INTEGER) return (long)o->via.u64;
    if (o && o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER) return (long)o->via.i64;
    return -999;
}

static const char *const report[] = {"一、总体情况", "今年以来，园区发展稳中有进。", "（一）产业发展",
                                     "正文。", "三、下一步打算", "1. 加强组织领导"};

TEST_IMPL(api_outline_outline_gives_a_level_per_line_of_a_document_sent_whole)
{
    api_call c;
    call(&c, "outline", report, 6, -1, 0);
    ASSERT_INT_EQ(c.rc, 0);
    const msgpack_object *levels = api_get(&c.res.data, "levels");
    ASSERT(levels && levels->type == MSGPACK_OBJECT_ARRAY);
    ASSERT_INT_EQ(levels->via.array.size, 6);
    const long want[] = {-1, 1, -2, 2, -1, -2};
    for (int i = 0; i < 6; i++) ASSERT_INT_EQ(num(&levels->via.array.ptr[i]), want[i]);
    api_call_free(&c);
}

TEST_IMPL(api_outline_renumber_edits_the_numeral_that_skips_with_byte_columns)
{
    api_call c;
    call(&c, "renumber", report, 6, -1, 0);
    ASSERT_INT_EQ(c.rc, 0);
    const msgpack_object *edits = api_get(&c.res.data, "edits");
    ASSERT(edits && edits->type == MSGPACK_OBJECT_ARRAY);
    ASSERT_INT_EQ(num(api_get(&c.res.data, "count")), 1);
    ASSERT_INT_EQ(edits->via.array.size, 1);
    const msgpack_object *ed = &edits->via.array.ptr[0], *text = api_get(ed, "text");
    ASSERT_INT_EQ(num(api_get(ed, "lnum")), 4);
    ASSERT_INT_EQ(num(api_get(ed, "col")), 0);
    ASSERT_INT_EQ(num(api_get(ed, "end_col")), 3); /* 三 is 3 bytes */
    ASSERT(text && text->type == MSGPACK_OBJECT_STR);
    ASSERT_MEM_EQ(text->via.str.ptr, text->via.str.size, "二");
    api_call_free(&c);
    call(&c, "renumber", report, 6, 0, 4); /* the range stops before 三、 */
    ASSERT_INT_EQ(c.rc, 0);
    ASSERT_INT_EQ(num(api_get(&c.res.data, "count")), 0);
    api_call_free(&c);
}

TEST_IMPL(api_outline_bad_ranges_and_missing_lines_are_parameter_errors)
{
    api_call c;
    call(&c, "renumber", report, 6, 4, 2);
    ASSERT_INT_EQ(c.rc, PARK_EPARAM);
    ASSERT(strstr(c.e.msg, "first") != NULL);
    api_call_free(&c);
    call(&c, "outline", NULL, 0, -1, 0);
    ASSERT_INT_EQ(c.rc, PARK_EPARAM);
    ASSERT(strstr(c.e.msg, "lines") != NULL);
    api_call_free(&c);
}
