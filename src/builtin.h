#ifndef PARK_BUILTIN_H
#define PARK_BUILTIN_H

#include <stddef.h>
#include <stdint.h>

#include "bytemap.h"
#include "check.h"
#include "outline.h"

/* Checks written in C, for what a single-line pattern cannot express. Each
 * is named in a rule file (`builtin = pairs`), which gives it its id,
 * category, severity, message and examples. */


/* Index of the builtin called name, or -1. */
int builtin_find(const char *name);
/* Runs builtin idx for rule over c->doc, emitting through check_emit().
 * param is the rule's `param` (0 = the builtin's default). */
void builtin_run(int idx, check_ctx *c, uint32_t rule, int param);
/* The placeholder kind (PLACEHOLDER_*) builtin idx reports, with *missing
 * set for placeholder-missing (units whose figure was deleted); -1 when idx
 * is not a placeholder-* builtin. */
int builtin_placeholder_kind(int idx, int *missing);
/* Name of builtin idx; NULL past the end (for listing). */
const char *builtin_name(int idx);
/* Builtins of one group share check_ctx scratch (pairs, long-sentence and
 * the numbering checks share the bytemap and the outline), so check_run runs
 * a group as one task. */
int builtin_group(int idx);

#endif
