#!/usr/bin/env bash
# The proof for issue 11: libvips 8.14's orc vector paths crash a multi-threaded process that makes
# imgrid's libvips calls, with no Java in it; with vectors off the same load survives.
#
# Two C programs, built against the system libvips (gcc + pkg-config vips), each run RUNS times
# per mode, every run bounded by RUN_SECONDS (and MAX_JOBS), under glibc's heap checks
# (libc_malloc_debug.so.0, MALLOC_CHECK_=3, MALLOC_PERTURB_):
#
#   mechanism  bench/native/orcchunks.c: orc programs compiled and freed on THREADS threads through
#              libvips' vector API with libvips' own locking ("libvips": compile under its lock,
#              free without one), against the same with compile and free serialised
#              ("serialised").
#   job        bench/native/orcrace.c: the libvips calls of an imgrid job (load, resize, blur,
#              sharpen, save, unref) on THREADS threads, vectors "on" against "off"
#              (vips_vector_set_enabled(FALSE), what the worker does) and "novector"
#              (VIPS_NOVECTOR=1).
#
# Prints one table row per run and a summary; see bench/README.md, "Native stability".
#
# usage: bench/native-repro.sh
# env:   RUNS (5), RUN_SECONDS (90 for the job, at most 30 for the mechanism), THREADS (8 for the
#        job, 4 for the mechanism), MAX_JOBS (1000000), ORCRACE_SIZE (96x72),
#        STAGES ("mechanism job"), JOB_MODES ("on off novector"), CHECKS (1; 0 = no glibc checks)
# exit:  0 reproduced: runs with orc's locking / vectors on crashed and none serialised / with
#        vectors off did; 1 a run that should survive crashed (the cause is not, or not only,
#        orc); 3 nothing crashed this time (try more RUNS); 2 usage or build error
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/bench/out"
RUNS="${RUNS:-5}"
RUN_SECONDS="${RUN_SECONDS:-90}"
MAX_JOBS="${MAX_JOBS:-1000000}"
STAGES="${STAGES:-mechanism job}"
JOB_MODES="${JOB_MODES:-on off novector}"
CHECKS="${CHECKS:-1}"
export ORCRACE_SIZE="${ORCRACE_SIZE:-96x72}"
die() { echo "native-repro.sh: $*" >&2; exit 2; }

if ! pkg-config --exists vips 2>/dev/null || ! command -v gcc >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libvips-dev pkg-config gcc >/dev/null || die "apt-get install failed"
  else
    die "needs the libvips headers and gcc: apt-get install -y libvips-dev pkg-config gcc"
  fi
fi
mkdir -p "$OUT"
for prog in orcchunks orcrace; do
  # shellcheck disable=SC2046
  gcc -O2 -Wall -o "$OUT/$prog" "$ROOT/bench/native/$prog.c" $(pkg-config --cflags --libs vips) \
    || die "build of $prog failed"
done

CHECK_ENV=()
if [[ "$CHECKS" == 1 ]]; then
  debug_lib=libc_malloc_debug.so.0
  ldconfig -p | grep -qF "$debug_lib" || die "glibc's $debug_lib is missing (glibc >= 2.34)"
  CHECK_ENV=(LD_PRELOAD="$debug_lib" MALLOC_CHECK_=3 MALLOC_PERTURB_=165)
fi
orc="$(ldconfig -p | grep -o '/[^ ]*liborc-0.4.so.0$' | head -1)"
orc_version="$( [[ -n "$orc" ]] && basename "$(readlink -f "$orc")" || echo none)"

echo "# $(date -Is) $(uname -m) nproc=$(nproc) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# libvips $(pkg-config --modversion vips), orc: $orc_version; RUNS=$RUNS" \
  "ORCRACE_SIZE=$ORCRACE_SIZE glibc checks: ${CHECK_ENV[*]:-off}"
echo
echo "| stage | mode | run | outcome | seconds | programs / jobs | vector paths | glibc said |"
echo "|---|---|---|---|---|---|---|---|"

