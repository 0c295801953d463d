#ifndef PARK_TEST_OUTLINE_H
#define PARK_TEST_OUTLINE_H

/* test-outline.h -- the fixture test-outline.c, test-outline_flat.c and
 * test-outline_items.c share: one document and its outline, parsed again by
 * each parse(). Every file that includes it uses all of it. */

#include "outline.h"
#include "test-util.h"

/* Parses text into the static fixture. */
static doc_text tdoc;
static outline tol;

static void parse(const char *text, int flags)
{
    outline_free(&tol);
    doc_free(&tdoc);
    doc_init(&tdoc, text, strlen(text));
    outline_parse(&tol, &tdoc, flags);
}

static void done(void)
{
    outline_free(&tol);
    doc_free(&tdoc);
}

#endif
