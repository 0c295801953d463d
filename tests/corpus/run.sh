#!/usr/bin/env bash
# Corpus expectations: park check with the default rules on each real report
# in tests/corpus must print exactly tests/corpus/<name>.expected, a list
# of findings that was read and judged by hand (false alarms removed from the
# rules, real errors kept). A rule change that alters what the reports show
# fails here until the new output has been read and the file updated with
#   tests/corpus/run.sh --update
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus="$root/tests/corpus"
park="${PARK_BIN:-$root/build/park}"
pass=0
fail=0
if [ ! -d "$corpus" ]; then
    echo "FAIL corpus: $corpus not found"
    echo "0 passed, 1 failed"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/xdg"
for f in "$corpus"/*.txt; do
    name=$(basename "$f" .txt)
    (cd "$corpus" && "$park" check --rules-dir "$root/rules" "$(basename "$f")") > "$tmp/$name.out" 2> "$tmp/$name.err"
    rc=$?
    if [ "${1:-}" = "--update" ]; then
        cp "$tmp/$name.out" "$here/$name.expected"
        echo "updated $name.expected ($(wc -l < "$tmp/$name.out") findings)"
        continue
    fi
    if [ "$rc" -gt 1 ] || [ -s "$tmp/$name.err" ]; then
        echo "FAIL $name: exit $rc, stderr: $(head -c 300 "$tmp/$name.err")"
        fail=$((fail + 1))
    elif diff -u "$here/$name.expected" "$tmp/$name.out" > "$tmp/$name.diff"; then
        echo "ok $name ($(wc -l < "$tmp/$name.out") findings as expected)"
        pass=$((pass + 1))
    else
        echo "FAIL $name: findings differ from $name.expected:"
        head -40 "$tmp/$name.diff"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
