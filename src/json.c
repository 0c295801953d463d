/* json.c -- reading JSON text into a tree.
 *
 * Snippet files are JSON (VS Code's snippet format), and no JSON library is
 * available to the helper, so this is a strict recursive-descent reader of
 * RFC 8259:
 *
 *   value   = object | array | string | number | true | false | null
 *   object  = '{' [ string ':' value *( ',' string ':' value ) ] '}'
 *   array   = '[' [ value *( ',' value ) ] ']'
 *
 * Strings are validated as UTF-8 and decoded: escapes \" \\ \/ \b \f \n \r
 * \t and \uXXXX, where a high surrogate must be followed by a low one (the
 * pair becomes one 4-byte character) and a lone surrogate is an error. Raw
 * control characters inside strings are errors, as the RFC demands. Nesting
 * is limited to JSON_MAX_DEPTH so a hostile file cannot exhaust the stack.
 * With JSON_JSONC, // and block comments and trailing commas are accepted
 * too, because VS Code writes snippet files that way.
 *
 * Every error carries LINE:COL of the offending character; columns count
 * characters, not bytes, so they match what an editor shows. */

#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "sbuf.h"
#include "utf8.h"

typedef struct json_reader {
    const char *s;      /* the text */
    size_t n;           /* its length */
    size_t i;           /* the read position */
    int line;           /* 1-based line of position i */
    size_t line_start;  /* offset of that line's first byte */
    int flags;
    perr *e;
} json_reader;

static void json_pos(const json_reader *r, size_t at, int *line, int *col)
{
    /* at is never before the current line's start: errors point at or after
     * the last newline consumed. */
    *line = r->line;
    *col = (int)utf8_count(r->s + r->line_start, at - r->line_start) + 1;
}

static int json_fail_at(json_reader *r, size_t at, int code, const char *msg)
{
    int line, col;
    json_pos(r, at, &line, &col);
    return perr_set(r->e, code, "%d:%d: %s", line, col, msg);
}

static int json_fail(json_reader *r, const char *msg)
{
    return json_fail_at(r, r->i, PARK_ESYNTAX, msg);
}

/* Skips whitespace (and comments with JSON_JSONC). Returns 0 or an error
 * for an unterminated block comment. */
static int json_skip(json_reader *r)
{
    while (r->i < r->n) {
        char c = r->s[r->i];
        if (c == '\n') {
            r->i++;
            r->line++;
            r->line_start = r->i;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            r->i++;
        } else if (c == '/' && (r->flags & JSON_JSONC) && r->i + 1 < r->n && r->s[r->i + 1] == '/') {
            while (r->i < r->n && r->s[r->i] != '\n') r->i++;
        } else if (c == '/' && (r->flags & JSON_JSONC) && r->i + 1 < r->n && r->s[r->i + 1] == '*') {
            size_t start = r->i, start_line_start = r->line_start;
            int start_line = r->line;
            r->i += 2;
            for (;;) {
                if (r->i + 1 >= r->n) {
                    r->line = start_line;
                    r->line_start = start_line_start;
                    return json_fail_at(r, start, PARK_ESYNTAX, "注释“/*”没有结束");
                }
                if (r->s[r->i] == '*' && r->s[r->i + 1] == '/') break;
                if (r->s[r->i] == '\n') {
                    r->line++;
                    r->line_start = r->i + 1;
                }
                r->i++;
            }
            r->i += 2;
        } else {
            break;
        }
    }
    return 0;
}

static int json_hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static void json_put_utf8(sbuf *b, uint32_t cp)
{
    char u[4];
    size_t k;
    if (cp < 0x80) u[0] = (char)cp, k = 1;
    else if (cp < 0x800) u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), k = 2;
    else if (cp < 0x10000)
        u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 0x3F)), u[2] = (char)(0x80 | (cp & 0x3F)), k = 3;
    else
        u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | (cp >> 12 & 0x3F)), u[2] = (char)(0x80 | (cp >> 6 & 0x3F)),
        u[3] = (char)(0x80 | (cp & 0x3F)), k = 4;
    sbuf_add(b, u, k);
}

/* Reads a \uXXXX escape at r->i (pointing at the backslash), joining a
 * surrogate pair; appends the character to b. */
static int json_unicode_escape(json_reader *r, sbuf *b)
{
    size_t at = r->i;
    uint32_t cp;
    if (r->i + 6 > r->n || json_hex4(r->s + r->i + 2, &cp) != 0)
        return json_fail_at(r, at, PARK_ESYNTAX, "“\\u”后应为 4 位十六进制数");
    r->i += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return json_fail_at(r, at, PARK_ESYNTAX, "孤立的低位代理项（\\uDC00–\\uDFFF）");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t lo;
        if (r->i + 6 > r->n || r->s[r->i] != '\\' || r->s[r->i + 1] != 'u' || json_hex4(r->s + r->i + 2, &lo) != 0 ||
            lo < 0xDC00 || lo > 0xDFFF)
            return json_fail_at(r, at, PARK_ESYNTAX, "高位代理项（\\uD800–\\uDBFF）后应紧跟低位代理项");
        r->i += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    json_put_utf8(b, cp);
    return 0;
}

