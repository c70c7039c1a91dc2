package io.imgrid.gateway.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.imgrid.shared.config.ClusterConfig;
import java.time.Duration;

/**
 * The hardened Hazelcast member configuration, built in code from {@link ClusterConfig} so no
 * XML (and no XML parser, see CVE-2022-0265) is involved.
 *
 * <p>What it locks down, after security-and-faults.md §4: binds only to the cluster host (never
 * the wildcard: {@code hazelcast.local.localAddress} picks it, {@code hazelcast.socket.bind.any}
 * off binds to it alone, and it is the public address; no interface list, which would drop
 * members given by host name), a fixed member port, no auto-detected or multicast join unless
 * asked for, phone home, REST, Memcache and Jet off, and the Java deserialization filter on
 * (Hazelcast's default blacklist of gadget classes and a whitelist of {@code com.hazelcast.*},
 * {@code java*} and arrays only: imgrid itself stores only strings and bytes). Hazelcast open source has no member
 * authentication or TLS; the network must keep strangers away from the member port.
 */
public final class HazelcastConfigs {
  private HazelcastConfigs() {}

  /**
   * The member config for {@code cluster}.
   *
   * @param joinWait Hazelcast's {@code wait.seconds.before.join}: 0 forms small test clusters
   *     fast; production keeps a few seconds so members starting together merge into one cluster
   * @param leases whether this member holds a shard of the dedup leases (a gateway with dedup
   *     on): marked with a member attribute every member sees ({@link Membership#leaseHolders()})
   */
  public static Config build(ClusterConfig cluster, Duration joinWait, boolean leases) {
    if (cluster.name() == null) {
      throw new IllegalArgumentException("a clustered node needs a cluster name");
    }
    Config config = new Config();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    config.setProperty("hazelcast.local.publicAddress", cluster.host());
    config.setProperty("hazelcast.heartbeat.interval.seconds",
        Long.toString(cluster.heartbeat().toSeconds()));
    config.setProperty("hazelcast.max.no.heartbeat.seconds",
        Long.toString(cluster.memberTimeout().toSeconds()));
    config.setProperty("hazelcast.wait.seconds.before.join",
        Long.toString(joinWait.toSeconds()));
    config.getJetConfig().setEnabled(false);
    // Hazelcast's own metrics (collected every 5 s, published to JMX) feed nothing of imgrid's:
    // the grid metrics come from the nodes themselves
    config.getMetricsConfig().setEnabled(false);
    config.getSerializationConfig()
        .setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
            .setDefaultsDisabled(false));
    network(config.getNetworkConfig(), cluster);
    vertxStructures(config);
    if (leases) {
      config.getMemberAttributeConfig()
          .setAttribute(HazelcastMembership.LEASES_ATTRIBUTE, "true");
    }
    return config;
  }

  private static void network(NetworkConfig network, ClusterConfig cluster) {
    boolean ephemeral = cluster.port() == 0;
    network.setPort(cluster.port());
    network.setPortAutoIncrement(false);
    if (!ephemeral) {
      network.setPublicAddress(cluster.host() + ":" + cluster.port());
    }
    // No interface list: with one enabled, Hazelcast's TCP-IP joiner keeps a member given by
    // host name only if the name resolves to an enabled interface, i.e. to this node itself, and
    // silently drops every other (a compose stack's `gateway-1:5701` made clusters of one). The
    // bind address comes from hazelcast.local.localAddress, and hazelcast.socket.bind.any=false
    // binds the member socket to it alone, so dropping the list opens no other address.
    network.getInterfaces().setEnabled(false);
    network.getRestApiConfig().setEnabled(false);
    network.getMemcacheProtocolConfig().setEnabled(false);
    join(network.getJoin(), cluster);
  }

  private static void join(JoinConfig join, ClusterConfig cluster) {
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    join.getKubernetesConfig().setEnabled(false);
    switch (cluster.discovery()) {
      case TCP:
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        break;
      case MULTICAST:
        join.getMulticastConfig().setEnabled(true).setLoopbackModeEnabled(false);
        break;
      case KUBERNETES:
        join.getKubernetesConfig().setEnabled(true)
            .setProperty("service-dns", cluster.kubernetesServiceDns());
        break;
      default:
        throw new IllegalStateException("unknown discovery " + cluster.discovery());
    }
  }

  /** The structures vertx-hazelcast expects, as in its default-cluster.xml. */
  private static void vertxStructures(Config config) {
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
  }
}
