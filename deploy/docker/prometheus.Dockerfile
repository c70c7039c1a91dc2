# Prometheus for docker-compose.yml's `monitoring` profile: Debian 13's prometheus package, run
# as its own unprivileged user; the scrape configuration (deploy/prometheus/prometheus.yml) is
# mounted by Compose, the data is a named volume at /prometheus. Build context: deploy/.
#   docker build --network host -f deploy/docker/prometheus.Dockerfile -t imgrid/prometheus:dev deploy

FROM debian:trixie-slim
RUN printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
      'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/locale/*' 'path-exclude=/usr/share/info/*' \
      > /etc/dpkg/dpkg.cfg.d/01-imgrid-slim \
 && printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log /usr/sbin/policy-rc.d \
 && install -d -o prometheus -g prometheus /prometheus
USER prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", "--storage.tsdb.retention.time=7d", "--web.listen-address=:9090"]
