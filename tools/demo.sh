#!/bin/sh
# make demo: opens the bundled sample report in Neovim with the plugin loaded
# and :ParkCheck run. Without a terminal (or without nvim) it prints
# `park check` on the sample instead.
root=$(cd "$(dirname "$0")/.." && pwd)
sample="$root/examples/sample-report.txt"
if [ -t 0 ] && [ -t 1 ] && command -v nvim >/dev/null 2>&1; then
    exec nvim --cmd "set rtp^=$root" -c "set filetype=park" -c "ParkCheck!" "$sample"
fi
echo "(no terminal: printing park check on $sample)"
"$root/build/park" check "$sample"
status=$?
[ "$status" -le 1 ] && exit 0
exit "$status"
