#!/usr/bin/env bash
# bin/imgrid grid: a local grid of separate JVMs on 127.0.0.1.
#
#   bin/imgrid grid start -g G -w W   G gateways + W workers, each with its own free ports
#                                      (HTTP, metrics, Hazelcast, event bus); prints one JSON line
#                                      per node and returns once all are healthy and every
#                                      gateway is ready (sees a worker)
#   bin/imgrid grid stop              SIGTERM (drain) to gateways, then workers; KILL after the
#                                      graceful timeout
#   bin/imgrid grid add worker|gateway one more node joining the running grid (prints its line)
#   bin/imgrid grid status            the JSON lines of the running grid
#
# The caller's IMGPROXY_* / IMGRID_* environment passes through to every node. The cluster name is
# IMGRID_CLUSTER_NAME or a generated unique one; members join over TCP-IP on loopback. State
# (pids, ports, logs) lives in run/grid/ (gitignored), or IMGRID_GRID_STATE.
#
# Role-specific settings (as Compose gives the gateway and worker services different
# `environment`s): IMGRID_GRID_GATEWAY_ENV / IMGRID_GRID_WORKER_ENV name a file of NAME=VALUE
# lines (no quoting; blank and # lines skipped) applied to that role's nodes over the caller's
# environment. The per-node values the grid sets (bind addresses, cluster name, host, port,
# members, discovery, event-bus port) always win over both.
#
# Every node writes a JVM crash file to IMGRID_CRASH_DIR (default run/crash); `grid status` and
# `grid stop` name each node that died and the crash file it left, if any.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${IMGRID_GRID_STATE:-$ROOT/run/grid}"
NODES="$STATE/nodes"
START_TIMEOUT="${IMGRID_GRID_START_TIMEOUT:-120}"

die() { echo "imgrid grid: $*" >&2; exit 2; }

usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

alive() { kill -0 "$1" 2>/dev/null; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ports come from below the kernel's ephemeral range, so an outgoing connection's local port
# (the load generator's, an origin fetch's) never takes a node's port between pick and bind.
EPHEMERAL_LOW="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
PORT_LOW=10000
PORT_SPAN=$(( EPHEMERAL_LOW > PORT_LOW + 2000 ? EPHEMERAL_LOW - PORT_LOW : 20000 ))
declare -A TAKEN=()
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( PORT_LOW + RANDOM % PORT_SPAN ))
    [[ -n "${TAKEN[$p]:-}" ]] && continue
    port_in_use "$p" && continue
    TAKEN[$p]=1
    echo "$p"
    return 0
  done
  die "no free port found"
}

http_status() {
  curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1$2" 2>/dev/null || true
}

json_line() { # role pid http metrics
  printf '{"role":"%s", "pid":%s, "http":"127.0.0.1:%s", "metrics":"127.0.0.1:%s"}\n' "$@"
}

running_grid() {
  [[ -f "$NODES" ]] || return 1
  while read -r role pid http metrics _; do
    alive "$pid" && return 0
  done < "$NODES"
  return 1
}

cmd_status() {
  [[ -f "$NODES" ]] || die "no grid is running"
  while read -r role pid http metrics _; do
    alive "$pid" && json_line "$role" "$pid" "$http" "$metrics"
  done < "$NODES"
  report_dead
}

# One line on stderr per node of the nodes file that is no longer running, with its crash file.
report_dead() {
  local dir role pid file
  dir="$(cat "$STATE/crash-dir" 2>/dev/null || echo "$ROOT/run/crash")"
  while read -r role pid _; do
    alive "$pid" && continue
    file="$dir/hs_err_pid$pid.log"
    [[ -f "$file" ]] || file="none"
    echo "imgrid grid: $role $pid is not running; crash file: $file" >&2
  done < "$NODES"
}

graceful_seconds() {
  local t="${IMGPROXY_TIMEOUT:-10}"
  echo "${IMGPROXY_GRACEFUL_STOP_TIMEOUT:-$(( t * 2 ))}"
}

