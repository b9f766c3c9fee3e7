#!/usr/bin/env bash
# Local EVM chains for tests and demos: anvil (from npm, pinned in package.json) on 127.0.0.1 only.
#
#   scripts/anvil.sh start DIR N [FIRST_CHAIN_ID] [FIRST_PORT]
#       starts N chains with chain ids FIRST_CHAIN_ID.. (default 31337) on the first free ports from
#       FIRST_PORT (default 18545), waits until each answers eth_chainId, and writes
#       DIR/chains.txt ("chain_id url pid" per line) and DIR/*.pid.
#       Each node runs under `timeout XM_ANVIL_MAX_S` (default 900 s): the recorded PID is that of
#       `timeout`, which forwards a TERM to anvil, and which stops the node by itself if an
#       interrupted test run never calls `stop`.
#   scripts/anvil.sh stop DIR
#       stops every process listed in DIR/*.pid (by PID: nothing else is touched) and waits for it.
set -euo pipefail
cd "$(dirname "$0")/.."

ANVIL=node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
[[ -x $ANVIL ]] || ANVIL=$(command -v anvil || true)
[[ -n $ANVIL && -x $ANVIL ]] || { echo "error: anvil not found: run npm ci --no-audit --no-fund" >&2; exit 3; }

rpc_chain_id() {  # prints the chain id answered at URL $1, or nothing
  curl -s --max-time 1 -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" 2>/dev/null |
    sed -n 's/.*"result":"\(0x[0-9a-fA-F]*\)".*/\1/p'
}

# Alive and not a zombie (an exited child of this script's earlier run waits for PID 1 to reap it).
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_dir() {
  local dir=$1 f pid
  shopt -s nullglob
  for f in "$dir"/*.pid; do
    pid=$(<"$f")
    # Only a process that is still one of ours: a stale PID file may name a recycled PID.
    if [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" && [[ $(ps -o args= -p "$pid" 2>/dev/null) == *anvil*--chain-id* ]]; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do alive "$pid" || break; sleep 0.05; done
      if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$f"
  done
}

start_one() {  # dir index chain_id first_port → writes pid files and a chains.txt line
  local dir=$1 i=$2 chain_id=$3 port=$4 pid url tries
  for tries in $(seq 20); do
    while port_busy "$port"; do port=$((port + 1)); done
    timeout "${XM_ANVIL_MAX_S:-900}" "$ANVIL" --host 127.0.0.1 --port "$port" --chain-id "$chain_id" --silent >"$dir/anvil-$i.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/anvil-$i.pid"
    url="http://127.0.0.1:$port"
    for _ in $(seq 100); do
      if [[ $(rpc_chain_id "$url") == "$(printf '0x%x' "$chain_id")" ]]; then
        echo "$chain_id $url $pid" >>"$dir/chains.txt"
        NEXT_PORT=$((port + 1))
        return 0
      fi
      alive "$pid" || break  # exited: most likely the port was taken meanwhile
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    rm -f "$dir/anvil-$i.pid"
    port=$((port + 1))
  done
  echo "error: anvil $i (chain $chain_id) did not start; see $dir/anvil-$i.log" >&2
  return 1
}

cmd=${1:-}
case "$cmd" in
  start)
    dir=${2:?usage: scripts/anvil.sh start DIR N [FIRST_CHAIN_ID] [FIRST_PORT]}
    n=${3:?usage: scripts/anvil.sh start DIR N [FIRST_CHAIN_ID] [FIRST_PORT]}
    first_id=${4:-31337}
    NEXT_PORT=${5:-18545}
    mkdir -p "$dir"
    stop_dir "$dir"  # a previous run's leftovers in this directory only
    rm -f "$dir/chains.txt"
    for ((i = 0; i < n; i++)); do
      if ! start_one "$dir" "$i" $((first_id + i)) "$NEXT_PORT"; then
        stop_dir "$dir"
        exit 3
      fi
    done
    cat "$dir/chains.txt"
    ;;
  stop)
    dir=${2:?usage: scripts/anvil.sh stop DIR}
    stop_dir "$dir"
    ;;
  *)
    echo "usage: scripts/anvil.sh start DIR N [FIRST_CHAIN_ID] [FIRST_PORT] | stop DIR" >&2
    exit 2
    ;;
esac
