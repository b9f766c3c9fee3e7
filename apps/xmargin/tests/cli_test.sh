#!/usr/bin/env bash
# The CLI contract of SPEC §6: exit codes and one `error:` line per failure, run on the built binary.
set -uo pipefail
xm=$1
root=$(cd "$(dirname "$0")/../../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failures=0; passed=0

# expect NAME WANT_RC WANT_STDERR_REGEX -- ARGS...
expect() {
  local name=$1 want_rc=$2 want_err=$3; shift 4
  "$xm" "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  local lines; lines=$(wc -l <"$tmp/err")
  if [[ $rc -ne $want_rc ]]; then echo "FAIL $name: exit $rc, want $want_rc"; cat "$tmp/err"; ((failures++)); return; fi
  if [[ -n $want_err ]]; then
    if [[ $lines -ne 1 ]] || ! grep -qE "$want_err" "$tmp/err"; then
      echo "FAIL $name: stderr must be one line matching /$want_err/, got:"; cat "$tmp/err"; ((failures++)); return
    fi
  fi
  ((passed++))
}

expect "no command" 2 '^error: missing command' -- 
expect "unknown command" 2 "^error: unknown command 'frobnicate'" -- frobnicate
expect "unknown flag" 2 "^error: verify: unknown option '--frob'" -- verify --frob x.json
expect "missing file arg" 2 '^error: verify: missing FILE' -- verify
expect "help" 0 '' -- --help
expect "version" 0 '' -- --version
expect "subcommand help" 0 '' -- verify --help
expect "missing file" 2 '^error: /nonexistent.json: no such file$' -- verify /nonexistent.json
expect "good fixture" 0 '' -- verify "$root/fixtures/math/rounding.json"
expect "malformed decimal names its path" 2 \
  '^error: .*math_bad_decimal.json: cases\[1\]\.b: invalid decimal "0\.0000000000000000001": more than 18 fractional digits$' \
  -- verify "$root/fixtures/errors/math_bad_decimal.json"
expect "JSON number for money" 2 '^error: .*: cases\[0\]\.a: must be a decimal string' \
  -- verify "$root/fixtures/errors/math_json_number.json"
printf '{"format": "xmargin-math/1", "cases": [' >"$tmp/trunc.json"
expect "truncated JSON" 2 '^error: .*trunc.json: \$?:? ?invalid JSON at line 1' -- verify "$tmp/trunc.json"
printf '{"format": "xmargin-nope/9"}' >"$tmp/fmt.json"
expect "unknown format" 2 '^error: .*fmt.json: format: unknown fixture format "xmargin-nope/9"$' -- verify "$tmp/fmt.json"

# One wei off in one expectation: exit 1 showing expected vs actual.
sed 's/"expect": "7500.308641972530864195"/"expect": "7500.308641972530864196"/' \
  "$root/fixtures/math/rounding.json" >"$tmp/mutated.json"
"$xm" verify "$tmp/mutated.json" >"$tmp/out" 2>&1; rc=$?
if [[ $rc -eq 1 ]] && grep -q 'FAIL .*expected 7500.308641972530864196, actual 7500.308641972530864195' "$tmp/out"; then
  ((passed++))
else
  echo "FAIL 1-wei mutation: exit $rc"; cat "$tmp/out"; ((failures++))
fi

echo "cli: $passed passed, $failures failed"
exit $((failures > 0))
