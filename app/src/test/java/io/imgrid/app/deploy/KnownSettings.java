package io.imgrid.app.deploy;

import java.util.Set;

/**
 * The environment variable names imgrid reads, against which the deployment files' env names are
 * checked. For now this is the list from the design (the cluster settings) plus the imgproxy
 * settings the deployment files use, each of which is an imgproxy setting named in the contract.
 * At merge time its body is replaced by the registry of settings read from the code, so a typo in
 * a manifest, or a setting the code dropped, fails the deploy tests.
 */
final class KnownSettings {
  private KnownSettings() {}

  static Set<String> names() {
    return Set.of(
        // design.md, "Nodes, ports and settings"
        "IMGRID_CLUSTER_NAME",
        "IMGRID_CLUSTER_HOST",
        "IMGRID_CLUSTER_PORT",
        "IMGRID_EVENTBUS_PORT",
        "IMGRID_CLUSTER_MEMBERS",
        "IMGRID_CLUSTER_DISCOVERY",
        "IMGRID_KUBERNETES_SERVICE_DNS",
        "IMGRID_HEARTBEAT_SECONDS",
        "IMGRID_MEMBER_TIMEOUT_SECONDS",
        "IMGRID_QUARANTINE_TTL",
        "IMGRID_DEDUP",
        "IMGRID_LIBVIPS_PATH",
        "IMGRID_JAVA_OPTS",
        // imgproxy settings used by the deployment files (imgproxy-contract.md)
        "IMGPROXY_BIND",
        "IMGPROXY_PROMETHEUS_BIND",
        "IMGPROXY_KEY",
        "IMGPROXY_SALT",
        "IMGPROXY_WORKERS",
        "IMGPROXY_TIMEOUT",
        "IMGPROXY_ALLOWED_SOURCES",
        "IMGPROXY_ALLOW_PRIVATE_SOURCE_ADDRESSES",
        "IMGPROXY_AUTO_WEBP",
        "IMGPROXY_MAX_SRC_FILE_SIZE",
        "IMGPROXY_MAX_SRC_RESOLUTION",
        "IMGPROXY_MAX_RESULT_DIMENSION");
  }
}