stop_role() { # role
  local role="$1" pids=() deadline
  while read -r r pid http metrics _; do
    [[ "$r" == "$role" ]] && alive "$pid" && { kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); }
  done < "$NODES"
  ((${#pids[@]})) || return 0
  deadline=$(( SECONDS + $(graceful_seconds) + 10 ))
  for pid in "${pids[@]}"; do
    while alive "$pid" && (( SECONDS < deadline )); do sleep 0.2; done
    if alive "$pid"; then
      echo "imgrid grid: $role $pid did not stop in time; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

cmd_stop() {
  [[ -f "$NODES" ]] || { echo "imgrid grid: no grid is running" >&2; return 0; }
  report_dead
  stop_role gateway
  stop_role worker
  rm -f "$NODES"
}

cmd_start() {
  local gateways=1 workers=1
  while (($#)); do
    case "$1" in
      -g) gateways="${2:?}"; shift 2 ;;
      -w) workers="${2:?}"; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ "$gateways" =~ ^[1-9][0-9]*$ && "$workers" =~ ^[1-9][0-9]*$ ]] || die "-g and -w need counts >= 1"
  command -v curl >/dev/null || die "curl is required"
  running_grid && die "a grid is already running (bin/imgrid grid stop)"
  role_env gateway; role_env worker # a bad env file fails here, before any node starts
  mkdir -p "$STATE"
  mkdir -p "${IMGRID_CRASH_DIR:-$ROOT/run/crash}" || die "cannot create the crash directory"
  IMGRID_CRASH_DIR="$(cd "${IMGRID_CRASH_DIR:-$ROOT/run/crash}" && pwd -P)"
  export IMGRID_CRASH_DIR
  echo "$IMGRID_CRASH_DIR" > "$STATE/crash-dir"
  "$ROOT/bin/imgrid" version >/dev/null # builds the jar once, before the nodes race to

  local name="${IMGRID_CLUSTER_NAME:-imgrid-grid-$(date +%s)-$$-$RANDOM}"
  local roles=() http=() metrics=() hz=() eb=() i n=$(( gateways + workers ))
  for ((i = 0; i < workers; i++)); do roles+=(worker); done
  for ((i = 0; i < gateways; i++)); do roles+=(gateway); done
  for ((i = 0; i < n; i++)); do
    http+=("$(free_port)"); metrics+=("$(free_port)"); hz+=("$(free_port)"); eb+=("$(free_port)")
  done
  local members=""
  for ((i = 0; i < n; i++)); do members+="${members:+,}127.0.0.1:${hz[$i]}"; done

  : > "$NODES"
  echo "$name" > "$STATE/name"
  local pids=()
  for ((i = 0; i < n; i++)); do
    launch "${roles[$i]}" "$i" "$name" "$members" "${http[$i]}" "${metrics[$i]}" "${hz[$i]}" "${eb[$i]}"
    pids+=("$LAUNCHED"); STARTING[$LAUNCHED]=1
  done
  await_healthy
  for ((i = 0; i < n; i++)); do
    json_line "${roles[$i]}" "${pids[$i]}" "${http[$i]}" "${metrics[$i]}"
  done
}

# role_env ROLE: fills ROLE_ENV with the NAME=VALUE lines of IMGRID_GRID_<ROLE>_ENV's file.
role_env() {
  local var="IMGRID_GRID_${1^^}_ENV" file line
  ROLE_ENV=()
  file="${!var:-}"
  [[ -n "$file" ]] || return 0
  [[ -r "$file" ]] || die "$var: cannot read $file"
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "$var: not a NAME=VALUE line: $line"
    ROLE_ENV+=("$line")
  done < "$file"
}

# launch ROLE INDEX NAME MEMBERS HTTP METRICS HZ EB: starts one node in the background.
# `env` applies the role's file first, then the grid's per-node values, which so win.
launch() {
  role_env "$1"
  nohup env "${ROLE_ENV[@]}" \
    IMGRID_CLUSTER_NAME="$3" IMGRID_CLUSTER_HOST=127.0.0.1 IMGRID_CLUSTER_DISCOVERY=tcp \
    IMGRID_CLUSTER_MEMBERS="$4" IMGRID_CLUSTER_PORT="$7" IMGRID_EVENTBUS_PORT="$8" \
    IMGPROXY_BIND="127.0.0.1:$5" IMGPROXY_PROMETHEUS_BIND="127.0.0.1:$6" \
    "$ROOT/bin/imgrid" "$1" > "$STATE/$1-$2.log" 2>&1 < /dev/null &
  LAUNCHED=$!
  echo "$1 $LAUNCHED $5 $6 $7 $8 $STATE/$1-$2.log" >> "$NODES"
}

# Waits until every live node of the nodes file answers /health (gateways: /health/ready).
await_healthy() {
  local deadline=$(( SECONDS + START_TIMEOUT )) pending role pid http metrics hz eb log
  while :; do
    pending=0
    while read -r role pid http metrics hz eb log; do
      if ! alive "$pid"; then
        [[ -n "${STARTING[$pid]:-}" ]] || continue
        echo "imgrid grid: $role $pid exited during start; its log:" >&2
        tail -n 30 "$log" >&2 || true
        cmd_stop
        exit 1
      fi
      [[ "$(http_status "$http" /health)" == 200 ]] || { pending=1; continue; }
      if [[ "$role" == gateway ]]; then
        [[ "$(http_status "$http" /health/ready)" == 200 ]] || pending=1
      fi
    done < "$NODES"
    ((pending)) || return 0
    if (( SECONDS >= deadline )); then
      echo "imgrid grid: not healthy within ${START_TIMEOUT}s; logs in $STATE" >&2
      cmd_stop
      exit 1
    fi
    sleep 0.5
  done
}

cmd_add() {
  local role="${1:-}" name members="" r pid http metrics hz eb log idx
  [[ "$role" == worker || "$role" == gateway ]] || usage
  running_grid || die "no grid is running (bin/imgrid grid start)"
  role_env "$role"
  name="$(cat "$STATE/name")"
  [[ -f "$STATE/crash-dir" ]] && export IMGRID_CRASH_DIR="$(cat "$STATE/crash-dir")"
  idx=$(wc -l < "$NODES")
  while read -r r pid http metrics hz eb log; do
    TAKEN[$http]=1; TAKEN[$metrics]=1; TAKEN[$hz]=1; TAKEN[$eb]=1
    alive "$pid" && members+="${members:+,}127.0.0.1:$hz"
  done < "$NODES"
  http="$(free_port)"; metrics="$(free_port)"; hz="$(free_port)"; eb="$(free_port)"
  launch "$role" "$idx" "$name" "$members,127.0.0.1:$hz" "$http" "$metrics" "$hz" "$eb"
  STARTING[$LAUNCHED]=1
  await_healthy
  json_line "$role" "$LAUNCHED" "$http" "$metrics"
}

declare -A STARTING=()
case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop ;;
  status) shift; cmd_status ;;
  add) shift; cmd_add "$@" ;;
  *) usage ;;
esac
