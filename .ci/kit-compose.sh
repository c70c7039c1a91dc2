#!/usr/bin/env bash
# Kit step: the Compose stack of docker-compose.yml for real, on the team kit's Docker engine
# (`$IMGRID_KIT/tools/docker-kit.sh`, called here): built, started with 3 workers, checked
# through the front door (nginx on its one published port, bound to 127.0.0.1 here), faulted
# under load, and taken down:
#   schemas      deploy/tools/schema-check.sh: docker-compose.yml against the Compose
#                Specification's schema, every manifest in deploy/k8s/ against Kubernetes' OpenAPI
#                schemas (npm packages; no Kubernetes validator is packaged for Debian)
#   quick start  README.md's compose quick start, line by line: the fenced block after the
#                `compose-quick-start` marker in its "Deploy" section (build; up --scale worker=3
#                --wait; the curl; the monitoring profile); its `down -v` line runs last
#   urls         a set of URLs: status, Content-Type, format (magic bytes), dimensions (vipsheader)
#   cache        a repeated URL is a HIT at nginx and does no work (the workers' imgrid_jobs_total
#                and the gateways' requests_total stay the same)
#   prometheus   the monitoring profile's Prometheus scrapes every worker replica (DNS discovery)
#   worker kill  under a load of never-repeated URLs, zero failed requests when one worker is
#                `docker kill`ed and stays down (its address silent), and again when one is
#                SIGKILLed from the host as the OOM killer or a crash would (`docker kill` counts
#                as a manual stop, after which Docker never applies the restart policy): the
#                restart policy brings that one back and it takes jobs again
#   scale        3 -> 1 -> 3 workers under load: zero failed requests
#   gateway      one gateway stopped and started again under load: zero failed requests
#   signed       the gateways rolled one at a time with IMGPROXY_KEY/IMGPROXY_SALT set: a signed
#                URL is served, unsigned and badly signed ones get 403
#   down         `docker compose ... down -v` leaves no container, volume or network of the project
# A failed request is a non-2xx answer or a socket error/timeout at the client. Each load phase
# also prints what nginx retried on the other gateway and the gateways' own 503s; the worker
# phases require zero of those as well (a job lost until the deadline and then retried by nginx
# is not a failover of the grid).
#
# Load: wrk from this host against 127.0.0.1 only (.ci/kit-compose-load.lua), 1 thread and 4
# connections, each phase 25-40 s. Prints every phase's time, PASS/FAIL per check and
# "N passed, M failed"; exits 1 when a check failed. Needs IMGRID_KIT (set by .ci/run) and
# curl, wrk, vipsheader (libvips-tools) and openssl, which .ci/run installs.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
KIT="${IMGRID_KIT:?IMGRID_KIT must point at the team kit}"

START=$(date +%s)
PASSED=0
FAILED=0
RESULTS=()

elapsed() { echo "$(( $(date +%s) - $1 ))"; }

phase() {
  if [[ -n "${PHASE_NAME:-}" ]]; then echo "== compose: $PHASE_NAME: $(elapsed "$PHASE_START") s"; fi
  PHASE_NAME="$1"
  PHASE_START=$(date +%s)
  [[ -n "$1" ]] && echo "== compose: $1"
  return 0
}

# check NAME COMMAND...: PASS when the command exits 0 (it prints its own details).
check() {
  local name="$1"
  shift
  if "$@"; then
    PASSED=$((PASSED + 1)); RESULTS+=("PASS  $name"); echo "PASS  $name"
  else
    FAILED=$((FAILED + 1)); RESULTS+=("FAIL  $name"); echo "FAIL  $name"
  fi
}

# timed COMMAND...: runs it, prints its wall time.
timed() {
  local t rc
  t=$(date +%s%N)
  "$@"
  rc=$?
  printf '   %s: %.1f s (exit %d)\n' "$*" "$(( $(date +%s%N) - t ))e-9" "$rc"
  return "$rc"
}

for tool in curl wrk vipsheader openssl; do
  command -v "$tool" >/dev/null || { echo "kit-compose: $tool missing (.ci/run installs curl wrk libvips-tools openssl)"; exit 1; }
done

phase "docker kit"
bash "$KIT/tools/docker-kit.sh" || { echo "kit-compose: the docker kit failed"; exit 1; }
echo "   $(docker version --format 'engine {{.Server.Version}}'), $(docker compose version)"

