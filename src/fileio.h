#ifndef PARK_FILEIO_H
#define PARK_FILEIO_H

#include <stddef.h>

#include "error.h"

/* Reads all of path ("-" = stdin) into *out (NUL-terminated, caller frees)
 * and its length into *len. Returns 0 or PARK_EIO/PARK_ENOENT with e set. */
int fileio_read(const char *path, char **out, size_t *len, perr *e);

/* A file's text: read into memory, or mapped when large. */
typedef struct fileio_buf {
    char *s;       /* NUL-terminated; read-only when mapped */
    size_t len;
    size_t maplen; /* the mapping's size, or 0 when read */
} fileio_buf;

/* As fileio_read, but a regular file of 256 KB or more is mapped instead
 * of copied (the text is then read-only, and a file truncated by another
 * program while it is checked ends the process with SIGBUS, as with
 * ripgrep). Release with fileio_buf_free. */
int fileio_read_map(const char *path, fileio_buf *b, perr *e);
/* NULL-safe on a zeroed buffer. */
void fileio_buf_free(fileio_buf *b);
/* Replaces path with data atomically: writes a temporary file in the same
 * directory, fsyncs it, renames it over path and fsyncs the directory. On
 * any failure (read-only file or directory, full disk, size limit) the
 * original is untouched, the temporary removed and the message says so.
 * Keeps the original's mode (and owner, when allowed); a symbolic link stays
 * a link and its target is replaced. */
int fileio_write_atomic(const char *path, const char *data, size_t len, perr *e);
/* The names of the files in dir ending in suffix, sorted, as "dir/name"
 * (caller frees each and the array with fileio_free_list). *n gets the count;
 * a missing dir gives 0 files. */
char **fileio_list(const char *dir, const char *suffix, size_t *n);
void fileio_free_list(char **list, size_t n);
/* Walks up from the directory of path (or path itself if it is a directory)
 * looking for a file called name; returns its full path (caller frees) or
 * NULL. */
char *fileio_find_up(const char *path, const char *name);
/* The directory part of path (caller frees); "." when there is none. */
char *fileio_dirname(const char *path);
/* Modification time and size fingerprint of path, or 0 if it cannot be stat'ed. */
long long fileio_stamp(const char *path);
/* 1 if path exists and is a directory. */
int fileio_is_dir(const char *path);
/* $XDG_CONFIG_HOME/park or ~/.config/park (caller frees); NULL without HOME. */
char *fileio_user_dir(void);
/* A data directory of park's called name ("rules", "snippets"): the value of
 * environment variable env when set and not empty, else the first of
 * <exe>/../NAME and <exe>/../share/park/NAME that is a directory, as a real
 * path. Caller frees; NULL when none is found. */
char *fileio_data_dir(const char *env, const char *name);

#endif
