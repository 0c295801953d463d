#ifndef PARK_MSGFRAME_H
#define PARK_MSGFRAME_H

#include <stddef.h>
#include <stdint.h>

/* Finding where one msgpack message ends in a byte stream, before anything
 * is decoded, so that a message is unpacked only once it is complete and
 * within limits. */

#define MSGFRAME_MAX_DEPTH 20  /* nested arrays/maps; msgpack-c itself stops at 32 */

typedef struct msgframe_limits {
    size_t max_bytes;      /* largest message */
    uint64_t max_objects;  /* most objects (values, keys, containers) in one message */
} msgframe_limits;

/* Scanning state of the message at the head of the stream. Initialise with
 * msgframe_reset(); it is plain data, nothing to free. */
typedef struct msgframe {
    size_t pos;                              /* bytes of the message scanned so far */
    uint64_t objects;                        /* objects started so far */
    uint64_t pending;                        /* objects announced but not started */
    unsigned depth;                          /* open containers */
    uint64_t left[MSGFRAME_MAX_DEPTH];       /* objects still due in each open container */
} msgframe;

enum {
    MSGFRAME_MORE = 0,        /* incomplete: call again with more bytes */
    MSGFRAME_TOO_BIG = -1,    /* the message is, or announces to be, over max_bytes */
    MSGFRAME_TOO_MANY = -2,   /* over max_objects */
    MSGFRAME_TOO_DEEP = -3,   /* nested deeper than MSGFRAME_MAX_DEPTH */
    MSGFRAME_INVALID = -4     /* the reserved byte 0xc1 */
};

void msgframe_reset(msgframe *f);
/* Continues scanning the message that starts at buf, of which n bytes are
 * available (the same bytes as before plus any new ones). Returns the
 * message's length once it is complete (> 0, at most n), MSGFRAME_MORE, or a
 * negative MSGFRAME_* error. A limit is enforced as soon as a header
 * announces more than it allows, without waiting for the bytes. After a
 * complete message or an error, reset before scanning the next. */
long msgframe_scan(msgframe *f, const char *buf, size_t n, const msgframe_limits *lim);

#endif
