/* outline_items.c -- numbered lists inside paragraphs: 一是/二是 and
 * 第一，/第二， at clause starts (the start of a paragraph or after ：，；。！？),
 * and 首先，/其次，/再次，/最后，. They are not folds, but their numbers can be
 * wrong like a heading's. The items of one kind in one section form a
 * sequence; 一是 after 二是 or more starts a new one; ordinals count per
 * paragraph. In the gap of a 是-sequence (一是… 三是…) a numeral at a clause
 * start followed by a word (二加强…) is taken for the item that lost its 是,
 * unless the two make a word (二期, 二季度, 一方面 …). */

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "outline_int.h"

static void ol_add_item(outline *o, const outline_item *it)
{
    xgrow(&o->items, &o->capitems, o->nitems + 1, sizeof *o->items);
    o->items[o->nitems++] = *it;
}

/* A clause ends at these; an item marker may follow. */
static int ol_clause_end(uint32_t cp, int comma)
{
    switch (cp) {
    case 0x3002: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F: case ';': case ':': return 1;
    case 0xFF0C: case ',': return comma;
    default: return 0;
    }
}

/* An item marker at i (a clause start) of s: fills it, returns its end or 0. */
static size_t ol_item_at(const char *s, size_t n, size_t i, outline_item *it)
{
    size_t k, k2;
    int sys;
    uint32_t cp = zh_cp(s, n, i, &k);
    switch (cp) {
    case 0x7B2C: case 0x9996: case 0x5176: case 0x518D: case 0x6700: break; /* 第 首 其 再 最 */
    default:
        if (!zh_cjk_digit(cp)) return 0;
    }
    if (cp == 0x7B2C) { /* 第N， 第N、 */
        size_t b = ol_numeral_run(s, n, i + k, &sys);
        if (b == i + k || sys != OUTLINE_NUM_CJK) return 0;
        int v = outline_numeral(s + i + k, b - i - k, NULL);
        uint32_t m = zh_cp(s, n, b, &k2);
        if (!v || (m != 0xFF0C && m != 0x3001 && m != ',')) return 0;
        uint32_t next = zh_cp(s, n, b + k2, NULL);
        if (m == 0x3001 && (zh_cjk_digit(next) || next == 0x7B2C)) return 0; /* 第一、二批 */
        *it = (outline_item){0, i, b, i + k, b, OUTLINE_ITEM_DI, v, -1, -1};
        return b;
    }
    static const struct { uint32_t a, b; int v; } ord[] = {
        {0x9996, 0x5148, 1}, {0x5176, 0x6B21, 2}, {0x518D, 0x6B21, 3}, {0x6700, 0x540E, 4}}; /* 首先 其次 再次 最后 */
    for (size_t t = 0; t < sizeof ord / sizeof *ord; t++) {
        if (cp != ord[t].a || zh_cp(s, n, i + k, &k2) != ord[t].b) continue;
        uint32_t m = zh_cp(s, n, i + k + k2, NULL);
        if (m != 0xFF0C && m != 0x3001 && m != ',') return 0;
        *it = (outline_item){0, i, i + k + k2, i, i + k + k2, OUTLINE_ITEM_ORDINAL, ord[t].v, -1, -1};
        return i + k + k2;
    }
    if (!zh_cjk_digit(cp)) return 0;
    size_t b = ol_numeral_run(s, n, i, &sys);
    int v = outline_numeral(s + i, b - i, NULL);
    if (!v || v > 20 || zh_cp(s, n, b, &k2) != 0x662F) return 0; /* 是 */
    size_t e = b + k2;
    if (zh_cjk_digit(zh_cp(s, n, e, NULL))) {
        /* 一是一、二是二 (a numeral that stands alone) is the idiom; 一是四个园区,
         * 二是三项制度 are items */
        int sys2;
        size_t b2 = ol_numeral_run(s, n, e, &sys2);
        uint32_t after = zh_cp(s, n, b2, NULL);
        if (b2 >= n || ol_clause_end(after, 1) || after == 0x3001) return 0;
    }
    *it = (outline_item){0, i, e, i, b, OUTLINE_ITEM_SHI, v, -1, -1};
    return e;
}

/* One step of the item scan from byte i: a whole character by the length
 * its lead byte claims, except that E3 and EF are decoded (one byte when
 * invalid). */
static size_t ol_item_step(const char *s, size_t n, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if ((u[0] == 0xE3 || u[0] == 0xEF) && n - i >= 3) return bytescan_cont(u[1]) && bytescan_cont(u[2]) ? 3 : 1;
    return u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
}

/* The item scan steps from character to character (ol_item_step) without
 * checking the bytes it steps over, so on invalid text it can step over a
 * mark. A byte p found ahead of i is one of its steps unless a byte in
 * [i, p) claims to reach past p; in valid text none does. */
static int ol_on_step(const char *s, size_t i, size_t p)
{
    const unsigned char *u = (const unsigned char *)s;
    return !((p >= i + 1 && u[p - 1] >= 0xC0) || (p >= i + 2 && u[p - 2] >= 0xE0) ||
             (p >= i + 3 && u[p - 3] >= 0xF0));
}

