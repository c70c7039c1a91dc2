#!/usr/bin/env bash
# Kit step: the JUnit tests tagged `kit`, which read the team kit (imgproxy's fixtures, golden
# files). Needs IMGRID_KIT (set by .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
KIT="${IMGRID_KIT:?IMGRID_KIT must point at the team kit}"
./mvnw -B -q verify -Dimgrid.test.excludedGroups= -Dgroups=kit -Dimgrid.kit="$KIT" \
  -Dsurefire.failIfNoSpecifiedTests=false
echo "kit tests passed"
