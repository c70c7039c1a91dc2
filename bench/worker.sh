#!/usr/bin/env bash
# CPU milliseconds per job: imgrid's worker pipeline in-process (WorkerBench, the shaded jar)
# beside a C loop doing the same libvips calls (vipsloop.c, imgrid mode) and the kit's
# vips_thumbnail reference (vipsloop.c, thumbnail mode), on the same libvips, built in this run.
# Prints a markdown table; see bench/README.md.
#
# usage: bench/worker.sh [SOURCE]     (default: the kit's photo-4032x3024.jpg)
# env:   REPS (default 7, at least 5), IMGRID_LIBVIPS_PATH (another libvips for both sides),
#        IMGRID_LIBVIPS_VECTOR (vector paths on both sides, as the worker reads it),
#        REBUILD=1 (rebuild the jar), JAVA_OPTS (default: bin/imgrid's heap and GC)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/bench/out"
SRC="${1:-$ROOT/../shared/bench/images/photo-4032x3024.jpg}"
REPS="${REPS:-7}"
JAVA_OPTS="${JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC}"
JAR="$ROOT/app/target/imgrid.jar"
die() { echo "worker.sh: $*" >&2; exit 2; }

[[ -r "$SRC" ]] || die "cannot read $SRC"
(( REPS >= 5 )) || die "REPS must be at least 5"
if ! pkg-config --exists vips 2>/dev/null || ! command -v gcc >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libvips-dev pkg-config gcc >/dev/null
  else
    die "needs the libvips headers and gcc: apt-get install -y libvips-dev pkg-config gcc"
  fi
fi
if [[ ! -f "$JAR" || "${REBUILD:-0}" == 1 ]]; then
  (cd "$ROOT" && mvn -B -q -DskipTests -pl app -am package >&2) || die "jar build failed"
fi

mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$JAR" "$ROOT/bench/src/io/imgrid/bench/WorkerBench.java"

# The C loop links the library imgrid loads: the system's, or IMGRID_LIBVIPS_PATH's (a
# directory with libvips-cpp.so* / libvips.so*, or the file). Headers are the system's 8.14;
# the calls used are in libvips' stable C API.
LINK="$(pkg-config --libs vips)"
LIBNOTE="system"
if [[ -n "${IMGRID_LIBVIPS_PATH:-}" ]]; then
  lib="$IMGRID_LIBVIPS_PATH"
  if [[ -d "$lib" ]]; then
    lib="$(ls "$lib"/libvips-cpp.so* "$lib"/libvips.so* 2>/dev/null | head -1 || true)"
  fi
  [[ -f "$lib" ]] || die "no libvips library at IMGRID_LIBVIPS_PATH=$IMGRID_LIBVIPS_PATH"
  LINK="$lib -Wl,-rpath,$(dirname "$lib") $(pkg-config --libs glib-2.0 gobject-2.0)"
  if nm -D --defined-only "$lib" 2>/dev/null | grep -q ' g_object_unref$'; then
    LINK="$lib -Wl,-rpath,$(dirname "$lib")"   # self-contained (sharp's): its own GLib
  fi
  LIBNOTE="$lib"
fi
# shellcheck disable=SC2086
gcc -O2 -o "$OUT/vipsloop" "$ROOT/bench/vipsloop.c" $(pkg-config --cflags vips) $LINK -lm

export VIPS_WARNING=0
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

