#!/usr/bin/env bash
# Soak: imgrid under a sustained, bounded load of every pipeline step and every saver, with
# glibc's heap checks on in every JVM, to prove no heap corruption, no dead JVM and no growing
# memory (issue 11). Per mode (SOAK_MODES, default "standalone,grid"):
#   standalone  bin/imgrid standalone (IMGPROXY_WORKERS slots; restarted by its launcher on a crash,
#               which the soak counts as a crash)
#   grid        bin/imgrid grid start -g 1 -w 2 (IMGPROXY_WORKERS slots per worker)
# it runs wrk (SOAK_CONNECTIONS clients, default 6: above the slot count, so jobs queue) on
# 127.0.0.1 for SOAK_MINUTES (default 30; decimals allowed), in windows of SOAK_SAMPLE_SECONDS
# (default 60, or a sixth of a run shorter than 6 minutes), and prints per window the requests,
# non-2xx, p99 and each JVM's RSS / threads / open files (sampled every 5 s in the background).
#
# Exit 1 when, in any mode: a JVM crashed (a node process died, the launcher logged a crash, or an
# hs_err file appeared), any request answered 5xx (or 4xx, or failed on the socket: the mix is
# all valid and every URL answered 200 in a preflight), or RSS still grows: for each JVM, the
# peak RSS of the run's last third exceeds the peak of its middle third by more than
# max(SOAK_RSS_TOLERANCE_MB, SOAK_RSS_TOLERANCE_PCT % of that peak) (defaults 64 MB / 10 %; the
# first third is warm-up: JIT, heap and malloc arenas filling). Peaks of 5 s samples, not single
# readings, so one large job in flight at a sampling instant neither hides nor fakes a trend.
#
# URL mix: resize types fit/fill/fill-down/force/auto, crop, gravity (incl. smart), trim, rotate,
# flip, blur, sharpen, pixelate, watermark (IMGPROXY_WATERMARK_PATH), padding, extend,
# background, zoom, dpr, max_bytes, auto-rotate; every format the worker reports it saves (its
# "saves [...]" log line: JPEG, PNG, WebP, AVIF, GIF, JXL, HEIC, TIFF on Debian 12's 8.14);
# sources of each format it loads, animated GIF (IMGPROXY_MAX_ANIMATION_FRAMES=16), PNG with
# alpha, grey PNG, SVG (sanitized pass-through and rasterized), generated images of several
# sizes, and the team kit's photos (SOAK_KIT_IMAGES, default ../shared/bench/images; copied to a
# scratch dir) when present. Every request carries its own cachebuster, so dedup never collapses
# two: each request is one libvips job.
#
# glibc checks (SOAK_MALLOC_CHECK=1, the default): LD_PRELOAD=libc_malloc_debug.so.0,
# MALLOC_CHECK_=3 (report and abort on the first inconsistency), MALLOC_PERTURB_=SOAK_PERTURB
# (default 165: freed and fresh memory filled with a pattern, so a use-after-free reads garbage).
# IMGRID_LIBVIPS_PATH, VIPS_* and IMGPROXY_WORKERS pass through to the nodes. Output: stdout and
# bench/out/soak/ (node logs, samples, wrk results, crash files). Loopback only; every process
# the soak starts is stopped (by PID) at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/soak"
MINUTES="${SOAK_MINUTES:-30}"
MODES="${SOAK_MODES:-standalone,grid}"
CONNS="${SOAK_CONNECTIONS:-6}"
SLOTS="${IMGPROXY_WORKERS:-2}"
KIT_IMAGES="${SOAK_KIT_IMAGES:-$ROOT/../shared/bench/images}"
TOL_MB="${SOAK_RSS_TOLERANCE_MB:-64}"
TOL_PCT="${SOAK_RSS_TOLERANCE_PCT:-10}"
TIMEOUT=30
DURATION="$(awk -v m="$MINUTES" 'BEGIN { s = int(m * 60 + 0.5); print (s < 30 ? 30 : s) }')"
if [[ -n "${SOAK_SAMPLE_SECONDS:-}" ]]; then
  WINDOW="$SOAK_SAMPLE_SECONDS"
elif (( DURATION >= 360 )); then
  WINDOW=60
else
  WINDOW=$(( DURATION / 6 < 5 ? 5 : DURATION / 6 ))
fi

for tool in wrk vips curl awk; do
  command -v "$tool" >/dev/null || { echo "soak: $tool is required (apt-get install -y wrk libvips-tools curl)" >&2; exit 2; }
done
rm -rf "$OUT"; mkdir -p "$OUT"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/imgrid-soak.XXXXXX")"
IMAGES="$SCRATCH/images"; mkdir -p "$IMAGES"

