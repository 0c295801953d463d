#!/bin/sh
# Turns data/site-words.txt (the site-line detector's vocabulary) into the C
# table src/siteline.c is compiled with.
#   tools/gen-site-words.sh IN OUT
# Sections [site] (positive weights) and [report] (negative), each line a
# weight and words; a malformed line stops the build with FILE:LINE:
# message. OUT is written atomically.
set -eu
in=$1
out=$2
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
LC_ALL=C awk -v file="$in" '
function fail(msg) { printf "%s:%d: %s\n", file, FNR, msg > "/dev/stderr"; bad = 1; exit 1 }
BEGIN { print "/* Generated from data/site-words.txt by tools/gen-site-words.sh; do not edit. */"
        print "static const siteline_word siteline_words[] = {" }
/^[ \t]*(#|$)/ { next }
/^\[/ {
    if ($0 == "[site]") sec = "site"; else if ($0 == "[report]") sec = "report"; else fail("unknown section " $0)
    seen[sec] = 1; next
}
{
    if (sec == "") fail("a line before the first section")
    if ($1 !~ /^-?[0-9]+$/) fail("a line starts with its weight")
    w = $1 + 0
    if (sec == "site" && w <= 0) fail("[site] weights are positive")
    if (sec == "report" && w >= 0) fail("[report] weights are negative")
    if (NF < 2) fail("a weight without words")
    for (i = 2; i <= NF; i++) {
        if ($i ~ /["\\]/) fail("a word holds a quote or backslash")
        if ($i in words) fail("\"" $i "\" appears twice")
        words[$i] = 1
        printf "    {\"%s\", %d, %d},\n", $i, length($i), w
        n++
    }
}
END {
    if (bad) exit 1
    if (!seen["site"] || !seen["report"]) { printf "%s: needs [site] and [report]\n", file > "/dev/stderr"; exit 1 }
    print "};"
}' "$in" >"$tmp"
mv "$tmp" "$out"
trap - EXIT