echo "# $(date -Is) $(uname -m) nproc=$(nproc) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# source $(basename "$SRC"); libvips: $LIBNOTE; REPS=$REPS; java $(java -version 2>&1 | head -1)"
echo "# IMGRID_LIBVIPS_VECTOR=${IMGRID_LIBVIPS_VECTOR:-auto} (both sides; auto = off below libvips 8.15)"
echo
echo "| job | imgrid CPU ms/img | C, same calls | ratio imgrid/C (paired) | C thumbnail (kit) | out (imgrid = C) | others' cores (imgrid; C) | libvips |"
echo "|---|---|---|---|---|---|---|---|"
XMP_FROM="$OUT/imgrid-jpeg400.jpg" # imgrid's canonical result: the XMP packet it keeps (vipsloop.c)
rm -f "$XMP_FROM"
median() { sort -g | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
# case: label op options batch imgrid-warmup C-warmup
# One JVM warms up, then runs its REPS batches one at a time (WorkerBench --paced); just before
# each, a fresh C loop runs one batch of the same size. The ratio is the median of the REPS
# paired ratios (imgrid batch / the C batch run seconds before it): the neighbours' load on a
# shared VM drifts over minutes, and pairing cancels most of it.
run_case() {
  local label=$1 op=$2 options=$3 batch=$4 jwarm=$5 cwarm=$6 line c j t r
  local out_arg=() cms=() cothers=() ratios=()
  [[ "$op" == jpeg400 ]] && out_arg=("$XMP_FROM")
  # shellcheck disable=SC2086
  coproc JB { exec java $JAVA_OPTS -cp "$JAR:$OUT/classes" io.imgrid.bench.WorkerBench --paced \
                "$SRC" "$options" "$batch" "$REPS" "$jwarm" "${out_arg[@]}" 2>/dev/null; }
  read -r line <&"${JB[0]}" && [[ "$line" == ready ]] || die "WorkerBench did not start ($options)"
  for ((r = 0; r < REPS; r++)); do
    c=$(VIPSLOOP_XMP_FROM="$XMP_FROM" "$OUT/vipsloop" "$SRC" "$op" "$batch" 1 "$cwarm" imgrid)
    cms+=("$(field cpu_ms_median "$c")"); cothers+=("$(field others_cores "$c")")
    echo go >&"${JB[1]}"
    read -r line <&"${JB[0]}"
    ratios+=("$(awk -v a="${line#rep_cpu_ms=}" -v b="${cms[-1]}" 'BEGIN{printf "%.4f", a/b}')")
  done
  read -r j <&"${JB[0]}"
  wait "$JB_PID" 2>/dev/null || true
  t=$("$OUT/vipsloop" "$SRC" "$op" "$batch" "$REPS" "$cwarm" thumbnail)
  local cm jm tm ratio jb cb same
  cm=$(printf '%s\n' "${cms[@]}" | median)
  echo "$j" >&2; echo "impl=c-imgrid rounds cpu_ms=${cms[*]} median=$cm" >&2
  echo "paired ratios ${ratios[*]}" >&2; echo "$t" >&2
  jm=$(field cpu_ms_median "$j"); tm=$(field cpu_ms_median "$t")
  ratio=$(printf '%s\n' "${ratios[@]}" | median | awk '{printf "%.3f", $1}')
  jb=$(field out "$j" | awk -F: '{print $NF}'); cb=$(field out "$c" | awk -F: '{print $NF}')
  same=$([[ "$jb" == "$cb" ]] && echo "$jb B" || echo "$jb B vs $cb B")
  printf '| %s | %s | %s | **%s** | %s | %s | %s; %s | %s |\n' "$label" "$jm" "$cm" "$ratio" "$tm" \
    "$same" "$(field others_cores "$j")" "$(printf '%s\n' "${cothers[@]}" | median)" \
    "$(field libvips "$j"), vectors $(vectors "$j")"
  [[ "$(vectors "$j")" == "$(vectors "$c")" ]] || die "imgrid and the C loop disagree on vectors"
}
vectors() { [[ "$(field vectors "$1")" == 1 ]] && echo on || echo off; }
# imgrid's warm-ups are long on purpose: HotSpot's C2 compiles the per-job Java code (the XMP
# rewrite, the JNA calls) only after each method has run thousands of times, and a worker is a
# long-lived process; ~50-60 s per case here. The C loop needs a few jobs only.
run_case "fill 400x300 JPEG q80 (canonical)" jpeg400 "rs:fill:400:300/q:80@jpeg" 20 1500 5
run_case "fit 1200 wide WebP (q79 effort 4)" webp1200 "rs:fit:1200:0@webp" 4 300 2
run_case "fill 400x300 AVIF (q63, speed 8 = effort 1)" avif400 "rs:fill:400:300@avif" 10 800 3
echo
echo "raw lines on stderr; ratio goal <= 1.05"
