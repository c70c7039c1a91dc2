# syntax=docker/dockerfile:1
# imgrid gateway image: HTTP, auth, dedup and dispatch; no libvips (a gateway never loads it).
# Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t imgrid-gateway .
# UNTESTED BUILD: no image has been built from this file yet (see deploy/README.md).
#
# Stage 1 is the one Maven build, byte-identical in worker.Dockerfile (a test checks it), so
# BuildKit builds the jar once when both images are built on one builder.

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless ca-certificates curl unzip \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY shared/ shared/
COPY gateway/ gateway/
COPY worker/ worker/
COPY app/ app/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests -pl app -am package

# Stage 2: Debian 12 with a headless JRE only.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 imgrid \
 && useradd --system --uid 10001 --gid imgrid --home-dir /opt/imgrid --shell /usr/sbin/nologin imgrid
WORKDIR /opt/imgrid
# bin/imgrid finds the jar at app/target/imgrid.jar beside it, so it never builds in the image.
COPY --from=build /src/app/target/imgrid.jar app/target/imgrid.jar
COPY bin/imgrid bin/imgrid
# glibc arenas multiply native memory per thread (imgproxy's advice: 2).
ENV MALLOC_ARENA_MAX=2 \
    IMGPROXY_BIND=:8080 \
    IMGPROXY_PROMETHEUS_BIND=:8081 \
    IMGRID_CLUSTER_PORT=5701 \
    IMGRID_EVENTBUS_PORT=5702
# 8080: the imgproxy routes, /health, /health/ready; 8081: metrics; 5701: Hazelcast; 5702: event bus.
EXPOSE 8080 8081 5701 5702
USER 10001:10001
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
  CMD ["bin/imgrid", "health"]
ENTRYPOINT ["bin/imgrid"]
CMD ["gateway"]
