#!/usr/bin/env bash
# CI step: proves deploy/nginx/imgrid.conf is a valid nginx configuration. It includes a copy of
# the file from a throw-away wrapper nginx.conf, with the marked lines rewritten for this machine
# (gateways -> 127.0.0.1, cache and temp folders -> a temp dir, listen -> a loopback port), and
# runs `nginx -t` on it. Needs Debian's nginx (nginx-light), as installed by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
CONF="$PWD/deploy/nginx/imgrid.conf"
NGINX="${NGINX:-/usr/sbin/nginx}"
[[ -x "$NGINX" ]] || { echo "nginx-check: $NGINX missing; install it: apt-get install -y nginx-light" >&2; exit 1; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/cache" "$TMP/temp"

# One rewrite per marker; each must hit at least one line, so a renamed marker fails here.
count() { grep -c "# imgrid:$1\$" "$CONF" || true; }
for marker in upstream cache-path listen; do
  [[ "$(count "$marker")" -ge 1 ]] || { echo "nginx-check: no '# imgrid:$marker' line in $CONF" >&2; exit 1; }
done
port=18080
sed -E \
  -e "/# imgrid:upstream\$/ s#server [^ ;]+:([0-9]+)#server 127.0.0.1:\1#" \
  -e "/# imgrid:cache-path\$/ s#proxy_cache_path [^ ]+#proxy_cache_path $TMP/cache#" \
  -e "/# imgrid:listen\$/ s#listen [^;]+;#listen 127.0.0.1:$port;#" \
  "$CONF" > "$TMP/imgrid.conf"

if grep -E '# imgrid:upstream$' "$TMP/imgrid.conf" | grep -qv 'server 127\.0\.0\.1:'; then
  echo "nginx-check: an upstream line was not rewritten" >&2; exit 1
fi

cat > "$TMP/nginx.conf" <<CONFEOF
pid $TMP/nginx.pid;
error_log stderr notice;
events {}
http {
    access_log off;
    client_body_temp_path $TMP/temp/body;
    proxy_temp_path $TMP/temp/proxy;
    fastcgi_temp_path $TMP/temp/fastcgi;
    uwsgi_temp_path $TMP/temp/uwsgi;
    scgi_temp_path $TMP/temp/scgi;
    include $TMP/imgrid.conf;
}
CONFEOF

"$NGINX" -t -q -p "$TMP" -e stderr -c "$TMP/nginx.conf"
echo "nginx-check: deploy/nginx/imgrid.conf OK ($("$NGINX" -v 2>&1))"
