#!/usr/bin/env bash
# Opens a simulation report in headless Chromium: the page must render (a screenshot that is not
# blank) and log no console error or failed resource. Skips (exit 77, "skipped" in ctest) with a
# clear message when Chromium is not installed (scripts/setup.sh installs the Debian package).
# usage: html_chromium_test.sh XMARGIN_BINARY SCENARIO.json
set -euo pipefail
xm=$1 scenario=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "SKIP: chromium not installed (apt-get install chromium, or scripts/setup.sh)"; exit 77
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$xm" simulate "$scenario" --out "$work/out" >/dev/null
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$work/profile" \
  --enable-logging=stderr --v=0 --window-size=1000,1400 --screenshot="$work/shot.png" \
  "file://$work/out/report.html" >"$work/stdout.txt" 2>"$work/stderr.txt" || {
  echo "FAIL: chromium exited with $?"; cat "$work/stderr.txt"; exit 1; }
if grep -E "CONSOLE|Uncaught|Failed to load resource|Refused to" "$work/stderr.txt"; then
  echo "FAIL: console errors while rendering report.html"; exit 1
fi
[[ -s $work/shot.png ]] || { echo "FAIL: no screenshot"; exit 1; }
# Non-blank: decode the PNG (8-bit RGB/RGBA, the only kinds Chromium writes) and count pixels that
# are not the white background.
python3 - "$work/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, w, h, bpp = 8, b'', 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
    if kind == b'IHDR':
        w, h, depth, color = struct.unpack('>IIBB', body[:10]); bpp = {2: 3, 6: 4}[color]; assert depth == 8
    elif kind == b'IDAT': idat += body
raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
inked = sum(1 for line in rows for x in range(w) if line[x * bpp:x * bpp + 3] != b'\xff\xff\xff')
share = inked / (w * h)
print(f'screenshot {w}x{h}: {share:.1%} of pixels not white')
sys.exit(0 if share > 0.02 else 1)
PY
grep -q "<svg" "$work/out/report.html" || { echo "FAIL: no inline SVG in report.html"; exit 1; }
echo "ok: report.html renders in $("$browser" --version 2>/dev/null | head -1)"
