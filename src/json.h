#ifndef PARK_JSON_H
#define PARK_JSON_H

#include <stddef.h>

#include "error.h"

/* A small JSON reader (RFC 8259) for snippet files: the whole text becomes a
 * tree of json_value. Strings are decoded to UTF-8 (\uXXXX escapes included,
 * surrogate pairs joined); the input must be valid UTF-8. Errors name the
 * line and column (1-based; the column counts characters). */

enum { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

/* Deepest nesting of arrays and objects accepted. */
#define JSON_MAX_DEPTH 64

/* Flags for json_parse. */
#define JSON_JSONC 1  /* also accept // and block comments and trailing commas, as VS Code's snippet files do */

typedef struct json_member json_member;
typedef struct json_value json_value;

struct json_value {
    int type;              /* JSON_* */
    int line, col;         /* where the value starts, 1-based */
    double num;            /* JSON_NUMBER */
    char *str;             /* JSON_STRING: decoded bytes, NUL-terminated (may hold \0 from \u0000) */
    size_t len;            /* JSON_STRING: bytes in str */
    json_value *items;     /* JSON_ARRAY: the elements */
    json_member *members;  /* JSON_OBJECT: the members, in file order (duplicates kept) */
    size_t n;              /* number of items or members */
};

struct json_member {
    char *key;             /* decoded, NUL-terminated */
    size_t keylen;
    json_value value;
};

/* Parses text[0, len) (a leading UTF-8 BOM is skipped) into *out (caller
 * frees with json_free). Returns 0, PARK_ESYNTAX or PARK_ELIMIT (nesting
 * deeper than JSON_MAX_DEPTH), with "LINE:COL: message" in e; *out is then
 * NULL. */
int json_parse(const char *text, size_t len, int flags, json_value **out, perr *e);
/* Frees a tree returned by json_parse. NULL-safe. */
void json_free(json_value *v);
/* The value of the last member called key in object v, or NULL (also when v
 * is not an object). Borrowed from v. */
const json_value *json_get(const json_value *v, const char *key);
/* The name of a JSON_* type, in Chinese, for messages ("字符串"). */
const char *json_type_name(int type);

#endif
