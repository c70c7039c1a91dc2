#!/usr/bin/env bash
# Kit step: every file of the team kit's bad-input corpus through `bin/imgrid process` with three
# option sets. Each run must give a result (exit 0) or a 4xx (exit 1), never crash the JVM
# (any other exit status) and never take over 10 s. Needs IMGRID_KIT (set by .ci/run).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
KIT="${IMGRID_KIT:?IMGRID_KIT must point at the team kit}"
CORPUS="$KIT/corpus"
[[ -d "$CORPUS" ]] || { echo "kit corpus absent at $CORPUS"; exit 1; }

OPTION_SETS=("rs:fill:400:300/q:80" "rs:fit:1200:0/f:webp" "rs:fill:100:100/g:sm/f:png")
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
export IMGRID_JAVA_OPTS="${IMGRID_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
"$ROOT/bin/imgrid" version >/dev/null  # builds the jar once, before the parallel runs

run_one() {
  local file="$1" opts="$2" out="$3"
  local start end status
  start=$(date +%s%N)
  timeout -k 2 10 "$ROOT/bin/imgrid" process "$file" "$opts" "$out" >/dev/null 2>"$out.err"
  status=$?
  end=$(date +%s%N)
  local ms=$(( (end - start) / 1000000 ))
  local verdict="ok"
  case "$status" in
    0) verdict="200" ;;
    1) verdict="$(grep -m1 -oE '^4[0-9]{2} [A-Za-z ]+' "$out.err" || echo 4xx)" ;;
    124|137) verdict="TIMEOUT" ;;
    *) verdict="CRASH(exit $status) $(grep -m1 -oE '^[45][0-9]{2} .*' "$out.err" | head -c 200)" ;;
  esac
  printf '%s\t%s\t%s\t%d\n' "$verdict" "${file#"$CORPUS"/}" "$opts" "$ms"
}
export -f run_one
export ROOT CORPUS

find "$CORPUS" -type f ! -name '*.md' | sort > "$OUT/files"
i=0
while read -r f; do
  for o in "${OPTION_SETS[@]}"; do
    i=$((i + 1))
    printf '%s\0%s\0%s\0' "$f" "$o" "$OUT/r$i"
  done
done < "$OUT/files" | xargs -0 -n 3 -P 2 bash -c 'run_one "$@"' _ > "$OUT/results.tsv"

total=$(wc -l < "$OUT/results.tsv")
bad=$(grep -cE '^(TIMEOUT|CRASH)' "$OUT/results.tsv")
ok=$(grep -c '^200' "$OUT/results.tsv")
echo "corpus: $total runs over $(wc -l < "$OUT/files") files: $ok results, $((total - ok - bad)) 4xx, $bad crashes/timeouts"
awk -F'\t' '{print $1}' "$OUT/results.tsv" | cut -c1-40 | sort | uniq -c | sort -rn
if ((bad > 0)); then
  grep -E '^(TIMEOUT|CRASH)' "$OUT/results.tsv"
  echo "$((total - bad)) passed, $bad failed"
  exit 1
fi
echo "$total passed, 0 failed"
