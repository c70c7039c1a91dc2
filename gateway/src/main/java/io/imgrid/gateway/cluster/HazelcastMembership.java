package io.imgrid.gateway.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Membership} over Hazelcast's own membership events, mapped to Vert.x node ids through
 * the member attribute vertx-hazelcast sets on every member.
 */
final class HazelcastMembership implements Membership, MembershipListener {
  /** The attribute vertx-hazelcast stores the Vert.x node id under. */
  static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";
  /** Set ("true") on members that hold a shard of the dedup leases. */
  static final String LEASES_ATTRIBUTE = "imgrid.leases";

  private static final Logger LOG = Logger.getLogger(HazelcastMembership.class.getName());

  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private volatile List<String> leaseHolders = List.of();

  HazelcastMembership(HazelcastInstance hazelcast, String nodeId) {
    this.hazelcast = hazelcast;
    this.nodeId = nodeId;
    hazelcast.getCluster().addMembershipListener(this);
    refreshLeaseHolders();
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public boolean isMember(String id) {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return false;
    }
    for (Member member : hazelcast.getCluster().getMembers()) {
      if (id.equals(member.getAttribute(NODE_ID_ATTRIBUTE))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> leaseHolders() {
    return leaseHolders;
  }

  @Override
  public void onNodeLeft(Consumer<String> listener) {
    listeners.add(listener);
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    refreshLeaseHolders(); // workers announce themselves; nothing else to do until they do
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    refreshLeaseHolders();
    String left = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
    if (left == null) {
      return;
    }
    for (Consumer<String> listener : listeners) {
      try {
        listener.accept(left);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "node-left listener failed", e);
      }
    }
  }

  /** Recomputed on every membership event, read on every claim. */
  private void refreshLeaseHolders() {
    List<String> holders = new ArrayList<>();
    for (Member member : hazelcast.getCluster().getMembers()) {
      String id = member.getAttribute(NODE_ID_ATTRIBUTE);
      if (id != null && "true".equals(member.getAttribute(LEASES_ATTRIBUTE))) {
        holders.add(id);
      }
    }
    leaseHolders = List.copyOf(holders);
  }
}
