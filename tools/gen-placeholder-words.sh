#!/bin/sh
# Turns data/placeholder-words.txt (the placeholder detector's vocabulary)
# into the C tables src/placeholder.c is compiled with.
#   tools/gen-placeholder-words.sh IN OUT
# Every section placeholder.c reads must be there, and no other; a malformed
# line stops the build with FILE:LINE: message. OUT is written atomically.
set -eu
in=$1
out=$2
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
LC_ALL=C awk -v file="$in" '
function fail(msg) { printf "%s:%d: %s\n", file, FNR, msg > "/dev/stderr"; bad = 1; exit 1 }
function cstr(w) { gsub(/\\/, "\\\\", w); gsub(/"/, "\\\"", w); return "\"" w "\"" }
function close_list() {
    if (sec == "") return
    if (sec == "bracket_words") print "};"
    else print "    NULL};"
    if (count == 0) fail("section [" sec "] is empty")
}
BEGIN {
    want = "name_after date_after figure_after not_units abbrev_after count_before figure_before " \
           "name_before letter_words connectors cut_before money_before money_after_ok money_units " \
           "masked_after bracket_words"
    n = split(want, w, " ")
    for (i = 1; i <= n; i++) wanted[w[i]] = 1
    kind["context"] = "-1"; kind["text"] = "PLACEHOLDER_TEXT"; kind["name"] = "PLACEHOLDER_NAME"
    kind["date"] = "PLACEHOLDER_DATE"; kind["figure"] = "PLACEHOLDER_FIGURE"
    print "/* Generated from data/placeholder-words.txt by tools/gen-placeholder-words.sh; do not edit. */"
    sec = ""
}
/^[ \t]*(#|$)/ { next }
/^\[/ {
    if ($0 !~ /^\[[a-z_]+\][ \t]*$/) fail("a section header is [name]")
    close_list()
    sec = substr($1, 2, length($1) - 2)
    if (!(sec in wanted)) fail("unknown section [" sec "]")
    if (sec in seen) fail("section [" sec "] appears twice")
    seen[sec] = 1
    count = 0
    if (sec == "bracket_words") print "static const ph_bracket_word ph_bracket_words[] = {"
    else print "static const char *const ph_" sec "[] = {"
    next
}
{
    if (sec == "") fail("words before the first [section]")
    if (sec == "bracket_words") {
        if (NF != 3) fail("a bracket word is WORD KIND part|whole")
        if (!($2 in kind)) fail("unknown kind \"" $2 "\" (context, text, name, date, figure)")
        if ($3 != "part" && $3 != "whole") fail("match is part or whole, not \"" $3 "\"")
        printf "    {%s, %s, %d},\n", cstr($1), kind[$2], $3 == "whole"
        count++
        next
    }
    line = "   "
    for (i = 1; i <= NF; i++) line = line " " cstr($i) ","
    print line
    count += NF
}
END {
    if (bad) exit 1
    close_list()
    for (s in wanted) if (!(s in seen)) { printf "%s: section [%s] is missing\n", file, s > "/dev/stderr"; exit 1 }
}
' "$in" > "$tmp"
mv "$tmp" "$out"
trap - EXIT
