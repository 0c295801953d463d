#ifndef PARK_OUTLINE_H
#define PARK_OUTLINE_H

#include <stddef.h>
#include <stdint.h>

#include "bytemap.h"
#include "doc.h"
#include "sbuf.h"

/* The skeleton of a report: which lines are the title, the salutation,
 * headings (with their level, number and nesting), the closing, and where
 * inline item sequences (一是/二是, 第一，/第二，, 首先，/其次，) stand. */

/* What a line is. */
enum {
    OUTLINE_BLANK,
    OUTLINE_BODY,
    OUTLINE_TITLE,       /* the document title (and a "——" subtitle line) */
    OUTLINE_SALUTATION,  /* 同志们： 各位代表、同志们： 区委： */
    OUTLINE_HEADING,     /* starts with a heading marker, or holds a flattened one */
    OUTLINE_CLOSING,     /* 谢谢大家！ 以上报告，请审议。 signature and date lines */
    OUTLINE_ARTIFACT     /* a page-chunk counter "N、" cutting a sentence */
};

/* Marker styles: X(name, GB/T level, family, example). Styles of one family
 * are variants of one level (the standard form first); level 0 is for
 * 第一部分/第一章/第一节, which stand above 一、. */
#define OUTLINE_STYLE_MAP(XX)                          \
    XX(CJK_DUN, 1, OUTLINE_FAM_L1, "一、")             \
    XX(CJK_DOT, 1, OUTLINE_FAM_L1, "一.")              \
    XX(CJK_COMMA, 1, OUTLINE_FAM_L1, "一，")           \
    XX(CJK_SPACE, 1, OUTLINE_FAM_L1, "一 ")            \
    XX(PAREN_CJK, 2, OUTLINE_FAM_L2, "（一）")         \
    XX(PAREN_CJK_HALF, 2, OUTLINE_FAM_L2, "(一)")      \
    XX(CJK_RPAREN, 2, OUTLINE_FAM_L2, "一）")          \
    XX(ARABIC_DOT, 3, OUTLINE_FAM_L3, "1.")            \
    XX(ARABIC_FULLDOT, 3, OUTLINE_FAM_L3, "1．")       \
    XX(ARABIC_DUN, 3, OUTLINE_FAM_L3, "1、")           \
    XX(PAREN_ARABIC, 4, OUTLINE_FAM_L4, "（1）")       \
    XX(PAREN_ARABIC_OPEN, 4, OUTLINE_FAM_L4, "(1)")    \
    XX(PAREN_ARABIC_CLOSE, 4, OUTLINE_FAM_L4, "（1)")  \
    XX(CIRCLED, 5, OUTLINE_FAM_L5, "①")               \
    XX(ARABIC_RPAREN, 5, OUTLINE_FAM_L5, "1）")        \
    XX(DI_PART, 0, OUTLINE_FAM_PART, "第一部分")       \
    XX(DI_CHAPTER, 0, OUTLINE_FAM_CHAPTER, "第一章")   \
    XX(DI_SECTION, 0, OUTLINE_FAM_SECTION, "第一节")

enum {
    OUTLINE_FAM_PART,
    OUTLINE_FAM_CHAPTER,
    OUTLINE_FAM_SECTION,
    OUTLINE_FAM_L1,
    OUTLINE_FAM_L2,
    OUTLINE_FAM_L3,
    OUTLINE_FAM_L4,
    OUTLINE_FAM_L5,
    OUTLINE_FAM_COUNT
};

enum {
#define XX(name, level, fam, ex) OUTLINE_STYLE_##name,
    OUTLINE_STYLE_MAP(XX)
#undef XX
    OUTLINE_STYLE_COUNT
};

/* How a number is written. */
enum { OUTLINE_NUM_CJK, OUTLINE_NUM_ARABIC, OUTLINE_NUM_CIRCLED };

typedef struct outline_heading {
    size_t line;          /* 0-based */
    size_t col;           /* byte offset of the marker (after an indent; inside the line when flattened) */
    size_t mend;          /* end of the marker, with a stray mark after it ("（一）、") */
    size_t nstart, nend;  /* the number's bytes */
    size_t tstart, tend;  /* the title, without its closing 。 (0, 0 without OUTLINE_TITLES) */
    size_t sep;           /* end of the title's closing mark (tend when there is none) */
    size_t end_line;      /* the section ends before this line */
    int style;            /* OUTLINE_STYLE_* */
    int family;           /* OUTLINE_FAM_* */
    int level;            /* GB/T level of the form: 1 一、 … 5 ①; 0 第一部分 */
    int depth;            /* nesting in this document, 1 = top */
    int number;           /* the value written */
    int parent;           /* index of the enclosing heading, or -1 */
    unsigned runin : 1;   /* body text follows the title on the same line */
    unsigned flat : 1;    /* found in the middle of a line (extraction flattened it) */
} outline_heading;

