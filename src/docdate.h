#ifndef PARK_DOCDATE_H
#define PARK_DOCDATE_H

#include "doc.h"

/* Infers the date a report was written from its text, for `era` rules.
 * Returns YYYYMMDD, or 0 when the text gives no evidence; *source gets a
 * static Chinese description of the evidence (or NULL). *exact is 1 when the
 * date is the document's own (a signature line); otherwise the result is a
 * lower bound: the latest date the text proves it was written after. Only
 * the first 400 lines are read for evidence (and the last 12 for a
 * signature). */
int docdate_infer(const doc_text *doc, const char **source, int *exact);

#endif
