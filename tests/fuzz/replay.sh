#!/bin/sh
# Replays every fuzz target's seeds (tests/fuzz/corpus/TARGET/) and regression
# inputs (tests/fuzz/regressions/TARGET/) through the replay builds in
# ${PARK_BUILD:-build}/fuzz-replay/, so a crash once found stays fixed, and
# checks that each dictionary (tests/fuzz/dict/) is one libFuzzer reads:
# comments, blank lines and "tokens" of printable ASCII with \xNN escapes
# (libFuzzer stops at the first other line). Part of `make test`; needs no
# libFuzzer. Ends with "N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
build=${PARK_BUILD:-build}
export XDG_CONFIG_HOME=/nonexistent/park-fuzz
passed=0
failed=0
for src in tests/fuzz/fuzz-*.c; do
    t=$(basename "$src" .c)
    t=${t#fuzz-}
    bin="$build/fuzz-replay/$t"
    if [ ! -x "$bin" ]; then
        echo "FAIL $t: $bin is not built"
        failed=$((failed + 1))
        continue
    fi
    dirs="tests/fuzz/corpus/$t"
    [ -d "tests/fuzz/regressions/$t" ] && dirs="$dirs tests/fuzz/regressions/$t"
    # shellcheck disable=SC2086
    out=$("$bin" $dirs 2>&1)
    printf '%s\n' "$out" | grep -E '^(ok|FAIL) '
    last=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n 1)
    if [ -z "$last" ]; then
        echo "FAIL $t: the replay printed no result"
        failed=$((failed + 1))
        continue
    fi
    set -- $last
    passed=$((passed + $1))
    failed=$((failed + $3))
done
for dict in tests/fuzz/dict/*.dict; do
    bad=$(LC_ALL=C grep -n -v -E '^[[:space:]]*(#.*)?$|^[A-Za-z0-9_]*=?"([ !#-[]|[]-~]|\\[\\"]|\\x[0-9A-Fa-f]{2})*"[[:space:]]*$' "$dict" | head -n 1)
    if [ -n "$bad" ]; then
        echo "FAIL dictionary $dict: line ${bad%%:*} is not a libFuzzer token (printable ASCII, \\xNN escapes)"
        failed=$((failed + 1))
    else
        echo "ok dictionary $dict"
        passed=$((passed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
