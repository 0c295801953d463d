#ifndef PARK_API_SNIPPET_H
#define PARK_API_SNIPPET_H

#include "api.h"

/* The snippet RPC methods (rows of api.c's table; see api_fn for the
 * contract):
 *
 *   snippets        [{path?, prefix?, date?}]
 *       -> {snippets = [{prefix, name, description, body_preview, file, wraps}],
 *           errors = ["file:line: message", …]}
 *       every snippet that applies to the document at path (default, user,
 *       project), or those whose trigger starts with prefix; body_preview is
 *       the expansion with every tabstop at its default; wraps: the body
 *       uses $TM_SELECTED_TEXT.
 *   snippet_expand  [{path?, trigger | body, indent?, tab?, selected?, date?}]
 *       -> {trigger, name, file, text = [lines], tabstops = [{index, ranges =
 *           [{lnum, col, end_lnum, end_col}], choices}], final = {…}}
 *       positions 0-based, byte columns, end exclusive; choices is nil
 *       unless the tabstop is a choice. An unknown trigger or a malformed
 *       body is an error response naming the file and the snippet.
 *
 * date is "YYYY-MM-DD" for $CURRENT_* (default: today); selected is the
 * text a wrapping snippet puts where $TM_SELECTED_TEXT is. */
int api_snippet_snippets(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e);
int api_snippet_expand(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e);

#endif
