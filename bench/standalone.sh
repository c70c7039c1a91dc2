#!/usr/bin/env bash
# imgrid standalone vs the sharp peer vs the in-process libvips C loop, on loopback.
#
# The canonical job: photo-4032x3024.jpg fetched over HTTP from a static nginx origin,
# fill-crop 400x300, JPEG q80, metadata stripped. Each server is loaded with wrk at concurrency
# CONC for DUR seconds after a warm-up of WARMUP_S seconds; the C loop runs the same job
# in-process on THREADS threads (after its own warm-up images). Prints req/s, p50, p99, server CPU ms per request (/proc/<pid>/stat deltas of the
# server's process tree), peak RSS, and the ratios vs sharp and vs the C loop.
#
# usage: bench/standalone.sh [DUR=20]     env: CONC=8 THREADS=$(nproc) WARMUP_S=120 KIT=../shared/bench KEEP=0
#   IMGRID_LIBVIPS_PATH=sharp  imgrid and the C loop use the sharp peer's own libvips (npm's
#                              @img/sharp-libvips-linux-x64, 8.18), as sharp does; or a path.
# Warm-up: the JVM's C2 compiler keeps compiling the request path until each method has run a few
# thousand times, i.e. for ~2 minutes at ~30 req/s; with a 3 s warm-up it spent ~2.3 ms of CPU per
# measured request, after 150 s 0.7 ms. WARMUP_S=120 measures the steady state a server runs in.
# Reads the kit read-only: the image, the sharp peer and vipsbench.c are copied to a scratch dir.
# Only processes this script starts are stopped (by PID). Loopback only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KIT="${KIT:-$ROOT/../shared/bench}"
DUR="${1:-20}"; CONC="${CONC:-8}"; THREADS="${THREADS:-$(nproc)}"; WARMUP_S="${WARMUP_S:-120}"
IMG=photo-4032x3024.jpg
STATIC_PORT=18281; IMGRID_PORT=18280; SHARP_PORT=18290

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v node >/dev/null || need+=(nodejs npm)
pkg-config --exists vips 2>/dev/null || need+=(libvips-dev pkg-config)
command -v gcc >/dev/null || need+=(gcc)
if ((${#need[@]})); then
  if [[ "$(id -u)" != 0 ]]; then echo "missing: ${need[*]} (apt-get install -y ${need[*]})" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/imgrid-bench.XXXXXX")"
mkdir -p "$SCRATCH/images" "$SCRATCH/nginx/logs"
cp "$KIT/images/$IMG" "$SCRATCH/images/"
cp -r "$KIT/peers/sharp" "$SCRATCH/sharp"
cp "$KIT/vipsbench.c" "$SCRATCH/"
chmod a+rx "$SCRATCH" "$SCRATCH/images"; chmod a+r "$SCRATCH/images/$IMG"   # nginx workers read it

PIDS=()
stop_pid() { local p=$1; kill -TERM "$p" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done; kill -KILL "$p" 2>/dev/null || true; }
cleanup() { for p in "${PIDS[@]}"; do stop_pid "$p"; done; [[ "${KEEP:-0}" == 1 ]] || rm -rf "$SCRATCH"; }
trap cleanup EXIT
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $STATIC_PORT $IMGRID_PORT $SHARP_PORT; do port_free "$p" || { echo "port $p busy" >&2; exit 1; }; done
wait_http() { for _ in $(seq 600); do curl -s -o /dev/null -m 10 -f "$1" && return 0; sleep 0.2; done; echo "no answer: $1" >&2; return 1; }
tree_pids() { local p=$1; echo "$p"; for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do tree_pids "$c"; done; }
tree_rss_kb() { local s=0 v; for p in $(tree_pids "$1"); do v=$(awk '/^VmRSS/{print $2}' "/proc/$p/status" 2>/dev/null || true); s=$((s + ${v:-0})); done; echo "$s"; }
tree_cpu_ticks() { local s=0 v; for p in $(tree_pids "$1"); do v=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || true); s=$((s + ${v:-0})); done; echo "$s"; }
to_ms() { awk -v t="$1" 'BEGIN{ v=t+0; if (t ~ /us$/) v/=1000; else if (t ~ /ms$/) v=v; else if (t ~ /s$/) v*=1000; printf "%.1f", v }'; }
HZ=$(getconf CLK_TCK)

# ---- static origin
cat > "$SCRATCH/nginx/nginx.conf" <<NGX
daemon off; worker_processes 1; pid $SCRATCH/nginx/nginx.pid; error_log $SCRATCH/nginx/logs/error.log warn;
events { worker_connections 1024; }
http { access_log off; sendfile on; keepalive_requests 100000;
  types { image/jpeg jpg; }
  server { listen 127.0.0.1:$STATIC_PORT; root $SCRATCH/images; location / { } } }
NGX
nginx -c "$SCRATCH/nginx/nginx.conf" -p "$SCRATCH/nginx" >/dev/null 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$STATIC_PORT/$IMG"

# ---- load one server: label pid url -> one table row in ROWS
declare -A RPS P50 P99 CPU RSS LOAD0 LOAD1
load() {
  local label=$1 pid=$2 url=$3
  wait_http "$url"
  wrk -t2 -c"$CONC" -d"${WARMUP_S}s" --timeout 30s "$url" >/dev/null 2>&1 || true
  LOAD0[$label]=$(cut -d' ' -f1 /proc/loadavg)
  ( m=0; while kill -0 "$pid" 2>/dev/null; do v=$(tree_rss_kb "$pid"); ((v > m)) && m=$v && echo "$m" > "$SCRATCH/rss-$label"; sleep 0.2; done ) &
  local sampler=$!
  local c0; c0=$(tree_cpu_ticks "$pid")
  local out; out=$(wrk -t2 -c"$CONC" -d"${DUR}s" --latency --timeout 30s "$url" 2>&1)
  local c1; c1=$(tree_cpu_ticks "$pid")
  LOAD1[$label]=$(cut -d' ' -f1 /proc/loadavg)
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  local reqs; reqs=$(awk '/requests in/{print $1}' <<<"$out")
  local bad; bad=$(awk '/Non-2xx/{n+=$NF} END{print n+0}' <<<"$out")
  RPS[$label]=$(awk '/^Requests\/sec/{print $2}' <<<"$out")
  P50[$label]=$(to_ms "$(awk '$1=="50%"{print $2}' <<<"$out")")
  P99[$label]=$(to_ms "$(awk '$1=="99%"{print $2}' <<<"$out")")
  CPU[$label]=$(awk -v a="$c0" -v b="$c1" -v n="$reqs" -v hz="$HZ" 'BEGIN{ if (n>0) printf "%.1f", (b-a)*1000/hz/n; else print "-" }')
  RSS[$label]=$(( $(cat "$SCRATCH/rss-$label" 2>/dev/null || echo 0) / 1024 ))
  if ((bad > 0)); then echo "warning: $label answered $bad non-2xx responses" >&2; fi
}

# ---- the sharp peer's dependencies (its libvips may also serve imgrid and the C loop)
(cd "$SCRATCH/sharp" && npm ci --no-audit --no-fund >/dev/null 2>&1)
if [[ "${IMGRID_LIBVIPS_PATH:-}" == sharp ]]; then
  IMGRID_LIBVIPS_PATH="$SCRATCH/sharp/node_modules/@img/sharp-libvips-linux-x64/lib"
  [[ -d "$IMGRID_LIBVIPS_PATH" ]] || { echo "no sharp libvips at $IMGRID_LIBVIPS_PATH" >&2; exit 1; }
  export IMGRID_LIBVIPS_PATH
fi

# ---- imgrid standalone (source over HTTP from the static origin)
[[ -f "$ROOT/app/target/imgrid.jar" ]] || "$ROOT/bin/imgrid" version >/dev/null
# IMGRID_RESTART=0: the JVM in the script's place, as stop_pid expects (no launcher in between)
IMGRID_RESTART=0 IMGPROXY_BIND="127.0.0.1:$IMGRID_PORT" IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES=true \
  IMGPROXY_LOG_LEVEL=warn IMGPROXY_LOCAL_FILESYSTEM_ROOT="$SCRATCH/images" \
  "$ROOT/bin/imgrid" standalone >"$SCRATCH/imgrid.log" 2>&1 & IMGRID_PID=$!; PIDS+=($IMGRID_PID)
load imgrid "$IMGRID_PID" \
  "http://127.0.0.1:$IMGRID_PORT/unsafe/rs:fill:400:300/q:80/plain/http://127.0.0.1:$STATIC_PORT/$IMG"
stop_pid "$IMGRID_PID"

# ---- sharp peer (same job, source over HTTP, one process per core)
( cd "$SCRATCH/sharp" && exec env HOST=127.0.0.1 PORT=$SHARP_PORT WORKERS="$THREADS" SRC=http \
    SRC_BASE="http://127.0.0.1:$STATIC_PORT" node server.js ) >"$SCRATCH/sharp.log" 2>&1 & SHARP_PID=$!; PIDS+=($SHARP_PID)
load sharp "$SHARP_PID" "http://127.0.0.1:$SHARP_PORT/fill/400/300/jpg/$IMG"
stop_pid "$SHARP_PID"

# ---- the C loop: libvips in-process, no HTTP
# Linked like bench/worker.sh: the system's libvips, or IMGRID_LIBVIPS_PATH's (system headers;
# sharp's self-contained library alone, since it exports GLib too).
LINK="$(pkg-config --libs vips)"; LIBNOTE="system $(pkg-config --modversion vips)"
if [[ -n "${IMGRID_LIBVIPS_PATH:-}" ]]; then
  lib="$IMGRID_LIBVIPS_PATH"
  [[ -d "$lib" ]] && lib="$(ls "$lib"/libvips-cpp.so* "$lib"/libvips.so* 2>/dev/null | head -1 || true)"
  [[ -f "$lib" ]] || { echo "no libvips library at IMGRID_LIBVIPS_PATH=$IMGRID_LIBVIPS_PATH" >&2; exit 1; }
  LINK="$lib -Wl,-rpath,$(dirname "$lib") $(pkg-config --libs glib-2.0 gobject-2.0)"
  nm -D --defined-only "$lib" 2>/dev/null | grep -q ' g_object_unref$' && LINK="$lib -Wl,-rpath,$(dirname "$lib")"
  LIBNOTE="$(basename "$lib")"
fi
# shellcheck disable=SC2086
gcc -O2 -o "$SCRATCH/vipsbench" "$SCRATCH/vipsbench.c" $(pkg-config --cflags vips) $LINK -lm -lpthread
ITERS=$(awk -v d="$DUR" -v t="$THREADS" 'BEGIN{ n = int(d * 25 * t); print (n < 40 ? 40 : n) }')
line=$(VIPS_WARNING=0 VIPS_CONCURRENCY=1 timeout $((DUR * 4 + 60)) "$SCRATCH/vipsbench" "$SCRATCH/images/$IMG" jpeg400 -n "$ITERS" -t "$THREADS")
kv() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$line"; }
RPS[c-loop]=$(kv imgs_per_s); P50[c-loop]=$(kv lat_p50_ms); P99[c-loop]=$(kv lat_p99_ms)
CPU[c-loop]=$(kv cpu_ms_per_img); RSS[c-loop]=$(kv maxrss_mb)
LOAD0[c-loop]=$(kv others_cores); LOAD1[c-loop]="others' cores"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 > 0) printf "%.2f", a/b; else print "-" }'; }
echo
echo "# $(date -Is) $(nproc) cores; wrk -t2 -c$CONC -d${DUR}s after ${WARMUP_S}s; $IMG -> fill 400x300 JPEG q80; C loop $THREADS threads x $ITERS images; libvips for imgrid and the C loop: $LIBNOTE"
echo "# load average (1 min) before -> after each window: imgrid ${LOAD0[imgrid]} -> ${LOAD1[imgrid]}, sharp ${LOAD0[sharp]} -> ${LOAD1[sharp]}; C loop: others' cores ${LOAD0[c-loop]}"
echo "| server | req/s | p50 ms | p99 ms | CPU ms/req | peak RSS MB | req/s vs sharp | req/s vs C loop | CPU vs sharp | CPU vs C loop |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for s in imgrid sharp c-loop; do
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$s" "${RPS[$s]}" "${P50[$s]}" "${P99[$s]}" \
    "${CPU[$s]}" "${RSS[$s]}" "$(ratio "${RPS[$s]}" "${RPS[sharp]}")" "$(ratio "${RPS[$s]}" "${RPS[c-loop]}")" \
    "$(ratio "${CPU[$s]}" "${CPU[sharp]}")" "$(ratio "${CPU[$s]}" "${CPU[c-loop]}")"
done
echo "(C loop latencies are per image inside the process, without HTTP; KEEP=1 keeps $SCRATCH)"
