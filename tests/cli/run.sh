#!/usr/bin/env bash
# Command-line tests: runs the real build/park on small documents with a
# temporary directory of known rule files (deterministic output), plus a few
# runs of the default rules/ on the shared corpus that assert only robust
# properties (valid JSON Lines, columns pointing at the match, the Vim
# errorformat shape). Prints "ok NAME" / "FAIL NAME: why" per case and ends
# with "N passed, N failed"; exits 1 when a case failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
park="${PARK_BIN:-$root/build/park}"
corpus="$root/tests/corpus"

if [ ! -x "$park" ]; then
    echo "FAIL setup: $park is not built (make build/park)"
    echo "0 passed, 1 failed"
    exit 1
fi

tmp=$(mktemp -d /tmp/park-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# Keep the user's configuration out: an empty config home, a fake HOME, and
# no PARK_RULES_DIR.
export XDG_CONFIG_HOME="$tmp/xdg"
export HOME="$tmp/home"
unset PARK_RULES_DIR
mkdir -p "$XDG_CONFIG_HOME" "$HOME"

npass=0
nfail=0
ok() { echo "ok $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1: $2"; nfail=$((nfail + 1)); }

# run ARGS...: runs park, stdout in $tmp/out, stderr in $tmp/err, status in $rc.
rc=0
run() {
    "$park" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
out() { cat "$tmp/out"; }
err() { cat "$tmp/err"; }

# expect NAME RC WANT_STDOUT: checks the last run's status and exact stdout.
expect() {
    local name=$1 want_rc=$2 want_out=$3
    if [ "$rc" -ne "$want_rc" ]; then
        fail "$name" "exit $rc, want $want_rc; stderr: $(err | head -n 3)"
    elif [ "$(out)" != "$want_out" ]; then
        fail "$name" "stdout was [$(out)], want [$want_out]"
    else
        ok "$name"
    fi
}

# ---- the known rules -------------------------------------------------------

R="$tmp/rules"
mkdir -p "$R"
cat >"$R/10-typo.rules" <<'EOF'
[typo.bu-shu]
category = typo
severity = error
message = 错别字：“{match}”应为“{fix}”
list:
布署 -> 部署
EOF
cat >"$R/20-more.rules" <<'EOF'
[placeholder.x]
category = placeholder
severity = warning
message = 未填写的占位符“{match}”
pattern = X(?=亿元|个|人)
trigger = X

[era.shi-jiu-jie]
category = era
severity = warning
message = “{match}”已不是最新提法
after = 2022-10-22
list:
党的十九届历次全会

[style.jin-yi-bu]
category = style
severity = hint
message = 可删去“{match}”
list:
进一步
EOF
# Not a .rules file: must not be loaded.
printf '[typo.ignored]\ncategory = typo\nseverity = error\nmessage = m\nlist:\n部署\n' >"$R/README.txt"

D="$tmp/docs"
mkdir -p "$D"
doc() { # doc NAME TEXT (printf format): writes $D/NAME
    printf "$2" >"$D/$1"
}

bu_shu_msg='error: 错别字：“布署”应为“部署” [typo.bu-shu]'
efm='^[^:]+:[0-9]+:[0-9]+: (error|warning|info|hint): .* \[[a-z0-9._-]+\]$'

# The JSON Lines checker: every line an object with exactly the 11 keys and
# their types, and the bytes of the file line at [col-1, end_col-1) equal to
# match (lines split on \n, a trailing \r dropped, the BOM kept on line 1;
# for a file in another encoding, match encoded as the file is).
cat >"$tmp/jsoncheck.py" <<'EOF'
import json, sys
out, doc = sys.argv[1], sys.argv[2]
want_n = int(sys.argv[3]) if len(sys.argv) > 3 else -1
enc = sys.argv[4] if len(sys.argv) > 4 else 'utf-8'
lines = open(doc, 'rb').read().split(b'\n')
lines = [l[:-1] if l.endswith(b'\r') else l for l in lines]
keys = {'file': str, 'line': int, 'col': int, 'end_line': int, 'end_col': int, 'severity': str,
        'category': str, 'rule': str, 'message': str, 'match': str}
n = 0
for raw in open(out, 'rb').read().split(b'\n'):
    if not raw:
        continue
    n += 1
    o = json.loads(raw.decode('utf-8'))
    assert isinstance(o, dict), raw
    assert set(o) == set(keys) | {'fix'}, sorted(o)
    for k, t in keys.items():
        assert type(o[k]) is t, (k, o[k])
    assert o['fix'] is None or type(o['fix']) is str, o['fix']
    assert o['severity'] in ('error', 'warning', 'info', 'hint'), o['severity']
    assert o['category'] in ('placeholder', 'typo', 'punctuation', 'usage', 'formulation', 'numbering',
                             'watermark', 'artifact', 'era', 'style'), o['category']
    l, e = o['line'], o['end_line']
    if e == l:
        assert l >= 1 and 1 <= o['col'] < o['end_col'], o
        seg = lines[l - 1][o['col'] - 1:o['end_col'] - 1]
    else:  # a finding over lines: the match holds their newlines
        assert 1 <= l < e and o['col'] >= 1 and o['end_col'] >= 1, o
        seg = b'\n'.join([lines[l - 1][o['col'] - 1:]] + lines[l:e - 1] + [lines[e - 1][:o['end_col'] - 1]])
    assert seg == o['match'].encode(enc), (o, seg)
if want_n >= 0:
    assert n == want_n, (n, want_n)
print(n)
EOF
jsoncheck() { python3 "$tmp/jsoncheck.py" "$@" >"$tmp/jc" 2>&1; }

# ---- exit statuses -------------------------------------------------------------

doc clean.txt '园区工作报告\n要认真部署工作。\n'
run check --rules-dir "$R" "$D/clean.txt"
expect exit_0_for_a_clean_file 0 ""

doc bushu.txt '园区工作报告\n要认真布署工作。\n'
run check --rules-dir "$R" "$D/bushu.txt"
expect exit_1_for_an_error_finding 1 "$D/bushu.txt:2:10: $bu_shu_msg"

doc warn.txt '园区工作报告\n完成投资X亿元，进一步加强。\n'
run check --rules-dir "$R" "$D/warn.txt"
expect exit_0_when_findings_are_below_error 0 "$D/warn.txt:2:13: warning: 未填写的占位符“X” [placeholder.x]
$D/warn.txt:2:23: hint: 可删去“进一步” [style.jin-yi-bu]"

run check --rules-dir "$R" "$D/nosuch.txt"
if [ "$rc" -eq 2 ] && [ -z "$(out)" ] && grep -q "nosuch.txt" "$tmp/err"; then
    ok exit_2_for_a_missing_file
else
    fail exit_2_for_a_missing_file "exit $rc, stderr [$(err)]"
fi

run check --rules-dir "$R" "$D/bushu.txt" "$D/nosuch.txt" "$D/clean.txt"
if [ "$rc" -eq 2 ] && [ "$(out)" = "$D/bushu.txt:2:10: $bu_shu_msg" ]; then
    ok missing_file_among_others_still_checks_the_rest
else
    fail missing_file_among_others_still_checks_the_rest "exit $rc, stdout [$(out)]"
fi

run check --rules-dir "$R" --frobnicate "$D/clean.txt"
if [ "$rc" -eq 2 ] && grep -q -- "--frobnicate" "$tmp/err" && [ -z "$(out)" ]; then
    ok exit_2_for_an_unknown_option
else
    fail exit_2_for_an_unknown_option "exit $rc, stderr [$(err)]"
fi

bad=0
for d in 2023-13-01 2023/01/05 20230105 tomorrow ""; do
    run check --rules-dir "$R" --date "$d" "$D/clean.txt"
    [ "$rc" -eq 2 ] || bad=1
done
run check --rules-dir "$R" "--date=2023-02-30x" "$D/clean.txt"
[ "$rc" -eq 2 ] || bad=1
run check --rules-dir "$R" "$D/clean.txt" --date
[ "$rc" -eq 2 ] || bad=1
if [ $bad -eq 0 ]; then ok exit_2_for_a_bad_date; else fail exit_2_for_a_bad_date "a malformed --date was accepted"; fi

run check --rules-dir "$R"
if [ "$rc" -eq 2 ] && [ -s "$tmp/err" ]; then ok exit_2_without_files; else fail exit_2_without_files "exit $rc"; fi

run check --rules-dir "$R" --format xml "$D/clean.txt"
if [ "$rc" -eq 2 ] && grep -q xml "$tmp/err"; then ok exit_2_for_an_unknown_format; else fail exit_2_for_an_unknown_format "exit $rc"; fi

run check --rules-dir "$R" --strict=yes "$D/clean.txt"
if [ "$rc" -eq 2 ]; then ok exit_2_for_a_value_on_a_flag; else fail exit_2_for_a_value_on_a_flag "exit $rc"; fi

# ---- output formats -----------------------------------------------------------------

doc many.txt '园区工作报告\n要认真布署工作，进一步加强。\n\n完成投资X亿元，布署X个项目。\n'
run check --rules-dir "$R" "$D/many.txt"
want="$D/many.txt:2:10: $bu_shu_msg
$D/many.txt:2:25: hint: 可删去“进一步” [style.jin-yi-bu]
$D/many.txt:4:13: warning: 未填写的占位符“X” [placeholder.x]
$D/many.txt:4:23: $bu_shu_msg
$D/many.txt:4:29: warning: 未填写的占位符“X” [placeholder.x]"
expect text_format_lists_findings_in_order 1 "$want"
if [ "$(out | wc -l)" -eq 5 ] && ! out | grep -Evq "$efm"; then
    ok text_format_matches_vim_errorformat
else
    fail text_format_matches_vim_errorformat "$(out | grep -Ev "$efm" | head -n 1)"
fi

run check --rules-dir "$R" --format json "$D/many.txt"
if [ "$rc" -eq 1 ] && jsoncheck "$tmp/out" "$D/many.txt" 5; then
    ok json_format_has_eleven_typed_keys_and_columns_at_the_match
else
    fail json_format_has_eleven_typed_keys_and_columns_at_the_match "exit $rc: $(cat "$tmp/jc")"
fi
first=$(out | head -n 1)
want_first="{\"file\":\"$D/many.txt\",\"line\":2,\"col\":10,\"end_line\":2,\"end_col\":16,\"severity\":\"error\",\"category\":\"typo\",\"rule\":\"typo.bu-shu\",\"message\":\"错别字：“布署”应为“部署”\",\"match\":\"布署\",\"fix\":\"部署\"}"
second_fix=$(out | sed -n 2p | python3 -c 'import json,sys; print(repr(json.load(sys.stdin)["fix"]))' 2>&1)
if [ "$first" = "$want_first" ] && [ "$second_fix" = "None" ]; then
    ok json_format_gives_fix_string_or_null
else
    fail json_format_gives_fix_string_or_null "first [$first], second fix [$second_fix]"
fi

run check --rules-dir "$R" --format=json "$D/bushu.txt"
if [ "$rc" -eq 1 ] && jsoncheck "$tmp/out" "$D/bushu.txt" 1; then
    ok format_option_takes_equals_form
else
    fail format_option_takes_equals_form "exit $rc: $(cat "$tmp/jc")"
fi

printf '园区工作报告\n要认真布署工作。' | "$park" check --rules-dir "$R" - >"$tmp/out" 2>"$tmp/err"
rc=$?
expect stdin_is_read_from_dash_and_named_stdin 1 "<stdin>:2:10: $bu_shu_msg"

cp "$D/bushu.txt" "$D/-dash.txt"
(cd "$D" && "$park" check --rules-dir "$R" -- -dash.txt >"$tmp/out" 2>"$tmp/err")
rc=$?
expect double_dash_ends_options 1 "-dash.txt:2:10: $bu_shu_msg"

run check --rules-dir "$R" "$D/bushu.txt" "$D/many.txt"
if [ "$rc" -eq 1 ] && [ "$(out | wc -l)" -eq 6 ] && [ "$(out | head -n 1)" = "$D/bushu.txt:2:10: $bu_shu_msg" ]; then
    ok several_files_are_reported_in_order
else
    fail several_files_are_reported_in_order "exit $rc, $(out | wc -l) lines"
fi

# ---- options ----------------------------------------------------------------------------

doc era.txt '园区工作报告\n认真学习贯彻党的十九届历次全会精神。\n'
era_line="$D/era.txt:2:19: warning: “党的十九届历次全会”已不是最新提法 [era.shi-jiu-jie]"
run check --rules-dir "$R" "$D/era.txt"
expect date_rule_is_silent_without_a_date 0 ""
run check --rules-dir "$R" --date 2023-01-01 "$D/era.txt"
expect date_option_makes_an_after_rule_fire 0 "$era_line"
run check --rules-dir "$R" --date=2022-10-21 "$D/era.txt"
expect date_option_before_the_after_day_stays_silent 0 ""
doc era-signed.txt '园区工作报告\n认真学习贯彻党的十九届历次全会精神。\n园区管委会\n2023年1月5日\n'
run check --rules-dir "$R" "$D/era-signed.txt"
expect date_is_inferred_from_a_signature 0 "$D/era-signed.txt:2:19: warning: “党的十九届历次全会”已不是最新提法 [era.shi-jiu-jie]"

run check --rules-dir "$R" --strict "$D/warn.txt"
expect strict_makes_a_placeholder_an_error 1 "$D/warn.txt:2:13: error: 未填写的占位符“X” [placeholder.x]
$D/warn.txt:2:23: hint: 可删去“进一步” [style.jin-yi-bu]"

cat >"$tmp/extra.rules" <<'EOF'
[usage.zuo-hao]
category = usage
severity = error
message = 用词：“{match}”
list:
部署工作 -> 安排工作
EOF
run check --rules-dir "$R" --config "$tmp/extra.rules" "$D/clean.txt"
expect config_option_adds_a_rule 1 "$D/clean.txt:2:10: error: 用词：“部署工作” [usage.zuo-hao]"

cat >"$tmp/override.rules" <<'EOF'
[config]
severity = typo.bu-shu: info
EOF
run check --rules-dir "$R" --config "$tmp/extra.rules" --config "$tmp/override.rules" "$D/bushu.txt"
expect config_option_is_repeatable 0 "$D/bushu.txt:2:10: info: 错别字：“布署”应为“部署” [typo.bu-shu]"

# ---- project .parkrc -------------------------------------------------------------------------

P="$tmp/project"
mkdir -p "$P/2023/一月"
cp "$D/bushu.txt" "$P/2023/一月/报告.txt"
pdoc="$P/2023/一月/报告.txt"
printf '# 项目配置\n[config]\ndisable = typo.bu-shu\n' >"$P/.parkrc"
run check --rules-dir "$R" "$pdoc"
expect parkrc_in_a_parent_disables_a_rule 0 ""
printf '[config]\nseverity = typo: warning\n' >"$P/.parkrc"
run check --rules-dir "$R" "$pdoc"
expect parkrc_changes_a_severity 0 "$pdoc:2:10: warning: 错别字：“布署”应为“部署” [typo.bu-shu]"
printf '[allow]\n认真布署\n' >"$P/.parkrc"
run check --rules-dir "$R" "$pdoc"
expect parkrc_allows_a_phrase 0 ""
printf '[config]\ndisable = typo\n' >"$P/2023/.parkrc"
printf '[config]\nseverity = typo: hint\n' >"$P/.parkrc"
run check --rules-dir "$R" "$pdoc"
expect nearest_parkrc_wins 0 ""
rm -f "$P/2023/.parkrc" "$P/.parkrc"
run check --rules-dir "$R" "$pdoc"
expect without_parkrc_the_defaults_apply 1 "$pdoc:2:10: $bu_shu_msg"

# ---- user rule files ----------------------------------------------------------------------------

U="$tmp/xdg-broken"
mkdir -p "$U/park"
cat >"$U/park/x.rules" <<'EOF'
[typo.good]
category = typo
severity = error
message = 用户规则：“{match}”
list:
认真

[typo.broken]
category = typos
severity = error
message = m
list:
要
EOF
XDG_CONFIG_HOME="$U" "$park" check --rules-dir "$R" "$D/bushu.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
want="$D/bushu.txt:2:4: error: 用户规则：“认真” [typo.good]
$D/bushu.txt:2:10: $bu_shu_msg"
if [ "$rc" -eq 1 ] && grep -q "x.rules:9:" "$tmp/err" && [ "$(out)" = "$want" ]; then
    ok broken_user_rule_file_is_reported_and_the_rest_works
else
    fail broken_user_rule_file_is_reported_and_the_rest_works "exit $rc, stderr [$(err)], stdout [$(out)]"
fi

# ---- encodings and odd files ----------------------------------------------------------------------

printf '园区工作报告\r\n要认真布署工作。\r\n完成投资X亿元。\r\n' >"$D/crlf.txt"
run check --rules-dir "$R" "$D/crlf.txt"
expect crlf_file_has_the_same_columns 1 "$D/crlf.txt:2:10: $bu_shu_msg
$D/crlf.txt:3:13: warning: 未填写的占位符“X” [placeholder.x]"
run check --rules-dir "$R" --format json "$D/crlf.txt"
if jsoncheck "$tmp/out" "$D/crlf.txt" 2; then ok crlf_file_json_columns_point_at_the_match; else fail crlf_file_json_columns_point_at_the_match "$(cat "$tmp/jc")"; fi

printf '\xEF\xBB\xBF要认真布署工作。\n要认真布署工作。\n' >"$D/bom.txt"
run check --rules-dir "$R" "$D/bom.txt"
expect bom_counts_on_the_first_line_only 1 "$D/bom.txt:1:13: $bu_shu_msg
$D/bom.txt:2:10: $bu_shu_msg"
run check --rules-dir "$R" --format json "$D/bom.txt"
if jsoncheck "$tmp/out" "$D/bom.txt" 2; then ok bom_file_json_columns_point_at_the_match; else fail bom_file_json_columns_point_at_the_match "$(cat "$tmp/jc")"; fi

printf '园区工作报告\n要认真\xFF布署工作。\n' >"$D/bad-utf8.txt"
run check --rules-dir "$R" "$D/bad-utf8.txt"
if [ "$rc" -eq 1 ] && [ "$(out)" = "$D/bad-utf8.txt:2:11: $bu_shu_msg" ] && grep -q "UTF-8" "$tmp/err"; then
    ok invalid_utf8_gives_a_note_and_findings
else
    fail invalid_utf8_gives_a_note_and_findings "exit $rc, stdout [$(out)], stderr [$(err)]"
fi
run check --rules-dir "$R" --format json "$D/bad-utf8.txt"
if jsoncheck "$tmp/out" "$D/bad-utf8.txt" 1; then ok invalid_utf8_json_is_valid; else fail invalid_utf8_json_is_valid "$(cat "$tmp/jc")"; fi

: >"$D/empty.txt"
run check --rules-dir "$R" "$D/empty.txt"
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]; then ok empty_file_is_clean_and_silent; else fail empty_file_is_clean_and_silent "exit $rc"; fi
run check --rules-dir "$root/rules" "$D/empty.txt"
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ]; then ok empty_file_is_clean_with_default_rules; else fail empty_file_is_clean_with_default_rules "exit $rc, [$(out)]"; fi

