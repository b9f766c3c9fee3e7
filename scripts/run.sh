#!/usr/bin/env bash
# The main job on a fresh machine: set up, build, verify every bundled fixture, and show the health
# of a sample portfolio.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release >/dev/null
xm=build/apps/xmargin/xmargin
echo "== xmargin verify (bundled fixtures)"
shopt -s nullglob
fixtures=(fixtures/*/*.json)
valid=()
for f in "${fixtures[@]}"; do [[ $f == fixtures/errors/* ]] || valid+=("$f"); done
"$xm" verify --quiet "${valid[@]}"
if [[ -f fixtures/margin/sample_portfolio.json ]]; then
  echo; echo "== xmargin health fixtures/margin/sample_portfolio.json"
  "$xm" health fixtures/margin/sample_portfolio.json
fi
