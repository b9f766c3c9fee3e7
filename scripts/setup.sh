#!/usr/bin/env bash
# Installs what xmargin needs to build and test, and nothing when it is all there already.
# Debian packages via apt-get (as root); npm packages from package-lock.json when present.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config clang libboost-dev libsecp256k1-dev
          libcpp-httplib-dev rapidjson-dev catch2 libcrypto++-dev libbenchmark-dev nodejs npm python3)
# Headless Chromium renders the simulator's HTML report in its test (sim/tests/html_chromium_test.sh).
packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm may come from outside Debian (the image has its own): a working binary is enough.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ -f package-lock.json ]]; then
  if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
    echo "setup: installing npm packages from package-lock.json" >&2
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi
