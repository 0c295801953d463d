#ifndef PARK_SITELINE_H
#define PARK_SITELINE_H

#include <stddef.h>

/* Lines a template site or a web page left in a report: membership and
 * download offers, resale warnings, QQ/WeChat invitations, prices, links.
 * They are told by what they are made of, not by a list of lines. */

/* The score of the n bytes at s as such a line: the weights of the words of
 * data/site-words.txt it contains (report wording counts against) plus its
 * marks (a link, an e-mail address, a mobile number, a price sign). The
 * number of site words and marks found goes to *signals. */
int siteline_score(const char *s, size_t n, int *signals);

#endif
