#ifndef PARK_NUMBERING_H
#define PARK_NUMBERING_H

#include <stdint.h>

#include "check.h"

/* Numbering checks over the outline (rows of builtin.c's table; their rules
 * are in rules/outline.rules). Each has builtin.c's signature: it reports
 * through check_emit() for rule, and param is unused. Fixes are given where
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
void numbering_heading_skip(check_ctx *c, uint32_t rule, int param);
void numbering_heading_repeat(check_ctx *c, uint32_t rule, int param);
void numbering_heading_restart(check_ctx *c, uint32_t rule, int param);
void numbering_level_order(check_ctx *c, uint32_t rule, int param);
void numbering_mixed_style(check_ctx *c, uint32_t rule, int param);
void numbering_item_skip(check_ctx *c, uint32_t rule, int param);
void numbering_item_repeat(check_ctx *c, uint32_t rule, int param);
void numbering_item_lost_shi(check_ctx *c, uint32_t rule, int param);
void numbering_item_order(check_ctx *c, uint32_t rule, int param);
void numbering_heading_end(check_ctx *c, uint32_t rule, int param);
void numbering_runin_end(check_ctx *c, uint32_t rule, int param);

#endif
