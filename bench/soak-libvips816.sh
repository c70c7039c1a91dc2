#!/usr/bin/env bash
# bench/soak.sh on Debian 13's libvips 8.16 (highway, no orc: the worker image's libvips), inside
# a container built from .ci/libvips816's test image plus the soak's tools (bench/soak816). The
# checkout is copied in without its target/ folders, built there with the host's ~/.m2 mounted,
# and soaked with the same settings as on the host (SOAK_* and IMGPROXY_WORKERS pass through;
# SOAK_MINUTES defaults to 30). The team kit's photos are used when ../shared is present.
# The container has its own loopback; its output lands in bench/out/soak816/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
KIT="$(cd "$ROOT/.." && pwd)/shared"
OUT="$ROOT/bench/out/soak816"
docker info >/dev/null 2>&1 || { echo "soak-libvips816: no Docker engine (run ../shared/tools/docker-kit.sh)" >&2; exit 2; }
mkdir -p "$HOME/.m2" "$OUT"
docker build -q --network host -t imgrid-test/libvips816 .ci/libvips816 >/dev/null
docker build -q --network host -t imgrid-test/libvips816-soak bench/soak816 >/dev/null
kit_mount=()
[[ -d "$KIT/bench/images" ]] && kit_mount=(-v "$KIT/bench/images":/kit-images:ro)
envs=()
for v in $(compgen -e | grep -E '^(SOAK_|IMGPROXY_WORKERS$|VIPS_)' || true); do envs+=(-e "$v"); done
docker run --rm -v "$ROOT":/src:ro -v "$HOME/.m2":/root/.m2 -v "$OUT":/out "${kit_mount[@]}" \
  -e SOAK_MINUTES="${SOAK_MINUTES:-30}" -e SOAK_KIT_IMAGES=/kit-images "${envs[@]}" \
  imgrid-test/libvips816-soak bash -c '
    set -euo pipefail
    mkdir /build && cd /src
    tar --exclude="./*/target" --exclude=./target --exclude=./bench/out -cf - . | tar -C /build -xf -
    cd /build
    ./mvnw -B -q -DskipTests package
    echo "libvips in the container: $(vips --version)"
    rc=0; bash bench/soak.sh || rc=$?
    cp -r bench/out/soak/. /out/ 2>/dev/null || true
    exit $rc'
