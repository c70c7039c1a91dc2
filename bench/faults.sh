#!/usr/bin/env bash
# Fault drill on a local grid (1 gateway + 2 workers, loopback only), under a bounded load of 4
# concurrent clients (wrk, a Lua script rotating over a mix of URLs):
#   1 baseline                         zero failures
#   2 kill -9 of a worker mid-load     zero failures (jobs in flight retried elsewhere)
#   3 a worker restarted               zero failures, and the new worker takes jobs
#   4 kill -STOP of a worker mid-load  zero failures with the default 10 s deadline, no request
#                                      slower than half of it: the gateway gives the frozen
#                                      worker's jobs up after IMGRID_WORKER_SILENCE_MS (2 s) and
#                                      retries them, long before Hazelcast drops the member (~10 s)
# Live workers under load (phases 1 and 3) must never be given up on as silent
# (imgrid_dispatch_silent_total stays 0). Prints each phase's request count, failures, p99 and
# max latency; exits non-zero on any failed check. Self-contained: sample images are generated with the vips CLI and served via local://.
# The grid is always stopped at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/faults"
PHASE_SECONDS="${FAULTS_PHASE_SECONDS:-20}"
TIMEOUT="${IMGPROXY_TIMEOUT:-10}"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "faults: wrk is required (apt-get install -y wrk)" >&2; exit 2; }
command -v vips >/dev/null || { echo "faults: the vips CLI is required (apt-get install -y libvips-tools)" >&2; exit 2; }

IMAGES="$OUT/images"
mkdir -p "$IMAGES"
for spec in "a 1600 1200" "b 1200 1600" "c 2000 1000" "d 900 900"; do
  set -- $spec
  [[ -f "$IMAGES/$1.jpg" ]] && continue
  vips gaussnoise "$OUT/n.v" "$2" "$3" --mean 128 --sigma 40
  vips bandjoin "$OUT/n.v $OUT/n.v $OUT/n.v" "$OUT/rgb.v"
  vips copy "$OUT/rgb.v" "$IMAGES/$1.jpg[Q=85]"
  rm -f "$OUT/n.v" "$OUT/rgb.v"
done

export IMGPROXY_LOCAL_FILESYSTEM_ROOT="$IMAGES"
export IMGPROXY_TIMEOUT="$TIMEOUT"
export IMGPROXY_WORKERS="${IMGPROXY_WORKERS:-2}"
export IMGPROXY_GRACEFUL_STOP_TIMEOUT="${IMGPROXY_GRACEFUL_STOP_TIMEOUT:-5}"
export IMGRID_MEMBER_TIMEOUT_SECONDS="${IMGRID_MEMBER_TIMEOUT_SECONDS:-10}"
unset IMGPROXY_KEY IMGPROXY_SALT

cleanup() { "$ROOT/bin/imgrid" grid stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

"$ROOT/bin/imgrid" grid start -g 1 -w 2 | tee "$OUT/nodes.json"
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",]*\)\"\{0,1\}.*/\1/p"; }
GATEWAY_HTTP="$(grep '"gateway"' "$OUT/nodes.json" | head -1 | field http)"
GATEWAY_METRICS="$(grep '"gateway"' "$OUT/nodes.json" | head -1 | field metrics)"
mapfile -t WORKER_PIDS < <(grep '"worker"' "$OUT/nodes.json" | field pid)

metric() { # host:port name → sum of the samples
  curl -s -m 5 "http://$1/metrics" | awk -v m="$2" '$1 ~ "^"m"({|$)" { s += $2 } END { printf "%d\n", s }'
}

cat > "$OUT/rotate.lua" <<'LUA'
local paths = {}
local imgs = {"a", "b", "c", "d"}
local sizes = {"rs:fit:300:300", "rs:fill:400:300", "rs:fill:200:200/q:70", "rs:fit:640:480/f:webp",
  "rs:fill:120:90", "rs:fit:800:600/q:75"}
for _, i in ipairs(imgs) do
  for _, s in ipairs(sizes) do
    table.insert(paths, "/unsafe/" .. s .. "/plain/local:///" .. i .. ".jpg")
  end
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d failures=%d p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

load() { # seconds → RESULT line
  wrk -t 2 -c 4 -d "${1}s" --timeout "$(( TIMEOUT + 10 ))s" -s "$OUT/rotate.lua" \
    "http://$GATEWAY_HTTP" | grep '^RESULT'
}

FAILED=0
check() { # description condition...
  local what="$1"; shift
  if "$@"; then echo "  ok: $what"; else echo "  FAILED: $what"; FAILED=1; fi
}
val() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

report() { # phase result
  printf '%-12s %s\n' "$1" "$2"
}

SILENT="imgrid_dispatch_silent_total"

