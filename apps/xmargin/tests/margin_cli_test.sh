#!/usr/bin/env bash
# `xmargin verify` and `xmargin health` on the margin fixtures (issue 3, "must show" 1): every bundled
# margin fixture verifies (exit 0); one expected value changed by 1 wei exits 1 showing expected vs
# actual; every malformed margin fixture exits 2 with one `error: FILE: PATH: reason` line; health
# prints a table, and JSON with digests.
set -uo pipefail
xm=$1
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

"$xm" verify --quiet fixtures/margin/*.json >"$tmp/out" 2>&1; rc=$?
check "all margin fixtures verify (exit 0)" "[[ $rc -eq 0 ]] && grep -q ' 0 mismatched, 0 input errors' $tmp/out"

# 1 wei more on one expected health: maint.health 500 -> 500.000000000000000001.
sed 's/"maint": {"equity": "4000", "requirement": "3500", "health": "500"}/"maint": {"equity": "4000", "requirement": "3500", "health": "500.000000000000000001"}/' \
  fixtures/margin/cross_offset.json >"$tmp/one_wei.json"
"$xm" verify "$tmp/one_wei.json" >"$tmp/out" 2>&1; rc=$?
check "1 wei off exits 1" "[[ $rc -eq 1 ]]"
check "mismatch shows expected vs actual" \
  "grep -q 'with_btc_profit.maint.health: expected 500.000000000000000001, actual 500' $tmp/out"

for f in fixtures/errors/margin_*.json; do
  "$xm" verify "$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
  check "$(basename "$f") exits 2 with one error line" \
    "[[ $rc -eq 2 ]] && [[ \$(wc -l <$tmp/err) -eq 1 ]] && grep -q '^error: $f: ' $tmp/err"
done

"$xm" health fixtures/margin/sample_portfolio.json >"$tmp/out" 2>&1; rc=$?
check "health prints a table" "[[ $rc -eq 0 ]] && grep -q '^account treasury' $tmp/out && grep -q 'results digest 0x' $tmp/out"
"$xm" health --json fixtures/margin/sample_portfolio.json >"$tmp/out" 2>&1; rc=$?
check "health --json has digests" "[[ $rc -eq 0 ]] && grep -q '\"inputs_digest\": \"0x[0-9a-f]\{64\}\"' $tmp/out"
"$xm" health fixtures/errors/margin_json_number.json >"$tmp/out" 2>"$tmp/err"; rc=$?
check "health on malformed input exits 2" "[[ $rc -eq 2 ]] && grep -q 'accounts\[0\].balances\[0\].amount' $tmp/err"
exit $fail
