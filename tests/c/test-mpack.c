/* test-mpack.c -- the msgpack helpers: an integer array packs to the same
 * bytes as msgpack-c's own calls, across the one-byte ranges and the
 * blocks it writes in. */

#include <stdlib.h>

#include "mpack.h"
#include "task.h"

TEST_IMPL(mpack_int_array_packs_what_msgpack_pack_int_packs)
{
    /* one-byte values around both edges, wider ones between them, and more
     * than one 4096-byte block of one-byte values */
    static const int edge[] = {0, 1, -1, -32, -33, 127, 128, 255, 256, -128, -129, 65536, -70000, 6, -6};
    size_t n = 10000;
    int *v = malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++) v[i] = i % 97 == 0 ? edge[(i / 97) % (sizeof edge / sizeof *edge)] : (int)(i % 13) - 6;
    for (size_t len = 0; len <= n; len = len ? len * 3 : 1) {
        msgpack_sbuffer a, b;
        msgpack_sbuffer_init(&a);
        msgpack_sbuffer_init(&b);
        msgpack_packer pa, pb;
        msgpack_packer_init(&pa, &a, msgpack_sbuffer_write);
        msgpack_packer_init(&pb, &b, msgpack_sbuffer_write);
        mpack_int_array(&pa, v, len);
        msgpack_pack_array(&pb, len);
        for (size_t i = 0; i < len; i++) msgpack_pack_int(&pb, v[i]);
        ASSERT_INT_EQ(a.size, b.size);
        ASSERT(memcmp(a.data, b.data, a.size) == 0);
        msgpack_sbuffer_destroy(&a);
        msgpack_sbuffer_destroy(&b);
    }
    free(v);
}
