/* placeholder.c -- unfilled template slots in a report.
 *
 * Reports are written from templates and from last year's text, full of
 * slots: X亿元, 同比增长X%, **同志, 20XX年, 【待补充】. This file finds them, one
 * line (paragraph) at a time, and says what belongs in each: a figure, a
 * date, a name (person, place, organisation), text, or a masked name.
 *
 *   slot runs      X XX x Ｘ ｘ, × ××, * ** *** ＊, ___ ＿＿, ○○ □□ △△, 某某
 *   years          20XX年 202X年 20××年 20**年 (the digits belong to the slot)
 *   brackets       【待补充】 【】 [ ] （略） （此处填写…） （姓名） （ ）
 *   cut text       …… after 如下 / 以下 / a colon, or alone on a line
 *   missing figure a unit whose number was deleted: 实现营业收入亿元, 增长%,
 *                  提高个百分点
 *   masked names   template sites replace every UTF-8 byte of a sensitive name
 *                  with *: 9 * = 3 characters. Nine or more *, or a multiple
 *                  of three (at least six) before 同志/书记/思想, is masked.
 *
 * Not slots: X光, X射线, X型 …; Latin words and codes (XML, iPhone X, X-ray,
 * 1+X); products 3×4, 2*3, 长×宽; and in Markdown, emphasis, bullets and
 * rules. A slot must stand in Chinese text: a Han character or a Chinese
 * mark next to it, ignoring spaces.
 *
 * The kind comes from the context: the unit or word after the slot (亿元, 家,
 * 年, 同志, 市), the word before it (第, 增长, 报告人：), quotes around it, or a
 * bracket's keyword; a slot listed with others (X、X等同志, *、*、*硫磷钛)
 * takes the kind of the last. Without any of these, a slot before Chinese
 * text is taken for a name and any other for text (`guessed`).
 *
 * All offsets are bytes within the line; nothing is allocated except the
 * output array. Most of a line cannot begin a slot: the scan steps over it
 * a character at a time without decoding it (ph_next), and the word lists
 * are looked up by their first or last character (ph_index). */

#include "placeholder.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"

enum { PH_NONE, PH_LETTER, PH_TIMES, PH_STAR, PH_UNDER, PH_FWUNDER, PH_SYMBOL, PH_MOU };

#define PH_MD_SKIPS 16

typedef struct ph_line {
    const char *s;
    size_t n;
    int markdown;
    placeholder_list *out;
    size_t first;                 /* index in out of this line's first placeholder */
    size_t last_end;              /* end of the last slot emitted, or SIZE_MAX */
    size_t md_skip[PH_MD_SKIPS];  /* Markdown: star runs closing an emphasis */
    size_t nskip;
} ph_line;

/* ---- word lists --------------------------------------------------------- */

/* A bracket's keyword: kind -1 takes the kind from the context; exact 1: the
 * keyword must be the whole content, not a part of it. */
typedef struct ph_bracket_word {
    const char *word;
    int kind;
    int exact;
} ph_bracket_word;

/* ph_name_after, ph_figure_after, … ph_bracket_words: the vocabulary, kept
 * as data in data/placeholder-words.txt, which says what each list is for. */
#include "placeholder_words.h"

/* ---- word index ---------------------------------------------------------- */

/* The lists above, by what they are matched against: a word at a position
 * (ph_starts) or a word ending at one (ph_ends). */
enum {
    PHW_NAME_AFTER, PHW_DATE_AFTER, PHW_FIGURE_AFTER, PHW_NOT_UNITS, PHW_ABBREV_AFTER, PHW_LETTER_WORDS,
    PHW_CONNECTORS, PHW_MONEY_AFTER_OK, PHW_MONEY_UNITS, PHW_MASKED_AFTER,
    PHW_COUNT_BEFORE, PHW_FIGURE_BEFORE, PHW_NAME_BEFORE, PHW_CUT_BEFORE, PHW_MONEY_BEFORE,
    PHW_NLISTS,
    PHW_FIRST_ENDS = PHW_COUNT_BEFORE
};

static const char *const *const ph_lists[PHW_NLISTS] = {
    ph_name_after, ph_date_after, ph_figure_after, ph_not_units, ph_abbrev_after, ph_letter_words,
    ph_connectors, ph_money_after_ok, ph_money_units, ph_masked_after,
    ph_count_before, ph_figure_before, ph_name_before, ph_cut_before, ph_money_before};

#define PH_WORDS_MAX 128
#define PH_SLOTS 512

_Static_assert(sizeof ph_figure_after / sizeof *ph_figure_after < PH_WORDS_MAX, "ph_figure_after too long");

/* Every list's words grouped by their first character (last, for the lists
 * matched before a position): a lookup compares only the words that can
 * match, in their order in the list. A character's bytes, packed, are its
 * key; entries are an open-addressed hash of the keys. Indices are stored
 * + 1, 0 ending a chain. Built once, by the first scan of any thread. */