declare -A crashed times
ulimit -c 0
cd "$OUT" || die "no $OUT"
# run_mode STAGE MODE LIMIT ENV... -- COMMAND...: RUNS bounded runs, one row each
run_mode() {
  local stage=$1 mode=$2 limit=$3 env_extra=() cmd r log start rc secs result last count paths said
  shift 3
  while [[ "$1" != -- ]]; do env_extra+=("$1"); shift; done
  shift
  cmd=("$@")
  crashed[$stage/$mode]=0
  times[$stage/$mode]=""
  for ((r = 1; r <= RUNS; r++)); do
    log="$OUT/$stage-$mode-$r.log"
    start=$(date +%s.%N)
    env "${CHECK_ENV[@]}" "${env_extra[@]}" timeout -s KILL $((limit + 60)) "${cmd[@]}" \
      >"$log.out" 2>"$log"
    rc=$?
    secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
    result="$(cat "$log.out")"
    last="$(grep '^progress' "$log" | tail -1)"
    count="$(sed -nE 's/.* (jobs|programs)=([0-9]+).*/\2/p' <<<"${result:-$last}")"
    paths="$(sed -nE 's/.* vector_paths=([0-9]+).*/\1/p' <<<"${result:-$last}")"
    said="$(grep -v '^progress' "$log" | tr '\n' ' ' | cut -c1-100)"
    if ((rc == 0)); then
      outcome=survived
    else
      crashed[$stage/$mode]=$((crashed[$stage/$mode] + 1))
      times[$stage/$mode]+="$secs "
      if ((rc == 137)) && awk -v s="$secs" -v l="$limit" 'BEGIN{exit !(s >= l + 55)}'; then
        outcome="**hung** (killed)"
      elif ((rc > 128)); then
        outcome="**SIG$(kill -l $((rc - 128)))**"
      else
        outcome="**exit $rc**"
      fi
    fi
    echo "| $stage | $mode | $r | $outcome | $secs | ${count:-?} | ${paths:--} | ${said:--} |"
  done
}

for stage in $STAGES; do
  case "$stage" in
    mechanism)
      limit=$(( RUN_SECONDS < 30 ? RUN_SECONDS : 30 ))
      for mode in libvips serialised; do
        run_mode mechanism "$mode" "$limit" -- \
          "$OUT/orcchunks" "${THREADS:-4}" "$limit" "$MAX_JOBS" "$mode"
      done
      ;;
    job)
      for mode in $JOB_MODES; do
        case "$mode" in
          on | off | env) run_mode job "$mode" "$RUN_SECONDS" -- \
            "$OUT/orcrace" "${THREADS:-8}" "$RUN_SECONDS" "$MAX_JOBS" "$mode" ;;
          novector) run_mode job "$mode" "$RUN_SECONDS" VIPS_NOVECTOR=1 -- \
            "$OUT/orcrace" "${THREADS:-8}" "$RUN_SECONDS" "$MAX_JOBS" env ;;
          *) die "unknown job mode $mode (on, off, env, novector)" ;;
        esac
      done
      ;;
    *) die "unknown stage $stage (mechanism, job)" ;;
  esac
done

echo
bad=0 good=0
for key in $(printf '%s\n' "${!crashed[@]}" | sort); do
  t="${times[$key]}"
  median=$( [[ -n "$t" ]] && tr ' ' '\n' <<<"$t" | grep . | sort -g |
    awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}' )
  echo "$key: ${crashed[$key]}/$RUNS runs crashed${median:+, median time to crash ${median} s (${t% })}"
  case "$key" in
    mechanism/libvips | job/on | job/env) good=$((good + crashed[$key])) ;;
    *) bad=$((bad + crashed[$key])) ;;
  esac
done
if ((bad > 0)); then
  echo "a run that should survive crashed: the fault is not (only) orc"; exit 1
elif ((good > 0)); then
  echo "reproduced: crashes with orc's own locking / vectors on, none serialised / with vectors off"
  exit 0
fi
echo "not reproduced this time (no run crashed): try more RUNS"
exit 3
