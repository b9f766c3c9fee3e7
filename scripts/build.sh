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
cmake -S . -B "$dir" -G Ninja "${args[@]}" >/dev/null
cmake --build "$dir" -j "$jobs"
