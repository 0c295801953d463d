#ifndef PARK_OUTLINECLI_H
#define PARK_OUTLINECLI_H

/* The outline subcommands (rows of main.c's table). Each takes the
 * arguments after its name and returns the exit status: 0 done, 2 usage or
 * I/O error.
 *
 *   park outline [--format text|json] [--profile] FILE
 *       one heading per line: LINE<TAB>LEVEL<TAB>MARKER<TAB>NUMBER<TAB>TITLE
 *       (text), or JSON Lines with line, col, level, depth, marker, number,
 *       title, end_line, runin; lines and columns 1-based. --profile also
 *       prints "profile<TAB>outline<TAB>full|one-line<TAB>MS" to stderr:
 *       the RPC outline method in process, given the whole file and given
 *       one changed line (medians of several runs).
 *   park renumber [-i] FILE
 *       the document with every heading level and item sequence numbered
 *       continuously, on stdout; -i rewrites FILE in place (atomically: the
 *       original is untouched on any error). */
int outlinecli_outline(int argc, char **argv);
int outlinecli_renumber(int argc, char **argv);

#endif
