package io.imgrid.app.deploy;

import static io.imgrid.app.deploy.DeployFiles.mapAt;
import static io.imgrid.app.deploy.DeployFiles.str;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment docker-compose.yml gives one imgrid service (its {@code environment}, the
 * shared {@code x-imgrid-env} anchor merged in by SnakeYAML), rewritten for a grid of loopback
 * JVMs started by {@code bin/imgrid grid}:
 *
 * <ul>
 *   <li>{@code ${NAME:-default}} is interpolated as Compose does with NAME unset (the default);
 *   <li>the per-node settings {@code bin/grid.sh} assigns itself (bind addresses, cluster name,
 *       host, port, members, discovery, event-bus port) are dropped: on one machine every node
 *       needs its own ports, and grid.sh would override them anyway;
 *   <li>every other reference to a Compose service ({@code http://origin/}) becomes
 *       {@code 127.0.0.1:<port>} of the stand-in the test runs for it; a reference to a service
 *       the test does not run fails, so a new cross-service setting cannot slip through unrewritten.
 * </ul>
 */
final class ComposeEnv {
  /** What bin/grid.sh sets per node in {@code launch()}; the compose values of these are dropped. */
  static final Set<String> GRID_OWNED = Set.of(
      "IMGPROXY_BIND", "IMGPROXY_PROMETHEUS_BIND",
      "IMGRID_CLUSTER_NAME", "IMGRID_CLUSTER_HOST", "IMGRID_CLUSTER_PORT",
      "IMGRID_CLUSTER_MEMBERS", "IMGRID_CLUSTER_DISCOVERY", "IMGRID_EVENTBUS_PORT");

  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  private ComposeEnv() {}

  /**
   * @param compose the parsed docker-compose.yml
   * @param service the service whose environment to take (e.g. {@code gateway-1}, {@code worker})
   * @param standIns loopback port of the stand-in for each Compose service the test runs
   */
  static Map<String, String> of(Map<String, Object> compose, String service, Map<String, Integer> standIns) {
    Set<String> services = mapAt(compose, "services").keySet();
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : mapAt(compose, "services", service, "environment").entrySet()) {
      String name = e.getKey();
      if (!name.startsWith("IMGPROXY_") && !name.startsWith("IMGRID_")) {
        throw new AssertionError(service + ": unexpected environment name " + name);
      }
      if (GRID_OWNED.contains(name)) {
        continue;
      }
      String value = interpolate(str(e.getValue()));
      for (String other : services) {
        value = rewriteHost(service, name, value, other, standIns.get(other));
      }
      env.put(name, value);
    }
    return env;
  }

  /** Compose's interpolation with every variable unset: the default, or empty. */
  static String interpolate(String value) {
    Matcher m = INTERPOLATION.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    }
    return m.appendTail(out).toString();
  }

  private static String rewriteHost(String service, String name, String value, String host, Integer port) {
    Matcher m = Pattern.compile("(?<![\\w.-])" + Pattern.quote(host) + "(:\\d+)?(?![\\w.-])").matcher(value);
    if (!m.find()) {
      return value;
    }
    if (port == null) {
      throw new AssertionError(service + ": " + name + "=" + value + " refers to the Compose service '" + host
          + "', which this test has no loopback stand-in for");
    }
    return m.replaceAll("127.0.0.1:" + port);
  }
}