python3 -c 'import sys; open(sys.argv[1], "wb").write("园区工作报告\n要认真布署工作。\n".encode("gbk"))' "$D/gbk.txt"
run check --rules-dir "$R" "$D/gbk.txt"
if [ "$rc" -eq 1 ] && [ "$(out)" = "$D/gbk.txt:2:7: $bu_shu_msg" ] && grep -q "GB18030" "$tmp/err"; then
    ok gbk_file_is_decoded_with_a_note_and_original_columns
else
    fail gbk_file_is_decoded_with_a_note_and_original_columns "exit $rc, stdout [$(out)], stderr [$(err)]"
fi
run check --rules-dir "$R" --format json "$D/gbk.txt"
if jsoncheck "$tmp/out" "$D/gbk.txt" 1 gbk; then ok gbk_file_json_columns_point_at_the_original_bytes; else fail gbk_file_json_columns_point_at_the_original_bytes "$(cat "$tmp/jc")"; fi
run check --rules-dir "$R" --encoding GBK "$D/gbk.txt"
if [ "$rc" -eq 1 ] && [ "$(out)" = "$D/gbk.txt:2:7: $bu_shu_msg" ] && ! grep -q "GB18030" "$tmp/err"; then
    ok encoding_option_forces_the_encoding_without_a_note
