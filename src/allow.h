#ifndef PARK_ALLOW_H
#define PARK_ALLOW_H

#include "error.h"

/* Adds phrase to the [allow] section of the project file (.parkrc) that
 * applies to the document at path, creating the file beside the document
 * when there is none. The file is rewritten atomically. On success returns
 * 0 and stores the file's path in *written (caller frees). */
int allow_add(const char *path, const char *phrase, char **written, perr *e);

#endif