typedef struct ph_entry {
    uint32_t key;
    uint8_t klen;                /* bytes in the key */
    uint8_t first[PHW_NLISTS];   /* per list, the first word with this key */
} ph_entry;

static pthread_once_t ph_ix_once = PTHREAD_ONCE_INIT;
static struct {
    ph_entry e[PH_SLOTS];
    uint8_t len[PHW_NLISTS][PH_WORDS_MAX], next[PHW_NLISTS][PH_WORDS_MAX];
    uint8_t bracket_len[sizeof ph_bracket_words / sizeof *ph_bracket_words];
} ph_ix;

static const ph_entry ph_no_entry;

static size_t ph_key_len(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

static uint32_t ph_key(const unsigned char *s, size_t len)
{
    switch (len) {
    case 1: return s[0];
    case 2: return (uint32_t)s[0] << 8 | s[1];
    case 3: return (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
    default: return (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
    }
}

/* The start of the last character of s[0, i) (i > 0), as utf8_prev would
 * find it when the bytes form one. */
static size_t ph_key_back(const unsigned char *s, size_t i)
{
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && (s[j] & 0xC0) == 0x80) j--;
    return j;
}

/* The entry of key, or the empty one where it would go. */
static ph_entry *ph_slot(uint32_t key)
{
    size_t h = (key * 2654435761u) >> 23;
    while (ph_ix.e[h].key && ph_ix.e[h].key != key) h = (h + 1) & (PH_SLOTS - 1);
    return &ph_ix.e[h];
}

static void ph_index(void)
{
    for (int l = 0; l < PHW_NLISTS; l++) {
        size_t n = 0;
        while (ph_lists[l][n]) n++;
        while (n-- > 0) {
            const unsigned char *w = (const unsigned char *)ph_lists[l][n];
            size_t len = strlen(ph_lists[l][n]), at = l < PHW_FIRST_ENDS ? 0 : ph_key_back(w, len);
            size_t klen = l < PHW_FIRST_ENDS ? ph_key_len(w[0]) : len - at;
            uint32_t key = ph_key(w + at, klen);
            ph_entry *e = ph_slot(key);
            e->key = key;
            e->klen = (uint8_t)klen;
            ph_ix.len[l][n] = (uint8_t)len;
            ph_ix.next[l][n] = e->first[l];
            e->first[l] = (uint8_t)(n + 1);
        }
    }
    for (size_t w = 0; w < sizeof ph_bracket_words / sizeof *ph_bracket_words; w++)
        ph_ix.bracket_len[w] = (uint8_t)strlen(ph_bracket_words[w].word);
}

/* The entry of the character at i: the words of every list starting with
 * it (an empty entry when there are none). */
static const ph_entry *ph_entry_at(const ph_line *L, size_t i)
{
    const unsigned char *s = (const unsigned char *)L->s + i;
    size_t left = L->n - i, kl = left ? ph_key_len(s[0]) : 0;
    if (!left || kl > left || !s[0]) return &ph_no_entry;
    const ph_entry *e = ph_slot(ph_key(s, kl));
    return e->key ? e : &ph_no_entry;
}

/* The entry of the character before i: the words ending with it. */
static const ph_entry *ph_entry_before(const ph_line *L, size_t i)
{
    const unsigned char *s = (const unsigned char *)L->s;
    if (i == 0) return &ph_no_entry;
    size_t at = ph_key_back(s, i);
    uint32_t key = ph_key(s + at, i - at);
    const ph_entry *e = key ? ph_slot(key) : &ph_no_entry;
    return e->key && e->klen == i - at ? e : &ph_no_entry;
}

/* ---- characters ---------------------------------------------------------- */

static int ph_is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int ph_is_alnum(uint32_t cp)
{
    return ph_is_digit(cp) || ((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A);
}

static int ph_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0;
}

/* Han characters, Chinese and full-width marks, and the percent signs: what
 * makes a neighbourhood Chinese text. */
static int ph_is_cjk(uint32_t cp)
{
    if (utf8_is_han(cp)) return 1;
    if (cp >= 0x3000 && cp <= 0x303F) return 1;                         /* 、。〈〉《》「」【】 */
    if (cp >= 0xFF01 && cp <= 0xFF65 && !ph_is_alnum(cp)) return 1;    /* ，：；（）％ … */
    if (cp >= 0x2010 && cp <= 0x2027) return 1;                         /* — ‘’“” … */
    return cp == 0xB7 || cp == '%';
}

static int ph_is_numeral(uint32_t cp)
{
    static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
                                    0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24, 0x3007, 0x96F6, 0x51E0,
                                    0x534A, 0x591A}; /* 一…九 十百千万亿 两〇零 几半多 */
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        if (cp == nums[i]) return 1;
    return 0;
}

static int ph_class(uint32_t cp)
{
    switch (cp) {
    case 'X': case 'x': case 0xFF38: case 0xFF58: return PH_LETTER;
    case 0xD7: return PH_TIMES;
    case '*': case 0xFF0A: return PH_STAR;
    case '_': return PH_UNDER;
    case 0xFF3F: return PH_FWUNDER;
    case 0x25CB: case 0x25A1: case 0x25B3: case 0x25EF: return PH_SYMBOL; /* ○ □ △ ◯ */
    case 0x67D0: return PH_MOU;                                         /* 某 */
    default: return PH_NONE;
    }
}

/* The character at i (0 at the end) and its length through *k. */
static inline uint32_t ph_at(const ph_line *L, size_t i, size_t *k)
{
    uint32_t cp = 0;
    size_t len = i < L->n ? utf8_decode(L->s + i, L->n - i, &cp) : 0;
    if (k) *k = len;
    return cp;
}

/* The character before i (0 at the start), its offset through *at. */
static inline uint32_t ph_before(const ph_line *L, size_t i, size_t *at)
{
    uint32_t cp = 0;
    size_t p = i;
    if (i > 0) cp = utf8_decode_before(L->s, i, i, &p);
    if (at) *at = p;
    return cp;
}

/* The offset of the first non-space at or after i. A space starts with
 * one of three bytes (U+00A0 is C2 A0); at any other, none is decoded. */
static size_t ph_skip_space(const ph_line *L, size_t i)
{
    size_t k;
    while (i < L->n && (L->s[i] == ' ' || L->s[i] == '\t' || (unsigned char)L->s[i] == 0xC2) &&
           ph_is_space(ph_at(L, i, &k)))
        i += k;
    return i;
}

/* The offset just after the last non-space before i (a space ends with
 * one of three bytes). */
static size_t ph_skip_space_back(const ph_line *L, size_t i)
{
    size_t p;
    while (i > 0 && (L->s[i - 1] == ' ' || L->s[i - 1] == '\t' || (unsigned char)L->s[i - 1] == 0xA0) &&
           ph_is_space(ph_before(L, i, &p)))
        i = p;
    return i;
}

/* Length of the first word of list that s starts with at i, or 0; e is
 * ph_entry_at(L, i). Its words share the first character with s, so only
 * the rest of each is compared. */
static size_t ph_word_at(const ph_line *L, size_t i, const ph_entry *e, int list)
{
    const unsigned char *s = (const unsigned char *)L->s + i;
    for (unsigned w = e->first[list]; w; w = ph_ix.next[list][w - 1]) {
        size_t l = ph_ix.len[list][w - 1];
        if (l <= L->n - i && (l == e->klen || memcmp(s + e->klen, ph_lists[list][w - 1] + e->klen, l - e->klen) == 0))
            return l;
    }
    return 0;
}

/* Length of the first word of list that s ends with before i, or 0; e is
 * ph_entry_before(L, i). */
static size_t ph_word_before(const ph_line *L, size_t i, const ph_entry *e, int list)
{
    for (unsigned w = e->first[list]; w; w = ph_ix.next[list][w - 1]) {
        size_t l = ph_ix.len[list][w - 1];
        if (l <= i && (l == e->klen || memcmp(L->s + i - l, ph_lists[list][w - 1], l - e->klen) == 0)) return l;
    }
    return 0;
}

static size_t ph_starts(const ph_line *L, size_t i, int list)
{
    return ph_word_at(L, i, ph_entry_at(L, i), list);
}

static size_t ph_ends(const ph_line *L, size_t i, int list)
{
    return ph_word_before(L, i, ph_entry_before(L, i), list);
}

/* End of the run of class cls starting at i (cls of the character at i). */
static size_t ph_run(const ph_line *L, size_t i, int cls, size_t *chars)
{
    size_t k, c = 0;
    while (i < L->n && ph_class(ph_at(L, i, &k)) == cls) i += k, c++;
    if (chars) *chars = c;
    return i;
}

/* ---- kinds --------------------------------------------------------------- */

static int ph_open_quote(uint32_t cp)
{
    return cp == 0x201C || cp == 0x2018 || cp == 0x300C || cp == 0x300E || cp == '"';
}

static int ph_close_quote(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == '"';
}

/* What belongs in the slot [a, b), read from its surroundings. */
static int ph_kind(const ph_line *L, size_t a, size_t b, int *guessed)
{
    size_t j = ph_skip_space(L, b), i = ph_skip_space_back(L, a);
    uint32_t next = ph_at(L, j, NULL), prev = ph_before(L, a, NULL);
    *guessed = 0;
    if (ph_open_quote(prev) && ph_close_quote(ph_at(L, b, NULL))) return PLACEHOLDER_TEXT;
    const ph_entry *ej = ph_entry_at(L, j), *eb = b == j ? ej : ph_entry_at(L, b);
    if (ph_word_at(L, j, ej, PHW_NAME_AFTER)) return PLACEHOLDER_NAME;
    if (ph_word_at(L, j, ej, PHW_DATE_AFTER))
        return ph_ends(L, i, PHW_COUNT_BEFORE) ? PLACEHOLDER_FIGURE : PLACEHOLDER_DATE;
    if ((ph_word_at(L, j, ej, PHW_FIGURE_AFTER) && !ph_word_at(L, j, ej, PHW_NOT_UNITS)) ||
        ph_word_at(L, b, eb, PHW_ABBREV_AFTER))
        return PLACEHOLDER_FIGURE;
    if (i >= 3 && memcmp(L->s + i - 3, "第", 3) == 0) return PLACEHOLDER_FIGURE;
    size_t label = i;
    uint32_t colon = ph_before(L, label, NULL);
    if (colon == 0xFF1A || colon == ':') label = ph_skip_space_back(L, label - (colon == ':' ? 1 : 3));
    if (ph_ends(L, label, PHW_NAME_BEFORE)) return PLACEHOLDER_NAME;
    if (utf8_is_han(next) || next == 0x300A || next == 0x201C || next == 0xFF08) {
        *guessed = 1;
        return PLACEHOLDER_NAME;
    }
    size_t conn = ph_word_at(L, b, eb, PHW_CONNECTORS);
    if (conn && (ph_class(ph_at(L, b + conn, NULL)) != PH_NONE || ph_is_digit(ph_at(L, b + conn, NULL)))) {
        *guessed = 1; /* listed with the next slot: ph_chain decides */
        return PLACEHOLDER_TEXT;
    }
    if (ph_ends(L, i, PHW_FIGURE_BEFORE)) return PLACEHOLDER_FIGURE;
    *guessed = 1;
    return PLACEHOLDER_TEXT;
}

static void ph_emit(ph_line *L, size_t col, size_t end, int kind, int guessed, int missing)
{
    placeholder_list *o = L->out;
    xgrow(&o->p, &o->cap, o->n + 1, sizeof *o->p);
    o->p[o->n++] = (placeholder){col, end, kind, missing, guessed};
    L->last_end = end;
}

static void ph_emit_slot(ph_line *L, size_t a, size_t b)
{
    int guessed;
    int kind = ph_kind(L, a, b, &guessed);
    ph_emit(L, a, b, kind, guessed, 0);
}

/* A slot listed with the next one (X、X等同志) takes its kind when its own
 * was only guessed. */
static void ph_chain(ph_line *L)
{
    placeholder_list *o = L->out;
    for (size_t i = o->n; i-- > L->first + 1;) {
        placeholder *p = &o->p[i - 1], *q = &o->p[i];
        if (!p->guessed || p->missing || p->kind == PLACEHOLDER_MASKED || q->kind == PLACEHOLDER_MASKED) continue;
        size_t c = ph_starts(L, p->end, PHW_CONNECTORS);
        if (c && p->end + c == q->col) p->kind = q->kind, p->guessed = q->guessed;
    }
}

/* ---- slots --------------------------------------------------------------- */

/* 1 when [a, b) stands in Chinese text and not among Latin letters or
 * digits (3×4, 2 * 3, iPhone X). alone: a line holding only the run counts. */
static int ph_context_ok(const ph_line *L, size_t a, size_t b, int alone)
{
    size_t pa = ph_skip_space_back(L, a), nb = ph_skip_space(L, b);
    uint32_t prev = ph_before(L, pa, NULL), next = ph_at(L, nb, NULL);
    if (ph_is_alnum(prev) || ph_is_alnum(next)) return 0;
    if (ph_is_cjk(prev) || ph_is_cjk(next)) return 1;
    size_t dash;
    if ((prev == '-' || prev == '~') && pa == a) { /* XXXX-XXXXXXX: the second half of a range */
        ph_before(L, a, &dash);
        if (ph_class(ph_before(L, dash, NULL)) != PH_NONE) return 1;
    }
    return alone && pa == 0 && nb == L->n;
}

/* 20XX年, 202X年, 20××年, ２０ＸＸ年 at a: digits and a slot making four, then
 * 年 or 届. Returns the end of the slot (before 年), or 0; *read gets the end
 * of what was read (at least the digits). */
static size_t ph_year_at(const ph_line *L, size_t a, size_t *read)
{
    size_t i = a, k, digits = 0;
    while (i < L->n && ph_is_digit(ph_at(L, i, &k))) i += k, digits++;
    *read = i;
    if (ph_is_digit(ph_before(L, a, NULL)) || (digits != 2 && digits != 3)) return 0;
    int cls = ph_class(ph_at(L, i, NULL));
    if (cls != PH_LETTER && cls != PH_TIMES && cls != PH_STAR) return 0;
    size_t chars, b = ph_run(L, i, cls, &chars);
    if (digits + chars != 4) return 0;
    if (b + 3 > L->n || (memcmp(L->s + b, "年", 3) != 0 && memcmp(L->s + b, "届", 3) != 0)) return 0;
    *read = b;
    return b;
}

/* X, XX, x, Ｘ (with X.X as one slot). Returns where scanning goes on. */
static size_t ph_letters(ph_line *L, size_t a)
{
    size_t chars, b = ph_run(L, a, PH_LETTER, &chars), k;
    for (;;) { /* X.X%, X.XX亿元 */
        uint32_t dot = ph_at(L, b, &k);
        if ((dot != '.' && dot != 0xFF0E) || ph_class(ph_at(L, b + k, NULL)) != PH_LETTER) break;
        b = ph_run(L, b + k, PH_LETTER, NULL);
        chars += 2;
    }
    uint32_t prev = ph_before(L, a, NULL), pns = ph_before(L, ph_skip_space_back(L, a), NULL);
    if (prev == '+' || prev == 0xFF0B || ph_is_alnum(pns)) return b;
    size_t read;
    if (chars >= 2 && ph_is_digit(ph_at(L, b, NULL)) && ph_year_at(L, b, &read)) {
        ph_emit(L, a, b, PLACEHOLDER_NAME, 1, 0); /* XX20XX年工作总结: the unit before a year slot */
        return b;
    }
    size_t ab = ph_starts(L, b, PHW_ABBREV_AFTER);
    if (ab && !ph_is_alnum(ph_at(L, b + ab, NULL))) {
        ph_emit(L, a, b, PLACEHOLDER_FIGURE, 0, 0);
        return b;
    }
    uint32_t next = ph_at(L, b, &k);
    if ((next == '-' || next == 0x2010) && ph_is_alnum(ph_at(L, b + k, NULL))) {
        /* X-ray, XXX-2023-01, but x-x月 is a range of two slots */
        size_t m = b + k, mk;
        while (m < L->n && ph_class(ph_at(L, m, &mk)) == PH_LETTER) m += mk;
        if (m < L->n && ph_is_alnum(ph_at(L, m, NULL))) return b;
    }
    if (chars == 1 && ph_starts(L, b, PHW_LETTER_WORDS)) return b;
    if (!ph_context_ok(L, a, b, chars >= 2)) return b;
    ph_emit_slot(L, a, b);
    return b;
}

/* ×, ×× (not 3×4, 长×宽). */
static size_t ph_times(ph_line *L, size_t a)
{
    size_t chars, b = ph_run(L, a, PH_TIMES, &chars);
    static const char factors[] = "长宽高厚深径价量数率额积重面";
    uint32_t prev = ph_before(L, a, NULL), next = ph_at(L, b, NULL);
    if (chars == 1 && prev && next) {
        char p[5] = {0}, q[5] = {0};
        size_t pa;
        ph_before(L, a, &pa);
        size_t k;
        ph_at(L, b, &k);
        if (a - pa < 5 && k < 5) {
            memcpy(p, L->s + pa, a - pa);
            memcpy(q, L->s + b, k);
            if (a - pa == 3 && k == 3 && strstr(factors, p) && strstr(factors, q)) return b;
        }
    }
    if (!ph_context_ok(L, a, b, chars >= 2)) return b;
    ph_emit_slot(L, a, b);
    return b;
}

static int ph_md_skipped(const ph_line *L, size_t a)
{
    for (size_t i = 0; i < L->nskip; i++)
        if (L->md_skip[i] == a) return 1;
    return 0;
}

/* Markdown: a star run [a, b) that opens an emphasis closed later on the
 * line by a run of the same length; the closer is remembered. */
static int ph_md_emphasis(ph_line *L, size_t a, size_t b, size_t chars)
{
    uint32_t next = ph_at(L, b, NULL);
    if (!next || ph_is_space(next)) return 0;
    for (size_t i = b; i < L->n; i++) {
        /* * and ＊ (EF BC 8A) start with bytes no other character contains */
        if (L->s[i] != '*' && ((unsigned char)L->s[i] != 0xEF || ph_at(L, i, NULL) != 0xFF0A)) continue;
        size_t c, e = ph_run(L, i, PH_STAR, &c);
        if (c == chars && !ph_is_space(ph_before(L, i, NULL))) {
            if (L->nskip < PH_MD_SKIPS) L->md_skip[L->nskip++] = i;
            return 1;
        }
        i = e - 1;
    }
    return 0;
}

/* *, **, ***, ＊ and masked names. */
static size_t ph_stars(ph_line *L, size_t a)
{
    size_t chars, b = ph_run(L, a, PH_STAR, &chars);
    size_t lead = ph_skip_space(L, 0), tail = ph_skip_space(L, b);
    if (lead == a && tail == L->n) return b;                         /* a line of stars: a separator */
    if (lead == a && chars == 1 && ph_is_space(ph_at(L, b, NULL))) return b; /* a bullet */
    if (L->markdown && (ph_md_skipped(L, a) || ph_md_emphasis(L, a, b, chars))) return b;
    uint32_t prev = ph_before(L, a, NULL), next = ph_at(L, b, NULL);
    if (chars == 1 && (prev == 0x5E26 || prev == 0x6807 || prev == 0x52A0 || prev == 0x6253) &&
        (next == 0x53F7 || next == 0x7684 || next == 0x8005)) /* 带*的, 标*号: the sign itself */
        return b;
    if (chars == 1 && (next == 0x53F7 || (b + 6 <= L->n && memcmp(L->s + b, "表示", 6) == 0))) /* *号, *表示 */
        return b;
    if (!ph_context_ok(L, a, b, 0)) return b;
    if (chars >= 9 || (chars >= 6 && chars % 3 == 0 && ph_starts(L, b, PHW_MASKED_AFTER))) {
        ph_emit(L, a, b, PLACEHOLDER_MASKED, 0, 0);
        return b;
    }
    ph_emit_slot(L, a, b);
    return b;
}

/* ___ and ＿＿: blanks to write on. */
static size_t ph_underscores(ph_line *L, size_t a, int cls)
{
    size_t chars, b = ph_run(L, a, cls, &chars);
    if (chars < (cls == PH_UNDER ? 3u : 2u)) return b;
    uint32_t prev = ph_before(L, a, NULL), next = ph_at(L, b, NULL);
    if (ph_is_alnum(prev) || ph_is_alnum(next)) return b;
    if (!ph_context_ok(L, a, b, 0)) return b;
    ph_emit_slot(L, a, b);
    return b;
}

/* ○○ □□ △△ 某某: two or more; a single one only where a unit, 年 or 同志 says
 * what it stands for. */
static size_t ph_symbols(ph_line *L, size_t a, int cls)
{
    size_t chars, b = ph_run(L, a, cls, &chars);
    if (cls == PH_SYMBOL && !ph_context_ok(L, a, b, chars >= 2)) return b;
    if (chars < 2) {
        int guessed;
        ph_kind(L, a, b, &guessed);
        if (guessed || cls == PH_MOU || ph_skip_space(L, 0) == a) return b;
    }
    ph_emit_slot(L, a, b);
    return b;
}

/* A year slot at a (ph_year_at), unless it follows a letter or digit other
 * than the end of a slot (XX20XX年: the unit, then the year). Returns where
 * scanning goes on. */
static size_t ph_digits(ph_line *L, size_t a)
{
    size_t read, b = ph_year_at(L, a, &read);
    if (!b) return read;
    int after_slot = L->out->n && L->out->p[L->out->n - 1].end == a;
    if (ph_is_alnum(ph_before(L, a, NULL)) && !after_slot) return b;
    ph_emit(L, a, b, PLACEHOLDER_DATE, 0, 0);
    return b;
}

/* 【待补充】 【】 ［ ］ [ ] （略） （此处填写…） （姓名） （ ）. Returns the end of
 * the bracket when it is a slot, else 0. */
static size_t ph_bracket(ph_line *L, size_t a, uint32_t open)
{
    uint32_t close = open == 0x3010 ? 0x3011 : open == 0xFF3B ? 0xFF3D : open == '[' ? ']' : open == 0xFF08 ? 0xFF09 : ')';
    size_t k, i = a, chars = 0;
    ph_at(L, a, &k);
    size_t from = a + k;
    for (i = from; i < L->n && chars <= 16; i += k, chars++) {
        uint32_t cp = ph_at(L, i, &k);
        if (cp == close) break;
        if (cp == open || cp == 0x3010 || cp == 0xFF08 || cp == '(') return 0;
    }
    if (i >= L->n || chars > 16) return 0;
    size_t b = i + k;                                        /* after the closer */
    size_t cs = ph_skip_space(L, from), ce = i;              /* the content, trimmed */
    while (ce > cs && (ph_is_space(ph_before(L, ce, NULL)) || ph_before(L, ce, NULL) == 0x3000))
        ce = utf8_prev(L->s, ce);
    while (cs < ce && ph_at(L, cs, NULL) == 0x3000) cs += 3;
    int kind = -1, hit = cs == ce;
    if (hit && ph_is_alnum(ph_before(L, a, NULL))) return 0; /* f() */
    if (hit && L->markdown && open == '[') {
        size_t lead = ph_skip_space(L, 0);
        uint32_t m = ph_at(L, lead, NULL);
        if (ph_at(L, b, NULL) == '(' || ((m == '-' || m == '*' || m == '+' || ph_is_digit(m)) && lead < a)) return 0;
    }
    for (size_t w = 0; !hit && w < sizeof ph_bracket_words / sizeof *ph_bracket_words; w++) {
        const char *word = ph_bracket_words[w].word;
        size_t wl = ph_ix.bracket_len[w];
        if (ph_bracket_words[w].exact ? (ce - cs == wl && memcmp(L->s + cs, word, wl) == 0)
                                      : (ce - cs >= wl && memmem(L->s + cs, ce - cs, word, wl) != NULL)) {
            hit = 1;
            kind = ph_bracket_words[w].kind;
        }
    }
    if (!hit) return 0;
    int guessed = 0;
    if (kind < 0) {
        int ctx = ph_kind(L, a, b, &guessed);
        kind = guessed ? PLACEHOLDER_TEXT : ctx;
        guessed = 0;
    }
    ph_emit(L, a, b, kind, guessed, 0);
    return b;
}

/* …… where the text was cut: after 如下, 以下, a colon, or alone on a line. */
static size_t ph_ellipsis(ph_line *L, size_t a, uint32_t cp)
{
    size_t k, b = a;
    if (cp == '.') {
        while (b < L->n && L->s[b] == '.') b++;
        if (b - a < 3) return b;
    } else {
        while (b < L->n && ph_at(L, b, &k) == 0x2026) b += k;
    }
    size_t pa = ph_skip_space_back(L, a);
    size_t end = ph_skip_space(L, b);
    uint32_t last = ph_at(L, end, NULL);
    int at_end = end == L->n || last == 0x3002 || last == 0xFF1B;
    if ((pa == 0 && end == L->n) || (at_end && ph_ends(L, pa, PHW_CUT_BEFORE))) ph_emit(L, a, b, PLACEHOLDER_TEXT, 0, 0);
    return b;
}

/* A unit at i whose figure was deleted: 实现营业收入亿元, 增长%, 提高个百分点.
 * Returns the end of the unit when it is one, else 0. */
static size_t ph_missing(ph_line *L, size_t i, uint32_t cp)
{
    if (L->last_end == i) return 0;
    size_t pa = ph_skip_space_back(L, i);
    uint32_t prev = ph_before(L, pa, NULL);
    size_t unit = 0;
    if (cp == '%' || cp == 0xFF05) {
        unit = cp == '%' ? 1 : 3;
        if (!utf8_is_han(prev) || ph_is_numeral(prev)) return 0;
    } else if (cp == 0x4E2A) { /* 个 */
        if (i + 12 > L->n || memcmp(L->s + i, "个百分点", 12) != 0) return 0;
        unit = 12;
        if (!utf8_is_han(prev) || ph_is_numeral(prev)) return 0;
    } else {
        unit = ph_starts(L, i, PHW_MONEY_UNITS);
        if (!unit || !ph_ends(L, pa, PHW_MONEY_BEFORE) || ph_starts(L, i + unit, PHW_MONEY_AFTER_OK)) return 0;
    }
    ph_emit(L, i, i + unit, PLACEHOLDER_FIGURE, 0, 1);
    return i + unit;
}

/* ---- the scan ------------------------------------------------------------ */

/* How ph_next treats a byte: steps over it, stops at it, or reads the
 * 3-byte character it leads, stopping there only for PH_B_WANT3 leads and
 * the characters in ph_want3 (the two 3-byte kinds come last). */
enum { PH_B_STEP, PH_B_LOOK, PH_B_LEAD3, PH_B_WANT3 };

static const unsigned char ph_byte[256] = {
    ['X'] = PH_B_LOOK, ['x'] = PH_B_LOOK, ['*'] = PH_B_LOOK, ['_'] = PH_B_LOOK, ['['] = PH_B_LOOK,
    ['('] = PH_B_LOOK, ['.'] = PH_B_LOOK, ['%'] = PH_B_LOOK, ['0'] = PH_B_LOOK, ['1'] = PH_B_LOOK,
    ['2'] = PH_B_LOOK, ['3'] = PH_B_LOOK, ['4'] = PH_B_LOOK, ['5'] = PH_B_LOOK, ['6'] = PH_B_LOOK,
    ['7'] = PH_B_LOOK, ['8'] = PH_B_LOOK, ['9'] = PH_B_LOOK, [0xC3] = PH_B_LOOK, /* × */
    [0xE0] = PH_B_LEAD3, [0xE1] = PH_B_LEAD3, [0xE2] = PH_B_WANT3, [0xE3] = PH_B_WANT3, [0xE4] = PH_B_WANT3,
    [0xE5] = PH_B_LEAD3, [0xE6] = PH_B_WANT3, [0xE7] = PH_B_LEAD3, [0xE8] = PH_B_LEAD3, [0xE9] = PH_B_LEAD3,
    [0xEA] = PH_B_LEAD3, [0xEB] = PH_B_LEAD3, [0xEC] = PH_B_LEAD3, [0xED] = PH_B_LEAD3, [0xEE] = PH_B_LEAD3,
    [0xEF] = PH_B_WANT3};

/* The 3-byte characters placeholder_scan acts on, as a bitmap: bit cp & 63
 * of ph_want3[cp >> 12 & 15][cp >> 6 & 63]. */
#define PH_W(cp) [(cp) >> 12 & 15][(cp) >> 6 & 63]
#define PH_BIT(cp) (1ull << ((cp) & 63))
static const uint64_t ph_want3[16][64] = {
    PH_W(0x2026) = PH_BIT(0x2026),                                         /* … */
    PH_W(0x25A1) = PH_BIT(0x25A1) | PH_BIT(0x25B3),                        /* □ △ */
    PH_W(0x25CB) = PH_BIT(0x25CB) | PH_BIT(0x25EF),                        /* ○ ◯ */
    PH_W(0x3010) = PH_BIT(0x3010),                                         /* 【 */
    PH_W(0x4E07) = PH_BIT(0x4E07) | PH_BIT(0x4E2A),                        /* 万 个 */
    PH_W(0x4EBF) = PH_BIT(0x4EBF),                                         /* 亿 */
    PH_W(0x67D0) = PH_BIT(0x67D0),                                         /* 某 */
    PH_W(0xFF05) = PH_BIT(0xFF05) | PH_BIT(0xFF08) | PH_BIT(0xFF0A) |      /* ％ （ ＊ */
                   0x3FFull << (0xFF10 & 63) |                             /* ０-９ */
                   PH_BIT(0xFF38) | PH_BIT(0xFF3B) | PH_BIT(0xFF3F),       /* Ｘ ［ ＿ */
    PH_W(0xFF58) = PH_BIT(0xFF58),                                         /* ｘ */
};

/* The first offset at or after i where a character the scan acts on may
 * start, or n. Continuation bytes and the characters it does not act on are
 * stepped over, which reaches every character a full decode would. */
static size_t ph_next(const unsigned char *s, size_t n, size_t i)
{
    const unsigned char *p = s + i, *end = s + (n > 2 ? n - 2 : 0); /* room for a 3-byte character */
    while (p < end) {
        unsigned t = ph_byte[p[0]];
        uint16_t tail;
        if (t >= PH_B_LEAD3) {
            memcpy(&tail, p + 1, 2);
            if ((tail & 0xC0C0) != 0x8080) { /* not a whole character */
                p++;
                continue;
            }
            if (t == PH_B_WANT3 && (ph_want3[p[0] & 15][p[1] & 63] >> (p[2] & 63) & 1)) return (size_t)(p - s);
            p += 3;
        } else if (t == PH_B_LOOK) {
            return (size_t)(p - s);
        } else {
            p++;
        }
    }
    for (i = (size_t)(p - s); i < n; i++)
        if (ph_byte[s[i]] == PH_B_LOOK) return i;
    return n;
}

void placeholder_scan(const char *s, size_t n, int markdown, placeholder_list *out)
{
    ph_line L = {s, n, markdown, out, out->n, (size_t)-1, {0}, 0};
    size_t i = 0;
    pthread_once(&ph_ix_once, ph_index);
    while ((i = ph_next((const unsigned char *)s, n, i)) < n) {
        size_t k, next = 0;
        uint32_t cp = ph_at(&L, i, &k);
        switch (cp) {
        case 'X': case 'x': case 0xFF38: case 0xFF58: next = ph_letters(&L, i); break;
        case 0xD7: next = ph_times(&L, i); break;
        case '*': case 0xFF0A: next = ph_stars(&L, i); break;
        case '_': next = ph_underscores(&L, i, PH_UNDER); break;
        case 0xFF3F: next = ph_underscores(&L, i, PH_FWUNDER); break;
        case 0x25CB: case 0x25A1: case 0x25B3: case 0x25EF: next = ph_symbols(&L, i, PH_SYMBOL); break;
        case 0x67D0: next = ph_symbols(&L, i, PH_MOU); break;
        case 0x3010: case 0xFF3B: case '[': case 0xFF08: case '(': next = ph_bracket(&L, i, cp); break;
        case 0x2026: case '.': next = ph_ellipsis(&L, i, cp); break;
        case '%': case 0xFF05: case 0x4E2A: case 0x4EBF: case 0x4E07: next = ph_missing(&L, i, cp); break;
        default:
            if (ph_is_digit(cp)) next = ph_digits(&L, i);
        }
        i = next > i ? next : i + k;
    }
    ph_chain(&L);
}

void placeholder_list_free(placeholder_list *l)
{
    free(l->p);
    memset(l, 0, sizeof *l);
}

/* ---- names ---------------------------------------------------------------- */

static const char *const ph_kind_names[] = {
#define XX(name, str) str,
    PLACEHOLDER_KIND_MAP(XX)
#undef XX
};

const char *placeholder_kind_name(int kind)
{
    return kind >= 0 && kind < PLACEHOLDER_NKINDS ? ph_kind_names[kind] : NULL;
}

int placeholder_markdown_path(const char *path)
{
    static const char *const ext[] = {".md", ".markdown", ".mkd", ".MD"};
    size_t n = path ? strlen(path) : 0;
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        size_t l = strlen(ext[i]);
        if (n > l && strcmp(path + n - l, ext[i]) == 0) return 1;
    }
    return 0;
}