LAUNCHER=""; SAMPLER=""; GRID_UP=0
cleanup() {
  [[ -n "$SAMPLER" ]] && kill "$SAMPLER" 2>/dev/null
  stop_standalone
  stop_grid
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- images
# base NAME W H: an sRGB uchar image (noise over a zone plate: detail for the codecs and smart crop).
base() {
  local d="$SCRATCH/base"; mkdir -p "$d"
  vips gaussnoise "$d/n.v" "$2" "$3" --mean 0 --sigma 25
  vips zone "$d/z.v" "$2" "$3"
  vips linear "$d/z.v" "$d/zl.v" 100 128
  vips add "$d/zl.v" "$d/n.v" "$d/s.v"
  vips bandjoin "$d/s.v $d/zl.v $d/n.v" "$d/b3.v"
  vips linear "$d/b3.v" "$d/b4.v" "1 1 1" "0 0 128"
  vips cast "$d/b4.v" "$d/b5.v" uchar
  vips copy "$d/b5.v" "$1" --interpretation srgb
  rm -f "$d"/*.v
}

make_images() {
  local t="$SCRATCH/tmp"; mkdir -p "$t"
  base "$t/s640.v" 640 480; base "$t/m1600.v" 1600 1200; base "$t/l3000.v" 3000 2000
  base "$t/p900.v" 900 1200; base "$t/w800.v" 800 600
  vips copy "$t/s640.v" "$IMAGES/gen-640x480.jpg[Q=85]"
  vips copy "$t/m1600.v" "$IMAGES/gen-1600x1200.jpg[Q=90]"
  vips copy "$t/l3000.v" "$IMAGES/gen-3000x2000.jpg[Q=85]"
  vips copy "$t/p900.v" "$IMAGES/gen-900x1200.png"
  vips zone "$t/z.v" 800 600; vips linear "$t/z.v" "$t/a.v" 127 128 --uchar
  vips bandjoin "$t/w800.v $t/a.v" "$t/rgba.v"
  vips copy "$t/rgba.v" "$IMAGES/gen-alpha-800x600.png" --interpretation srgb
  vips colourspace "$t/w800.v" "$IMAGES/gen-grey-800x600.png" b-w
  vips copy "$t/rgba.v" "$IMAGES/gen-alpha-800x600.webp[Q=80]" --interpretation srgb
  local optional
  for optional in "gen-800x600.avif[Q=60]" "gen-800x600.heic[Q=60]" "gen-800x600.jxl[Q=80]"; do
    vips copy "$t/w800.v" "$IMAGES/$optional" 2>/dev/null \
      || echo "   the vips CLI cannot write ${optional%%\[*}: that source is left out"
  done
  vips copy "$t/w800.v" "$IMAGES/gen-800x600.tiff"
  vips copy "$t/w800.v" "$IMAGES/gen-800x600.gif"
  # an image with a flat white border, for trim
  vips embed "$t/w800.v" "$IMAGES/gen-border.png" 100 80 1000 760 --extend background --background "255 255 255"
  # an animated GIF of 8 frames; arrayjoin from PNGs (8.14.1's CLI crashes joining .v files down)
  local frames=() i
  for i in 0 1 2 3 4 5 6 7; do
    vips gaussnoise "$t/f.v" 320 240 --mean $(( 40 + i * 25 )) --sigma 30
    vips cast "$t/f.v" "$t/f$i.png" uchar
    frames+=("$t/f$i.png")
  done
  vips arrayjoin "${frames[*]}" "$t/strip.png" --across 1
  vips gifsave "$t/strip.png" "$IMAGES/gen-anim-8f.gif" --page-height 240
  # the watermark: a small PNG with alpha
  vips zone "$t/wz.v" 200 80; vips linear "$t/wz.v" "$t/wa.v" 120 120 --uchar
  vips black "$t/wb.v" 200 80 --bands 3; vips linear "$t/wb.v" "$t/wc.v" "1 1 1" "250 40 40" --uchar
  vips bandjoin "$t/wc.v $t/wa.v" "$t/wm.v"; vips copy "$t/wm.v" "$SCRATCH/watermark.png" --interpretation srgb
  cat > "$IMAGES/gen-logo.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">
  <defs><linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#0a6"/><stop offset="1" stop-color="#06c"/></linearGradient></defs>
  <rect width="400" height="300" fill="url(#g)"/>
  <circle cx="200" cy="150" r="90" fill="#fff" fill-opacity="0.6"/>
  <text x="200" y="165" font-size="48" text-anchor="middle" font-family="sans-serif">imgrid</text>
</svg>
SVG
  rm -rf "$t"
  KIT_COUNT=0
  if [[ -d "$KIT_IMAGES" ]]; then
    local f
    for f in "$KIT_IMAGES"/*.jpg "$KIT_IMAGES"/*.png; do
      [[ -f "$f" ]] || continue
      cp "$f" "$IMAGES/kit-$(basename "$f")"; KIT_COUNT=$(( KIT_COUNT + 1 ))
    done
  fi
}

# ---------------------------------------------------------------- the URL mix
# ext FORMAT → the URL extension imgproxy uses for it
ext() { case "$1" in JPEG) echo jpg ;; TIFF) echo tiff ;; *) tr 'A-Z' 'a-z' <<<"$1" ;; esac; }
format_of() { # file → its format name as the worker reports formats
  case "${1##*.}" in jpg) echo JPEG ;; png) echo PNG ;; webp) echo WEBP ;; avif) echo AVIF ;;
    heic) echo HEIC ;; jxl) echo JXL ;; tiff) echo TIFF ;; gif) echo GIF ;; svg) echo SVG ;; esac
}

# expected_type PATH → the content type PATH asks for ("" when it names no format)
expected_type() {
  case "$1" in
    *@jpg) echo image/jpeg ;; *@png) echo image/png ;; *@webp) echo image/webp ;;
    *@avif) echo image/avif ;; *@gif) echo image/gif ;; *@heic) echo image/heif ;;
    *@jxl) echo image/jxl ;; *@tiff) echo image/tiff ;; *.svg) echo image/svg+xml ;;
  esac
}

# build_mix LOADS SAVES: writes $OUT/<mode>-paths.txt (one path per line, CB for the cachebuster)
build_mix() {
  local loads=" $1 " saves=($2) file="$OUT/$MODE-paths.txt" f src=() n=0 i k fmt
  : > "$file"
  for f in "$IMAGES"/*; do
    [[ "$f" == *.svg || "$f" == *anim* ]] && continue
    [[ "$loads" == *" $(format_of "$f") "* ]] && src+=("$(basename "$f")")
  done
  local photo="gen-1600x1200.jpg" big="gen-3000x2000.jpg"
  [[ -f "$IMAGES/kit-photo-4032x3024.jpg" ]] && big="kit-photo-4032x3024.jpg"
  add() { echo "/unsafe/cb:CB/$1/plain/local:///$2" >> "$file"; }
  # each loader, its own output format (or the fallback when it cannot save it)
  for f in "${src[@]}"; do add "rs:fit:320:320" "$f"; done
  # each saver from a photo and from the alpha PNG
  for fmt in "${saves[@]}"; do
    add "rs:fill:400:300" "$photo@$(ext "$fmt")"
    add "rs:fit:300:300" "gen-alpha-800x600.png@$(ext "$fmt")"
  done
  # every step, rotating over sources and the fast savers (the slow ones, at seconds per
  # megapixel, get small outputs of their own below, so the load stays at many jobs a second)
  local steps=(
    "rs:fit:300:300" "rs:fill:400:300" "rs:fill-down:800:600" "rs:force:320:200" "rs:auto:400:400"
    "rs:fill:300:300/g:sm" "rs:fill:300:200/g:nowe" "rs:fill:250:250/g:ce:0.2:0.1"
    "c:400:300:ce/rs:fit:200:200" "c:0.5:0.5:sm/rs:fit:300:300" "c:300:300:nowe:10:10"
    "rot:90/rs:fit:300:300" "rot:270/rs:fill:200:300" "fl:1:0/rs:fit:300:300" "ar:1/rs:fit:400:400"
    "bl:3/rs:fit:400:400" "sh:1.5/rs:fit:400:400" "pix:12/rs:fit:400:400" "bl:1/sh:0.7/rs:fill:300:300"
    "wm:0.6:soea:10:10:0.25/rs:fit:500:500" "wm:0.4:re:0:0:0.15/rs:fit:400:400" "wm:1:ce/rs:fill:300:300"
    "pd:10:20:30:40/bg:30:60:90/rs:fit:300:300" "rs:fit:400:400/ex:1:ce/bg:255:255:255"
    "rs:fill:300:200/exar:1:so" "bg:ffffff/rs:fit:300:300" "z:0.25" "dpr:2/rs:fit:150:150"
    "mb:15000/rs:fit:600:600" "q:55/rs:fit:500:500" "rs:fit:1200:1200/el:1"
  )
  local fast=() slow=()
  for fmt in "${saves[@]}"; do
    case "$fmt" in JPEG|PNG|WEBP|TIFF) fast+=("$fmt") ;; *) slow+=("$fmt") ;; esac
  done
  ((${#fast[@]})) || fast=("${saves[@]}")
  i=0
  for s in "${steps[@]}"; do
    for k in 0 1; do
      f="${src[$(( (i * 3 + k * 5) % ${#src[@]} ))]}"
      fmt="${fast[$(( (i * 2 + k) % ${#fast[@]} ))]}"
      add "$s" "$f@$(ext "$fmt")"
    done
    i=$(( i + 1 ))
  done
  local small=("rs:fill:300:300/g:sm" "rs:fit:300:300/sh:1/bl:0.5" "wm:0.5:soea/rs:fit:300:300"
    "pd:10/bg:ffffff/rs:fit:250:250/rot:90" "pix:6/rs:fill:200:200/g:nowe" "rs:fit:280:280/ex:1/bg:0:0:0")
  for fmt in "${slow[@]}"; do
    for s in "${small[@]}"; do
      f="${src[$(( i % ${#src[@]} ))]}"; i=$(( i + 1 ))
      add "$s" "$f@$(ext "$fmt")"
    done
  done
  # trim on a bordered image; the big photo (shrink-on-load); the kit's real photos
  add "t:10/rs:fit:300:300" "gen-border.png@png"
  add "t:20:ffffff/rs:fill:300:300" "gen-border.png@webp"
  add "rs:fill:400:300/q:80" "$big"
  add "rs:fit:800:800/sh:1" "$big@webp"
  for f in "$IMAGES"/kit-*; do
    [[ -f "$f" ]] || continue
    f="$(basename "$f")"
    fmt="${fast[$(( n % ${#fast[@]} ))]}"; n=$(( n + 1 ))
    add "rs:fill:400:300/g:sm" "$f"
    add "rs:fit:640:640/bl:2" "$f@$(ext "$fmt")"
  done
  # animation (GIF → GIF and WebP keep the frames; JPEG takes the first)
  add "rs:fit:160:160" "gen-anim-8f.gif"
  add "rs:fill:120:120/g:sm" "gen-anim-8f.gif@webp"
  add "rs:fit:200:200/wm:0.5:soea" "gen-anim-8f.gif@gif"
  add "rs:fit:200:200" "gen-anim-8f.gif@jpg"
  # SVG: sanitized pass-through, and rasterized
  if [[ "$loads" == *" SVG "* ]]; then
    add "q:80" "gen-logo.svg"
    add "rs:fit:200:200" "gen-logo.svg@png"
    add "rs:fill:100:100" "gen-logo.svg@webp"
  fi
}

cat > "$OUT/soak.lua" <<'LUA'
-- Rotates over the mix in SOAK_PATHS (a file) from SOAK_OFFSET on (the requests of the earlier
-- windows, so each window goes on where the last stopped), each request with its own cachebuster; counts
-- the answers by class (wrk's own errors.status lumps 4xx and 5xx together).
local paths = {}
for line in io.lines(os.getenv("SOAK_PATHS")) do paths[#paths + 1] = line end
local threads = {}
local next_id = 1
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
function init(args)
  n = tonumber(os.getenv("SOAK_OFFSET") or "0"); s4 = 0; s5 = 0; other = 0
  tag = os.getenv("SOAK_TAG") or "w"
end
function request()
  n = n + 1
  local p = paths[((n * 7 + id * 11) % #paths) + 1]
  return wrk.format("GET", (p:gsub("CB", tag .. "-" .. id .. "-" .. n, 1)))
end
function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then other = other + 1 end
end
function done(summary, latency, requests)
  local a4, a5, a3 = 0, 0, 0
  for _, t in ipairs(threads) do
    a4 = a4 + t:get("s4"); a5 = a5 + t:get("s5"); a3 = a3 + t:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d s5xx=%d s4xx=%d s3xx=%d socket=%d timeouts=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    summary.requests, a5, a4, a3, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

# ---------------------------------------------------------------- nodes
MALLOC_ENV=()
if [[ "${SOAK_MALLOC_CHECK:-1}" != 0 ]]; then
  SO=""
  for d in /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib64 /usr/lib64 /lib /usr/lib \
      /lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu; do
    [[ -f "$d/libc_malloc_debug.so.0" ]] && { SO="$d/libc_malloc_debug.so.0"; break; }
  done
  [[ -n "$SO" ]] || SO="$(ldconfig -p 2>/dev/null | awk '/libc_malloc_debug\.so\.0/ { print $NF; exit }')"
  [[ -n "$SO" ]] || { echo "soak: libc_malloc_debug.so.0 not found (glibc >= 2.34); SOAK_MALLOC_CHECK=0 runs without" >&2; exit 2; }
  MALLOC_ENV=(LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD:}$SO" MALLOC_CHECK_=3 MALLOC_PERTURB_="${SOAK_PERTURB:-165}")
fi

# Each JVM logs its heap's address (for heap_range); JAVA_TOOL_OPTIONS adds to bin/imgrid's own
# options instead of replacing them as IMGRID_JAVA_OPTS would.
export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-Xlog:gc+heap+coops=debug:file=$OUT/heap-%p.log"
export IMGPROXY_LOCAL_FILESYSTEM_ROOT="$IMAGES"
export IMGPROXY_WATERMARK_PATH="$SCRATCH/watermark.png"
export IMGPROXY_MAX_ANIMATION_FRAMES=16
export IMGPROXY_WORKERS="$SLOTS"
export IMGPROXY_TIMEOUT="$TIMEOUT"
export IMGPROXY_GRACEFUL_STOP_TIMEOUT=5
unset IMGPROXY_KEY IMGPROXY_SALT IMGPROXY_BIND IMGPROXY_PRESETS IMGPROXY_ONLY_PRESETS

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 10000 + RANDOM % 20000 ))
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  echo "soak: no free port" >&2; return 1
}
alive() { kill -0 "$1" 2>/dev/null; }
jvm_of() { ps -o pid=,comm= --ppid "$1" 2>/dev/null | awk '$2 == "java" { print $1; exit }'; }

start_standalone() {
  local port; port="$(free_port)"
  ADDR="127.0.0.1:$port"
  env "${MALLOC_ENV[@]}" IMGPROXY_BIND="$ADDR" IMGRID_CRASH_DIR="$CRASH_DIR" \
    "$ROOT/bin/imgrid" standalone > "$OUT/standalone.log" 2>&1 < /dev/null &
  LAUNCHER=$!
  local i
  for i in $(seq 1 240); do
    curl -s -o /dev/null -m 2 -f "http://$ADDR/health" && break
    alive "$LAUNCHER" || { echo "soak: standalone exited during start:" >&2; tail -30 "$OUT/standalone.log" >&2; exit 1; }
    sleep 0.5
  done
  JVMS=("standalone=$(jvm_of "$LAUNCHER")")
  FORMAT_LOG="$OUT/standalone.log"
}

stop_standalone() {
  [[ -n "$LAUNCHER" ]] || return 0
  kill -TERM "$LAUNCHER" 2>/dev/null || true
  local i jvm; jvm="$(jvm_of "$LAUNCHER")"
  for i in $(seq 1 150); do alive "$LAUNCHER" || break; sleep 0.2; done
  if alive "$LAUNCHER"; then kill -KILL "$LAUNCHER" 2>/dev/null || true; fi
  [[ -n "$jvm" ]] && alive "$jvm" && kill -KILL "$jvm" 2>/dev/null
  wait "$LAUNCHER" 2>/dev/null || true
  LAUNCHER=""
}

start_grid() {
  export IMGRID_GRID_STATE="$OUT/grid-state"
  env "${MALLOC_ENV[@]}" IMGRID_CRASH_DIR="$CRASH_DIR" \
    "$ROOT/bin/imgrid" grid start -g 1 -w 2 > "$OUT/grid-nodes.json" 2> "$OUT/grid-start.log" \
    || { cat "$OUT/grid-start.log" >&2; exit 1; }
  GRID_UP=1
  field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",]*\)\"\{0,1\}.*/\1/p"; }
  ADDR="$(grep '"gateway"' "$OUT/grid-nodes.json" | head -1 | field http)"
  JVMS=("gateway=$(grep '"gateway"' "$OUT/grid-nodes.json" | field pid)")
  local w=1 pid
  for pid in $(grep '"worker"' "$OUT/grid-nodes.json" | field pid); do JVMS+=("worker-$w=$pid"); w=$(( w + 1 )); done
  FORMAT_LOG="$IMGRID_GRID_STATE/worker-0.log"
}

stop_grid() {
  (( GRID_UP )) || return 0
  IMGRID_GRID_STATE="$OUT/grid-state" "$ROOT/bin/imgrid" grid stop >> "$OUT/grid-stop.log" 2>&1 || true
  GRID_UP=0
}

# ---------------------------------------------------------------- sampling
# Every 5 s, one line per JVM: seconds name pid rss_kb threads fds heap_rss_kb ("dead" after the
# pid when it is gone; heap "-" when unknown). heap_rss is the resident part of the Java heap's
# reservation: its address comes from the JVM's own gc+heap+coops log line (JAVA_TOOL_OPTIONS
# below), the residency from /proc/PID/smaps.
heap_range() { # pid → "start end" of its heap as 16-digit hex, or nothing
  local line base size
  line="$(grep -m1 -o 'Heap address: 0x[0-9a-f]*, size: [0-9]* MB' "$OUT/heap-$1.log" 2>/dev/null)" || return 0
  base="$(sed 's/.*0x\([0-9a-f]*\),.*/\1/' <<<"$line")"; size="$(sed 's/.*size: \([0-9]*\) MB/\1/' <<<"$line")"
  printf '%016x %016x\n' "$(( 16#$base ))" "$(( 16#$base + size * 1024 * 1024 ))"
}
heap_rss_kb() { # pid start end → resident kB of the mappings inside [start, end)
  awk -v lo="$2" -v hi="$3" '
    function pad(x) { while (length(x) < 16) x = "0" x; return x }
    /^[0-9a-f]+-[0-9a-f]+ / { split($1, a, "-"); inside = pad(a[1]) >= lo && pad(a[2]) <= hi; next }
    inside && $1 == "Rss:" { s += $2 }
    END { print s + 0 }' "/proc/$1/smaps" 2>/dev/null || echo -
}

sampler() {
  local t0=$SECONDS np name pid rss thr fds heap range
  declare -A ranges=()
  while :; do
    if [[ "$MODE" == standalone ]]; then
      pid="$(jvm_of "$LAUNCHER")"; JVMS=("standalone=${pid:-0}")
    fi
    for np in "${JVMS[@]}"; do
      name="${np%%=*}"; pid="${np#*=}"
      if [[ "$pid" != 0 ]] && rss="$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null)" && [[ -n "$rss" ]]; then
        thr="$(awk '/^Threads/ { print $2 }' "/proc/$pid/status" 2>/dev/null)"
        fds="$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)"
        [[ -n "${ranges[$pid]:-}" ]] || ranges[$pid]="$(heap_range "$pid")"
        range="${ranges[$pid]}"; heap="-"
        # shellcheck disable=SC2086
        [[ -n "$range" ]] && heap="$(heap_rss_kb "$pid" $range)"
        echo "$(( SECONDS - t0 )) $name $pid $rss $thr $fds $heap"
      else
        echo "$(( SECONDS - t0 )) $name $pid dead"
      fi
    done
    sleep 5
  done
}

latest() { # name → "name rss=…MB (heap …MB) thr=… fds=…" of its newest sample
  awk -v n="$1" '$2 == n { l = $0 } END { split(l, f, " ");
    if (f[4] == "dead" || l == "") { print n " dead"; exit }
    h = (f[7] == "-" || f[7] == "") ? "" : sprintf(" (heap %dMB)", f[7] / 1024)
    printf "%s rss=%dMB%s thr=%d fds=%d", n, f[4] / 1024, h, f[5], f[6] }' "$SAMPLES"
}

