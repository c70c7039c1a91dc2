package io.imgrid.gateway.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Membership} over Hazelcast's own membership events, mapped to Vert.x node ids through
 * the member attribute vertx-hazelcast sets on every member, and sped up by leave notices.
 *
 * <p>Why notices: Hazelcast has no "member left" message. A member that shuts down gracefully
 * closes its connections, and the others drop it only once reconnecting to it has failed a few
 * times. On loopback a refused connection fails at once (under a second); between containers a
 * stopped container's address just goes silent, so the member stays for the whole member timeout.
 * A node that leaves on purpose therefore tells the others first ({@link LeaveNotices}): from
 * {@link #leaving} it is no member here (not picked, holds no lease), and its node-left listeners
 * run at {@link #noticeSettled}, a moment later, so replies it sent before its notice land first.
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
  /** Nodes that announced their leave, until Hazelcast removes them too. */
  private final Set<String> departed = ConcurrentHashMap.newKeySet();
  /** Nodes whose listeners ran, until Hazelcast removes them too (so they run once). */
  private final Set<String> notified = ConcurrentHashMap.newKeySet();
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
    if (!hazelcast.getLifecycleService().isRunning() || departed.contains(id)) {
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
  public List<String> others() {
    return ids(false);
  }

  /** Members counted as here: Hazelcast's, less the ones that announced their leave. */
  int size() {
    return ids(true).size();
  }

  @Override
  public void onNodeLeft(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** {@code id} announced that it leaves: from now on it is no member for this node. */
  void leaving(String id) {
    if (id.equals(nodeId) || !isMember(id)) {
      return; // never ourselves; a late notice from a node Hazelcast already removed is moot
    }
    departed.add(id);
    refreshLeaseHolders();
  }

  /** The moment after {@code id}'s notice: runs its node-left listeners unless they ran. */
  void noticeSettled(String id) {
    synchronized (this) {
      if (!departed.contains(id) || !notified.add(id)) {
        return;
      }
    }
    fireLeft(id);
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    refreshLeaseHolders(); // workers announce themselves; nothing else to do until they do
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    String left = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
    boolean fire = false;
    if (left != null) {
      synchronized (this) {
        fire = !notified.remove(left); // not yet run for its notice
        departed.remove(left);
      }
    }
    refreshLeaseHolders();
    if (fire) {
      fireLeft(left);
    }
  }

  private void fireLeft(String left) {
    for (Consumer<String> listener : listeners) {
      try {
        listener.accept(left);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "node-left listener failed", e);
      }
    }
  }

  private List<String> ids(boolean withSelf) {
    List<String> out = new ArrayList<>();
    for (Member member : hazelcast.getCluster().getMembers()) {
      String id = member.getAttribute(NODE_ID_ATTRIBUTE);
      if (id != null && !departed.contains(id) && (withSelf || !id.equals(nodeId))) {
        out.add(id);
      }
    }
    return out;
  }

  /** Recomputed on every membership event and notice, read on every claim. */
  private void refreshLeaseHolders() {
    List<String> holders = new ArrayList<>();
    for (Member member : hazelcast.getCluster().getMembers()) {
      String id = member.getAttribute(NODE_ID_ATTRIBUTE);
      if (id != null && !departed.contains(id)
          && "true".equals(member.getAttribute(LEASES_ATTRIBUTE))) {
        holders.add(id);
      }
    }
    leaseHolders = List.copyOf(holders);
  }
}
