#ifndef PARK_NUMBERING_H
#define PARK_NUMBERING_H

#include <stdint.h>

#include "check.h"
#include "outline.h"

/* Numbering checks over the outline (rows of builtin.c's table; their rules
 * are in rules/outline.rules). Fixes are given where
 * the correction is certain: the number a heading or item should carry (the
 * same one :ParkRenumber writes), a lost 是, a mark to delete.
 *
 *   heading-skip     a sibling number skipped (一、二、四、), or a first sibling
 *                    that is not 1
 *   heading-repeat   a sibling number repeated or going back (（二）（二）)
 *   heading-restart  numbering starting again at 1 among siblings
 *   level-order      a heading nested under a junior level (（一） under 1.)
 *   mixed-style      siblings in different forms of one level (① and 1）)
 *                    not already flagged by a numbering.rules pattern
 *   item-skip        一是…三是, or a sequence starting at 二是
 *   item-repeat      一是…一是, 第二…第二
 *   item-lost-shi    二加强… between 一是 and 三是: 是 is missing
 *   item-order       首先/其次/再次/最后 repeated or out of order in a paragraph
 *   heading-end      a heading alone on its line ends with 。：；，
 *   runin-end        a run-in heading separated from its text by spaces
 *                    instead of 。 */
enum {
    NUMBERING_HEADING_SKIP,
    NUMBERING_HEADING_REPEAT,
    NUMBERING_HEADING_RESTART,
    NUMBERING_LEVEL_ORDER,
    NUMBERING_MIXED_STYLE,
    NUMBERING_ITEM_SKIP,
    NUMBERING_ITEM_REPEAT,
    NUMBERING_ITEM_LOST_SHI,
    NUMBERING_ITEM_ORDER,
    NUMBERING_HEADING_END,
    NUMBERING_RUNIN_END
};

/* Runs check which (NUMBERING_*) for rule over c->doc, whose outline, parsed
 * with OUTLINE_ITEMS, is o; reports through check_emit(). */
void numbering_check(check_ctx *c, const outline *o, uint32_t rule, int which);

#endif
