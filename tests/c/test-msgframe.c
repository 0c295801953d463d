/* test-msgframe.c -- framing msgpack messages from their headers: lengths,
 * messages cut anywhere, and limits enforced before the bytes arrive. */

#include <msgpack.h>

#include "msgframe.h"
#include "task.h"

static const msgframe_limits msgframe_big = {1u << 20, 1u << 16};

/* Scans a whole buffer from a fresh state. */
static long msgframe_once(const char *p, size_t n, const msgframe_limits *lim)
{
    msgframe f;
    msgframe_reset(&f);
    return msgframe_scan(&f, p, n, lim);
}

/* [0, 7, "check", [{"lines": [..], "buf": 1, "tick": -3, "f": 1.5, "b": bin, "e": ext, "n": nil, "t": true}]] */
static void msgframe_pack_sample(msgpack_sbuffer *sb)
{
    msgpack_packer pk;
    msgpack_packer_init(&pk, sb, msgpack_sbuffer_write);
    msgpack_pack_array(&pk, 4);
    msgpack_pack_int(&pk, 0);
    msgpack_pack_uint32(&pk, 70000);
    msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "check", 5);
    msgpack_pack_array(&pk, 1);
    msgpack_pack_map(&pk, 8);
    msgpack_pack_str(&pk, 5), msgpack_pack_str_body(&pk, "lines", 5);
    msgpack_pack_array(&pk, 20);
    static char line[300];
    memset(line, 'x', sizeof line);
    for (int i = 0; i < 20; i++) msgpack_pack_str(&pk, (size_t)i * 15), msgpack_pack_str_body(&pk, line, (size_t)i * 15);
    msgpack_pack_str(&pk, 3), msgpack_pack_str_body(&pk, "buf", 3), msgpack_pack_uint64(&pk, 1ull << 40);
    msgpack_pack_str(&pk, 4), msgpack_pack_str_body(&pk, "tick", 4), msgpack_pack_int64(&pk, -300000);
    msgpack_pack_str(&pk, 1), msgpack_pack_str_body(&pk, "f", 1), msgpack_pack_double(&pk, 1.5);
    msgpack_pack_str(&pk, 1), msgpack_pack_str_body(&pk, "g", 1), msgpack_pack_float(&pk, 2.5f);
    msgpack_pack_str(&pk, 1), msgpack_pack_str_body(&pk, "b", 1), msgpack_pack_bin(&pk, 3),
        msgpack_pack_bin_body(&pk, "\x00\x01\x02", 3);
    msgpack_pack_str(&pk, 1), msgpack_pack_str_body(&pk, "e", 1), msgpack_pack_ext(&pk, 4, 0),
        msgpack_pack_ext_body(&pk, "\x01\x02\x03\x04", 4);
    msgpack_pack_str(&pk, 1), msgpack_pack_str_body(&pk, "n", 1), msgpack_pack_array(&pk, 3), msgpack_pack_nil(&pk),
        msgpack_pack_true(&pk), msgpack_pack_ext(&pk, 20, 1), msgpack_pack_ext_body(&pk, line, 20);
}

TEST_IMPL(msgframe_complete_message_gives_its_exact_length)
{
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    msgframe_pack_sample(&sb);
    size_t one = sb.size;
    msgframe_pack_sample(&sb); /* a second message behind the first */
    ASSERT_INT_EQ(msgframe_once(sb.data, sb.size, &msgframe_big), one);
    ASSERT_INT_EQ(msgframe_once(sb.data, one, &msgframe_big), one);
    msgpack_sbuffer_destroy(&sb);
}

