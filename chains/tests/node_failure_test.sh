#!/usr/bin/env bash
# An RPC node that dies (kill) or freezes (SIGSTOP) while `xmargin collateral --watch-ms` is polling
# it must end the command by itself with exit 3 and one clear `error:` line — no hang, no crash.
#   chains/tests/node_failure_test.sh kill|freeze XMARGIN WORKDIR CHAIN_ID FIRST_PORT
# Starts its own anvil (scripts/anvil.sh) and stops it, and everything else it started, on exit.
set -uo pipefail
cd "$(dirname "$0")/../.."
mode=$1 xm=$2 dir=$3 chain_id=$4 port=$5
pid=""
anvil_child=""
cleanup() {
  [[ -n $anvil_child ]] && kill -CONT "$anvil_child" 2>/dev/null
  [[ -n $pid ]] && kill "$pid" 2>/dev/null
  scripts/anvil.sh stop "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- stdout"; cat "$dir/out.txt"; echo "--- stderr"; cat "$dir/err.txt"; exit 1; }

scripts/anvil.sh start "$dir" 1 "$chain_id" "$port" >/dev/null || { echo "FAIL: anvil did not start"; exit 1; }
url=$(awk '{print $2}' "$dir/chains.txt")
cat >"$dir/registry.json" <<JSON
{"format": "xmargin-chains/1",
 "rpc": {"connect_timeout_ms": 500, "request_timeout_ms": 1000, "max_attempts": 3, "backoff_ms": 100},
 "chains": [{"chain_id": $chain_id, "name": "doomed", "rpc_url": "$url", "finality": "latest",
             "max_staleness_s": 60, "native_asset": "ETH"}],
 "accounts": [{"id": "dev", "address": "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}]}
JSON

"$xm" collateral --config "$dir/registry.json" --watch-ms 100 >"$dir/out.txt" 2>"$dir/err.txt" &
pid=$!
for _ in $(seq 100); do
  (( $(grep -c '^round' "$dir/out.txt") >= 2 )) && break
  sleep 0.1
done
grep -q '^round 2' "$dir/out.txt" || fail "xmargin did not complete two rounds against a live node"
grep -q ' ETH 10000$' "$dir/out.txt" || fail "no balance printed"

started=$(date +%s%N)
case "$mode" in
  kill) scripts/anvil.sh stop "$dir" ;;                        # the node is gone: connection refused
  freeze)                                                        # the node is alive but never answers
    anvil_child=$(pgrep -P "$(cat "$dir/anvil-0.pid")" | head -1)
    [[ -n $anvil_child ]] || fail "cannot find the anvil process under its timeout wrapper"
    kill -STOP "$anvil_child" ;;
  *) echo "usage: $0 kill|freeze XMARGIN WORKDIR CHAIN_ID FIRST_PORT"; exit 2 ;;
esac

for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then fail "xmargin still running 30 s after the node $mode"; fi
wait "$pid"
rc=$?
pid=""
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
[[ $rc == 3 ]] || fail "exit code $rc, expected 3"
[[ $(wc -l <"$dir/err.txt") == 1 ]] || fail "expected exactly one stderr line"
grep -Eq "^error: RPC $url eth_[A-Za-z]+: .*\(attempt [0-9] of 3\)$" "$dir/err.txt" || fail "unclear error line"
echo "ok: node $mode -> exit 3 after ${elapsed_ms} ms: $(cat "$dir/err.txt")"
