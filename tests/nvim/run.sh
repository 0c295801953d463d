#!/bin/sh
# Runs each tests/nvim/test_*.lua (or the files named as arguments) in a fresh
# headless Neovim with the plugin on 'runtimepath' and the real helper.
# Prints "ok NAME" / "FAIL NAME: REASON" per case, then "N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
nvim=${NVIM_EXEC:-nvim}
limit=${PARK_TEST_TIMEOUT:-120}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Keep user configuration, user rule files and logs out of the tests.
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export PARK_ROOT="$root"

if [ $# -gt 0 ]; then files="$*"; else files=$(ls "$root"/tests/nvim/test_*.lua); fi

passed=0
failed=0
for file in $files; do
  file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
  name=$(basename "$file")
  log="$work/$name.log"
  results="$work/$name.out"
  : >"$results"
  PARK_TEST_OUT="$results" timeout -k 10 "$limit" "$nvim" --headless -u NONE -i NONE -n --cmd "set rtp^=$root" \
    -c "lua local ok, err = pcall(dofile, [[$file]]) if not ok then io.stderr:write(tostring(err), '\\n') vim.cmd('cquit 3') end" \
    </dev/null >"$log" 2>&1
  status=$?
  grep -E '^(ok|FAIL) ' "$results"
  summary=$(grep -E '^# passed [0-9]+ failed [0-9]+$' "$results" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "FAIL $name: nvim exited with status $status before finishing"
    tail -n 5 "$log" | sed 's/^/    /'
    failed=$((failed + 1))
    continue
  fi
  set -- $summary
  passed=$((passed + $3))
  failed=$((failed + $5))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
