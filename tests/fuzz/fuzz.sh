#!/bin/sh
# Runs each libFuzzer target for SECONDS: tests/fuzz/fuzz.sh DIR SECONDS TARGET...
# DIR holds the binaries (fuzz-TARGET); new inputs go to DIR/corpus/TARGET,
# the seeds come from tests/fuzz/corpus/TARGET/ (read only). A crash, a leak or an
# input slower than 10 s stops that target: its input is saved as
# DIR/crash-TARGET-* (or leak-/timeout-/oom-) and the run fails. Ends with one
# line per target: executions, corpus size, result.
set -u
dir=$1
secs=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
status=0
summary=""
for t in "$@"; do
    corpus="$dir/corpus/$t"
    log="$dir/$t.log"
    mkdir -p "$corpus"
    echo "== fuzz-$t: ${secs} s"
    "$dir/fuzz-$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 -max_len=16384 \
        -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$dir/" \
        "$corpus" "$root/tests/fuzz/corpus/$t" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    [ -n "$runs" ] || runs=$(sed -n 's/.*Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    files=$(ls "$corpus" | wc -l)
    if [ "$rc" -eq 0 ]; then
        result="no crash"
    else
        result="FAILED (exit $rc)"
        status=1
        grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$log" | head -n 20
        echo "   (full log: $log; keep the input in tests/fuzz/regressions/$t/ once fixed)"
    fi
    summary="$summary$(printf '%-10s %10s execs %6s corpus files  %s' "$t" "${runs:-?}" "$files" "$result")
"
done
echo
printf '%s' "$summary"
exit $status