echo "== phase 1: baseline (${PHASE_SECONDS}s, 4 clients)"
R="$(load "$PHASE_SECONDS")"; report baseline "$R"
check "baseline: zero failures" [ "$(val failures "$R")" = 0 ]
S="$(metric "$GATEWAY_METRICS" "$SILENT")"
check "baseline: no live worker given up on as silent ($S)" [ "$S" = 0 ]

echo "== phase 2: kill -9 of a worker mid-load"
RETRIES0="$(metric "$GATEWAY_METRICS" imgrid_dispatch_retries_total)"
( sleep $(( PHASE_SECONDS / 3 )); kill -9 "${WORKER_PIDS[0]}"; echo "  killed worker ${WORKER_PIDS[0]}" ) &
R="$(load "$PHASE_SECONDS")"; wait; report kill-9 "$R"
check "kill -9: zero failed requests" [ "$(val failures "$R")" = 0 ]
echo "  dispatch retries: $(( $(metric "$GATEWAY_METRICS" imgrid_dispatch_retries_total) - RETRIES0 ))"

echo "== phase 3: the worker restarted"
NEW="$("$ROOT/bin/imgrid" grid add worker)"; echo "  $NEW"
NEW_METRICS="$(field metrics <<<"$NEW")"
JOBS0="$(metric "$NEW_METRICS" imgrid_jobs_total)"
S0="$(metric "$GATEWAY_METRICS" "$SILENT")"
R="$(load "$PHASE_SECONDS")"; report restarted "$R"
JOBS1="$(metric "$NEW_METRICS" imgrid_jobs_total)"
S1="$(metric "$GATEWAY_METRICS" "$SILENT")"
check "restart: zero failures" [ "$(val failures "$R")" = 0 ]
check "restart: no live worker given up on as silent ($S0 -> $S1)" [ "$S1" = "$S0" ]
check "restart: the new worker takes jobs ($JOBS0 -> $JOBS1)" [ "$JOBS1" -gt "$JOBS0" ]

echo "== phase 4: kill -STOP of a worker mid-load"
MEMBERS0="$(metric "$GATEWAY_METRICS" imgrid_cluster_members)"
SILENT0="$(metric "$GATEWAY_METRICS" "$SILENT")"
RETRIES0="$(metric "$GATEWAY_METRICS" imgrid_dispatch_retries_total)"
STOPPED="${WORKER_PIDS[1]}"
( sleep $(( PHASE_SECONDS / 4 )); kill -STOP "$STOPPED"; date +%s.%N > "$OUT/stopped-at" ) &
( # when the gateway drops the frozen member
  while [[ ! -f "$OUT/stopped-at" ]] || (( $(metric "$GATEWAY_METRICS" imgrid_cluster_members) >= MEMBERS0 )); do
    sleep 0.2
  done
  date +%s.%N > "$OUT/dropped-at"
) &
WATCH=$!
rm -f "$OUT/stopped-at" "$OUT/dropped-at"
R="$(load $(( PHASE_SECONDS + 10 )))"; report stop "$R"
sleep 1
kill "$WATCH" 2>/dev/null || true
kill -9 "$STOPPED" 2>/dev/null || true
if [[ -f "$OUT/dropped-at" ]]; then
  DROP="$(awk -v a="$(cat "$OUT/stopped-at")" -v b="$(cat "$OUT/dropped-at")" 'BEGIN { printf "%.1f", b - a }')"
else
  DROP="never"
fi
echo "  member dropped after: ${DROP}s (members before: $MEMBERS0)"
GIVEN_UP=$(( $(metric "$GATEWAY_METRICS" "$SILENT") - SILENT0 ))
echo "  jobs given up on the frozen worker: $GIVEN_UP, dispatch retries: $(( $(metric "$GATEWAY_METRICS" imgrid_dispatch_retries_total) - RETRIES0 ))"
MAX_MS="$(val max_ms "$R")"
check "stop: zero failures" [ "$(val failures "$R")" = 0 ]
check "stop: no request near its deadline (max ${MAX_MS} ms < ${TIMEOUT} s / 2)" \
  awk -v m="$MAX_MS" -v t="$TIMEOUT" 'BEGIN { exit !(m < t * 500) }'
check "stop: the frozen worker's jobs were given up on as silent ($GIVEN_UP)" [ "$GIVEN_UP" -gt 0 ]
check "stop: member dropped in about 10 s (${DROP} s)" \
  awk -v d="$DROP" 'BEGIN { exit !(d != "never" && d + 0 <= 16) }'
# no key here is poisoned: workers lost under load must never quarantine one
QUARANTINED="$(metric "$GATEWAY_METRICS" imgrid_quarantined_total)"
check "no key quarantined by the worker losses (${QUARANTINED})" [ "$QUARANTINED" = 0 ]

if ((FAILED)); then echo "== faults: FAILED"; exit 1; fi
echo "== faults: all checks passed"
