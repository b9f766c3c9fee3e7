#!/usr/bin/env bash
# Every test: set up, build (release and ASan+UBSan), run ctest on both, and the static checks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/check_pure_engine.sh

echo "== release build"
scripts/build.sh release
(cd build && ctest --output-on-failure -j "$(nproc)")

if [[ "${XM_SKIP_ASAN:-0}" != 1 ]]; then
  echo "== ASan+UBSan build"
  scripts/build.sh asan
  # Property tests run fewer cases under the sanitizers; the release run above does the full count.
  (cd build-asan && XM_PROPERTY_CASES=20000 ctest --output-on-failure -j "$(nproc)" -LE chain)
fi

if [[ "${XM_SKIP_DETERMINISM:-0}" != 1 ]]; then
  echo "== determinism: g++ -O0 vs g++ -O3 vs clang++ -O3, byte for byte"
  XM_DET_GCC_O3_DIR=build scripts/check_determinism.sh
fi
