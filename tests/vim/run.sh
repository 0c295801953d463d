#!/bin/sh
# Runs tests/vim/test_*.vim, each in a fresh headless Vim 9 (vim -es) with
# the plugin on 'runtimepath' and the real helper (park lsp). Prints
# "ok NAME" / "FAIL NAME: REASON" per case, then "N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
vim=${VIM_EXEC:-vim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! "$vim" --version 2>/dev/null | grep -q '+job'; then
  echo "vim with +job not found (tools/install-deps.sh --test installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
export PARK_ROOT="$root" HOME="$work/home"
mkdir -p "$HOME"
passed=0
failed=0
for file in "$root"/tests/vim/test_*.vim; do
  out="$work/$(basename "$file").out"
  : >"$out"
  PARK_TEST_OUT="$out" timeout -k 5 120 "$vim" -N -u NONE -i NONE -es -S "$file" </dev/null >/dev/null 2>&1
  status=$?
  cat "$out"
  p=$(grep -c '^ok ' "$out")
  f=$(grep -c '^FAIL ' "$out")
  if ! grep -q '^# done' "$out"; then
    echo "FAIL $(basename "$file"): vim exited with status $status before finishing"
    f=$((f + 1))
  fi
  passed=$((passed + p))
  failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
