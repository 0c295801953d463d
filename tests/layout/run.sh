#!/bin/sh
# The tiers of src/: each module may include the headers of its own tier and
# of the tiers above it in this list, never of one below. This table is the
# one statement of the layering (README's Layout section describes it).
# Prints "ok MODULE" / "FAIL MODULE: ..." per module, then "N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
tiers='
base      mem error sbuf fileio par utf8 bytescan version
text      doc zh bytemap encoding
analyses  outline outline_int outline_flat outline_items renumber docdate placeholder placeholder_words siteline site_words lm spell
snippets  json snippet snipset
engine    rulefile litset ruleset config allow builtin numbering check ruletest
faces     rpc msgframe mpack api apidoc api_outline api_snippet bufstore lsp lsp_feat lsp_int cli outlinecli report main
'
rank_of() {
    printf '%s\n' "$tiers" | awk -v m="$1" 'NF { for (i = 2; i <= NF; i++) if ($i == m) { print NR; exit } }'
}
tier_of() {
    printf '%s\n' "$tiers" | awk -v m="$1" 'NF { for (i = 2; i <= NF; i++) if ($i == m) { print $1; exit } }'
}
pass=0
fail=0
for mod in $(ls "$root"/src/*.c "$root"/src/*.h | sed 's|.*/||; s|\.[ch]$||' | sort -u); do
    r=$(rank_of "$mod")
    if [ -z "$r" ]; then
        echo "FAIL $mod: in no tier (add it to tests/layout/run.sh and README's Layout)"
        fail=$((fail + 1))
        continue
    fi
    bad=""
    for inc in $(cat "$root"/src/"$mod".[ch] 2>/dev/null | sed -n 's/^#include "\([a-z_0-9]*\)\.h".*/\1/p' | sort -u); do
        ri=$(rank_of "$inc")
        if [ -z "$ri" ]; then
            bad="$bad $inc.h (in no tier)"
        elif [ "$ri" -gt "$r" ]; then
            bad="$bad $inc.h ($(tier_of "$inc"))"
        fi
    done
    if [ -n "$bad" ]; then
        echo "FAIL $mod ($(tier_of "$mod")) includes a lower tier:$bad"
        fail=$((fail + 1))
    else
        echo "ok $mod"
        pass=$((pass + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
