#!/bin/sh
# The precision harness (make accuracy): runs the default rules over text
# that should be clean and counts every finding as false, by rule id.
#   tests/accuracy/clean/*.txt  reports written (or corrected) in correct
#                               公文 style, every heading and item style;
#   the snippet library         each snippet expanded as its own document,
#                               placeholders filled with plausible values.
# Placeholder findings in the snippets are true (a snippet has slots), and
# hints are advice, so neither counts. Prints the table per 10,000
# characters and fails unless there are 0 errors and at most
# $PARK_MAX_WARN (default 1) warnings per 10,000 characters.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
park=${PARK:-${PARK_BIN:-$root/build/park}}
max_warn=${PARK_MAX_WARN:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8

mkdir "$work/snippets"
"$park" snippets --format json --date 2025-01-10 | sed -n 's/^{"prefix":"\([^"]*\)".*"file":"\([^"]*\)","line":\([0-9]*\).*/\2:\3 \1/p' |
  sort -u -k1,1 | while read -r where trigger; do
    n=$(($(ls "$work/snippets" | wc -l) + 1))
    # 20XX → a year, XX → a name, X → a figure: what a writer fills in
    "$park" snippets --date 2025-01-10 --expand "$trigger" | sed 's/20XX/2024/g; s/XX/园区/g; s/X/5/g' >"$work/snippets/$n.txt" || {
      echo "accuracy: cannot expand snippet $trigger ($where)" >&2; exit 2; }
  done

chars() { cat "$@" | wc -m; }
clean_chars=$(chars "$root"/tests/accuracy/clean/*.txt)
snip_chars=$(chars "$work"/snippets/*.txt)
nsnip=$(ls "$work/snippets" | wc -l)

{
  "$park" check --format json "$root"/tests/accuracy/clean/*.txt || true
  "$park" check --format json "$work"/snippets/*.txt | grep -v '"category":"placeholder"' || true
} | grep -v '"severity":"hint"' >"$work/found.jsonl" || true

total=$((clean_chars + snip_chars))
printf 'clean set: %d characters (%d in %d reports, %d in %d snippet expansions)\n' "$total" "$clean_chars" \
  "$(ls "$root"/tests/accuracy/clean/*.txt | wc -l)" "$snip_chars" "$nsnip"
errors=$(grep -c '"severity":"error"' "$work/found.jsonl" || true)
warnings=$(grep -c '"severity":"warning"' "$work/found.jsonl" || true)
if [ -s "$work/found.jsonl" ]; then
  printf '%-40s %-8s %6s %10s\n' rule severity count per-10k
  sed -n 's/.*"severity":"\([a-z]*\)".*"rule":"\([^"]*\)".*/\2 \1/p' "$work/found.jsonl" | sort | uniq -c | sort -rn |
    awk -v total="$total" '{ printf "%-40s %-8s %6d %10.2f\n", $2, $3, $1, $1 * 10000 / total }'
  echo
  sed -n 's/^{"file":"\([^"]*\)","line":\([0-9]*\),"col":\([0-9]*\).*"rule":"\([^"]*\)","message":"\([^"]*\)".*/\1:\2:\3: \5 [\4]/p' "$work/found.jsonl" |
    sed "s|^$work/snippets/|snippet |; s|^$root/||"
fi
# Lines template sites leave (tests/accuracy/site/site-lines*.txt) and
# report lines that share their words (report-lines*.txt): how many the
# watermark rules catch, and that no report line is taken for one.
site_caught=0 site_total=0 report_flagged=0 report_total=0
# lines_hit FILE: the watermark findings of FILE in $work/hits, and how many lines they are on.
lines_hit() { "$park" check "$1" | grep 'watermark\.' >"$work/hits" || true; cut -d: -f2 "$work/hits" | sort -u | wc -l; }
for f in "$root"/tests/accuracy/site/site-lines*.txt; do
  site_total=$((site_total + $(wc -l <"$f")))
  site_caught=$((site_caught + $(lines_hit "$f")))
done
for f in "$root"/tests/accuracy/site/report-lines*.txt; do
  report_total=$((report_total + $(wc -l <"$f") - 1)) # the first line is the title
  report_flagged=$((report_flagged + $(lines_hit "$f")))
  sed "s|^$root/||" "$work/hits"
done
printf 'site lines caught: %d of %d; report lines taken for site lines: %d of %d\n' "$site_caught" "$site_total" \
  "$report_flagged" "$report_total"
errors=$((errors + report_flagged))

# The language model on ECSpell's official-document sentences (printed; a
# character-level detection precision under 0.90 fails).
lm_ok=1
python3 "$root/tests/accuracy/ecspell.py" "$park" --min-precision 0.90 --folds 5 || lm_ok=0
[ "$lm_ok" -eq 1 ] || errors=$((errors + 1))

awk -v e="$errors" -v w="$warnings" -v total="$total" -v max="$max_warn" 'BEGIN {
  per = w * 10000 / total
  printf "false errors: %d; false warnings: %d (%.2f per 10,000 characters; goal: 0 errors, warnings <= %s)\n", e, w, per, max
  ok = e == 0 && per <= max
  printf "%d passed, %d failed (the precision goal)\n", ok, !ok
  exit !ok
}'
