#ifndef PARK_FILEIO_H
#define PARK_FILEIO_H

#include <stddef.h>

#include "error.h"

/* Reads all of path ("-" = stdin) into *out (NUL-terminated, caller frees)
 * and its length into *len. Returns 0 or PARK_EIO/PARK_ENOENT, or PARK_ELIMIT
 * past FILEIO_MAX_DEFAULT, with e set. */
int fileio_read(const char *path, char **out, size_t *len, perr *e);

/* The largest input park reads unless told otherwise (--max-size, or
 * max-size in a [config] section): 256 MB, a hundred times the longest report. */
#define FILEIO_MAX_DEFAULT ((size_t)256 << 20)

/* A file's text: read into memory, or mapped when large. */
typedef struct fileio_buf {
    char *s;       /* NUL-terminated; read-only when mapped */
    size_t len;
    size_t maplen; /* the mapping's size, or 0 when read */
} fileio_buf;

/* Reads the text of path ("-" = stdin) into b, refusing more than max bytes
 * (0: FILEIO_MAX_DEFAULT) and binary content. A regular file over max is not
 * read at all; a stream is read to max + 1 bytes and no further (/dev/zero,
 * an endless pipe). A regular file of 256 KB or more is mapped instead of
 * copied (the text is then read-only, and a file truncated by another
 * program while it is checked ends the process with SIGBUS, as with
 * ripgrep). Returns 0; PARK_ENOENT or PARK_EIO; PARK_ELIMIT, with b->len the
 * size or a lower bound of it; or PARK_EBINARY (fileio_looks_binary on the
 * head, middle and tail, a stream as soon as its first 64 KB are in). e
 * names the file and the limit. Release b with fileio_buf_free in every
 * case. */
int fileio_read_text(const char *path, size_t max, fileio_buf *b, perr *e);
/* NULL-safe on a zeroed buffer. */
void fileio_buf_free(fileio_buf *b);
/* 1 when more than one byte in 16 of s[0..n) and the nmore further spans
 * more[2k]..more[2k+1], and at least 32, are control characters other than
 * tab, newline, vertical tab, form feed, carriage return and escape:
 * NUL-filled, sparse or binary files, never a report with stray debris. */
int fileio_looks_binary(const char *s, size_t n, const char *const *more, size_t nmore);
/* Writes n as "256 MB", "1.5 GB", "300 字节" into buf of cap bytes. */
void fileio_format_size(size_t n, char *buf, size_t cap);
/* Parses a size: digits with an optional K, M or G (optionally followed by
 * B), e.g. "256M", "1 GB", "1048576". Returns 0 with *out set, or -1 for
 * anything else, zero included. */
int fileio_parse_size(const char *s, size_t *out);
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
