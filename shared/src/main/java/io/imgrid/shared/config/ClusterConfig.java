package io.imgrid.shared.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a node joins the grid: the Hazelcast member and the Vert.x event bus, both bound to one
 * private address, plus the grid-level dedup and quarantine settings.
 *
 * <p>{@code IMGRID_CLUSTER_HOST} defaults to {@code 127.0.0.1}, never to a guessed interface:
 * guessing the "first non-loopback address" can pick a public NIC and expose Hazelcast (which
 * has no authentication in its open-source edition, see security-and-faults.md §4). A real
 * deployment sets it to the pod or private IP, to a host name, or to {@value #OWN_HOST_NAME}
 * (this machine's own host name: in a container, the container's IP from its {@code
 * /etc/hosts}). A name is resolved once, here, at start (an IPv4 address first), and the node
 * binds to and advertises that literal address; a wildcard ({@code 0.0.0.0}, {@code ::}), or a
 * name that does not resolve or resolves to one, is refused.
 *
 * @param name cluster name; {@code null} only in a non-clustered role
 * @param host the literal IP Hazelcast and the event bus bind to and advertise (a configured
 *     host name already resolved)
 * @param port Hazelcast member port; 0 lets the OS choose (tests only)
 * @param eventBusPort event-bus port; 0 lets the OS choose (tests only)
 * @param members {@code host:port} seeds for TCP-IP join
 * @param discovery how members find each other
 * @param kubernetesServiceDns headless Service DNS name for {@link Discovery#KUBERNETES}
 * @param heartbeat Hazelcast heartbeat interval
 * @param memberTimeout a member silent for this long is dropped from the cluster
 * @param eventBusTls mutual TLS on the event bus, or null for plain TCP
 * @param quarantineTtl how long a key that took two workers down answers 422 at once
 * @param dedup whether identical concurrent jobs are collapsed cluster-wide
 * @param workerSilence a gateway counts a job as lost with its worker when that worker said
 *     nothing about it (progress, announcements) for this long, and retries it elsewhere
 */
public record ClusterConfig(
    String name,
    String host,
    int port,
    int eventBusPort,
    List<String> members,
    Discovery discovery,
    String kubernetesServiceDns,
    Duration heartbeat,
    Duration memberTimeout,
    EventBusTls eventBusTls,
    Duration quarantineTtl,
    boolean dedup,
    Duration workerSilence) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  /** {@code IMGRID_CLUSTER_HOST} value meaning "the address this machine's host name has". */
  public static final String OWN_HOST_NAME = "@hostname";
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_EVENTBUS_PORT = 5702;
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MEMBER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_QUARANTINE_TTL = Duration.ofSeconds(600);
  /**
   * Eight of a worker's 250 ms progress intervals: covers a worker's GC pause or a busy event
   * loop with room to spare, and leaves most of a 10 s deadline for the retry.
   */
  public static final Duration DEFAULT_WORKER_SILENCE = Duration.ofMillis(2_000);
  /** Four progress intervals: below this a loaded but live worker could be declared lost. */
  public static final Duration MIN_WORKER_SILENCE = Duration.ofMillis(1_000);

  private static final Pattern LITERAL_IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  /** How members find each other. Multicast is for a lab LAN only. */
  public enum Discovery {
    TCP,
    MULTICAST,
    KUBERNETES
  }

  /** PKCS12 key and trust stores for mutual TLS on the event bus. */
  public record EventBusTls(
      Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
    public EventBusTls {
      Objects.requireNonNull(keyStore, "keyStore == null");
      Objects.requireNonNull(keyStorePassword, "keyStorePassword == null");
      Objects.requireNonNull(trustStore, "trustStore == null");
      Objects.requireNonNull(trustStorePassword, "trustStorePassword == null");
    }

    /** Passwords stay out of logs. */
    @Override
    public String toString() {
      return "EventBusTls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
    }
  }

  public ClusterConfig {
    Objects.requireNonNull(host, "host == null");
    members = List.copyOf(members);
    Objects.requireNonNull(discovery, "discovery == null");
    Objects.requireNonNull(heartbeat, "heartbeat == null");
    Objects.requireNonNull(memberTimeout, "memberTimeout == null");
    Objects.requireNonNull(quarantineTtl, "quarantineTtl == null");
    Objects.requireNonNull(workerSilence, "workerSilence == null");
    if (port < 0 || port > 65535 || eventBusPort < 0 || eventBusPort > 65535) {
      throw new IllegalArgumentException("ports out of 0..65535: " + port + ", " + eventBusPort);
    }
  }

  /** Reads the settings of a clustered role: {@code IMGRID_CLUSTER_NAME} is required. */
  public static ClusterConfig from(Env env) {
    return from(env, true);
  }

  /**
   * Reads every {@code IMGRID_CLUSTER_*} / {@code IMGRID_EVENTBUS_*} setting, recording problems
   * on {@code env}. {@code clustered} is false for {@code standalone}, where no name is needed.
   */
  public static ClusterConfig from(Env env, boolean clustered) {
    String name = env.raw("IMGRID_CLUSTER_NAME");
    if (clustered && name == null) {
      env.problem("IMGRID_CLUSTER_NAME", "is required in clustered roles (pick a non-default name)");
    }
    String host = bindAddress(env, env.string("IMGRID_CLUSTER_HOST", DEFAULT_HOST));
    int port = env.integer("IMGRID_CLUSTER_PORT", DEFAULT_PORT, 1, 65535);
    int eventBusPort = env.integer("IMGRID_EVENTBUS_PORT", DEFAULT_EVENTBUS_PORT, 1, 65535);
    if (port == eventBusPort) {
      env.problem("IMGRID_EVENTBUS_PORT", "must differ from IMGRID_CLUSTER_PORT (" + port + ")");
    }
    List<String> members = members(env, port);
    Discovery discovery = discovery(env);
    String serviceDns = env.raw("IMGRID_KUBERNETES_SERVICE_DNS");
    if (discovery == Discovery.KUBERNETES && serviceDns == null) {
      env.problem("IMGRID_KUBERNETES_SERVICE_DNS",
          "is required when IMGRID_CLUSTER_DISCOVERY=kubernetes");
    }
    int heartbeat = env.integer("IMGRID_HEARTBEAT_SECONDS", 1, 1, 3600);
    int timeout = env.integer("IMGRID_MEMBER_TIMEOUT_SECONDS", 10, 1, 3600);
    if (timeout <= heartbeat) {
      env.problem("IMGRID_MEMBER_TIMEOUT_SECONDS",
          "must be greater than IMGRID_HEARTBEAT_SECONDS (" + heartbeat + ")");
    }
    EventBusTls tls = tls(env);
    long quarantine = env.longValue("IMGRID_QUARANTINE_TTL", 600, 1, Integer.MAX_VALUE);
    boolean dedup = env.bool("IMGRID_DEDUP", true);
    long silence = env.longValue("IMGRID_WORKER_SILENCE_MS", DEFAULT_WORKER_SILENCE.toMillis(),
        MIN_WORKER_SILENCE.toMillis(), 600_000);
    return new ClusterConfig(name, host, port, eventBusPort, members, discovery, serviceDns,
        Duration.ofSeconds(heartbeat), Duration.ofSeconds(timeout), tls,
        Duration.ofSeconds(quarantine), dedup, Duration.ofMillis(silence));
  }

  /** A loopback-only config for tests and single-host grids: ports chosen by the OS. */
  public static ClusterConfig loopback(String name, List<String> members) {
    return new ClusterConfig(name, DEFAULT_HOST, 0, 0, members, Discovery.TCP, null,
        DEFAULT_HEARTBEAT, DEFAULT_MEMBER_TIMEOUT, null, DEFAULT_QUARANTINE_TTL, true,
        DEFAULT_WORKER_SILENCE);
  }

  public ClusterConfig withPorts(int port, int eventBusPort) {
    return new ClusterConfig(name, host, port, eventBusPort, members, discovery,
        kubernetesServiceDns, heartbeat, memberTimeout, eventBusTls, quarantineTtl, dedup,
        workerSilence);
  }

  /** The same settings bound to {@code host}, a literal address (tests: 127.0.0.2…). */
  public ClusterConfig withHost(String host) {
    return new ClusterConfig(name, host, port, eventBusPort, members, discovery,
        kubernetesServiceDns, heartbeat, memberTimeout, eventBusTls, quarantineTtl, dedup,
        workerSilence);
  }

  public ClusterConfig withMembers(List<String> members) {
    return new ClusterConfig(name, host, port, eventBusPort, members, discovery,
        kubernetesServiceDns, heartbeat, memberTimeout, eventBusTls, quarantineTtl, dedup,
        workerSilence);
  }

  public ClusterConfig withHeartbeat(Duration heartbeat, Duration memberTimeout) {
    return new ClusterConfig(name, host, port, eventBusPort, members, discovery,
        kubernetesServiceDns, heartbeat, memberTimeout, eventBusTls, quarantineTtl, dedup,
        workerSilence);
  }

  public ClusterConfig withEventBusTls(EventBusTls eventBusTls) {
    return new ClusterConfig(name, host, port, eventBusPort, members, discovery,
        kubernetesServiceDns, heartbeat, memberTimeout, eventBusTls, quarantineTtl, dedup,
        workerSilence);
  }

  public ClusterConfig withWorkerSilence(Duration workerSilence) {
    return new ClusterConfig(name, host, port, eventBusPort, members, discovery,
        kubernetesServiceDns, heartbeat, memberTimeout, eventBusTls, quarantineTtl, dedup,
        workerSilence);
  }

  public ClusterConfig withQuarantineTtl(Duration quarantineTtl) {
    return new ClusterConfig(name, host, port, eventBusPort, members, discovery,
        kubernetesServiceDns, heartbeat, memberTimeout, eventBusTls, quarantineTtl, dedup,
        workerSilence);
  }

  /**
   * {@code IMGRID_CLUSTER_HOST} as the literal address to bind to: a literal as it is, a host
   * name (or {@value #OWN_HOST_NAME}) resolved now; a problem recorded on {@code env} (and the
   * default returned) when it is a wildcard or does not resolve.
   */
  private static String bindAddress(Env env, String value) {
    String problem;
    try {
      InetAddress address = resolve(value);
      if (!address.isAnyLocalAddress()) {
        return address.getHostAddress();
      }
      problem = "must be the node's private IP or a name of it, not a wildcard, got '"
          + value + "'";
    } catch (UnknownHostException e) {
      problem = "must be the node's private IP, a host name that resolves to it, or "
          + OWN_HOST_NAME + "; cannot resolve '" + value + "'";
    }
    env.problem("IMGRID_CLUSTER_HOST", problem);
    return DEFAULT_HOST;
  }

  private static InetAddress resolve(String value) throws UnknownHostException {
    if (LITERAL_IP.matcher(value).matches()) {
      return InetAddress.getByName(value); // a literal never triggers a DNS lookup
    }
    if (value.isEmpty() || value.startsWith("@") && !value.equals(OWN_HOST_NAME)) {
      throw new UnknownHostException(value);
    }
    String name = value.equals(OWN_HOST_NAME) ? InetAddress.getLocalHost().getHostName() : value;
    InetAddress[] all = InetAddress.getAllByName(name);
    for (InetAddress a : all) {
      if (a instanceof Inet4Address) {
        return a;
      }
    }
    return all[0];
  }

  private static List<String> members(Env env, int defaultPort) {
    List<String> out = new ArrayList<>();
    for (String member : env.list("IMGRID_CLUSTER_MEMBERS", ",")) {
      int colon = member.lastIndexOf(':');
      boolean hasPort = colon > 0 && member.indexOf(':') == colon;
      String memberHost = hasPort ? member.substring(0, colon) : member;
      int memberPort = defaultPort;
      if (hasPort) {
        try {
          memberPort = Integer.parseInt(member.substring(colon + 1));
        } catch (NumberFormatException e) {
          memberPort = -1;
        }
      }
      if (memberHost.isEmpty() || memberPort < 1 || memberPort > 65535) {
        env.problem("IMGRID_CLUSTER_MEMBERS", "must be a comma list of host:port, got '"
            + member + "'");
        continue;
      }
      out.add(memberHost + ":" + memberPort);
    }
    return out;
  }

  private static Discovery discovery(Env env) {
    String v = env.string("IMGRID_CLUSTER_DISCOVERY", "tcp");
    try {
      return Discovery.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      env.problem("IMGRID_CLUSTER_DISCOVERY", "must be tcp, multicast or kubernetes, got '"
          + v + "'");
      return Discovery.TCP;
    }
  }

  private static EventBusTls tls(Env env) {
    String[] names = {
      "IMGRID_EVENTBUS_TLS_KEYSTORE", "IMGRID_EVENTBUS_TLS_KEYSTORE_PASSWORD",
      "IMGRID_EVENTBUS_TLS_TRUSTSTORE", "IMGRID_EVENTBUS_TLS_TRUSTSTORE_PASSWORD"
    };
    String[] values = new String[names.length];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      values[i] = env.raw(names[i]);
      if (values[i] == null) {
        missing.add(names[i]);
      }
    }
    if (missing.size() == names.length) {
      return null;
    }
    if (!missing.isEmpty()) {
      env.problem("IMGRID_EVENTBUS_TLS_*",
          "must be set together (mutual TLS needs all four); missing " + missing);
      return null;
    }
    boolean ok = true;
    for (int i : new int[] {0, 2}) {
      if (!Files.isReadable(Path.of(values[i]))) {
        env.problem(names[i], "is not a readable PKCS12 file: " + values[i]);
        ok = false;
      }
    }
    return ok ? new EventBusTls(Path.of(values[0]), values[1], Path.of(values[2]), values[3])
        : null;
  }
}