else
    fail encoding_option_forces_the_encoding_without_a_note "exit $rc, stdout [$(out)], stderr [$(err)]"
fi
run check --rules-dir "$R" --encoding no-such-encoding "$D/bushu.txt"
if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ]; then ok unknown_encoding_exits_2; else fail unknown_encoding_exits_2 "exit $rc"; fi

run check --rules-dir "$R" --profile "$D/bushu.txt"
if [ "$rc" -eq 1 ] && [ "$(out)" = "$D/bushu.txt:2:10: $bu_shu_msg" ] && grep -q "^profile.category.literals" "$tmp/err" &&
    grep -q "^profile.rule.typo.bu-shu" "$tmp/err"; then
    ok profile_goes_to_stderr_and_leaves_findings_alone
else
    fail profile_goes_to_stderr_and_leaves_findings_alone "exit $rc, stderr [$(err | head -n 3)]"
fi

run check --rules-dir "$R" "$D"
if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ]; then ok directory_argument_is_an_io_error; else fail directory_argument_is_an_io_error "exit $rc"; fi

# ---- park rules ----------------------------------------------------------------------------------------

run rules --rules-dir "$R"
ids=$(out | awk '{print $1}' | tr '\n' ' ')
if [ "$rc" -eq 0 ] && [ "$ids" = "typo.bu-shu placeholder.x era.shi-jiu-jie style.jin-yi-bu " ] &&
    out | grep -q '^typo.bu-shu  *typo  *error '; then
    ok rules_lists_every_rule_in_load_order
