# The front proxy and the sample origin of docker-compose.yml: Debian 13's nginx, run as the
# unprivileged www-data, read-only root (pid and temp files in /tmp). Two targets:
#   proxy   the response cache in front of the gateways (site: deploy/nginx/imgrid.conf, which
#           Compose mounts, so it can be edited without a rebuild)
#   origin  static sample images, generated here by deploy/origin/gen-samples.sh
# The build context is deploy/ (the repository root's .dockerignore keeps deploy/ out of the
# imgrid images' context):
#   docker build --network host -f deploy/docker/nginx.Dockerfile --target proxy -t imgrid/proxy:dev deploy

FROM debian:trixie-slim AS nginx
# policy-rc.d: the package must not start nginx during the build (host networking!).
RUN printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
      'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/locale/*' 'path-exclude=/usr/share/info/*' \
      > /etc/dpkg/dpkg.cfg.d/01-imgrid-slim \
 && printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log /usr/sbin/policy-rc.d \
 && rm -f /etc/nginx/sites-enabled/* /etc/nginx/conf.d/*
COPY nginx/nginx.conf /etc/nginx/nginx.conf
STOPSIGNAL SIGQUIT
# -e: the error log before nginx.conf is read (the built-in path is not writable).
CMD ["nginx", "-e", "stderr"]

FROM nginx AS proxy
# The cache folder: a named volume in Compose, which takes this folder's owner when created.
RUN install -d -o www-data -g www-data /var/cache/nginx
USER www-data
EXPOSE 8080

FROM nginx AS origin
COPY origin/ /srv/origin-src/
RUN sh /srv/origin-src/gen-samples.sh /srv/origin && rm -rf /srv/origin-src
COPY nginx/origin.conf /etc/nginx/conf.d/origin.conf
USER www-data
EXPOSE 80