export COMPOSE_PROJECT_NAME="imgrid-kit"
export IMGRID_PUBLISH="127.0.0.1:0"
export IMGRID_PROMETHEUS_PUBLISH="127.0.0.1:0"
unset IMGPROXY_KEY IMGPROXY_SALT
WORK="$(mktemp -d)"
down_all() { docker compose --profile monitoring down -v --remove-orphans -t 20 >/dev/null 2>&1; }
cleanup() { down_all; rm -rf "$WORK"; }
trap cleanup EXIT
down_all # a stack an interrupted run left behind

# --- helpers --------------------------------------------------------------------------------
ip_of() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1" 2>/dev/null; }
gateway_ip() { ip_of "$(docker compose ps -q "$1")"; }
running_workers() { docker compose ps -q --status running worker; }

# metric IP NAME: the sum of a metric's samples (all label sets) on a node's metrics port.
metric() {
  curl -s -m 5 "http://$1:8081/metrics" | awk -v n="$2" '
    $1 == n || index($1, n "{") == 1 { s += $2 } END { printf "%d\n", s }'
}
gateways_sum() { echo $(( $(metric "$(gateway_ip gateway-1)" "$1") + $(metric "$(gateway_ip gateway-2)" "$1") )); }
workers_jobs() {
  local s=0 c
  for c in $(running_workers); do s=$(( s + $(metric "$(ip_of "$c")" imgrid_jobs_total) )); done
  echo "$s"
}

# fetch PATH [ACCEPT]: GET through the front door; sets ST (status), CT (Content-Type), XC
# (X-Cache-Status); the body is $WORK/body.
fetch() {
  local out
  out=$(curl -s -m 40 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code} %{content_type}' \
    -H "Accept: ${2:-*/*}" "http://$FRONT$1") || true
  ST="${out%% *}"
  CT="${out#* }"
  XC="$(tr -d '\r' < "$WORK/headers" | awk 'tolower($1) == "x-cache-status:" { print $2 }')"
}

# magic FILE: the image format by its first bytes.
magic() {
  local h
  h="$(head -c 16 "$1" | od -An -tx1 | tr -d ' \n')"
  case "$h" in
    ffd8ff*) echo jpeg ;;
    89504e470d0a1a0a*) echo png ;;
    52494646????????57454250*) echo webp ;;
    474946383?61*) echo gif ;;
    ????????6674797061766966*) echo avif ;;
    ????????6674797068656963*|????????667479706d696631*) echo heic ;;
    49492a00*|4d4d002a*) echo tiff ;;
    *) echo "unknown:$h" ;;
  esac
}

# image_is FILE FORMAT WxH: the file is that format (magic bytes) with those dimensions.
image_is() {
  local f wh
  f="$(magic "$1")"
  wh="$(vipsheader -f width "$1" 2>/dev/null)x$(vipsheader -f height "$1" 2>/dev/null)"
  echo "   -> $f $wh ($(stat -c %s "$1") bytes)"
  [[ "$f" == "$2" && "$wh" == "$3" ]]
}