else
    fail rules_lists_every_rule_in_load_order "exit $rc, ids [$ids]"
fi

run rules --rules-dir "$R" --format json
if [ "$rc" -eq 0 ] && python3 - "$tmp/out" "$R" >"$tmp/jc" 2>&1 <<'EOF'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
assert [o['id'] for o in objs] == ['typo.bu-shu', 'placeholder.x', 'era.shi-jiu-jie', 'style.jin-yi-bu'], objs
for o in objs:
    assert set(o) == {'id', 'category', 'severity', 'enabled', 'entries', 'description', 'source'}, o
    assert o['enabled'] is True and type(o['entries']) is int, o
    assert o['source'].startswith(sys.argv[2] + '/'), o['source']
b = objs[0]
assert (b['category'], b['severity'], b['entries']) == ('typo', 'error', 1), b
assert b['source'] == sys.argv[2] + '/10-typo.rules:1', b['source']
assert b['description'] == '错别字：“{match}”应为“{fix}”', b['description']
assert objs[1]['entries'] == 0, objs[1]
EOF
then
    ok rules_json_lists_every_rule_with_its_fields
else
    fail rules_json_lists_every_rule_with_its_fields "exit $rc: $(cat "$tmp/jc")"
fi

printf '[config]\ndisable = style\nseverity = typo.bu-shu: hint\n' >"$tmp/dis.rules"
run rules --rules-dir "$R" --config "$tmp/dis.rules"
if out | grep -q '^style.jin-yi-bu .*(off)' && out | grep -q '^typo.bu-shu  *typo  *hint' && ! out | grep -q '^typo.bu-shu .*(off)'; then
    ok rules_shows_disabled_rules_and_effective_severity
