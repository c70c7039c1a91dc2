#!/usr/bin/env bash
# Kit step: the worker's whole test suite on Debian 13's libvips 8.16 (highway instead of orc;
# HEIC, AVIF, JXL), in a test image built from debian:trixie-slim (.ci/libvips816/Dockerfile)
# with libheif's plugins and Java 21. The checkout is copied into the container without its
# target/ folders (the host's build stays as it is) and the host's ~/.m2 is mounted, so Maven
# downloads nothing it already has. Needs IMGRID_KIT (set by .ci/run) for the docker kit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
KIT="${IMGRID_KIT:?IMGRID_KIT must point at the team kit}"
IMAGE=imgrid-test/libvips816
started=$(date +%s)

if ! docker info >/dev/null 2>&1; then
  bash "$KIT/tools/docker-kit.sh"
fi
mkdir -p "$HOME/.m2"
docker build -q --network host -t "$IMAGE" .ci/libvips816 >/dev/null
built=$(date +%s)
echo "test image $IMAGE: $(docker run --rm "$IMAGE" sh -c \
  'dpkg-query -W -f "libvips \${Version}, " libvips42t64; java -version 2>&1 | head -1') ($((built - started)) s)"

docker run --rm --network host \
  -v "$ROOT":/src:ro -v "$HOME/.m2":/root/.m2 \
  "$IMAGE" bash -c '
    set -euo pipefail
    mkdir /build && cd /src
    tar --exclude="./*/target" --exclude=./target --exclude=./bench/out -cf - . | tar -C /build -xf -
    cd /build
    ./mvnw -B -q -pl worker -am verify -Dsurefire.failIfNoSpecifiedTests=false
    grep -h -o "libvips 8[^:]*: loads .*" worker/target/surefire-reports/*-output.txt | sort -u | head -1 || true
    cat worker/target/surefire-reports/*.txt | awk "/^Tests run:/ { sub(/,/, \"\", \$3); n += \$3;
      f += \$5 + \$7 } END { printf \"worker tests on 8.16: %d run, %d failed or errored\\n\", n, f }"'
echo "worker tests passed on libvips 8.16 ($(( $(date +%s) - built )) s for the suite," \
  "$(( $(date +%s) - started )) s in all)"
