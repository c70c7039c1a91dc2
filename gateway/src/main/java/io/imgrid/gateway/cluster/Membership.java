package io.imgrid.gateway.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * Which nodes are in the cluster, as the cluster manager sees them. Dispatch and dedup use it to
 * fail work at once when a node leaves, instead of waiting for a send timeout.
 *
 * <p>Node ids are Vert.x cluster node ids, the ones workers announce and dedup leaders record.
 * Not to be confused with {@code ClusterManager.nodeListener}: Vert.x keeps that single slot for
 * its own HA manager, so imgrid listens to Hazelcast's membership events instead.
 */
public interface Membership {

  /** This node's id. */
  String nodeId();

  /** Whether {@code nodeId} is a current member. */
  boolean isMember(String nodeId);

  /**
   * The current members that hold a shard of the dedup leases (gateways with dedup on, see
   * {@link ClusteredVertxFactory#withLeases}), in no particular order.
   */
  List<String> leaseHolders();

  /** The ids of the other current members, in no particular order. */
  List<String> others();

  /**
   * Calls {@code listener} with the id of every node that leaves from now on (killed, shut down,
   * silent past the member timeout, or announcing its leave), once per node. Listeners run on a
   * cluster-manager or event-loop thread: keep them short and thread-safe.
   */
  void onNodeLeft(Consumer<String> listener);

  /** A one-node membership for {@code standalone}: nothing ever leaves. */
  static Membership local(String nodeId) {
    return new Membership() {
      @Override
      public String nodeId() {
        return nodeId;
      }

      @Override
      public boolean isMember(String id) {
        return nodeId.equals(id);
      }

      @Override
      public List<String> leaseHolders() {
        return List.of(nodeId);
      }

      @Override
      public List<String> others() {
        return List.of();
      }

      @Override
      public void onNodeLeft(Consumer<String> listener) {
        // a single JVM never loses a node
      }
    };
  }
}
