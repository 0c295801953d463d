#!/usr/bin/env bash
# Runs every test suite and sums their closing "N passed, N failed" lines:
#   C unit and RPC protocol tests (build/park-tests), every rule's examples
#   (park rules --test), the command-line tests, the corpus expectations and
#   the end-to-end tests in headless Neovim and in headless Vim 9.
# Each suite's own output is shown; the last line is the total.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2

total_pass=0
total_fail=0
failed_suites=()

run_suite() {
    local name=$1
    shift
    echo "== $name"
    local out
    out=$("$@" 2>&1)
    local rc=$?
    printf '%s\n' "$out"
    local last
    last=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    if [ -z "$last" ]; then
        echo "($name printed no result line; exit $rc: counted as 1 failure)"
        total_fail=$((total_fail + 1))
        failed_suites+=("$name")
        return
    fi
    local p f
    p=$(printf '%s' "$last" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed.*/\1/')
    f=$(printf '%s' "$last" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed.*/\2/')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    [ "$f" -gt 0 ] && failed_suites+=("$name")
}

# PARK_BUILD picks the binaries (make check-sanitize: build/asan); the
# suites find the helper through PARK_BIN.
build=${PARK_BUILD:-build}
export PARK_BUILD="$build"
export PARK_BIN="$root/$build/park"

run_suite "C unit and RPC protocol tests" "$build/park-tests"
run_suite "rule examples" "$build/park" rules --test --rules-dir rules
[ -x tests/cli/run.sh ] && run_suite "command line" tests/cli/run.sh
[ -x tests/corpus/run.sh ] && run_suite "corpus expectations" tests/corpus/run.sh
[ -x tests/accuracy/run.sh ] && run_suite "precision on clean text" tests/accuracy/run.sh
[ -x tests/layout/run.sh ] && run_suite "source tiers" tests/layout/run.sh
[ -x tests/nvim/run.sh ] && run_suite "Neovim end-to-end" tests/nvim/run.sh
[ -x tests/vim/run.sh ] && run_suite "Vim end-to-end" tests/vim/run.sh
[ -x tests/fuzz/replay.sh ] && run_suite "fuzz seeds and regressions" tests/fuzz/replay.sh

echo
[ ${#failed_suites[@]} -gt 0 ] && echo "failing suites: ${failed_suites[*]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