# url_ok PATH ACCEPT STATUS [FORMAT WxH [CONTENT-TYPE]]: one request through the front door; the
# Content-Type is image/FORMAT unless given (imgproxy answers HEIC as image/heif).
url_ok() {
  fetch "$1" "$2"
  echo "   GET $1 (Accept: $2): $ST $CT cache=$XC"
  [[ "$ST" == "$3" ]] || { echo "   expected status $3; body: $(head -c 200 "$WORK/body")"; return 1; }
  if [[ $# -ge 5 ]]; then
    [[ "$CT" == "${6:-image/$4}" ]] || { echo "   expected Content-Type ${6:-image/$4}"; return 1; }
    image_is "$WORK/body" "$4" "$5"
  fi
}

# at WHAT: prints the time (UTC, as nginx's log) of a fault action.
at() { echo "   $(date -u +%H:%M:%S) $*"; }

# wait_grid N: N healthy workers, both gateways ready and seeing N workers in a cluster of N+2.
wait_grid() {
  local n="$1" deadline=$(( $(date +%s) + 150 )) state
  while :; do
    state=""
    local ids healthy=0 c g ip
    ids="$(running_workers)"
    for c in $ids; do
      [[ "$(docker inspect -f '{{.State.Health.Status}}' "$c")" == healthy ]] && healthy=$((healthy + 1))
    done
    state="workers running=$(echo "$ids" | grep -c .) healthy=$healthy"
    local ok=1
    [[ "$healthy" == "$n" && "$(echo "$ids" | grep -c .)" == "$n" ]] || ok=0
    for g in gateway-1 gateway-2; do
      ip="$(gateway_ip "$g")"
      local ready workers members
      ready="$(curl -s -m 3 -o /dev/null -w '%{http_code}' "http://$ip:8080/health/ready")"
      workers="$(metric "$ip" imgrid_workers)"
      members="$(metric "$ip" imgrid_cluster_members)"
      state="$state; $g ready=$ready workers=$workers members=$members"
      [[ "$ready" == 200 && "$workers" == "$n" && "$members" == $((n + 2)) ]] || ok=0
    done
    if ((ok)); then echo "   grid: $state"; return 0; fi
    if (( $(date +%s) > deadline )); then echo "   grid not ready within 150 s: $state"; return 1; fi
    sleep 2
  done
}

# load PHASE SECONDS: never-repeated URLs through the front door, in the background.
load() {
  LOAD_SINCE="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  wrk -t1 -c4 -d"$2s" --timeout 30s -s "$ROOT/.ci/kit-compose-load.lua" "http://$FRONT" -- "$1" \
    > "$WORK/wrk-$1.txt" 2>&1 &
  LOAD_PID=$!
}

# load_ok PHASE: waits for the load; PASS when wrk saw requests and no failure at all.
load_ok() {
  wait "$LOAD_PID"
  local line
  line="$(grep '^wrk:' "$WORK/wrk-$1.txt")"
  echo "   $line"
  [[ -n "$line" ]] || { cat "$WORK/wrk-$1.txt"; return 1; }
  # What nginx saw in the phase: non-200 answers to clients, and requests it sent to a second
  # gateway (upstream status list "A, B").
  # (the access log is nginx's stdout; its error log, stderr, is left out)
  docker logs --since "$LOAD_SINCE" "$(docker compose ps -q proxy)" 2>/dev/null | grep '"GET /unsafe/' \
    > "$WORK/proxy-$1.log"
  local non200 retried
  non200="$(awk '$5 != 200' "$WORK/proxy-$1.log" | wc -l)"
  retried="$(grep -c 'us="[^"]*,' "$WORK/proxy-$1.log")"
  echo "   nginx: $(wc -l < "$WORK/proxy-$1.log") requests, $non200 not 200, $retried retried on the other gateway"
  grep 'us="[^"]*,' "$WORK/proxy-$1.log" | head -3 | sed 's/^/     /'
  awk '$5 != 200' "$WORK/proxy-$1.log" | head -3 | sed 's/^/     /'
  local requests bad
  requests="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")"
  bad="$(grep -oE '(non2xx|connect|read|write|timeout)=[0-9]+' <<<"$line" | awk -F= '{ s += $2 } END { print s + 0 }')"
  [[ "$requests" -gt 0 && "$bad" == 0 ]]
}

# no_503 BEFORE: the gateways answered no 503 since BEFORE (their status_codes_total).
no_503() {
  local now
  now="$(gateways_sum 'status_codes_total{status="503"}')"
  echo "   gateways' 503s in the phase: $(( now - $1 )); dispatch retries: $(( $(gateways_sum imgrid_dispatch_retries_total) - RETRIES_BEFORE ))"
  [[ $(( now - $1 )) == 0 ]]
}

# --- schemas --------------------------------------------------------------------------------
phase "schemas (deploy/tools/schema-check.sh: Compose spec, Kubernetes OpenAPI)"
if ! command -v npm >/dev/null; then
  apt-get install -y -qq nodejs npm >/dev/null
fi
check "docker-compose.yml and deploy/k8s/ valid against their published schemas" \
  bash deploy/tools/schema-check.sh

# --- quick start ----------------------------------------------------------------------------
phase "quick start (README.md, Deploy)"
mapfile -t QUICK < <(awk '/<!-- compose-quick-start/ { m = 1; next }
  m && /^```/ { if (b) exit; b = 1; next }
  b { print }' README.md)
if ((${#QUICK[@]} < 4)); then echo "kit-compose: no compose-quick-start block in README.md"; exit 1; fi
DOWN=()
for line in "${QUICK[@]}"; do
  case "$line" in
    *" down "*|*" down") DOWN+=("$line"); continue ;;
  esac
  echo "\$ $line"
  case "$line" in
    curl*)
      FRONT="$(docker compose port proxy 8080)"
      echo "   (the front door is $FRONT here, published on 127.0.0.1 by IMGRID_PUBLISH)"
      (cd "$WORK" && timed eval "${line//localhost:8080/$FRONT}")
      check "quick start: the README's curl writes a 300x200 JPEG" image_is "$WORK/t.jpg" jpeg 300x200
      ;;
    *)
      if ! timed eval "$line" > "$WORK/step.log" 2>&1; then
        tail -60 "$WORK/step.log"
        docker compose logs --tail 40 2>/dev/null | tail -120
        echo "kit-compose: '$line' failed"
        exit 1
      fi
      tail -1 "$WORK/step.log"
      ;;
  esac
done
echo "   image sizes:"
docker image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^imgrid/' | sort | sed 's/^/     /'
check "the grid: 3 workers, both gateways ready, one cluster of 5" wait_grid 3

# --- urls -------------------------------------------------------------------------------------
phase "urls"
B64="$(printf 'http://origin/gradient.bmp' | base64 -w0 | tr '+/' '-_' | tr -d '=')"
check "png fit 160x160 -> 160x120" url_ok /unsafe/rs:fit:160:160/plain/http://origin/gradient.bmp@png '*/*' 200 png 160x120
check "webp fill 100x100, gravity centre" url_ok /unsafe/rs:fill:100:100/g:ce/plain/http://origin/gradient.bmp@webp '*/*' 200 webp 100x100
check "auto WebP: Accept image/webp, no extension" url_ok /unsafe/rs:fit:120:90/plain/http://origin/gradient.bmp 'image/webp,*/*' 200 webp 120x90
check "same URL without image/webp: JPEG (another cache bucket)" url_ok /unsafe/rs:fit:120:90/plain/http://origin/gradient.bmp '*/*' 200 jpeg 120x90
check "svg source rendered to png 100x100" url_ok /unsafe/rs:fill:100:100/plain/http://origin/sample.svg@png '*/*' 200 png 100x100
check "base64 source URL, gif" url_ok "/unsafe/rs:fit:50:50/$B64.gif" '*/*' 200 gif 50x38
check "avif 64x48" url_ok /unsafe/rs:fit:64:64/plain/http://origin/gradient.bmp@avif '*/*' 200 avif 64x48
check "heic 64x48" url_ok /unsafe/rs:fit:64:64/plain/http://origin/gradient.bmp@heic '*/*' 200 heic 64x48 image/heif
check "no key configured: any signature is accepted" url_ok /any-signature/rs:fit:50:50/plain/http://origin/gradient.bmp@jpg '*/*' 200 jpeg 50x38
check "missing source: 404" url_ok /unsafe/rs:fit:50:50/plain/http://origin/missing.bmp@jpg '*/*' 404
check "source outside IMGPROXY_ALLOWED_SOURCES: 404" url_ok /unsafe/rs:fit:50:50/plain/http://example.com/a.jpg@jpg '*/*' 404
check "invalid processing options: 404" url_ok /unsafe/rs:nope/plain/http://origin/gradient.bmp@jpg '*/*' 404
check "/health through the proxy: 200" url_ok /health '*/*' 200

# --- cache ------------------------------------------------------------------------------------
phase "cache"
cache_hit_does_no_work() {
  local u=/unsafe/rs:fit:211:97/plain/http://origin/gradient.bmp@png j0 r0 j1 r1 j2 r2
  j0="$(workers_jobs)"; r0="$(gateways_sum requests_total)"
  fetch "$u"; local st1="$ST" xc1="$XC"
  j1="$(workers_jobs)"; r1="$(gateways_sum requests_total)"
  fetch "$u"; local st2="$ST" xc2="$XC"
  j2="$(workers_jobs)"; r2="$(gateways_sum requests_total)"
  echo "   first: $st1 $xc1, jobs $j0 -> $j1, gateway requests $r0 -> $r1"
  echo "   again: $st2 $xc2, jobs $j1 -> $j2, gateway requests $r1 -> $r2"
  [[ "$st1" == 200 && "$xc1" == MISS && $((j1 - j0)) == 1 && $((r1 - r0)) == 1 ]] \
    && [[ "$st2" == 200 && "$xc2" == HIT && "$j2" == "$j1" && "$r2" == "$r1" ]]
}
check "a repeated URL is a HIT at nginx and runs no job" cache_hit_does_no_work

# --- prometheus -------------------------------------------------------------------------------
phase "prometheus"
prometheus_sees_every_node() {
  local p q w g deadline=$(( $(date +%s) + 90 ))
  p="$(docker compose port prometheus 9090)"
  q() { curl -s -m 5 "http://$p/api/v1/query" --data-urlencode "query=$1" \
        | grep -oE '"value":\[[^]]*\]' | grep -oE '"[0-9]+"\]' | tr -d '"]'; }
  while :; do
    w="$(q 'count(up{job="imgrid-worker"} == 1)')"
    g="$(q 'count(up{job="imgrid-gateway"} == 1)')"
    [[ "$w" == 3 && "$g" == 2 ]] && { echo "   up: $w workers, $g gateways"; return 0; }
    (( $(date +%s) > deadline )) && { echo "   up after 90 s: workers=${w:-0} gateways=${g:-0}"; return 1; }
    sleep 3
  done
}
check "Prometheus scrapes the 3 worker replicas and both gateways" prometheus_sees_every_node

# --- worker kill ------------------------------------------------------------------------------
# First the fault of issue 12 as it is: `docker kill`, and the worker stays down, so its address
# goes silent (no reset answers a packet to it). Docker applies no restart policy after
# `docker kill` (a manual stop), so it is started again by hand.
phase "worker docker-killed under load (stays down: silent)"
VICTIM="$(running_workers | tail -1)"
BEFORE_503="$(gateways_sum 'status_codes_total{status="503"}')"
RETRIES_BEFORE="$(gateways_sum imgrid_dispatch_retries_total)"
load 1 25
sleep 6
at "docker kill $(docker inspect -f '{{.Name}}' "$VICTIM")"
docker kill "$VICTIM" >/dev/null
check "worker docker-killed under load: zero failed requests" load_ok 1
check "worker docker-killed under load: no gateway 503 (no job waited out its deadline)" no_503 "$BEFORE_503"
docker start "$VICTIM" >/dev/null
check "the grid has 3 workers after docker start" wait_grid 3

# Then a crash: SIGKILL to the container's process from the host (what the OOM killer does);
# the restart policy brings the worker back.
phase "worker crashed under load (SIGKILL, restart policy)"
VICTIM="$(running_workers | head -1)"
RESTARTS="$(docker inspect -f '{{.RestartCount}}' "$VICTIM")"
BEFORE_503="$(gateways_sum 'status_codes_total{status="503"}')"
RETRIES_BEFORE="$(gateways_sum imgrid_dispatch_retries_total)"
load 2 25
sleep 6
at "SIGKILL to $(docker inspect -f '{{.Name}}' "$VICTIM") (pid $(docker inspect -f '{{.State.Pid}}' "$VICTIM"))"
kill -KILL "$(docker inspect -f '{{.State.Pid}}' "$VICTIM")"
check "worker SIGKILLed under load: zero failed requests" load_ok 2
check "worker SIGKILLed under load: no gateway 503 (no job waited out its deadline)" no_503 "$BEFORE_503"
victim_back() {
  local deadline=$(( $(date +%s) + 120 )) r h
  while :; do
    r="$(docker inspect -f '{{.RestartCount}}' "$VICTIM")"
    h="$(docker inspect -f '{{.State.Health.Status}}' "$VICTIM")"
    if [[ "$r" -gt "$RESTARTS" && "$h" == healthy ]]; then
      echo "   restarts $RESTARTS -> $r, $h"
      return 0
    fi
    (( $(date +%s) > deadline )) && { echo "   after 120 s: restarts=$r health=$h"; return 1; }
    sleep 2
  done
}
check "the killed worker is restarted by the restart policy and healthy" victim_back
check "the grid has 3 workers again" wait_grid 3
victim_takes_jobs() {
  load 3 6
  wait "$LOAD_PID"
  grep '^wrk:' "$WORK/wrk-3.txt" | sed 's/^/   /'
  local jobs
  jobs="$(metric "$(ip_of "$VICTIM")" imgrid_jobs_total)"
  echo "   jobs on the restarted worker: $jobs"
  [[ "$jobs" -gt 0 ]]
}
check "the restarted worker takes jobs again" victim_takes_jobs

# --- scale ------------------------------------------------------------------------------------
phase "scale 3 -> 1 -> 3 under load"
BEFORE_503="$(gateways_sum 'status_codes_total{status="503"}')"
RETRIES_BEFORE="$(gateways_sum imgrid_dispatch_retries_total)"
WORKERS_BEFORE="$(running_workers)"
load 4 40
sleep 5
# --no-recreate: Compose 2.26 otherwise recreates the worker it keeps (seen with --no-deps: all
# three workers stopped at once and a new one started, which no grid can serve through).
at "scale to 1"
timed docker compose up -d --no-recreate --scale worker=1 worker > "$WORK/scale.log" 2>&1
WORKERS_KEPT="$(running_workers)"
sleep 5
at "scale to 3"
timed docker compose up -d --no-recreate --scale worker=3 worker >> "$WORK/scale.log" 2>&1
# scaled_in_place: at scale 1 the one worker left was one of the three (none recreated).
scaled_in_place() {
  echo "   at scale 1: $(echo "$WORKERS_KEPT" | grep -c .) worker(s), ${WORKERS_KEPT:0:12}"
  [[ "$(echo "$WORKERS_KEPT" | grep -c .)" == 1 ]] && grep -qx "$WORKERS_KEPT" <<<"$WORKERS_BEFORE"
}
check "scale 3 -> 1 kept one of the running workers (none recreated)" scaled_in_place
check "scale 3 -> 1 -> 3 under load: zero failed requests" load_ok 4
check "scale 3 -> 1 -> 3 under load: no gateway 503" no_503 "$BEFORE_503"
check "the grid has 3 workers after scaling back" wait_grid 3

# --- gateway ----------------------------------------------------------------------------------
phase "gateway stopped under load"
load 5 30
sleep 5
at "stop gateway-2"
timed docker compose stop gateway-2 > "$WORK/gateway.log" 2>&1
sleep 5
at "start gateway-2"
timed docker compose start gateway-2 >> "$WORK/gateway.log" 2>&1
check "gateway-2 stopped and started under load: zero failed requests through nginx" load_ok 5
check "gateway-2 back in the grid" wait_grid 3
gateway2_serves() {
  local ip r0 r1
  ip="$(gateway_ip gateway-2)"
  r0="$(metric "$ip" requests_total)"
  load 6 5
  wait "$LOAD_PID"
  r1="$(metric "$ip" requests_total)"
  echo "   gateway-2 requests_total $r0 -> $r1"
  [[ "$r1" -gt "$r0" ]]
}
check "nginx sends requests to the restarted gateway-2" gateway2_serves

# --- signed -----------------------------------------------------------------------------------
phase "signed URLs (gateways rolled with a key)"
IMGPROXY_KEY="$(openssl rand -hex 32)"
IMGPROXY_SALT="$(openssl rand -hex 32)"
export IMGPROXY_KEY IMGPROXY_SALT
# sign PATH: imgproxy's signature, base64url(HMAC-SHA256(key, salt || path)) without padding.
sign() {
  { printf "$(sed 's/../\\x&/g' <<<"$IMGPROXY_SALT")"; printf '%s' "$1"; } \
    | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$IMGPROXY_KEY" -binary \
    | base64 -w0 | tr '+/' '-_' | tr -d '='
}
rolled=1
for g in gateway-1 gateway-2; do
  timed docker compose up -d --no-deps --wait "$g" > "$WORK/roll.log" 2>&1 || { rolled=0; tail -20 "$WORK/roll.log"; }
done
check "both gateways recreated with the key, one at a time" test "$rolled" == 1
check "the grid after the roll" wait_grid 3
SIGNED_PATH=/rs:fill:150:100/plain/http://origin/gradient.bmp@jpg
check "signed URL: 200, JPEG 150x100" url_ok "/$(sign "$SIGNED_PATH")$SIGNED_PATH" '*/*' 200 jpeg 150x100
check "unsigned URL with a key set: 403" url_ok "/unsafe$SIGNED_PATH" '*/*' 403
check "wrong signature: 403" url_ok "/$(sign /other)$SIGNED_PATH" '*/*' 403
unset IMGPROXY_KEY IMGPROXY_SALT

# --- down -------------------------------------------------------------------------------------
phase "down"
for line in "${DOWN[@]}"; do
  echo "\$ $line"
  timed eval "$line" > "$WORK/down.log" 2>&1 || tail -20 "$WORK/down.log"
done
nothing_left() {
  local c v n
  c="$(docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" | wc -l)"
  v="$(docker volume ls -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" | wc -l)"
  n="$(docker network ls -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" | wc -l)"
  echo "   left: $c containers, $v volumes, $n networks"
  [[ "$c" == 0 && "$v" == 0 && "$n" == 0 ]]
}
check "down -v leaves nothing of the project" nothing_left
phase ""

echo "== compose: results ($(elapsed "$START") s in all)"
printf '   %s\n' "${RESULTS[@]}"
if ((FAILED > 0)); then
  echo "compose: $PASSED passed, $FAILED failed"
  exit 1
fi
echo "compose: $PASSED passed, $FAILED failed"
