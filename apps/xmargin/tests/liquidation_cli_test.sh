#!/usr/bin/env bash
# Liquidation certificates end to end (issue 4, must-show 2): every fixture verifies; a certificate
# written by `xmargin liquidate --json` verifies; a tampered one exits 1 and its first FAIL line names
# the first differing field; malformed inputs exit 2 with one error line.
set -uo pipefail
xm=$1
root=$(cd "$(dirname "$0")/../../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failures=0; passed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $1"; [[ -f $tmp/out ]] && cat "$tmp/out"; failures=$((failures + 1)); }

"$xm" verify --quiet "$root"/fixtures/liquidation/*.json >"$tmp/out" 2>&1 && ok || bad "liquidation fixtures verify"

src=$root/fixtures/liquidation/single_tier_partial.json
"$xm" liquidate "$src" --json >"$tmp/cert.json" 2>"$tmp/err" || bad "liquidate --json"
"$xm" liquidate "$src" --json >"$tmp/cert2.json" 2>/dev/null
cmp -s "$tmp/cert.json" "$tmp/cert2.json" && ok || bad "certificate bytes differ between runs"
"$xm" verify "$tmp/cert.json" >"$tmp/out" 2>&1 && ok || bad "fresh certificate verifies"

# Tamper with one output field: exit 1, first FAIL names it.
sed 's/"fee_to_liquidator": "289.35"/"fee_to_liquidator": "289.36"/' "$tmp/cert.json" >"$tmp/t1.json"
"$xm" verify "$tmp/t1.json" >"$tmp/out" 2>&1; rc=$?
first=$(grep -m1 '^FAIL' "$tmp/out")
[[ $rc -eq 1 && $first == *"expect.plan.steps[0].fee_to_liquidator: expected 289.36, actual 289.35" ]] && ok \
  || bad "tampered fee: rc=$rc first=$first"

# Tamper with an input (the account's quote): the input digest is the first field that differs.
sed '0,/"quote": "-58000"/s//"quote": "-58000.000000000000000001"/' "$tmp/cert.json" >"$tmp/t2.json"
"$xm" verify "$tmp/t2.json" >"$tmp/out" 2>&1; rc=$?
first=$(grep -m1 '^FAIL' "$tmp/out")
[[ $rc -eq 1 && $first == *"expect.input_digest: expected"* ]] && ok || bad "tampered input: rc=$rc first=$first"

# Tamper with the result digest alone.
sed 's/"result_digest": "0x./"result_digest": "0xZ/' "$tmp/cert.json" >"$tmp/t3.json"
"$xm" verify "$tmp/t3.json" >"$tmp/out" 2>&1; rc=$?
first=$(grep -m1 '^FAIL' "$tmp/out")
[[ $rc -eq 1 && $first == *"expect.result_digest: expected 0xZ"* ]] && ok || bad "tampered digest: rc=$rc first=$first"

# A refusal is an answer (exit 0) naming its reason.
"$xm" liquidate "$root/fixtures/liquidation/halted_price_refused.json" >"$tmp/out" 2>&1 && grep -q 'refused: price_not_ok ETH (halted)' "$tmp/out" \
  && ok || bad "halted refusal"

# Malformed inputs: exit 2, one error line naming the path.
for f in "$root"/fixtures/errors/liquidation_*.json; do
  "$xm" verify "$f" >/dev/null 2>"$tmp/err"; rc=$?
  [[ $rc -eq 2 && $(wc -l <"$tmp/err") -eq 1 ]] && grep -q '^error: ' "$tmp/err" && ok || bad "error fixture $f: rc=$rc"
  "$xm" liquidate "$f" >/dev/null 2>"$tmp/err"; rc=$?
  [[ $rc -eq 2 ]] && ok || bad "liquidate on error fixture $f: rc=$rc"
done
"$xm" liquidate >/dev/null 2>&1; [[ $? -eq 2 ]] && ok || bad "liquidate without FILE"

echo "liquidation cli: $passed passed, $failures failed"
exit $((failures > 0))
