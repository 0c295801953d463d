/* msgframe.c -- where a msgpack message ends, found from its headers alone.
 *
 * msgpack-c's streaming unpacker allocates as it parses: an array header
 * claiming 2^32 elements makes it reserve 2^32 objects at once, and a string
 * header claiming 4 GiB makes it buffer bytes until they come. So the RPC
 * transport frames messages itself first: this scanner walks the headers of
 * the message at the head of the stream, skipping payloads, counting the
 * objects each container still owes, and stops at the first header that
 * breaks a limit. Only a complete message that passed is handed to msgpack-c,
 * whose allocations are then bounded by the message's own size.
 *
 * State survives between calls so a message arriving in many reads is
 * scanned once; a header cut by a read boundary is simply read again. */

#include "msgframe.h"

#include <string.h>

void msgframe_reset(msgframe *f)
{
    memset(f, 0, sizeof *f);
    f->pending = 1;
}

static uint64_t msgframe_be(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

/* The header at p (avail bytes): its length, the payload length and the
 * number of child objects. Returns 1, MSGFRAME_MORE (0) when the header is
 * cut, or MSGFRAME_INVALID. */
static int msgframe_header(const unsigned char *p, size_t avail, size_t *hdr, uint64_t *payload, uint64_t *kids)
{
    unsigned char b = p[0];
    size_t lenbytes = 0, extra = 0; /* size of the length field; fixed bytes after it */
    int kind = 0;                   /* 0 payload, 1 array, 2 map */
    *payload = 0, *kids = 0;
    if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
        *hdr = 1;
        return 1;
    }
    if (b >= 0x80 && b <= 0x8f) {
        *hdr = 1, *kids = 2u * (b & 0x0f);
        return 1;
    }
    if (b >= 0x90 && b <= 0x9f) {
        *hdr = 1, *kids = b & 0x0f;
        return 1;
    }
    if (b >= 0xa0 && b <= 0xbf) {
        *hdr = 1, *payload = b & 0x1f;
        return 1;
    }
    switch (b) {
    case 0xc4: case 0xd9: lenbytes = 1; break;          /* bin8, str8 */
    case 0xc5: case 0xda: lenbytes = 2; break;          /* bin16, str16 */
    case 0xc6: case 0xdb: lenbytes = 4; break;          /* bin32, str32 */
    case 0xc7: lenbytes = 1, extra = 1; break;          /* ext8: length, type */
    case 0xc8: lenbytes = 2, extra = 1; break;
    case 0xc9: lenbytes = 4, extra = 1; break;
    case 0xca: case 0xce: case 0xd2: *hdr = 1, *payload = 4; return 1;
    case 0xcb: case 0xcf: case 0xd3: *hdr = 1, *payload = 8; return 1;
    case 0xcc: case 0xd0: *hdr = 1, *payload = 1; return 1;
    case 0xcd: case 0xd1: *hdr = 1, *payload = 2; return 1;
    case 0xd4: *hdr = 1, *payload = 2; return 1;        /* fixext: type + data */
    case 0xd5: *hdr = 1, *payload = 3; return 1;
    case 0xd6: *hdr = 1, *payload = 5; return 1;
    case 0xd7: *hdr = 1, *payload = 9; return 1;
    case 0xd8: *hdr = 1, *payload = 17; return 1;
    case 0xdc: lenbytes = 2, kind = 1; break;
    case 0xdd: lenbytes = 4, kind = 1; break;
    case 0xde: lenbytes = 2, kind = 2; break;
    case 0xdf: lenbytes = 4, kind = 2; break;
    default: return MSGFRAME_INVALID;                   /* 0xc1 */
    }
    if (avail < 1 + lenbytes) return MSGFRAME_MORE;
    uint64_t v = msgframe_be(p + 1, lenbytes);
    *hdr = 1 + lenbytes;
    if (kind == 1) *kids = v;
    else if (kind == 2) *kids = 2 * v;
    else *payload = v + extra;
    return 1;
}

long msgframe_scan(msgframe *f, const char *buf, size_t n, const msgframe_limits *lim)
{
    const unsigned char *p = (const unsigned char *)buf;
    while (f->pending > 0) {
        if (f->pos >= n) return MSGFRAME_MORE;
        size_t hdr = 1;
        uint64_t payload, kids;
        int rc = msgframe_header(p + f->pos, n - f->pos, &hdr, &payload, &kids);
        if (rc <= 0) return rc;
        /* every object still due takes at least one byte */
        uint64_t least = (uint64_t)f->pos + hdr + payload + (f->pending - 1) + kids;
        if (least > lim->max_bytes) return MSGFRAME_TOO_BIG;
        if (f->objects + f->pending + kids > lim->max_objects) return MSGFRAME_TOO_MANY;
        if (kids > 0 && f->depth >= MSGFRAME_MAX_DEPTH) return MSGFRAME_TOO_DEEP;
        size_t end = f->pos + hdr + (size_t)payload;
        if (end > n) return MSGFRAME_MORE;
        f->pos = end;
        f->objects++;
        f->pending--;
        if (f->depth > 0) f->left[f->depth - 1]--;
        if (kids > 0) {
            f->left[f->depth++] = kids;
            f->pending += kids;
        } else {
            while (f->depth > 0 && f->left[f->depth - 1] == 0) f->depth--;
        }
    }
    return (long)f->pos;
}
