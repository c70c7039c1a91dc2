#!/usr/bin/env bash
# Kit step: the worker's whole test suite again, on the second libvips imgrid supports: the
# self-contained 8.18 build inside npm's @img/sharp-libvips-linux-x64, at the version the kit's
# sharp peer pins (its package-lock.json), loaded through IMGRID_LIBVIPS_PATH exactly as a worker
# would load it. That build has no HEIC or JXL encoder; the tests follow what the worker probes.
# Needs IMGRID_KIT (set by .ci/run), npm and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
KIT="${IMGRID_KIT:?IMGRID_KIT must point at the team kit}"
PEER="$KIT/bench/peers/sharp"
[[ -f "$PEER/package-lock.json" ]] || { echo "the kit's sharp peer is absent at $PEER"; exit 1; }
if ! command -v npm >/dev/null; then
  apt-get install -y -qq nodejs npm >/dev/null
fi

DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
cp "$PEER/package.json" "$PEER/package-lock.json" "$DIR/"
(cd "$DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
LIB="$DIR/node_modules/@img/sharp-libvips-linux-x64/lib"
ls "$LIB"/libvips-cpp.so.* >/dev/null

echo "worker tests on $(basename "$(ls "$LIB"/libvips-cpp.so.*)")"
IMGRID_LIBVIPS_PATH="$LIB" ./mvnw -B -q -pl worker -am verify -Dsurefire.failIfNoSpecifiedTests=false
echo "worker tests passed on libvips 8.18"