else
    fail rules_shows_disabled_rules_and_effective_severity "$(out)"
fi

run rules --rules-dir "$R" --date 2023-01-01
if [ "$rc" -eq 2 ]; then ok rules_rejects_check_only_options; else fail rules_rejects_check_only_options "exit $rc"; fi

run rules
if [ "$rc" -eq 0 ] && out | grep -q '^punctuation.unpaired '; then
    ok rules_finds_the_default_rules_dir_beside_the_binary
else
    fail rules_finds_the_default_rules_dir_beside_the_binary "exit $rc"
fi

# ---- version, help, commands ------------------------------------------------------------------------------

run --version
if [ "$rc" -eq 0 ] && out | grep -q libuv && out | grep -q msgpack && out | grep -q pcre2; then
    ok version_names_libuv_msgpack_and_pcre2
else
    fail version_names_libuv_msgpack_and_pcre2 "exit $rc, [$(out)]"
fi

run --help
if [ "$rc" -eq 0 ] && out | grep -q 'park check' && out | grep -q -- '--format' && [ ! -s "$tmp/err" ]; then
    ok help_exits_0_and_shows_usage
else
    fail help_exits_0_and_shows_usage "exit $rc"
fi

run frobnicate
if [ "$rc" -eq 2 ] && grep -q frobnicate "$tmp/err" && [ ! -s "$tmp/out" ]; then
    ok unknown_command_exits_2
else
    fail unknown_command_exits_2 "exit $rc"
fi

run
if [ "$rc" -eq 2 ]; then ok no_command_exits_2; else fail no_command_exits_2 "exit $rc"; fi

# ---- threads: one large document, checked by one thread and by four ---------------------------------------