# rss_verdict NAME → prints the rule's numbers; returns 1 when RSS still grows. Judged on the RSS
# outside the Java heap when every judged sample has the heap's residency: -Xmx bounds the heap
# (a Java leak ends in an OutOfMemoryError exit, a crash here), and ParallelGC touching more of it
# as it grows from -Xms is no leak; what is left (libvips' pixels, glibc's arenas, metaspace, code
# cache, thread stacks) has no such bound. The plain RSS peaks are printed beside it.
rss_verdict() {
  awk -v n="$1" -v d="$DURATION" -v mb="$TOL_MB" -v pct="$TOL_PCT" '
    BEGIN { c = 0; heap = 1 }
    $2 == n && $4 != "dead" { t[c] = $1; r[c] = $4 / 1024; pid[c] = $3
      if ($7 == "-" || $7 == "") { h[c] = 0; if ($1 >= d / 3) heap = 0 } else h[c] = $7 / 1024
      c++ }
    function peak(lo, hi, off,   i, m, v) { m = 0
      for (i = 0; i < c; i++) { v = r[i] - (off ? h[i] : 0); if (t[i] >= lo && t[i] < hi && v > m) m = v }
      return m }
    END {
      if (c < 6) { printf "%s: %d samples, too few to judge RSS\n", n, c; exit 0 }
      for (i = 1; i < c; i++) if (pid[i] != pid[0]) { printf "%s: restarted, RSS not judged\n", n; exit 0 }
      rm = peak(d / 3, 2 * d / 3, 0); rl = peak(2 * d / 3, d + 60, 0)
      printf "%s: RSS peak middle third %d MB, last third %d MB (%+d)", n, rm, rl, rl - rm
      m = rm; l = rl
      if (heap) { m = peak(d / 3, 2 * d / 3, 1); l = peak(2 * d / 3, d + 60, 1)
        printf "; outside the heap %d -> %d MB (%+d)", m, l, l - m }
      tol = m * pct / 100; if (tol < mb) tol = mb
      printf "; tolerance %d MB", tol
      if (rm == 0 || rl == 0) { print ", not judged (no samples in a third)"; exit 0 }
      if (l - m > tol) { print " -> STILL GROWING"; exit 1 }
      print " -> flat"
    }' "$SAMPLES"
}

val() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
# glibc's heap-check messages (malloc_printerr), e.g. "malloc_consolidate(): unaligned fastbin chunk detected"
GLIBC_ERRORS='(^|[^A-Za-z_])(malloc|malloc_consolidate|free|realloc|calloc|munmap_chunk|_int_[a-z_]+|tcache_thread_shutdown)\(\): |double free or corruption|corrupted (size|double-linked|top size)'

# ---------------------------------------------------------------- one mode
FAILED=0
SUMMARY=()
run_mode() {
  MODE="$1"
  CRASH_DIR="$OUT/crash-$MODE"; mkdir -p "$CRASH_DIR"
  SAMPLES="$OUT/$MODE-samples.txt"; : > "$SAMPLES"
  echo "== $MODE: starting"
  case "$MODE" in
    standalone) start_standalone ;;
    grid) start_grid ;;
    *) echo "soak: unknown mode '$MODE' (standalone, grid)" >&2; exit 2 ;;
  esac
  local line loads saves version
  for _ in $(seq 1 20); do
    line="$(grep -m1 -o 'libvips [^:]*: loads \[[^]]*\], saves \[[^]]*\]' "$FORMAT_LOG" || true)"
    [[ -n "$line" ]] && break; sleep 0.5
  done
  [[ -n "$line" ]] || { echo "soak: no format line in $FORMAT_LOG" >&2; exit 1; }
  version="$(sed 's/libvips \([^:]*\):.*/\1/' <<<"$line")"
  loads="$(sed 's/.*loads \[\([^]]*\)\].*/\1/; s/,//g' <<<"$line")"
  saves="$(sed 's/.*saves \[\([^]]*\)\].*/\1/; s/,//g' <<<"$line")"
  build_mix "$loads" "$saves"
  echo "   at http://$ADDR; libvips $version; ${#JVMS[@]} JVM(s): ${JVMS[*]}"
  echo "   saves: $saves; mix: $(wc -l < "$OUT/$MODE-paths.txt") URLs ($KIT_COUNT kit photos)"
  echo "   malloc checks: ${MALLOC_ENV[*]:-off}; VIPS_NOVECTOR=${VIPS_NOVECTOR:-unset}; IMGRID_LIBVIPS_PATH=${IMGRID_LIBVIPS_PATH:-unset}"

  # preflight: every URL once, 4 at a time; each must answer 200 with the content type it asks
  # for, and an animation kept as one must keep its frames
  local path code took type want pages bad=0 n=0 pids=() t0=$SECONDS
  : > "$OUT/$MODE-preflight.txt"
  while read -r path; do
    n=$(( n + 1 ))
    curl -s -o "$SCRATCH/pre-$n.body" -m $(( TIMEOUT + 5 )) -w '%{http_code} %{time_total} %{content_type}\n' \
      "http://$ADDR${path/CB/pre}" > "$SCRATCH/pre-$n.res" 2>/dev/null &
    pids+=($!)
    if (( ${#pids[@]} == 4 )); then wait "${pids[@]}" || true; pids=(); fi
  done < "$OUT/$MODE-paths.txt"
  ((${#pids[@]} == 0)) || wait "${pids[@]}" || true
  n=0
  while read -r path; do
    n=$(( n + 1 ))
    read -r code took type < "$SCRATCH/pre-$n.res" || { code=000; took=0; type=none; }
    echo "$took $code $type ${path/CB/pre}" >> "$OUT/$MODE-preflight.txt"
    want="$(expected_type "$path")"
    if [[ "$code" != 200 || ( -n "$want" && "$type" != "$want" ) ]]; then
      echo "   preflight: $code $type (want ${want:-any}) ${path/CB/pre}: $(head -c 200 "$SCRATCH/pre-$n.body" 2>/dev/null | tr -d '\n')"
      bad=$(( bad + 1 ))
    elif [[ "$path" == *anim*@gif || "$path" == *anim*@webp || "$path" == *anim*.gif ]]; then
      pages="$(vipsheader -f n-pages "$SCRATCH/pre-$n.body" 2>/dev/null || echo 1)"
      (( pages > 1 )) || { echo "   preflight: $path lost its animation ($pages frame)"; bad=$(( bad + 1 )); }
    fi
  done < "$OUT/$MODE-paths.txt"
  rm -f "$SCRATCH"/pre-*
  (( bad == 0 )) || { echo "   preflight: $bad URL(s) failed"; FAILED=1; }
  echo "   preflight: every URL once in $(( SECONDS - t0 )) s, 4 at a time ($(awk '{ s += $1 } END { printf "%.1f", s }' "$OUT/$MODE-preflight.txt") s of requests) (times per URL: $OUT/$MODE-preflight.txt)"

  MODE="$MODE" sampler > "$SAMPLES" & SAMPLER=$!
  local elapsed=0 w=0 r req=0 s5=0 s4=0 sock=0 p99max=0 secs
  echo "   ${DURATION} s in windows of ${WINDOW} s, $CONNS connections, $SLOTS slots per libvips JVM"
  while (( elapsed < DURATION )); do
    secs=$(( DURATION - elapsed < WINDOW ? DURATION - elapsed : WINDOW ))
    w=$(( w + 1 ))
    r="$(SOAK_PATHS="$OUT/$MODE-paths.txt" SOAK_TAG="$MODE$w" SOAK_OFFSET="$req" timeout $(( secs + TIMEOUT + 30 )) \
      wrk -t 2 -c "$CONNS" -d "${secs}s" --timeout "$(( TIMEOUT + 10 ))s" -s "$OUT/soak.lua" "http://$ADDR" \
      | grep '^RESULT' || echo "RESULT requests=0 s5xx=0 s4xx=0 socket=1 timeouts=0 p99_ms=0")"
    echo "$r" >> "$OUT/$MODE-wrk.txt"
    elapsed=$(( elapsed + secs ))
    req=$(( req + $(val requests "$r") )); s5=$(( s5 + $(val s5xx "$r") ))
    s4=$(( s4 + $(val s4xx "$r") + $(val s3xx "$r") )); sock=$(( sock + $(val socket "$r") + $(val timeouts "$r") ))
    p99max="$(awk -v a="$p99max" -v b="$(val p99_ms "$r")" 'BEGIN { print (b > a ? b : a) }')"
    local stats="" np
    for np in "${JVMS[@]}"; do stats+=" | $(latest "${np%%=*}")"; done
    printf '   %5ds req=%-6s 5xx=%s 4xx=%s err=%s p99=%sms%s\n' "$elapsed" "$(val requests "$r")" \
      "$(val s5xx "$r")" "$(val s4xx "$r")" "$(( $(val socket "$r") + $(val timeouts "$r") ))" "$(val p99_ms "$r")" "$stats"
    if [[ "$MODE" == standalone ]] && ! alive "$LAUNCHER"; then echo "   the launcher is gone: stopping this mode"; break; fi
    if [[ "$MODE" == grid ]] && ! alive "${JVMS[0]#*=}"; then echo "   the gateway is gone: stopping this mode"; break; fi
  done
  sleep 1; kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true; SAMPLER=""

  # crashes: dead JVMs, the launcher's crash lines, hs_err files
  local crashes=0 np pid files
  if [[ "$MODE" == standalone ]]; then
    crashes=$(grep -c 'crashed:' "$OUT/standalone.log" || true)
    alive "$LAUNCHER" || crashes=$(( crashes + 1 ))
  else
    for np in "${JVMS[@]}"; do alive "${np#*=}" || { crashes=$(( crashes + 1 )); echo "   ${np%%=*} (pid ${np#*=}) died"; }; done
  fi
  files="$(ls "$CRASH_DIR" 2>/dev/null | wc -l)"
  (( files > crashes )) && crashes=$files
  local logs=("$OUT/standalone.log") glibc
  [[ "$MODE" == grid ]] && logs=("$OUT"/grid-state/*.log)
  glibc="$(cat "${logs[@]}" 2>/dev/null | grep -c -E "$GLIBC_ERRORS" || true)"
  echo "   crash files: $(ls "$CRASH_DIR" 2>/dev/null | tr '\n' ' ')"

  local rss_ok=1 verdicts=() v
  for np in "${JVMS[@]}"; do
    v="$(rss_verdict "${np%%=*}")" || rss_ok=0
    echo "   $v"; verdicts+=("    $v")
  done
  local ok=1
  (( crashes == 0 && s5 == 0 && s4 == 0 && sock == 0 && rss_ok == 1 )) || ok=0
  (( glibc == 0 )) || { echo "   glibc reported heap errors in the logs ($glibc lines)"; ok=0; }
  local row
  row="$(printf '%-10s libvips %-7s %6ds requests=%d 5xx=%d 4xx=%d socket_errors=%d crashes=%d p99_worst_window=%sms rss=%s %s' \
    "$MODE" "$version" "$elapsed" "$req" "$s5" "$s4" "$sock" "$crashes" "$p99max" \
    "$( ((rss_ok)) && echo flat || echo GROWING)" "$( ((ok)) && echo PASS || echo FAIL)")"
  local config="    glibc checks: ${MALLOC_ENV[*]:-off}; VIPS_NOVECTOR=${VIPS_NOVECTOR:-unset}, IMGRID_LIBVIPS_PATH=${IMGRID_LIBVIPS_PATH:-unset}, $CONNS connections, $SLOTS slots per libvips JVM"
  SUMMARY+=("$row" "$config" "${verdicts[@]}")
  echo "== $row"
  ((ok)) || FAILED=1
  case "$MODE" in standalone) stop_standalone ;; grid) stop_grid ;; esac
}

START=$SECONDS
echo "== soak: images"
make_images
echo "   $(ls "$IMAGES" | wc -l) source images in $IMAGES ($KIT_COUNT from the kit)"
IFS=',' read -r -a MODE_LIST <<<"$MODES"
for m in "${MODE_LIST[@]}"; do run_mode "$m"; done
echo "== soak summary ($(( SECONDS - START )) s)"
printf '%s\n' "${SUMMARY[@]}" | tee "$OUT/summary.txt"
if ((FAILED)); then echo "== soak: FAILED"; exit 1; fi
echo "== soak: passed"
