package io.imgrid.gateway.cluster;

import io.imgrid.shared.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Real clustered nodes in one JVM for tests: a fresh cluster name each, loopback only, ports
 * chosen by the OS, TCP-IP join to the first node, and short heartbeats so a lost node is seen
 * within seconds. Close it to stop every node still running.
 */
final class TestGrid implements AutoCloseable {
  private final String name = "imgrid-test-" + UUID.randomUUID();
  private final List<ClusterNode> nodes = new ArrayList<>();

  ClusterConfig config() {
    List<String> seeds = new ArrayList<>();
    for (ClusterNode node : nodes) {
      InetSocketAddress a = node.memberAddress();
      seeds.add(a.getHostString() + ":" + a.getPort());
      break;
    }
    return ClusterConfig.loopback(name, seeds)
        .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(4));
  }

  ClusterNode start() {
    return start(config());
  }

  /** A node that holds a share of the dedup leases, as a gateway with dedup on does. */
  ClusterNode startWithLeases() {
    return start(new ClusteredVertxFactory(config()).withLeases());
  }

  ClusterNode start(ClusterConfig config) {
    return start(new ClusteredVertxFactory(config));
  }

  private ClusterNode start(ClusteredVertxFactory factory) {
    ClusterNode node = await(factory
        .withJoinWait(Duration.ZERO)
        .withVertxOptions(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4))
        .start());
    nodes.add(node);
    return node;
  }

  /** Stops tracking {@code node}, which the test closed itself. */
  void forget(ClusterNode node) {
    nodes.remove(node);
  }

  /** Closes {@code node} gracefully and waits until it has left. */
  void stop(ClusterNode node) {
    nodes.remove(node);
    await(node.close());
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed: " + e, e);
    }
  }

  @Override
  public void close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (ClusterNode node : nodes) {
      closing.add(node.close());
    }
    nodes.clear();
    await(Future.join(closing));
  }
}
