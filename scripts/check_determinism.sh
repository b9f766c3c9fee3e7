#!/usr/bin/env bash
# Same inputs → same bytes: builds the CLI with g++ -O0, g++ -O3 and clang++ -O3 (each in its own
# build dir), runs `xmargin health --json` (which prints the keccak256 digests of the canonical input
# and result encodings, and every output field) on every margin fixture, and diffs the outputs.
# Exit 0 when all three builds agree byte for byte; 1 with the diff otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${XM_JOBS:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flavours=("gcc-O0 g++ -O0" "gcc-O3 g++ -O3" "clang-O3 clang++ -O3")
for f in "${flavours[@]}"; do
  read -r name cxx opt <<<"$f"
  dir=build-det-$name
  # The test command's release build (g++, CMAKE_BUILD_TYPE=Release = -O3) can stand in for gcc-O3.
  if [[ $name == gcc-O3 && -n ${XM_DET_GCC_O3_DIR:-} && -x ${XM_DET_GCC_O3_DIR}/apps/xmargin/xmargin ]]; then
    dir=$XM_DET_GCC_O3_DIR
    echo "== $name: reusing xmargin from $dir" >&2
  else
    echo "== $name: building xmargin in $dir" >&2
    # Warnings are not the subject here (GCC's -O3 has false positives in Boost), so not errors.
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
          -DCMAKE_CXX_FLAGS_RELEASE="$opt" -DXM_WERROR=OFF >/dev/null
    cmake --build "$dir" -j "$jobs" --target xmargin >/dev/null
  fi
  mkdir -p "$out/$name"
  # Every command that prints digests or money: margin health, liquidation plans and certificates,
  # oracle replays. Input-error fixtures exit 2 by design: their stderr and exit code must agree too.
  run() {  # run COMMAND FIXTURE
    local rc=0 target=$out/$name/$1-$(basename "$2")
    "$dir/apps/xmargin/xmargin" "$1" --json "$2" >"$target" 2>&1 || rc=$?
    echo "exit $rc" >>"$target"
  }
  for fx in fixtures/margin/*.json; do run health "$fx"; done
  for fx in fixtures/liquidation/*.json; do run liquidate "$fx"; done
  for fx in fixtures/oracle/*.json; do run oracle "$fx"; done
  # Simulator: every report file of every bundled scenario at one seed.
  for fx in fixtures/scenarios/*.json; do
    sim_out=$out/sim-$name/$(basename "$fx" .json)
    mkdir -p "$sim_out"
    "$dir/apps/xmargin/xmargin" simulate "$fx" --out "$sim_out" --seed 11 >/dev/null 2>&1 || echo failed >"$sim_out/exit"
    find "$sim_out" -type f | sort | xargs cat >"$out/$name/simulate-$(basename "$fx")"
  done
done
status=0
for name in gcc-O3 clang-O3; do
  if ! diff -r "$out/gcc-O0" "$out/$name"; then
    echo "check_determinism: gcc-O0 and $name differ" >&2
    status=1
  fi
done
count=$(ls "$out/gcc-O0" | wc -l)
digests=$(cat "$out"/gcc-O0/*.json | grep -c 'digest' || true)
if [[ $status -eq 0 ]]; then
  echo "check_determinism: $count outputs, $digests digest lines identical across g++ -O0, g++ -O3, clang++ -O3"
fi
exit $status