TEST_IMPL(msgframe_message_cut_at_every_byte_needs_more)
{
    msgpack_sbuffer sb;
    msgpack_sbuffer_init(&sb);
    msgframe_pack_sample(&sb);
    for (size_t k = 0; k < sb.size; k++) ASSERT_INT_EQ(msgframe_once(sb.data, k, &msgframe_big), MSGFRAME_MORE);
    /* the same, growing one byte at a time with the state kept */
    msgframe f;
    msgframe_reset(&f);
    for (size_t k = 0; k < sb.size; k++) ASSERT_INT_EQ(msgframe_scan(&f, sb.data, k, &msgframe_big), MSGFRAME_MORE);
    ASSERT_INT_EQ(msgframe_scan(&f, sb.data, sb.size, &msgframe_big), sb.size);
    msgpack_sbuffer_destroy(&sb);
}

TEST_IMPL(msgframe_scalars_and_empty_containers_are_whole_messages)
{
    ASSERT_INT_EQ(msgframe_once("\xc0", 1, &msgframe_big), 1);
    ASSERT_INT_EQ(msgframe_once("\x90\xc0", 2, &msgframe_big), 1);
    ASSERT_INT_EQ(msgframe_once("\x80", 1, &msgframe_big), 1);
    ASSERT_INT_EQ(msgframe_once("\xcf\x01\x02\x03\x04\x05\x06\x07\x08", 9, &msgframe_big), 9);
    ASSERT_INT_EQ(msgframe_once("\xa3" "abc", 4, &msgframe_big), 4);
    ASSERT_INT_EQ(msgframe_once("\x92\x91\x90\x80", 4, &msgframe_big), 4);
}

TEST_IMPL(msgframe_huge_string_claim_is_refused_from_its_header)
{
    /* str32 announcing 4 GiB: refused after 5 bytes, nothing awaited */
    ASSERT_INT_EQ(msgframe_once("\xdb\xff\xff\xff\xff", 5, &msgframe_big), MSGFRAME_TOO_BIG);
    ASSERT_INT_EQ(msgframe_once("\x94\x00\x01\xa5" "check\x91\xc6\x7f\xff\xff\xff", 16, &msgframe_big),
                  MSGFRAME_TOO_BIG);
    /* just under the limit: fine, but incomplete */
    msgframe_limits small = {100, 1000};
    ASSERT_INT_EQ(msgframe_once("\xd9\x5f", 2, &small), MSGFRAME_MORE);
    ASSERT_INT_EQ(msgframe_once("\xd9\x63", 2, &small), MSGFRAME_TOO_BIG);
}

TEST_IMPL(msgframe_huge_array_claim_is_refused_from_its_header)
{
    ASSERT_INT_EQ(msgframe_once("\xdd\xff\xff\xff\xff", 5, &msgframe_big), MSGFRAME_TOO_BIG);
    ASSERT_INT_EQ(msgframe_once("\xdf\x10\x00\x00\x00", 5, &msgframe_big), MSGFRAME_TOO_BIG);
    /* within the byte limit but over the object limit */
    msgframe_limits few = {1u << 20, 1000};
    ASSERT_INT_EQ(msgframe_once("\xdc\x10\x00", 3, &few), MSGFRAME_TOO_MANY);
    ASSERT_INT_EQ(msgframe_once("\xdc\x03\xe6", 3, &few), MSGFRAME_MORE); /* 998 + itself: fits */
}

TEST_IMPL(msgframe_nesting_deeper_than_the_limit_is_refused)
{
    char deep[MSGFRAME_MAX_DEPTH + 2];
    memset(deep, 0x91, sizeof deep);
    deep[sizeof deep - 1] = (char)0xc0;
    ASSERT_INT_EQ(msgframe_once(deep, sizeof deep, &msgframe_big), MSGFRAME_TOO_DEEP);
    /* exactly the limit is fine */
    ASSERT_INT_EQ(msgframe_once(deep + 1, sizeof deep - 1, &msgframe_big), (long)sizeof deep - 1);
}

TEST_IMPL(msgframe_reserved_byte_is_invalid)
{
    ASSERT_INT_EQ(msgframe_once("\xc1", 1, &msgframe_big), MSGFRAME_INVALID);
    ASSERT_INT_EQ(msgframe_once("\x93\x00\xc1", 3, &msgframe_big), MSGFRAME_INVALID);
}
