#!/usr/bin/env bash
# Local grid (1 gateway + 2 workers, separate JVMs) vs standalone, in the same run, on the
# canonical job: the 4032×3024 photo through local:// → rs:fill:400:300, q80.
#   - throughput at concurrency 8 (goal: grid ≥ 0.9 × standalone)
#   - the gateway hop's latency overhead at concurrency 1 (goal: ≤ 2 ms at the median)
#   - the CPU each JVM used per request (user + system ms, from /proc): on a shared machine the
#     wall-clock numbers move with the neighbours' load, the CPU split much less
# Every request carries its own cachebuster, so dedup never collapses work in either mode.
# Both sides get the same libvips slots on this one machine: standalone IMGPROXY_WORKERS (default
# imgproxy's 2 x cores), and each of the grid's two workers half of it (two worker JVMs that each
# believed they owned every core would run twice the concurrent jobs on the same cores: ~5 % more
# libvips CPU per job from cache pressure, measured). Each side is warmed up for BENCH_WARMUP s
# (default 120) first: HotSpot's C2 keeps compiling the request path for minutes at ~50 req/s,
# and the grid has three JVMs compiling. Then BENCH_ROUNDS (5) rounds of BENCH_SECONDS (10 s)
# windows alternate between the two, and the goals are read on the medians of the rounds.
# Images: BENCH_IMAGES (default: the team kit's bench images, read in place); when the photo is
# missing a 4032×3024 stand-in is generated with the vips CLI. Loopback only; the nodes are
# always stopped at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/grid"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
ROUNDS="${BENCH_ROUNDS:-5}"
WARMUP="${BENCH_WARMUP:-120}"
SLOTS="${IMGPROXY_WORKERS:-$(( 2 * $(nproc) ))}"
IMAGES="${BENCH_IMAGES:-$ROOT/../shared/bench/images}"
PHOTO=photo-4032x3024.jpg
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench: wrk is required (apt-get install -y wrk)" >&2; exit 2; }
if [[ ! -f "$IMAGES/$PHOTO" ]]; then
  IMAGES="$OUT/images"; mkdir -p "$IMAGES"
  if [[ ! -f "$IMAGES/$PHOTO" ]]; then
    vips gaussnoise "$OUT/n.v" 4032 3024 --mean 128 --sigma 40
    vips bandjoin "$OUT/n.v $OUT/n.v $OUT/n.v" "$OUT/rgb.v"
    vips copy "$OUT/rgb.v" "$IMAGES/$PHOTO[Q=90]"
    rm -f "$OUT/n.v" "$OUT/rgb.v"
  fi
fi
export IMGPROXY_LOCAL_FILESYSTEM_ROOT="$IMAGES"
unset IMGPROXY_KEY IMGPROXY_SALT

STANDALONE_PID=""
cleanup() {
  [[ -n "$STANDALONE_PID" ]] && kill -TERM "$STANDALONE_PID" 2>/dev/null && wait "$STANDALONE_PID" 2>/dev/null
  "$ROOT/bin/imgrid" grid stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

cat > "$OUT/canonical.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/unsafe/rs:fill:400:300/q:80/cb:" .. wrk.thread_id .. "-" .. n
    .. "/plain/local:///$PHOTO")
end
setup = function(thread)
  thread:set("id", tostring(math.random(1, 1e9)))
end
init = function() wrk.thread_id = id end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.2f p50_ms=%.2f p99_ms=%.2f failures=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.status + e.connect + e.read + e.write + e.timeout,
    summary.requests))
end
LUA

run() { # host:port concurrency seconds
  wrk -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "${3}s" --timeout 30s -s "$OUT/canonical.lua" \
    "http://$1" | grep '^RESULT'
}
val() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

TICK="$(getconf CLK_TCK)"
cpu_ms() { awk -v t="$TICK" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }

