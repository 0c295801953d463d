#!/usr/bin/env bash
# make fuzz-long: every libFuzzer target in turn, long, then its coverage.
#   tools/fuzz-long.sh FUZZ_DIR COV_DIR OUT RUNS MAX_SECONDS TARGET...
# FUZZ_DIR holds the fuzzing builds (fuzz-TARGET: libFuzzer, ASan, UBSan),
# COV_DIR the same sources built also with -fprofile-instr-generate
# -fcoverage-mapping. For each target, one process after the other (no
# -jobs, under nice): RUNS executions (MAX_SECONDS > 0 caps the time) with
# tests/fuzz/dict/TARGET.dict, seeded from tests/fuzz/corpus/TARGET/ and
# tests/fuzz/regressions/TARGET/ (both read only); what libFuzzer adds goes to
# OUT/TARGET/corpus/, never into the repository. Then every input of that
# final corpus is replayed once through COV_DIR/fuzz-TARGET (-runs=0) with
# LLVM_PROFILE_FILE set, the profiles merged with llvm-profdata, and
# `llvm-cov report` over src/ written to OUT/TARGET/coverage.txt.
# A crash (or leak, timeout, oom) stops that target only: its input is kept as
# OUT/crashes/TARGET-crash-*, and the script fails at the end.
# Ends with one line per target: executions, exec/s, seconds, corpus files,
# line and region coverage of src/ (the llvm-cov TOTAL row), and the same two
# over the src/ files the target reaches at all.
set -euo pipefail

if [ $# -lt 6 ]; then
    echo "usage: $0 FUZZ_DIR COV_DIR OUT RUNS MAX_SECONDS TARGET..." >&2
    exit 2
fi
fuzz_dir=$1 cov_dir=$2 out=$3 runs=$4 max_secs=$5
shift 5
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tool() { # the unversioned LLVM tool, else clang's own version of it
    local t
    for t in "$1" "$1-$(clang -dumpversion 2>/dev/null | cut -d. -f1)"; do
        command -v "$t" >/dev/null 2>&1 && { echo "$t"; return 0; }
    done
    echo "fuzz-long: $1 not found (tools/install-deps.sh --fuzz installs it)" >&2
    exit 1
}
llvm_cov=${LLVM_COV:-$(tool llvm-cov)}
llvm_profdata=${LLVM_PROFDATA:-$(tool llvm-profdata)}
nice_level=${FUZZ_NICE:-10}
export XDG_CONFIG_HOME=/nonexistent/park-fuzz

# "TOTAL" and "over reached files" from an llvm-cov report: prints
# "LINES% REGIONS% REACHED_LINES% REACHED_REGIONS% NFILES".
cov_figures() {
    awk '
        function pct(miss, all) { return all ? sprintf("%.2f", 100 * (all - miss) / all) : "n/a" }
        $1 == "TOTAL" { tr = $2; trm = $3; tl = $8; tlm = $9; next }
        $1 ~ /\.c$|\.h$/ && NF >= 10 && $2 > $3 { rr += $2; rrm += $3; rl += $8; rlm += $9; n++ }
        END { printf "%s %s %s %s %d\n", pct(tlm, tl), pct(trm, tr), pct(rlm, rl), pct(rrm, rr), n }
    ' "$1"
}

mkdir -p "$out/crashes"
status=0
summary=""
cap="no time cap"
[ "$max_secs" != 0 ] && cap="at most $max_secs s each"
echo "fuzz-long: ${#} targets, $runs runs each ($cap), one after the other under nice -n $nice_level"
for t in "$@"; do
    dir="$out/$t"
    corpus="$dir/corpus"
    seeds="tests/fuzz/corpus/$t"
    log="$dir/fuzz.log"
    dict="tests/fuzz/dict/$t.dict"
    mkdir -p "$corpus"
    inputs=("$corpus" "$seeds")
    [ -d "tests/fuzz/regressions/$t" ] && inputs+=("tests/fuzz/regressions/$t")
    dict_opt=()
    if [ -f "$dict" ]; then dict_opt=("-dict=$dict"); else echo "   (no $dict: fuzzing without a dictionary)"; fi

    echo "== fuzz-$t: $runs runs, $dict, seeds $seeds/ -> $corpus/ (log: $log)"
    start=$(date +%s)
    rc=0
    nice -n "$nice_level" "$fuzz_dir/fuzz-$t" -runs="$runs" -max_total_time="$max_secs" "${dict_opt[@]}" \
        -timeout=10 -rss_limit_mb=2560 -max_len=16384 -close_fd_mask=3 -print_final_stats=1 \
        -artifact_prefix="$out/crashes/$t-" "${inputs[@]}" >"$log" 2>&1 || rc=$?
    secs=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/.*Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    # libFuzzer prints 0 for a run under a second
    [ -n "$rate" ] && [ "$rate" != 0 ] || rate=$(( ${execs:-0} / (secs ? secs : 1) ))
    if [ "$rc" -eq 0 ]; then
        result="no crash"
    else
        result="FAILED (exit $rc)"
        status=1
        grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$log" | head -n 20 || true
        echo "   (input kept in $out/crashes/; once fixed, keep it in tests/fuzz/regressions/$t/)"
    fi
    files=$(( $(find "$corpus" "$seeds" -type f | wc -l) ))

    # Coverage: the final corpus (new inputs, seeds, regressions) once each.
    rm -rf "$dir/profraw" && mkdir -p "$dir/profraw"
    rrc=0
    LLVM_PROFILE_FILE="$root/$dir/profraw/%p.profraw" nice -n "$nice_level" "$cov_dir/fuzz-$t" -runs=0 \
        -timeout=10 -rss_limit_mb=2560 -max_len=16384 -close_fd_mask=3 -artifact_prefix="$dir/replay-" \
        "${inputs[@]}" >"$dir/replay.log" 2>&1 || rrc=$?
    lines="?" regions="?" rlines="?" rregions="?" nfiles="?"
    if ls "$dir"/profraw/*.profraw >/dev/null 2>&1; then
        "$llvm_profdata" merge -sparse "$dir"/profraw/*.profraw -o "$dir/$t.profdata"
        "$llvm_cov" report "$cov_dir/fuzz-$t" -instr-profile="$dir/$t.profdata" "$root/src" >"$dir/coverage.txt"
        read -r lines regions rlines rregions nfiles < <(cov_figures "$dir/coverage.txt")
        echo "   coverage of src/: lines $lines%, regions $regions% (per file: $dir/coverage.txt)"
    else
        echo "   no profile written by the coverage replay (exit $rrc; see $dir/replay.log)"
        status=1
    fi
    [ "$rrc" -eq 0 ] || { echo "   the coverage replay failed (exit $rrc; see $dir/replay.log)"; status=1; }
    echo "   $execs executions in $secs s ($rate exec/s), corpus $files files: $result"
    summary+=$(printf '%-9s %10s %7s %6s %7s %7s%% %7s%%   %7s%% %7s%% (%2s files)  %s' \
        "$t" "$execs" "$rate" "$secs" "$files" "$lines" "$regions" "$rlines" "$rregions" "$nfiles" "$result")
    summary+=$'\n'
done

echo
echo "                                                 --- all src/ ---    --- src/ files reached ---"
printf '%-9s %10s %7s %6s %7s %8s %8s   %8s %8s %10s  %s\n' target execs exec/s secs corpus lines regions lines regions "" result
printf '%s' "$summary"
exit $status