# About 600 KB: the corpus repeated, so it is cut into many line tasks.
for i in $(seq 1 60); do cat "$corpus"/*.txt; done >"$tmp/large.txt"
"$park" check --rules-dir "$root/rules" --format json --jobs 1 "$tmp/large.txt" >"$tmp/one.json" 2>"$tmp/one.err"
one_rc=$?
"$park" check --rules-dir "$root/rules" --format json --jobs 4 "$tmp/large.txt" >"$tmp/four.json" 2>"$tmp/four.err"
four_rc=$?
if [ "$one_rc" -gt 1 ] || [ "$(grep -c . "$tmp/one.json")" -lt 1000 ]; then
    fail check_with_four_threads_equals_one_thread "one thread: exit $one_rc, $(grep -c . "$tmp/one.json") findings"
elif [ "$four_rc" -ne "$one_rc" ] || ! cmp -s "$tmp/one.json" "$tmp/four.json" ||
    ! cmp -s "$tmp/one.err" "$tmp/four.err"; then
    fail check_with_four_threads_equals_one_thread "exit $four_rc vs $one_rc; $(diff "$tmp/one.json" "$tmp/four.json" | head -n 3)"
else
    ok check_with_four_threads_equals_one_thread
fi
run check --jobs x "$tmp/large.txt"
if [ "$rc" -eq 2 ] && grep -q -- "--jobs" "$tmp/err" && [ ! -s "$tmp/out" ]; then
    ok check_jobs_not_a_number_is_a_usage_error
else
    fail check_jobs_not_a_number_is_a_usage_error "exit $rc, stderr [$(err)]"
fi

# ---- the default rules on the real reports ------------------------------------------------------------------

for f in "$corpus"/*.txt; do
    name=corpus_$(basename "$f" .txt | tr -- '-' '_')
    run check --rules-dir "$root/rules" --format json "$f"
    json_rc=$rc
    cp "$tmp/out" "$tmp/json"
    if [ "$json_rc" -gt 1 ]; then
        fail "${name}_json" "exit $json_rc: $(err | head -n 3)"
    elif ! jsoncheck "$tmp/json" "$f"; then
        fail "${name}_json" "$(tail -n 3 "$tmp/jc")"
    else
        ok "${name}_json_is_valid_and_columns_point_at_the_match"
    fi
    n_json=$(grep -c . "$tmp/json")
    want_rc=0
    grep -q '"severity":"error"' "$tmp/json" && want_rc=1
    run check --rules-dir "$root/rules" "$f"
    if [ "$rc" -ne "$json_rc" ] || [ "$rc" -ne "$want_rc" ]; then
        fail "${name}_text" "exit $rc in text, $json_rc in json, $want_rc by the findings' severities"
    elif out | grep -Evq "$efm"; then
        fail "${name}_text" "line not in errorformat shape: $(out | grep -Ev "$efm" | head -n 1)"
    elif [ "$(grep -c . "$tmp/out")" -ne "$n_json" ]; then
        fail "${name}_text" "$(grep -c . "$tmp/out") text lines, $n_json json lines"
    else
        ok "${name}_text_matches_errorformat_json_and_exit_status"
    fi
done

# ---- placeholders with the default rules: strict mode and Markdown --------------------------------------------

printf '工作报告\n要把**重点工作**抓实，完成投资X亿元，实现税收亿元。\n' >"$tmp/ph.txt"
cp "$tmp/ph.txt" "$tmp/ph.md"
run check --rules-dir "$root/rules" "$tmp/ph.txt"
ids=$(out | grep -o '\[placeholder\.[a-z-]*\]' | tr '\n' ' ')
if [ "$rc" -eq 0 ] && [ "$ids" = "[placeholder.name] [placeholder.name] [placeholder.figure] [placeholder.empty-number] " ]; then
    ok placeholders_are_warnings_by_kind
else
    fail placeholders_are_warnings_by_kind "exit $rc, rules: $ids"
fi
run check --rules-dir "$root/rules" --strict "$tmp/ph.txt"
if [ "$rc" -eq 1 ] && [ "$(out | grep -c ': error: .*\[placeholder\.')" -eq 4 ]; then
    ok strict_placeholders_are_errors_and_exit_1
else
    fail strict_placeholders_are_errors_and_exit_1 "exit $rc: $(out | head -n 2)"
fi
run check --rules-dir "$root/rules" "$tmp/ph.md"
md=$(out | grep -c 'placeholder\.')
run check --rules-dir "$root/rules" --markdown - <"$tmp/ph.txt"
if [ "$md" -eq 2 ] && [ "$(out | grep -c 'placeholder\.')" -eq 2 ]; then
    ok markdown_emphasis_is_not_a_placeholder
else
    fail markdown_emphasis_is_not_a_placeholder "$md findings in .md, $(out | grep -c 'placeholder\.') with --markdown"
fi

# ---- hostile input and faults (issue #7) -------------------------------------------------

# GB18030/GBK: detected, decoded with iconv, positions in the ORIGINAL bytes.
printf '园区工作报告\n要认真布署工作。\n' | iconv -f UTF-8 -t GB18030 >"$D/gbk.txt"
run check --rules-dir "$R" "$D/gbk.txt"
if [ "$rc" -eq 1 ] && [ "$(out)" = "$D/gbk.txt:2:7: $bu_shu_msg" ] && grep -q "GB18030" "$tmp/err"; then
    ok gb18030_file_is_decoded_and_columns_count_original_bytes
else
    fail gb18030_file_is_decoded_and_columns_count_original_bytes "exit $rc, stdout [$(out)], stderr [$(err)]"
fi
run check --rules-dir "$R" --format json "$D/gbk.txt"
if [ "$rc" -eq 1 ] && out | grep -q '"line":2,"col":7,"end_line":2,"end_col":11,' && out | grep -q '"match":"布署"'; then
    ok gb18030_json_has_original_columns_and_utf8_text
else
    fail gb18030_json_has_original_columns_and_utf8_text "$(out)"
fi
run check --rules-dir "$R" --encoding gbk "$D/gbk.txt"
if [ "$rc" -eq 1 ] && [ "$(out)" = "$D/gbk.txt:2:7: $bu_shu_msg" ] && ! grep -q "注意" "$tmp/err"; then
    ok encoding_option_forces_the_encoding_quietly
else
    fail encoding_option_forces_the_encoding_quietly "exit $rc, stdout [$(out)], stderr [$(err)]"
fi
printf '\xd2\xaa\n\xc8\xcf\xff\xfe\n' >"$D/undecodable.txt"
run check --rules-dir "$R" --encoding gb18030 "$D/undecodable.txt"
if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "无法按 gb18030 解码：第 2 行第 3 字节" "$tmp/err"; then
    ok undecodable_file_gives_a_clear_message_and_exit_2
else
    fail undecodable_file_gives_a_clear_message_and_exit_2 "exit $rc, stderr [$(err)]"
fi
run check --rules-dir "$R" --encoding no-such-enc "$D/clean.txt"
if [ "$rc" -eq 2 ] && grep -q "no-such-enc" "$tmp/err"; then ok unknown_encoding_is_exit_2; else fail unknown_encoding_is_exit_2 "exit $rc"; fi
{ printf '园区工作报告\n' | iconv -f UTF-8 -t GB18030; printf '\x80布署\n'; } >"$D/mixed.txt"
run check --rules-dir "$R" "$D/mixed.txt"
if [ "$rc" -eq 1 ] && grep -q "既不是有效的 UTF-8 也不是 GB18030" "$tmp/err" && [ "$(out)" = "$D/mixed.txt:2:2: $bu_shu_msg" ]; then
    ok neither_utf8_nor_gb18030_is_checked_with_one_note
else
    fail neither_utf8_nor_gb18030_is_checked_with_one_note "exit $rc, stdout [$(out)], stderr [$(err)]"
fi

printf '要认\0真布署工作。\n\0\0\n布署' >"$D/nul.txt"
run check --rules-dir "$R" "$D/nul.txt"
if [ "$rc" -eq 1 ] && [ "$(out | cut -d: -f2,3 | tr '\n' ' ')" = "1:11 3:1 " ]; then
    ok nul_bytes_are_text_and_columns_stay_right
else
    fail nul_bytes_are_text_and_columns_stay_right "exit $rc, stdout [$(out)]"
fi

python3 -c "import sys; sys.stdout.write('园区各项工作稳步推进，' * 400000 + '认真布署')" >"$D/long-line.txt"
run check --rules-dir "$R" "$D/long-line.txt"
if [ "$rc" -eq 1 ] && [ "$(out)" = "$D/long-line.txt:1:$((33 * 400000 + 7)): $bu_shu_msg" ]; then
    ok thirteen_megabyte_single_line_is_checked
else
    fail thirteen_megabyte_single_line_is_checked "exit $rc, stdout [$(out | head -c 300)]"
fi

# A catastrophic pattern: PCRE2's limits stop it, it is named, the rest answers.
C="$tmp/rules-slow"
mkdir -p "$C"
cp "$R/10-typo.rules" "$C/"
printf '[style.slow]\ncategory = style\nseverity = hint\nmessage = m\npattern = (a+)+$\n' >"$C/20-slow.rules"
printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab布署\n' >"$D/slow.txt"
start=$(date +%s)
run check --rules-dir "$C" "$D/slow.txt"
took=$(($(date +%s) - start))
if [ "$rc" -eq 1 ] && [ "$(out)" = "$D/slow.txt:1:46: $bu_shu_msg" ] && grep -q "style.slow" "$tmp/err" && [ "$took" -lt 10 ]; then
    ok catastrophic_pattern_is_reported_and_skipped_promptly
else
    fail catastrophic_pattern_is_reported_and_skipped_promptly "exit $rc in ${took}s, stdout [$(out)], stderr [$(err)]"
fi

printf '[typo.broken\ncategory = typo\n' >"$P/.parkrc"
run check --rules-dir "$R" "$pdoc"
if [ "$rc" -eq 1 ] && grep -q '\.parkrc:1:' "$tmp/err" && [ "$(out)" = "$pdoc:2:10: $bu_shu_msg" ]; then
    ok project_file_with_a_syntax_error_names_file_and_line_and_the_rest_loads
else
    fail project_file_with_a_syntax_error_names_file_and_line_and_the_rest_loads "exit $rc, stderr [$(err)]"
fi
rm -f "$P/.parkrc"

# park renumber -i when the write fails: the original stays, the user is told.
printf '一、总体情况\n三、主要问题\n' >"$D/renumber.txt"
cp "$D/renumber.txt" "$D/renumber.orig"
# (stderr through a pipe: a file would be under the limit too)
(ulimit -f 0; exec "$park" renumber -i "$D/renumber.txt") 2>&1 >/dev/null | cat >"$tmp/err"
rc=${PIPESTATUS[0]}
if [ "$rc" -eq 2 ] && cmp -s "$D/renumber.txt" "$D/renumber.orig" && grep -q "原文件未改动" "$tmp/err" &&
    [ -z "$(ls "$D" | grep 'renumber.txt.park-')" ]; then
    ok renumber_in_place_on_a_full_disk_keeps_the_original
else
    fail renumber_in_place_on_a_full_disk_keeps_the_original "exit $rc, stderr [$(err)]"
fi
RO="$tmp/readonly"
mkdir -p "$RO"
cp "$D/renumber.orig" "$RO/report.txt"
chmod 755 "$tmp" "$RO" && chmod 644 "$RO/report.txt" && chmod 555 "$RO"
if [ "$(id -u)" -eq 0 ]; then as_user="setpriv --reuid=65534 --regid=65534 --clear-groups --"; else as_user=""; fi
$as_user "$park" renumber -i "$RO/report.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
chmod 755 "$RO"
if [ "$rc" -eq 2 ] && cmp -s "$RO/report.txt" "$D/renumber.orig" && grep -q "原文件未改动" "$tmp/err"; then
    ok renumber_in_place_in_a_read_only_directory_keeps_the_original
else
    fail renumber_in_place_in_a_read_only_directory_keeps_the_original "exit $rc, stderr [$(err)]"
fi

# items whose text starts with a numeral (一是四个…) are items: correct text stays as it is
printf '一、主要工作\n一是四个园区建设有所突破。二是经济指标稳中有升。三是五大项目开工。四是项目建设。\n' >"$D/items.txt"
run renumber "$D/items.txt"
r1=$rc o1=$(out)
run check "$D/items.txt"
if [ "$r1" -eq 0 ] && [ "$o1" = "$(cat "$D/items.txt")" ] && ! out | grep -q item-skip; then
    ok renumber_keeps_items_whose_text_starts_with_a_numeral
else
    fail renumber_keeps_items_whose_text_starts_with_a_numeral "renumber exit $r1 [$o1], check [$(out)]"
fi

# ---- limits: size, streams, binary files ---------------------------------------

doc limit-ok.txt '认真布署工作。\n'
# an endless device is refused from its first block, and the next file is still checked
run check --rules-dir "$R" /dev/zero "$D/limit-ok.txt"
if [ "$rc" -eq 2 ] && grep -q '/dev/zero：不是文本文件' "$tmp/err" && [ "$(out)" = "$D/limit-ok.txt:1:7: $bu_shu_msg" ]; then
    ok check_refuses_dev_zero_at_once_and_checks_the_next_file
else
    fail check_refuses_dev_zero_at_once_and_checks_the_next_file "exit $rc, stdout [$(out)], stderr [$(err)]"
fi
# an endless pipe of text stops at the limit
yes '园区各项工作稳步推进。' | "$park" check --rules-dir "$R" --max-size 1M - >"$tmp/out" 2>"$tmp/err"
rc=${PIPESTATUS[1]}
if [ "$rc" -eq 2 ] && grep -q '<stdin>：超过大小上限 1 MB，已停止读取，未检查（可用 --max-size 或 .parkrc 的 \[config\] max-size 调整）' "$tmp/err" &&
    [ -z "$(out)" ]; then
    ok check_stops_an_endless_pipe_at_the_max_size
else
    fail check_stops_an_endless_pipe_at_the_max_size "exit $rc, stderr [$(err)]"
fi
truncate -s 3G "$D/sparse.img"
run check --rules-dir "$R" "$D/sparse.img" "$D/limit-ok.txt"
if [ "$rc" -eq 2 ] && grep -q 'sparse.img：大小 3 GB，超过大小上限 256 MB，未检查' "$tmp/err" &&
    [ "$(out)" = "$D/limit-ok.txt:1:7: $bu_shu_msg" ]; then
    ok check_refuses_a_3_gb_sparse_file_by_its_size
else
    fail check_refuses_a_3_gb_sparse_file_by_its_size "exit $rc, stdout [$(out)], stderr [$(err)]"
fi
rm -f "$D/sparse.img"
run check --rules-dir "$R" "$park"
if [ "$rc" -eq 2 ] && grep -q '不是文本文件' "$tmp/err" && [ -z "$(out)" ]; then
    ok check_refuses_an_executable_as_not_text
else
    fail check_refuses_an_executable_as_not_text "exit $rc, stderr [$(err)]"
fi
run check --rules-dir "$R" --max-size 12X "$D/limit-ok.txt"
if [ "$rc" -eq 2 ] && grep -q -- '--max-size 应为大小' "$tmp/err"; then
    ok check_max_size_must_be_a_size
else
    fail check_max_size_must_be_a_size "exit $rc, stderr [$(err)]"
fi
# renumber -i never rewrites a file that is not text
head -c 100000 "$park" >"$D/binary.txt"
cp "$D/binary.txt" "$D/binary.orig"
run renumber -i "$D/binary.txt"
if [ "$rc" -eq 2 ] && grep -q '不是文本文件' "$tmp/err" && cmp -s "$D/binary.txt" "$D/binary.orig"; then
    ok renumber_in_place_refuses_a_binary_file_and_keeps_it
else
    fail renumber_in_place_refuses_a_binary_file_and_keeps_it "exit $rc, stderr [$(err)]"
fi
# a project's .parkrc sets the limit; --max-size wins over it
LP="$tmp/limitproj"
mkdir -p "$LP"
python3 -c "import sys; sys.stdout.write('园区各项工作稳步推进。\n' * 100 + '认真布署。\n')" >"$LP/report.txt"
printf '[config]\nmax-size = 1K\n' >"$LP/.parkrc"
run check --rules-dir "$R" "$LP/report.txt"
r1=$rc e1=$(err)
run check --rules-dir "$R" --max-size 1M "$LP/report.txt"
if [ "$r1" -eq 2 ] && echo "$e1" | grep -q '超过大小上限 1 KB' && [ "$rc" -eq 1 ] && [ "$(out)" = "$LP/report.txt:101:7: $bu_shu_msg" ]; then
    ok check_max_size_from_parkrc_and_the_flag_wins
else
    fail check_max_size_from_parkrc_and_the_flag_wins "exit $r1/$rc, stderr [$e1] [$(err)]"
fi
printf '[config]\nmax-size = lots\n' >"$LP/.parkrc"
run check --rules-dir "$R" "$LP/report.txt"
if [ "$rc" -eq 1 ] && grep -q 'max-size 应为大小' "$tmp/err"; then
    ok check_bad_max_size_in_parkrc_is_a_rule_file_problem
else
    fail check_bad_max_size_in_parkrc_is_a_rule_file_problem "exit $rc, stderr [$(err)]"
fi
# a .parkrc may raise the limit above the default: the file is read again
yes '园区各项工作稳步推进，认真部署。' | head -c 270000000 >"$LP/report.txt"
printf '\n认真布署。\n' >>"$LP/report.txt"
printf '[config]\nmax-size = 300M\n' >"$LP/.parkrc"
run check --rules-dir "$R" "$LP/report.txt"
n=$(wc -l <"$LP/report.txt")
if [ "$rc" -eq 1 ] && [ "$(out)" = "$LP/report.txt:$n:7: $bu_shu_msg" ]; then
    ok check_max_size_in_parkrc_can_raise_the_default
else
    fail check_max_size_in_parkrc_can_raise_the_default "exit $rc, stdout [$(out | head -3)], stderr [$(err)]"
fi
rm -rf "$LP"

# ---- findings over several lines ------------------------------------------------

printf '园区工作报告\n　　今年以来，园区紧紧围绕年初确定的目标任\n务，坚持稳中求进工作总基调，扎实推进的各\n项工作，取得了明显成效。全年完成地区生产\n总值123亿元。\n' >"$tmp/wrapped.txt"
run check --format json --rules-dir "$root/rules" "$tmp/wrapped.txt"
cp "$tmp/out" "$tmp/wrapped.json"
if jsoncheck "$tmp/wrapped.json" "$tmp/wrapped.txt" 1 && python3 - "$tmp/wrapped.json" "$tmp/wrapped.txt" <<'EOF2'
import json, sys
o = json.loads(open(sys.argv[1], encoding='utf-8').read())
assert (o['rule'], o['line'], o['end_line'], o['end_col']) == ('artifact.hard-wrap', 2, 5, 1), o
text = open(sys.argv[2], encoding='utf-8').read().split('\n')
b = [l.encode() for l in text]
head, tail = b[1][:o['col'] - 1], b[4][o['end_col'] - 1:]
joined = (head + o['fix'].encode() + tail).decode()
assert joined == ''.join(text[1:5]), joined
EOF2
then
    ok check_json_a_hard_wrapped_paragraph_is_one_finding_over_its_lines_whose_fix_joins_them
else
    fail check_json_a_hard_wrapped_paragraph_is_one_finding_over_its_lines_whose_fix_joins_them "$(cat "$tmp/jc") $(out)"
fi

# ---- the language model -----------------------------------------------------

printf '园区工作报告\n切实加强组织领导，狠抓工作洛实，认真布署。\n' >"$tmp/lm.txt"
run check --rules-dir "$root/rules" "$tmp/lm.txt"
if [ "$rc" -eq 1 ] && grep -q '“洛”应为“落”' "$tmp/out" && grep -q 'typo.bu-shu\|布署' "$tmp/out"; then
    ok check_language_model_finds_a_homophone_typo
else
    fail check_language_model_finds_a_homophone_typo "exit $rc, stdout [$(out)] stderr [$(err)]"
fi
printf '推动新能园汽车产业集聚发展。\n切实加强组织领导，狠抓工作洛实。\n' >"$tmp/lmsev.txt"
run check --rules-dir "$root/rules" "$tmp/lmsev.txt"
if [ "$rc" -eq 1 ] && grep -q ':1:13: error: .*“园”应为“源”.*typo.lm-pinyin' "$tmp/out" &&
    grep -q ':2:40: warning: .*“洛”应为“落”.*typo.lm-pinyin' "$tmp/out"; then
    ok check_language_model_severity_follows_confidence
else
    fail check_language_model_severity_follows_confidence "exit $rc, stdout [$(out)] stderr [$(err)]"
fi
PARK_DATA_DIR="$tmp/no-such-dir" run check --rules-dir "$root/rules" "$tmp/lm.txt"
if [ "$rc" -eq 1 ] && grep -q '语言模型不可用' "$tmp/err" && ! grep -q '“洛”应为“落”' "$tmp/out" && grep -q '布署' "$tmp/out"; then
    ok check_without_the_language_model_says_so_and_runs_every_other_rule
else
    fail check_without_the_language_model_says_so_and_runs_every_other_rule "exit $rc, stdout [$(out)] stderr [$(err)]"
fi
mkdir -p "$tmp/badlm" && head -c 100 "$root/data/park.lm" >"$tmp/badlm/park.lm"
PARK_DATA_DIR="$tmp/badlm" run check --rules-dir "$root/rules" "$tmp/lm.txt"
if [ "$rc" -eq 1 ] && grep -q '语言模型不可用（语言模型文件已损坏' "$tmp/err" && grep -q '布署' "$tmp/out"; then
    ok check_with_a_broken_language_model_says_so_and_runs_every_other_rule
else
    fail check_with_a_broken_language_model_says_so_and_runs_every_other_rule "exit $rc, stdout [$(out)] stderr [$(err)]"
fi

echo "$npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