/* The items of line l from byte from on. Only clause starts can hold one,
 * so the scan jumps from clause end to clause end. */
static void ol_scan_items(outline *o, const doc_line *ln, size_t l, size_t from, const bytemap *map)
{
    const char *s = ln->s;
    size_t n = ln->len, i = zh_skip_space(s, n, from);
    while (i < n) {
        outline_item it;
        size_t e = ol_item_at(s, n, i, &it);
        if (e) {
            it.line = l;
            ol_add_item(o, &it);
            i = e;
        }
        while (i < n) {
            size_t p = bytemap_find(map, BYTEMAP_CLAUSE, l, i, n);
            if (p < n && !ol_on_step(s, i, p)) {
                while (i < p) i += ol_item_step(s, n, i);
                if (i != p) continue;
            }
            i = p >= n ? n : p + ((unsigned char)s[p] < 0x80 ? 1 : 3);
            break;
        }
        i = zh_skip_space(s, n, i);
    }
}

/* Whether Han character cp is one of the UTF-8 string list's. */
static int ol_han_in(const char *list, uint32_t cp)
{
    for (size_t i = 0; list[i] && list[i + 1] && list[i + 2]; i += 3) {
        uint32_t c;
        utf8_decode(list + i, 3, &c);
        if (c == cp) return 1;
    }
    return 0;
}

/* Characters that make "二" + them a word, not a list item that lost 是. */
static int ol_not_lost(uint32_t cp)
{
    if (zh_cjk_digit(cp) || cp == 0x3007 || cp == 0x4E24) return 1; /* 〇 两 */
    return ol_han_in("是要个项方年月日天次批类种条点级期届轮家名位人只则来大小些成倍季线号层部章节处"
                     "者份套座栋所元万千百亿十分秒周头边面样般起致同直定切律体贯流带路心手对把场等型化"
                     "度片股道环产系连半旦举流员代字句段回遍趟番重",
                     cp);
}

/* Characters that after a numeral make a set phrase of the genre (三中全会,
 * 三农, 三会一课, 四风, 五水共治, 六稳六保 …): after a list's last item they
 * are no item that lost 是. */
static int ol_set_phrase(uint32_t cp) { return ol_han_in("中农公会严务风水稳保学新资率化", cp); }

/* Whether a bare numeral with value want starts at byte i of ln (read up
 * to byte n), followed by two Han characters, the first not 是: a 是-item
 * that may have lost its 是. Its end goes to *end, the character after it
 * to *next. */
static int ol_bare_numeral(const doc_line *ln, size_t n, size_t i, int want, size_t *end, uint32_t *next)
{
    int sys;
    size_t b = ol_numeral_run(ln->s, n, i, &sys), k;
    *end = b;
    *next = zh_cp(ln->s, ln->len, b, &k);
    return outline_numeral(ln->s + i, b - i, NULL) == want && utf8_is_han(*next) && *next != 0x662F &&
           utf8_is_han(zh_cp(ln->s, ln->len, b + k, NULL));
}

/* Looks for "N" + a Han character (not 是) at a clause start between two
 * positions (the gap of a 是-sequence); adds it as a lost-是 item, or, when
 * "N" + that character is also a word (二人, 三个), as a gap item that only
 * keeps the sequence whole. */
static int ol_find_lost(outline *o, const doc_text *doc, size_t l0, size_t c0, size_t l1, size_t c1, int want)
{
    for (size_t l = l0; l <= l1 && l < doc->nlines; l++) {
        const doc_line *ln = &doc->lines[l];
        size_t n = l == l1 ? c1 : ln->len, i = l == l0 ? c0 : 0, k;
        int start = l != l0;
        if (start) i = zh_skip_space(ln->s, n, i);
        while (i < n) {
            uint32_t cp = zh_cp(ln->s, n, i, &k);
            size_t b;
            uint32_t next;
            if (start && zh_cjk_digit(cp)) {
                if (ol_bare_numeral(ln, n, i, want, &b, &next)) {
                    /* found already for another sequence's gap (several fresh
                     * 二是 on one line all search it from its start): one
                     * item, not one each, or renumber edits would overlap */
                    for (size_t j = 0; j < o->nitems; j++)
                        if (o->items[j].line == l && o->items[j].col == i) return 0;
                    int kind = ol_not_lost(next) ? OUTLINE_ITEM_GAP_SHI : OUTLINE_ITEM_LOST_SHI;
                    outline_item it = {l, i, b, i, b, kind, want, -1, -1};
                    ol_add_item(o, &it);
                    return 1;
                }
            }
            start = ol_clause_end(cp, 1) || (start && zh_is_space(cp));
            i += k;
        }
    }
    return 0;
}

/* After the last item of a 是-sequence of two or more on line l (ending at
 * byte from): "N" + a Han character at the start of a sentence (after 。 or
 * ；) of the same line, where N follows the last number, lost its 是. */
