#!/usr/bin/env bash
# Money is decided by integers only: no floating point in engine/, oracles/, chains/ or sim/
# (DESIGN.md); engine/ is also pure — no clocks, randomness or I/O.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
scan() {  # scan LABEL PATTERN DIRS...
  local label=$1 pattern=$2; shift 2
  local hits
  hits=$(grep -rnE "$pattern" "$@" --include='*.cpp' --include='*.hpp' --include='*.h' 2>/dev/null |
         grep -vE '^[^:]+:[0-9]+:\s*//' || true)
  if [[ -n $hits ]]; then
    echo "check_pure_engine: $label:" >&2
    echo "$hits" >&2
    status=1
  fi
}
scan "floating point where money is decided" '\b(float|double)\b|<cmath>|<math\.h>' \
  engine/src engine/include oracles/src oracles/include oracles/adapters chains/src chains/include sim/src sim/include
scan "clocks, randomness or I/O in the pure engine" \
  '<random>|<chrono>|<ctime>|<fstream>|<iostream>|std::rand|\btime\(' engine/src engine/include
[[ $status -eq 0 ]] && echo "check_pure_engine: integer-only (engine, oracles, chains, sim); engine/ is I/O-free"
exit $status
