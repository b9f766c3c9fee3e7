#!/usr/bin/env bash
# Configures and builds one flavour into its own folder: scripts/build.sh [release|asan|clang|debug]
set -euo pipefail
cd "$(dirname "$0")/.."
flavour=${1:-release}
jobs=${XM_JOBS:-$(nproc)}
case "$flavour" in
  release) dir=build;       args=(-DCMAKE_BUILD_TYPE=Release) ;;
  debug)   dir=build-debug; args=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O0) ;;
  asan)    dir=build-asan;  args=(-DCMAKE_BUILD_TYPE=Debug -DXM_SANITIZE=ON -DCMAKE_CXX_FLAGS=-O1) ;;
  clang)   dir=build-clang; args=(-DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++) ;;
  *) echo "usage: scripts/build.sh [release|asan|clang|debug]" >&2; exit 2 ;;
esac
log=$(mktemp)
# Quiet when it works; the whole compiler output when it does not.
if ! { cmake -S . -B "$dir" -G Ninja "${args[@]}" && cmake --build "$dir" -j "$jobs"; } >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"
  echo "build.sh: $flavour build failed" >&2
  exit 1
fi
rm -f "$log"
echo "build.sh: $flavour build in $dir/"
