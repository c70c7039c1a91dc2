package io.imgrid.gateway.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.imgrid.shared.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetSocketAddress;

/**
 * One running clustered node: its Vert.x instance, its Hazelcast member and its view of who is
 * in the cluster. Built by {@link ClusteredVertxFactory#start()}; closing it announces its leave
 * and leaves the cluster.
 */
public final class ClusterNode {
  private final Vertx vertx;
  private final HazelcastClusterManager clusterManager;
  private final HazelcastMembership membership;
  private final LeaveNotices notices;
  private final ClusterConfig config;

  ClusterNode(Vertx vertx, HazelcastClusterManager clusterManager, ClusterConfig config) {
    this.vertx = vertx;
    this.clusterManager = clusterManager;
    this.config = config;
    this.membership = new HazelcastMembership(clusterManager.getHazelcastInstance(),
        clusterManager.getNodeId());
    this.notices = new LeaveNotices(vertx, membership);
  }

  /** Starts listening for other nodes' leave notices. */
  Future<ClusterNode> started() {
    return notices.start().map(this);
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The Vert.x cluster node id workers announce and dedup leaders record. */
  public String nodeId() {
    return clusterManager.getNodeId();
  }

  public Membership membership() {
    return membership;
  }

  public ClusterConfig config() {
    return config;
  }

  /** The Hazelcast member, for gauges such as {@code imgrid_cluster_members}. */
  public HazelcastInstance hazelcast() {
    return clusterManager.getHazelcastInstance();
  }

  /** Members this node counts: Hazelcast's, less those that announced their leave. */
  public int memberCount() {
    return membership.size();
  }

  /** Where the Hazelcast member listens (the bound address, as Hazelcast reports it). */
  public InetSocketAddress memberAddress() {
    return (InetSocketAddress) hazelcast().getLocalEndpoint().getSocketAddress();
  }

  /** Where the event bus listens, as this node advertises it to the others. */
  public InetSocketAddress eventBusAddress() {
    var info = clusterManager.getNodeInfo();
    return InetSocketAddress.createUnresolved(info.host(), info.port());
  }

  /**
   * Leaves the cluster and closes Vert.x: first tells every other node it leaves (bounded, see
   * {@link LeaveNotices}), so they drop it at once rather than when Hazelcast notices.
   */
  public Future<Void> close() {
    return notices.announce().transform(ar -> vertx.close());
  }
}
