#ifndef PARK_ALLOW_H
#define PARK_ALLOW_H

#include <stddef.h>

#include "error.h"

/* Adds phrase to the [allow] section of the project file (.parkrc) that
 * applies to the document at path, creating the file beside the document
 * when there is none. The file is rewritten atomically. On success returns
 * 0 and stores the file's path in *written (caller frees). */
int allow_add(const char *path, const char *phrase, char **written, perr *e);
/* Removes every line that is exactly phrase (blanks around it aside) from
 * the [allow] sections of the project file of the document at path; the
 * file is rewritten atomically. Returns 0 with the file's path in *written
 * (caller frees) and the lines removed in *removed, or PARK_ENOENT when
 * there is no project file or no such line (nothing is written). */
/* The phrases of the [allow] sections of the project file of the document at
 * path, in file order (caller frees each and the array, e.g. with
 * xstrs_free), or NULL when there are none; *n gets their count and *file
 * the project file's path, or NULL when there is none (caller frees). */
char **allow_list(const char *path, size_t *n, char **file);
int allow_remove(const char *path, const char *phrase, char **written, size_t *removed, perr *e);

#endif