# timed LABEL host:port concurrency NAME=PID...: one run, then the CPU each JVM used per request
# (user + system, from /proc), so the grid's own cost shows even on a busy machine.
timed() {
  local label="$1" addr="$2" c="$3" out n np name pid before=() i=0
  shift 3
  for np in "$@"; do before+=("$(cpu_ms "${np#*=}")"); done
  out="$(run "$addr" "$c" "$SECONDS_PER_RUN")"
  n="$(val requests "$out")"
  local split=""
  for np in "$@"; do
    name="${np%%=*}"; pid="${np#*=}"
    split+="$(awk -v a="${before[$i]}" -v b="$(cpu_ms "$pid")" -v n="$n" -v k="$name" \
      'BEGIN { printf " %s=%.2f", k, (b - a) / (n > 0 ? n : 1) }')"
    i=$(( i + 1 ))
  done
  echo "$label c$c: $out | cpu_ms_per_request:$split" >&2
  echo "$out"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

"$ROOT/bin/imgrid" version >/dev/null
PORT=$(( 20000 + RANDOM % 12000 ))
echo "== standalone on 127.0.0.1:$PORT, $SLOTS slots"
# IMGRID_RESTART=0: bin/imgrid execs the JVM, so $! is the JVM whose CPU is read from /proc
IMGRID_RESTART=0 IMGPROXY_BIND="127.0.0.1:$PORT" IMGPROXY_WORKERS="$SLOTS" "$ROOT/bin/imgrid" standalone > "$OUT/standalone.log" 2>&1 &
STANDALONE_PID=$!
for _ in $(seq 1 240); do
  curl -s -o /dev/null -m 1 "http://127.0.0.1:$PORT/health" && break
  kill -0 "$STANDALONE_PID" 2>/dev/null || { tail -20 "$OUT/standalone.log"; exit 1; }
  sleep 0.5
done
STANDALONE="127.0.0.1:$PORT"

echo "== grid: 1 gateway + 2 workers, $(( (SLOTS + 1) / 2 )) slots each (standalone: $SLOTS)"
IMGPROXY_WORKERS="$(( (SLOTS + 1) / 2 ))" "$ROOT/bin/imgrid" grid start -g 1 -w 2 | tee "$OUT/nodes.json"
GATEWAY="$(grep '"gateway"' "$OUT/nodes.json" | head -1 | sed 's/.*"http":"\([^"]*\)".*/\1/')"
PIDS=()
while read -r line; do
  PIDS+=("$(sed 's/.*"role":"\([a-z]*\)".*/\1/' <<<"$line")=$(sed 's/.*"pid":\([0-9]*\).*/\1/' <<<"$line")")
done < "$OUT/nodes.json"

echo "== warm-up: ${WARMUP} s each at concurrency 8"
run "$STANDALONE" 8 "$WARMUP" >/dev/null
run "$GATEWAY" 8 "$WARMUP" >/dev/null

# Both stay up (the idle one costs nothing) and the measured windows alternate, standalone then
# grid, ROUNDS times: each round's ratio and latency difference compare windows seconds apart,
# so the neighbours' drift over minutes cancels; the figures are the medians over the rounds.
echo "== $ROUNDS rounds of ${SECONDS_PER_RUN} s windows: standalone c8, grid c8, standalone c1, grid c1"
RATIOS=(); OVERHEADS=(); FAILURES=0
for ((r = 1; r <= ROUNDS; r++)); do
  s8="$(timed standalone "$STANDALONE" 8 "standalone=$STANDALONE_PID")"
  g8="$(timed grid "$GATEWAY" 8 "${PIDS[@]}")"
  s1="$(timed standalone "$STANDALONE" 1 "standalone=$STANDALONE_PID")"
  g1="$(timed grid "$GATEWAY" 1 "${PIDS[@]}")"
  ratio="$(awk -v g="$(val rps "$g8")" -v s="$(val rps "$s8")" 'BEGIN { printf "%.3f", g / s }')"
  overhead="$(awk -v g="$(val p50_ms "$g1")" -v s="$(val p50_ms "$s1")" 'BEGIN { printf "%.2f", g - s }')"
  RATIOS+=("$ratio"); OVERHEADS+=("$overhead")
  for x in "$s8" "$g8" "$s1" "$g1"; do FAILURES=$(( FAILURES + $(val failures "$x") )); done
  printf 'round %d: c8 %s / %s req/s = %s; c1 p50 %s vs %s ms = %+.2f ms\n' "$r" "$(val rps "$g8")" \
    "$(val rps "$s8")" "$ratio" "$(val p50_ms "$g1")" "$(val p50_ms "$s1")" "$overhead"
done
kill -TERM "$STANDALONE_PID"; wait "$STANDALONE_PID" 2>/dev/null || true; STANDALONE_PID=""
"$ROOT/bin/imgrid" grid stop

RATIO="$(printf '%s\n' "${RATIOS[@]}" | median | awk '{ printf "%.3f", $1 }')"
OVERHEAD="$(printf '%s\n' "${OVERHEADS[@]}" | median | awk '{ printf "%.2f", $1 }')"
echo "== results (medians over $ROUNDS rounds)"
printf 'throughput ratio grid/standalone at c8: %s (goal >= 0.9)\n' "$RATIO"
printf 'gateway-hop overhead at c1, median: %s ms (goal <= 2)\n' "$OVERHEAD"
FAILED=0
(( FAILURES == 0 )) || { echo "failed requests: $FAILURES"; FAILED=1; }
awk -v r="$RATIO" 'BEGIN { exit !(r >= 0.9) }' || { echo "throughput goal missed"; FAILED=1; }
awk -v o="$OVERHEAD" 'BEGIN { exit !(o <= 2) }' || { echo "latency goal missed"; FAILED=1; }
exit "$FAILED"
