#ifndef PARK_RULETEST_H
#define PARK_RULETEST_H

#include "ruleset.h"

/* Runs every rule's examples (fire/pass, and the fixed line after "=>")
 * against the rule alone, prints one line per failure and finally
 * "N passed, N failed". Returns the number of failures. */
int ruletest_run(const ruleset *rs);

#endif
