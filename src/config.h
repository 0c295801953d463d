#ifndef PARK_CONFIG_H
#define PARK_CONFIG_H

#include <stddef.h>

#include "error.h"
#include "ruleset.h"

/* Where rules come from and which ones apply to a given document: the
 * default rules directory, the user's directory ($XDG_CONFIG_HOME/park),
 * --config files, and the project's .parkrc found walking up from the
 * document. Files are re-read only when they change; the merged ruleset is
 * cached per project. */

#define CONFIG_PROJECT_FILE ".parkrc"

typedef struct config config;

/* rules_dir: the default rules directory, or NULL to look for it (env
 * PARK_RULES_DIR, then <exe>/../rules, then <exe>/../share/park/rules).
 * extra: --config files, loaded after the user's. Caller frees with
 * config_free(). */
config *config_new(const char *rules_dir, char *const *extra, size_t nextra);
/* threads = 1: load rule files on the calling thread only (default 2). */
void config_set_threads(config *c, int threads);
void config_free(config *c);
/* Forgets every parsed file and the ruleset, so the next config_ruleset
 * reads and compiles the files again even where their stamps (mtime, size,
 * inode) did not change: an edit within the file system's time resolution
 * keeps the stamp. Rulesets returned before are invalid after this. */
void config_forget(config *c);
/* The ruleset for a document at path (NULL or "-": no project file). Borrowed
 * from c; valid until the next call. */
const ruleset *config_ruleset(config *c, const char *path);
/* The default rules directory in use (borrowed), or NULL if none was found. */
const char *config_rules_dir(const config *c);
/* The rule files behind the last ruleset returned (borrowed paths). */
size_t config_files(const config *c, const char *const **paths);

#endif
