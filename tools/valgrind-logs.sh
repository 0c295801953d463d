#!/bin/sh
# Checks the valgrind logs in DIR (one per process, vg.PID.log): each must
# end with "ERROR SUMMARY: 0 errors" (leaks count as errors there). Prints a
# one-line verdict, or the offending logs; exits 1 on any problem.
set -u
dir=$1
n=0
bad=0
for f in "$dir"/vg.*.log; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    if ! grep -q 'ERROR SUMMARY: 0 errors' "$f"; then
        bad=$((bad + 1))
        echo "== $f"
        grep -q 'ERROR SUMMARY' "$f" || echo "(no summary: the process did not exit normally)"
        sed -n '/Invalid\|uninitialised\|definitely lost\|indirectly lost\|ERROR SUMMARY/,+6p' "$f" | head -n 60
    fi
done
if [ "$n" -eq 0 ]; then
    echo "valgrind: no logs in $dir (was PARK_WRAPPER honoured?)"
    exit 1
fi
echo "valgrind: $n processes, $bad with errors or leaks"
[ "$bad" -eq 0 ]