/* Inline item markers. */
enum {
    OUTLINE_ITEM_SHI,      /* 一是 二是 */
    OUTLINE_ITEM_DI,       /* 第一， 第二， */
    OUTLINE_ITEM_ORDINAL,  /* 首先， 其次， 再次， 最后， (number 1..4) */
    OUTLINE_ITEM_LOST_SHI, /* 二加强… inside a 一是/三是 sequence: 是 was lost */
    OUTLINE_ITEM_GAP_SHI   /* 二人才短缺 in that gap: 二 may have lost 是 (二人 is
                              also a word), so the gap is no skip, and no fix */
};

typedef struct outline_item {
    size_t line;
    size_t col, end;      /* the marker: "一是", "第一", "首先", or the bare numeral */
    size_t nstart, nend;  /* the numeral (col..end for ordinals) */
    int kind;             /* OUTLINE_ITEM_* */
    int number;
    int section;          /* index of the heading it stands under, or -1 */
    int seq;              /* sequence id: items of one numbered list share it */
} outline_item;

typedef struct outline {
    outline_heading *h;
    size_t nh, caph;
    outline_item *items;  /* sorted by position (only with OUTLINE_ITEMS) */
    size_t nitems, capitems;
    unsigned char *kind;  /* per line, OUTLINE_* */
    int *fold;            /* per line: -d where a heading of depth d starts, else the depth it is in */
    size_t nlines;
} outline;

/* outline_parse flags. OUTLINE_FOLDS is what folding needs and reads only
 * the start of most lines (a 20,000-line report in about 2 ms); each other
 * flag adds to it, and each implies the ones above it. */
#define OUTLINE_FOLDS 0   /* line kinds, headings (no title span), fold levels */
#define OUTLINE_TITLES 1  /* titles and run-in flags of the headings */
#define OUTLINE_FLAT 2    /* headings flattened into the middle of a line */
#define OUTLINE_ITEMS 4   /* the inline item sequences */

/* Parses doc into o (which needs no initialisation); free with
 * outline_free(). Never fails. The positions point into doc's lines. */
void outline_parse(outline *o, const doc_text *doc, int flags);

/* What the parse reads of a line by itself, before its neighbours count:
 * whether it is blank, and the heading marker it starts with. A caller
 * that keeps one per line while the line is unchanged (the RPC's buffer
 * copies, bufstore_aux) spares the parse reading every line again. */
enum { OUTLINE_MARK_UNSET, OUTLINE_MARK_BLANK, OUTLINE_MARK_TEXT, OUTLINE_MARK_HEADING };
typedef struct outline_mark {
    size_t col, mend, nstart, nend;  /* the marker (OUTLINE_MARK_HEADING) */
    int number;
    unsigned char kind;              /* OUTLINE_MARK_*; UNSET: not read yet */
    unsigned char style;
} outline_mark;

/* outline_parse with what the caller has at hand: marks (or NULL), where
 * marks[i] is the mark of line i when its kind is set (the others are read
 * and set); map (or NULL), the bytemap of doc, which is made for the parse
 * when titles, flattened headings or items need it and map is NULL. */
void outline_parse_with(outline *o, const doc_text *doc, int flags, outline_mark *marks, const bytemap *map);
/* Frees what outline_parse allocated; o may be zeroed or already freed. */
void outline_free(outline *o);

/* Recognises a heading marker at byte off of s (n bytes). Fills h's col,
 * mend, nstart, nend, style, family, level, number and returns 1, or returns
 * 0. Only the marker's own shape is checked (not the line's context). */
int outline_marker(const char *s, size_t n, size_t off, outline_heading *h);

/* The single-line questions other checks ask, answered by the same parser
 * the outline uses, so the checks and the outline never disagree:
 * outline_line_marker: the end of the heading marker that opens line ln
 *   (after its indent), or 0 when ln does not open with one;
 * outline_is_label_line: ln is a title, a standalone heading, a signature or
 *   a date: a heading without 。！？, or a short line without clause marks
 *   but at most one "label：value" colon (述职人：张明);
 * outline_page_counter: ln opens with a page-chunk counter "N、" that
 *   continues prev's unfinished sentence (prev is the previous non-blank line,
 *   or NULL). Returns the counter's end and sets *start (start may be NULL),
 *   or returns 0. */
size_t outline_line_marker(const doc_line *ln);
int outline_is_label_line(const doc_line *ln);
size_t outline_page_counter(const doc_line *prev, const doc_line *ln, size_t *start);

/* The value of a numeral (一 … 九十九, 1 … 999, ① … ㊿) in s, or 0 when s is
 * not one. *sys gets OUTLINE_NUM_*. */
int outline_numeral(const char *s, size_t n, int *sys);
/* Appends value written in numeral system sys (as outline_numeral reads
 * it); 0 when the value cannot be written so (circled > 50, CJK > 99). */
int outline_format_numeral(sbuf *out, int value, int sys);

/* Seniority of a family for the level-order test: lower is more senior
 * (第一部分 = 第一章 < 第一节 < 一、 < （一） < 1. < （1） < ①). */
int outline_seniority(int family);

/* Name of a style's example form ("（一）") and of a line kind ("heading"). */
const char *outline_style_example(int style);
const char *outline_kind_name(int kind);

#endif