/* Reads a string at r->i (the opening quote) into a NUL-terminated copy. */
static int json_string(json_reader *r, char **out, size_t *outlen)
{
    size_t open = r->i;
    r->i++;
    sbuf b = SBUF_INIT;
    int rc = 0;
    for (;;) {
        if (r->i >= r->n) {
            rc = json_fail_at(r, open, PARK_ESYNTAX, "字符串没有结束（缺少右引号）");
            break;
        }
        unsigned char c = (unsigned char)r->s[r->i];
        if (c == '"') {
            r->i++;
            break;
        }
        if (c < 0x20) {
            rc = json_fail(r, c == '\n' ? "字符串中不能直接换行（应写作 \\n）" : "字符串中有未转义的控制字符");
            break;
        }
        if (c == '\\') {
            if (r->i + 1 >= r->n) {
                rc = json_fail_at(r, open, PARK_ESYNTAX, "字符串没有结束（缺少右引号）");
                break;
            }
            char x = r->s[r->i + 1];
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            const char *k = x ? strchr(from, x) : NULL;
            if (k) {
                sbuf_addc(&b, to[k - from]);
                r->i += 2;
            } else if (x == 'u') {
                if ((rc = json_unicode_escape(r, &b)) != 0) break;
            } else {
                rc = json_fail(r, "无效的转义（可用 \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX）");
                break;
            }
            continue;
        }
        size_t k = c < 0x80 ? 1 : utf8_valid_prefix_char(r->s + r->i, r->n - r->i);
        if (k == 0) {
            rc = json_fail(r, "无效的 UTF-8 字节（文件应以 UTF-8 编码保存）");
            break;
        }
        sbuf_add(&b, r->s + r->i, k);
        r->i += k;
    }
    if (rc != 0) {
        sbuf_free(&b);
        return rc;
    }
    *outlen = b.len;
    *out = b.s ? sbuf_detach(&b) : xstrdup("");
    return 0;
}

static int json_number(json_reader *r, json_value *v)
{
    size_t start = r->i, i = r->i;
    const char *s = r->s;
    if (i < r->n && s[i] == '-') i++;
    if (i < r->n && s[i] == '0') {
        i++;
    } else if (i < r->n && s[i] >= '1' && s[i] <= '9') {
        while (i < r->n && s[i] >= '0' && s[i] <= '9') i++;
    } else {
        return json_fail(r, "无效的数值");
    }
    if (i < r->n && s[i] == '.') {
        i++;
        if (i >= r->n || s[i] < '0' || s[i] > '9') return json_fail_at(r, i, PARK_ESYNTAX, "小数点后应为数字");
        while (i < r->n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < r->n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < r->n && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= r->n || s[i] < '0' || s[i] > '9') return json_fail_at(r, i, PARK_ESYNTAX, "指数部分应为数字");
        while (i < r->n && s[i] >= '0' && s[i] <= '9') i++;
    }
    char *copy = xstrndup(s + start, i - start);
    v->num = strtod(copy, NULL);
    free(copy);
    v->type = JSON_NUMBER;
    r->i = i;
    return 0;
}

static int json_value_at(json_reader *r, json_value *v, int depth);

/* After an element of an array or object: ',' (and, with JSONC, a trailing
 * comma before close) or close. Sets *done when close was consumed. */
static int json_after_element(json_reader *r, char close, int *done, const char *what)
{
    int rc = json_skip(r);
    if (rc != 0) return rc;
    if (r->i < r->n && r->s[r->i] == close) {
        r->i++;
        *done = 1;
        return 0;
    }
    if (r->i >= r->n || r->s[r->i] != ',') return json_fail(r, what);
    r->i++;
    if ((rc = json_skip(r)) != 0) return rc;
    if ((r->flags & JSON_JSONC) && r->i < r->n && r->s[r->i] == close) {
        r->i++;
        *done = 1;
    }
    return 0;
}

/* Past the opening bracket of an array or object and the space after it;
 * *done is set when close follows at once (an empty one). */
static int json_open(json_reader *r, json_value *v, int type, char close, int *done)
{
    v->type = type;
    r->i++;
    int rc = json_skip(r);
    *done = rc == 0 && r->i < r->n && r->s[r->i] == close;
    if (*done) r->i++;
    return rc;
}

