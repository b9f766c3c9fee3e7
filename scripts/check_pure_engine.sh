#!/usr/bin/env bash
# engine/ decides money: no floating point, no clocks, no randomness, no I/O (DESIGN.md).
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='\b(float|double|long double)\b|<cmath>|<math\.h>|<random>|<chrono>|<ctime>|<fstream>|<iostream>|std::rand|\btime\('
hits=$(grep -rnE "$pattern" engine/src engine/include --include='*.cpp' --include='*.hpp' --include='*.h' | grep -vE '^[^:]+:[0-9]+:\s*//' || true)
if [[ -n $hits ]]; then
  echo "check_pure_engine: forbidden in engine/:" >&2
  echo "$hits" >&2
  exit 1
fi
echo "check_pure_engine: engine/ is integer-only and I/O-free"