static void ol_find_trailing(outline *o, const doc_text *doc, size_t l, size_t from, int want)
{
    const doc_line *ln = &doc->lines[l];
    size_t n = ln->len, i = from, k;
    int start = 0;
    while (i < n) {
        uint32_t cp = zh_cp(ln->s, n, i, &k);
        if (start && zh_cjk_digit(cp)) {
            size_t b;
            uint32_t next;
            if (ol_bare_numeral(ln, n, i, want, &b, &next) && !ol_not_lost(next) && !ol_set_phrase(next)) {
                outline_item it = {l, i, b, i, b, OUTLINE_ITEM_LOST_SHI, want, -1, -1};
                ol_add_item(o, &it);
            }
            return; /* only the sentence right after the last item */
        }
        if (cp == 0x3002 || cp == 0xFF1B || cp == ';') start = 1;
        else if (start && !zh_is_space(cp)) return;
        i += k;
    }
}

static int ol_item_cmp(const void *a, const void *b)
{
    const outline_item *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Section of each item, then sequences: items of one kind in one section,
 * a 1 after a 2 or more starting a new one; ordinals per paragraph. A gap of
 * one in a 是-sequence is searched for the numeral that lost its 是. */
static void ol_sequences(outline *o, const doc_text *doc)
{
    size_t hi = 0;
    int cur = -1;
    for (size_t i = 0; i < o->nitems; i++) {
        outline_item *it = &o->items[i];
        while (hi < o->nh && (o->h[hi].line < it->line || (o->h[hi].line == it->line && o->h[hi].col <= it->col)))
            cur = (int)hi++;
        it->section = cur;
    }
    int seq = 0;
    size_t nbefore = o->nitems;
    for (int kind = OUTLINE_ITEM_SHI; kind <= OUTLINE_ITEM_ORDINAL; kind++) {
        const outline_item *last = NULL;
        for (size_t i = 0; i < nbefore; i++) {
            outline_item *it = &o->items[i];
            if (it->kind != kind) continue;
            int fresh = !last || last->section != it->section;
            if (kind == OUTLINE_ITEM_ORDINAL) fresh = fresh || last->line != it->line;
            else if (!fresh && it->number == 1 && last->number >= 2) fresh = 1;
            if (fresh) seq++;
            if (kind == OUTLINE_ITEM_SHI && !fresh && it->number == last->number + 2)
                ol_find_lost(o, doc, last->line, last->end, it->line, it->col, last->number + 1);
            else if (kind == OUTLINE_ITEM_SHI && fresh && it->number == 2)
                ol_find_lost(o, doc, it->line, 0, it->line, it->col, 1);
            it = &o->items[i]; /* ol_find_lost may have moved the items */
            it->seq = seq;
            last = it;
        }
    }
    /* A sequence's last item may be followed by the next one, without 是. */
    for (size_t i = 0; i < nbefore; i++) {
        const outline_item *it = &o->items[i], *nx = i + 1 < nbefore ? &o->items[i + 1] : NULL;
        if (it->kind != OUTLINE_ITEM_SHI || it->number < 2) continue;
        int last_of_seq = 1;
        for (size_t j = i + 1; j < nbefore && last_of_seq; j++) last_of_seq = o->items[j].seq != it->seq;
        if (!last_of_seq || (nx && nx->line == it->line)) continue;
        size_t before = o->nitems;
        ol_find_trailing(o, doc, it->line, it->end, it->number + 1);
        if (o->nitems > before) o->items[o->nitems - 1].seq = o->items[i].seq, o->items[o->nitems - 1].section = o->items[i].section;
    }
    /* Lost-是 items join the sequence of the item after them. */
    for (size_t i = nbefore; i < o->nitems; i++) {
        outline_item *it = &o->items[i];
        for (size_t j = 0; j < nbefore; j++) {
            const outline_item *nx = &o->items[j];
            if (nx->kind != OUTLINE_ITEM_SHI || nx->number != it->number + 1) continue;
            if (nx->line < it->line || (nx->line == it->line && nx->col < it->col)) continue;
            it->seq = nx->seq, it->section = nx->section;
            break;
        }
    }
    if (o->nitems > nbefore) qsort(o->items, o->nitems, sizeof *o->items, ol_item_cmp);
}

void outline_items_parse(outline *o, const doc_text *doc, const bytemap *map)
{
    size_t hi = 0;
    for (size_t l = 0; l < doc->nlines; l++) {
        unsigned char k = o->kind[l];
        if (k == OUTLINE_BLANK || k == OUTLINE_TITLE || k == OUTLINE_SALUTATION) continue;
        size_t from = 0;
        while (hi < o->nh && o->h[hi].line < l) hi++;
        if (hi < o->nh && o->h[hi].line == l && !o->h[hi].flat) from = o->h[hi].mend;
        ol_scan_items(o, &doc->lines[l], l, from, map);
    }
    ol_sequences(o, doc);
}

