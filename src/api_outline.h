#ifndef PARK_API_OUTLINE_H
#define PARK_API_OUTLINE_H

#include "api.h"

/* The outline RPC methods (rows of api.c's table; see api_fn for the
 * contract). Positions are 0-based lines and byte columns, end exclusive.
 *
 *   outline   [{buf, tick, lines, base, first, last, headings?}]
 *       Fold levels (and on request the headings) of a document, named as
 *       apidoc.h says: for a buffer, the helper's copy of it, brought up to
 *       date by the lines sent.
 *       -> {method = "outline", buf, tick, resync, levels = [n…],
 *           headings = [{lnum, col, level, depth, marker, number, title,
 *           end_lnum, runin, flat}], frame = [{lnum, kind}]}
 *       levels[i] is -d where a heading of depth d starts, else the depth of
 *       the section line i is in (0 outside). resync = true (and nothing
 *       else) when the copy is missing or at another changedtick: send the
 *       whole buffer.
 *   renumber  [{lines, first?, last?}]
 *       -> {edits = [{lnum, col, end_col, text}], count}
 *       new numerals for the headings and 一是/第一 items on lines
 *       [first, last) (default: all), numbered for the whole document. */
int api_outline_outline(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e);
int api_outline_renumber(api_ctx *ctx, const msgpack_object *params, msgpack_packer *pk, perr *e);

#endif
