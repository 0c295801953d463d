#ifndef PARK_SNIPPET_H
#define PARK_SNIPPET_H

#include <stddef.h>

#include "error.h"
#include "sbuf.h"

/* The snippet body grammar (LSP / VS Code): a body becomes plain text plus
 * the ranges of its tabstops, which the editor turns into marks.
 *
 *   $1  ${1}            tabstop          ${1:默认}   placeholder (nestable)
 *   ${1|一,二|}         choice           $0          final position
 *   $NAME ${NAME}       variable         ${NAME:默认} variable with default
 *   \$ \} \\            escapes (in choices also \, \|)
 *
 * A number used again is a mirror of the first occurrence that has a
 * placeholder or choices. Unknown variables become a tabstop holding their
 * name, as LSP says. Transformations (${1/re/fmt/}) are not supported. */

#define SNIPPET_MAX_DEPTH 32          /* placeholders inside placeholders */
#define SNIPPET_MAX_INDEX 999         /* largest tabstop number */
#define SNIPPET_MAX_TEXT (1u << 20)   /* largest expansion, in bytes */

/* A stretch of the expanded text: 0-based lines, byte columns, end exclusive. */
typedef struct snippet_range {
    size_t line, col, end_line, end_col;
} snippet_range;

typedef struct snippet_tabstop {
    int index;                /* 1, 2, …; unknown variables get numbers after the largest */
    snippet_range *ranges;    /* ranges[0] holds the placeholder; the others mirror it */
    size_t nranges;
    char **choices;           /* NULL unless a choice; the text holds choices[0] */
    size_t nchoices;
} snippet_tabstop;

typedef struct snippet_result {
    char *text;               /* the expanded text, lines joined with \n (NUL-terminated) */
    size_t len;
    snippet_tabstop *tabstops;  /* sorted by index, $0 not included */
    size_t ntabstops;
    snippet_range final;      /* $0, or the end of the text when the body has none */
} snippet_result;

/* What variables and layout depend on. Every field may be 0/NULL. */
typedef struct snippet_env {
    int date;                 /* YYYYMMDD for $CURRENT_*; 0 = today (local time) */
    const char *path;         /* the document, for $TM_FILENAME and friends */
    const char *indent;       /* inserted after every line break (the base indentation) */
    const char *tab;          /* replaces each tab character (e.g. spaces for 'expandtab') */
    const char *selected;     /* $TM_SELECTED_TEXT: the text the snippet wraps */
} snippet_env;

/* Expands body[0, len) into *out (initialise with {0}; free with
 * snippet_result_free, also after a failure). Returns 0, or PARK_ESYNTAX for
 * a malformed body or PARK_ELIMIT (too deep, too large) with a message
 * "正文第L行第C列：…" in e (1-based; C counts characters). */
int snippet_expand(const char *body, size_t len, const snippet_env *env, snippet_result *out, perr *e);
void snippet_result_free(snippet_result *r);


#endif
