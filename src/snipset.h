#ifndef PARK_SNIPSET_H
#define PARK_SNIPSET_H

#include <stddef.h>

#include "error.h"
#include "snippet.h"

/* The snippet library: VS Code snippet files (JSON, comments and trailing
 * commas allowed) read from three places, later ones overriding earlier ones
 * trigger by trigger:
 *   1. the defaults: snippets/ beside the helper ($PARK_SNIPPETS_DIR,
 *      <exe>/../snippets, <exe>/../share/park/snippets)
 *   2. the user's: $XDG_CONFIG_HOME/park/snippets/
 *   3. the project's: the nearest .park/snippets/ walking up from the document
 * Each file is { "name": { "prefix": "x" | ["x", "y"], "body": "…" | ["…"],
 * "description": "…" } }. Problems are collected, never fatal: a bad file or
 * snippet is skipped and reported with file:line. */

#define SNIPSET_PROJECT_DIR ".park/snippets"

enum { SNIPSET_DEFAULT, SNIPSET_USER, SNIPSET_PROJECT };

typedef struct snipset_entry {
    char *trigger;       /* one prefix of the snippet */
    char *name;          /* the snippet's key in its file */
    char *description;   /* "" when the file gives none */
    char *body;          /* the body, lines joined with \n */
    char *file;          /* the file it came from */
    int line;            /* line of the snippet's key in that file */
    int level;           /* SNIPSET_DEFAULT, SNIPSET_USER or SNIPSET_PROJECT */
} snipset_entry;

typedef struct snipset {
    snipset_entry *e;    /* in load order; an override takes the overridden entry's place */
    size_t n, cap;
    char **files;        /* every file read, in order */
    size_t nfiles, capfiles;
    char **errors;       /* "file:line:col: message" (Chinese) */
    size_t nerrors, caperrors;
} snipset;

/* An empty library (caller frees with snipset_free). */
snipset *snipset_new(void);
void snipset_free(snipset *s);  /* NULL-safe */
/* Adds the snippets of one file's text (read from path) at level. */
void snipset_add_text(snipset *s, const char *path, const char *text, size_t len, int level);
/* Adds every *.json in dir, in name order; a missing dir adds nothing. */
void snipset_add_dir(snipset *s, const char *dir, int level);

/* The project snippets directory for a document at path (caller frees), or
 * NULL. path NULL or "-": none. */
char *snipset_project_dir(const char *path);
/* The library for a document at path (NULL: no project): default_dir (NULL
 * = $PARK_SNIPPETS_DIR or the snippets/ beside the binary), the user's
 * directory, the project's. Caller frees with snipset_free. */
snipset *snipset_load(const char *default_dir, const char *path);

/* The entry whose trigger is t[0, n), or NULL. Borrowed from s. */
const snipset_entry *snipset_find(const snipset *s, const char *t, size_t n);
/* Expands an entry's body (see snippet_expand; free out with
 * snippet_result_free). On failure the message in e names the file, the
 * line and the snippet. */
int snipset_expand(const snipset_entry *en, const snippet_env *env, snippet_result *out, perr *e);

#endif