static int json_array(json_reader *r, json_value *v, int depth)
{
    size_t cap = 0;
    int done, rc = json_open(r, v, JSON_ARRAY, ']', &done);
    if (rc != 0) return rc;
    while (!done) {
        xgrow(&v->items, &cap, v->n + 1, sizeof *v->items);
        memset(&v->items[v->n], 0, sizeof *v->items);
        v->n++;
        if ((rc = json_value_at(r, &v->items[v->n - 1], depth + 1)) != 0) return rc;
        if ((rc = json_after_element(r, ']', &done, "数组中应为“,”或“]”")) != 0) return rc;
    }
    return 0;
}

static int json_object(json_reader *r, json_value *v, int depth)
{
    size_t cap = 0;
    int done, rc = json_open(r, v, JSON_OBJECT, '}', &done);
    if (rc != 0) return rc;
    while (!done) {
        if (r->i >= r->n || r->s[r->i] != '"') return json_fail(r, "对象中应为用双引号括起的键名");
        xgrow(&v->members, &cap, v->n + 1, sizeof *v->members);
        json_member *m = &v->members[v->n];
        memset(m, 0, sizeof *m);
        v->n++;
        if ((rc = json_string(r, &m->key, &m->keylen)) != 0) return rc;
        if ((rc = json_skip(r)) != 0) return rc;
        if (r->i >= r->n || r->s[r->i] != ':') return json_fail(r, "键名后应为“:”");
        r->i++;
        if ((rc = json_value_at(r, &m->value, depth + 1)) != 0) return rc;
        if ((rc = json_after_element(r, '}', &done, "对象中应为“,”或“}”")) != 0) return rc;
    }
    return 0;
}

static int json_literal(json_reader *r, const char *word, int type, json_value *v)
{
    size_t k = strlen(word);
    if (r->n - r->i < k || memcmp(r->s + r->i, word, k) != 0) return json_fail(r, "无法识别的值（应为字符串、数值、对象、数组、true、false 或 null）");
    r->i += k;
    v->type = type;
    return 0;
}

static int json_value_at(json_reader *r, json_value *v, int depth)
{
    int rc = json_skip(r);
    if (rc != 0) return rc;
    json_pos(r, r->i, &v->line, &v->col);
    if (r->i >= r->n) return json_fail(r, "意外的文件结尾（缺少值）");
    char c = r->s[r->i];
    if ((c == '[' || c == '{') && depth >= JSON_MAX_DEPTH)
        return json_fail_at(r, r->i, PARK_ELIMIT, "嵌套层数过多（最多 64 层）");
    switch (c) {
    case '{': return json_object(r, v, depth);
    case '[': return json_array(r, v, depth);
    case '"':
        v->type = JSON_STRING;
        return json_string(r, &v->str, &v->len);
    case 't': return json_literal(r, "true", JSON_TRUE, v);
    case 'f': return json_literal(r, "false", JSON_FALSE, v);
    case 'n': return json_literal(r, "null", JSON_NULL, v);
    default:
        if (c == '-' || (c >= '0' && c <= '9')) return json_number(r, v);
        return json_fail(r, "无法识别的值（应为字符串、数值、对象、数组、true、false 或 null）");
    }
}

static void json_clear(json_value *v)
{
    free(v->str);
    for (size_t i = 0; v->items && i < v->n; i++) json_clear(&v->items[i]);
    free(v->items);
    for (size_t i = 0; v->members && i < v->n; i++) {
        free(v->members[i].key);
        json_clear(&v->members[i].value);
    }
    free(v->members);
}

int json_parse(const char *text, size_t len, int flags, json_value **out, perr *e)
{
    json_reader r = {text, len, 0, 1, 0, flags, e};
    *out = NULL;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) r.i = r.line_start = 3;
    json_value *v = xcalloc(1, sizeof *v);
    int rc = json_value_at(&r, v, 0);
    if (rc == 0) rc = json_skip(&r);
    if (rc == 0 && r.i < r.n) rc = json_fail(&r, "值的后面还有多余的内容");
    if (rc != 0) {
        json_free(v);
        return rc;
    }
    *out = v;
    return 0;
}

void json_free(json_value *v)
{
    if (!v) return;
    json_clear(v);
    free(v);
}

const json_value *json_get(const json_value *v, const char *key)
{
    if (!v || v->type != JSON_OBJECT) return NULL;
    size_t kl = strlen(key);
    for (size_t i = v->n; i-- > 0;)
        if (v->members[i].keylen == kl && memcmp(v->members[i].key, key, kl) == 0) return &v->members[i].value;
    return NULL;
}

const char *json_type_name(int type)
{
    static const char *const names[] = {"null", "false", "true", "数值", "字符串", "数组", "对象"};
    return type >= 0 && type <= JSON_OBJECT ? names[type] : "未知";
}
