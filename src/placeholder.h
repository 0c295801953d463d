#ifndef PARK_PLACEHOLDER_H
#define PARK_PLACEHOLDER_H

#include <stddef.h>
#include <stdint.h>


/* Unfilled template slots: the one detector behind the placeholder checks,
 * the placeholder highlighting in Neovim and ]x / :ParkFill.
 *
 * A pure detector: it reads bytes and knows nothing of rules or documents;
 * the `placeholder-*` builtins (builtin.c) report what it finds.
 *
 *   placeholder_scan           the placeholders of one line
 *   placeholder_kind_name      "figure", "date", … and back
 *   placeholder_markdown_path  whether a file name says Markdown */

#define PLACEHOLDER_KIND_MAP(XX) \
    XX(FIGURE, "figure")         \
    XX(DATE, "date")             \
    XX(NAME, "name")             \
    XX(TEXT, "text")             \
    XX(MASKED, "masked")

enum {
#define XX(name, str) PLACEHOLDER_##name,
    PLACEHOLDER_KIND_MAP(XX)
#undef XX
    PLACEHOLDER_NKINDS
};

typedef struct placeholder {
    size_t col, end;  /* byte offsets in the line, end exclusive: what is flagged */
    int kind;         /* PLACEHOLDER_*: what belongs there */
    int missing;      /* 1: a unit whose figure was deleted (实现营业收入亿元):
                         [col, end) is the unit, and the figure goes before it */
    int guessed;      /* 1: kind is the default guess, not read from a unit,
                         title, keyword or quote around the slot */
} placeholder;

/* A growable array of placeholders; initialise with {0}. */
typedef struct placeholder_list {
    placeholder *p;
    size_t n, cap;
} placeholder_list;

/* Appends the placeholders of one line (a paragraph) s[0, n), without its
 * newline, to out (grown with xmalloc; the caller frees it with
 * placeholder_list_free), in order of position; they never overlap. s is
 * only read during the call. markdown = 1 when the text is Markdown: then
 * *emphasis*, **emphasis**, list bullets, task boxes and rules are not
 * placeholders. Never fails. */
void placeholder_scan(const char *s, size_t n, int markdown, placeholder_list *out);
/* Frees the array of l (l itself is the caller's) and empties it. */
void placeholder_list_free(placeholder_list *l);

/* "figure", "date", "name", "text", "masked"; NULL out of range. */
const char *placeholder_kind_name(int kind);
/* 1 when path (may be NULL) ends in .md, .markdown or .mkd. */
int placeholder_markdown_path(const char *path);

#endif
