#!/usr/bin/env bash
# xmargin simulate from the outside: files written, byte-identical report.json for the same seed,
# different for another seed, no temporary files left, input errors exit 2 naming the JSON path.
# usage: simulate_cli_test.sh XMARGIN_BINARY SCENARIO.json
set -euo pipefail
xm=$1 scenario=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$xm" simulate "$scenario" --out "$work/a" --seed 3 >/dev/null
"$xm" simulate "$scenario" --out "$work/b" --seed 3 2>"$work/stderr" >/dev/null
"$xm" simulate "$scenario" --out "$work/c" --seed 4 >/dev/null
for f in report.json report.html prices.csv variants.csv; do [[ -s $work/a/$f ]] || fail "missing $f"; done
cmp -s "$work/a/report.json" "$work/b/report.json" || fail "same seed, different report.json"
cmp -s "$work/a/report.html" "$work/b/report.html" || fail "same seed, different report.html"
cmp -s "$work/a/report.json" "$work/c/report.json" && fail "another seed, same report.json"
[[ -z $(find "$work" -name '*.tmp') ]] || fail "temporary files left behind"
[[ ! -s $work/stderr ]] || fail "stderr not empty when not a terminal (progress bar): $(cat "$work/stderr")"
set +e
"$xm" simulate "$scenario" >/dev/null 2>"$work/e1"; rc=$?
[[ $rc == 2 ]] && grep -q -- "--out" "$work/e1" || fail "missing --out: exit $rc, $(cat "$work/e1")"
sed 's/"depth": "0.4"/"depth": 0.4/' "$scenario" >"$work/bad.json"
if ! cmp -s "$scenario" "$work/bad.json"; then
  "$xm" simulate "$work/bad.json" --out "$work/d" >/dev/null 2>"$work/e2"; rc=$?
  [[ $rc == 2 ]] && grep -q "faults\[0\].depth" "$work/e2" || fail "bad depth: exit $rc, $(cat "$work/e2")"
  [[ ! -e $work/d/report.json ]] || fail "report.json written for a bad scenario"
fi
"$xm" simulate "$scenario" --out "$work/e" --seed x >/dev/null 2>"$work/e3"; rc=$?
[[ $rc == 2 ]] || fail "bad --seed: exit $rc"
echo "ok"
