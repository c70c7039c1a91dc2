# imgrid gateway image: HTTP, auth, dedup and dispatch; no libvips (a gateway never loads it).
# Build from the repository root (BuildKit; builds that run apt and Maven need the network):
#   docker build --network host -f deploy/docker/gateway.Dockerfile -t imgrid/gateway:dev .
# docker-compose.yml builds it as the gateways' image; deploy/README.md has its size.

# Stage 1, byte-identical in gateway.Dockerfile and worker.Dockerfile (a test checks it), so
# BuildKit runs it once for both images: Debian 13's JDK 21, a jlink'd runtime of only the
# modules the jar uses, and the Maven build with ~/.m2 in a cache mount (a rebuild after a
# source change downloads nothing).
FROM debian:trixie-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-21-jdk-headless curl unzip \
 && rm -rf /var/lib/apt/lists/*
# The modules: `jdeps --print-module-deps` on the unpacked jar (Vert.x, Netty, Hazelcast,
# Micrometer, JNA; java.desktop for the worker's ICO encoder), plus jdk.crypto.ec (TLS with EC
# keys) and jdk.naming.dns. Debian's cacerts is a symlink into /etc: the runtime gets a copy. The
# class-data archive makes short JVMs (the health check) start fast; its no-compressed-oops twin
# (heaps over 32 GB only) is dropped.
RUN jlink --add-modules java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive \
      --output /opt/java \
 && rm -f /opt/java/lib/security/cacerts /opt/java/lib/server/classes_nocoops.jsa \
 && cp /etc/ssl/certs/java/cacerts /opt/java/lib/security/cacerts
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY shared/ shared/
COPY gateway/ gateway/
COPY worker/ worker/
COPY app/ app/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl app -am package
# JNA's native part, out of the jar: the worker loads it from the image (jna.boot.library.path),
# so nothing is unpacked into /tmp, which is a noexec tmpfs under a read-only root.
RUN case "$(uname -m)" in x86_64) jna=linux-x86-64 ;; aarch64) jna=linux-aarch64 ;; *) jna="linux-$(uname -m)" ;; esac \
 && mkdir -p /out/lib \
 && unzip -q -j app/target/imgrid.jar "com/sun/jna/$jna/libjnidispatch.so" -d /out/lib

# Stage 2: Debian 13 slim, the jlink'd runtime, the jar and bin/imgrid; no package is added.
FROM debian:trixie-slim
RUN groupadd --system --gid 10001 imgrid \
 && useradd --system --uid 10001 --gid imgrid --home-dir /opt/imgrid --shell /usr/sbin/nologin imgrid
COPY --from=build /opt/java /opt/java
WORKDIR /opt/imgrid
COPY bin/imgrid bin/imgrid
# bin/imgrid finds the jar at app/target/imgrid.jar beside it, so it never builds in the image.
COPY --from=build /src/app/target/imgrid.jar app/target/imgrid.jar
# The heap is a share of the container's memory limit (Java reads the cgroup limit), never a
# fixed -Xmx: 50 % for a gateway (results in flight + Vert.x/Hazelcast), the rest for direct
# buffers (capped), metaspace, threads and malloc. glibc arenas multiply native memory per thread
# (imgproxy's advice: 2). IMGRID_JAVA_OPTS replaces the options as a whole.
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    MALLOC_ARENA_MAX=2 \
    IMGRID_JAVA_OPTS="-XX:InitialRAMPercentage=12 -XX:MaxRAMPercentage=50 -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError" \
    IMGPROXY_BIND=:8080 \
    IMGPROXY_PROMETHEUS_BIND=:8081 \
    IMGRID_CLUSTER_PORT=5701 \
    IMGRID_EVENTBUS_PORT=5702
# 8080: the imgproxy routes, /health, /health/ready; 8081: metrics; 5701: Hazelcast; 5702: event bus.
EXPOSE 8080 8081 5701 5702
USER 10001:10001
# A short JVM that GETs the local /health, with its own small options (not the node's heap).
HEALTHCHECK --interval=10s --timeout=10s --start-period=60s --retries=3 \
  CMD ["env", "IMGRID_JAVA_OPTS=-Xmx24m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData", "bin/imgrid", "health"]
ENTRYPOINT ["bin/imgrid"]
CMD ["gateway"]
