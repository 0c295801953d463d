#ifndef PARK_REPORT_H
#define PARK_REPORT_H

#include <stdio.h>

#include "check.h"
#include "sbuf.h"

/* Printing findings for the command line. Both formats give 1-based lines
 * and 1-based byte columns in the original file (a BOM counts). */

/* FILE:LINE:COL: SEVERITY: MESSAGE [RULE], one line per finding. */
void report_text(sbuf *out, const char *file, const ruleset *rs, const doc_text *doc, const check_result *res);
/* One JSON object per finding per line (JSON Lines): file, line, col,
 * end_line, end_col (exclusive), severity, category, rule, message, match,
 * fix (string or null). */
void report_json(sbuf *out, const char *file, const ruleset *rs, const doc_text *doc, const check_result *res);
/* Writes the report (json: JSON Lines, else text) to fp in batches, so a
 * large report is never held whole in memory; threaded: two batches are
 * formatted at once. Returns 0, or -1 if a write failed (errno set). */
int report_write(FILE *fp, int json, const char *file, const ruleset *rs, const doc_text *doc,
                 const check_result *res, int threaded);

#endif
