package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The dedup leases sharded over two real clustered nodes. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeasesTest {
  private final TestGrid grid = new TestGrid();
  private ClusterNode a;
  private ClusterNode b;
  private Leases leasesA;
  private Leases leasesB;

  @BeforeAll
  void startGrid() {
    a = grid.startWithLeases();
    b = grid.startWithLeases();
    Eventually.await("both see two holders", 5_000, () ->
        a.membership().leaseHolders().size() == 2 && b.membership().leaseHolders().size() == 2);
    leasesA = new Leases(a.vertx(), a.membership());
    leasesB = new Leases(b.vertx(), b.membership());
    TestGrid.await(leasesA.start());
    TestGrid.await(leasesB.start());
  }

  @AfterAll
  void stopGrid() {
    grid.close();
  }

  /** A key whose lease lives on {@code holder}, as both nodes compute it. */
  private String keyHeldBy(ClusterNode holder) {
    for (int i = 0; i < 1_000; i++) {
      String key = "key-" + holder.nodeId() + "-" + i;
      if (leasesA.holderOf(key).equals(holder.nodeId())) {
        assertThat(leasesB.holderOf(key)).isEqualTo(holder.nodeId());
        return key;
      }
    }
    throw new AssertionError("no key of 1000 is held by " + holder.nodeId());
  }

  @Test
  void keysSpreadOverTheHoldersAndOnlyALeaversKeysMove() {
    List<String> three = List.of("node-a", "node-b", "node-c");
    Map<String, Integer> counts = new HashMap<>();
    List<String> before = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String holder = Leases.holderOf("job-" + i, three, "self");
      counts.merge(holder, 1, Integer::sum);
      before.add(holder);
    }
    assertThat(counts).containsOnlyKeys(three);
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1_150));
    List<String> two = List.of("node-c", "node-a"); // node-b left; order does not matter
    for (int i = 0; i < 3_000; i++) {
      String after = Leases.holderOf("job-" + i, two, "self");
      if (!before.get(i).equals("node-b")) {
        assertThat(after).as("job-" + i + " stays where it was").isEqualTo(before.get(i));
      }
    }
    assertThat(Leases.holderOf("job-1", List.of(), "self")).isEqualTo("self");
  }

  @Test
  void aClaimThroughAnotherNodeLandsOnTheKeysHolder() {
    String key = keyHeldBy(b);
    assertThat(TestGrid.await(leasesA.claim(key, "a/1", 10_000))).isNull();
    assertThat(TestGrid.await(leasesB.claim(key, "b/2", 10_000))).isEqualTo("a/1");
    assertThat(TestGrid.await(leasesA.claim(key, "a/3", 10_000))).isEqualTo("a/1");

    assertThat(TestGrid.await(leasesB.takeOver(key, "x/0", "b/2", 10_000))).isFalse();
    assertThat(TestGrid.await(leasesA.takeOver(key, "a/1", "a/4", 10_000))).isTrue();
    assertThat(TestGrid.await(leasesB.claim(key, "b/5", 10_000))).isEqualTo("a/4");

    leasesA.release(key, "a/4"); // one-way: the holder drops it when the message arrives
    Eventually.await("released on b", 5_000,
        () -> TestGrid.await(leasesB.claim(key, "b/6", 10_000)) == null);
  }

  @Test
  void aClaimOnTheLocalShardNeverLeavesTheNode() {
    String key = keyHeldBy(a);
    assertThat(leasesA.claim(key, "a/1", 10_000).result()).as("completed at once").isNull();
    assertThat(TestGrid.await(leasesB.claim(key, "b/2", 10_000))).isEqualTo("a/1");
  }

  @Test
  void aHolderThatLeavesTakesItsLeasesAndItsKeysMoveToTheOthers() {
    ClusterNode c = grid.startWithLeases();
    Leases leasesC = new Leases(c.vertx(), c.membership());
    TestGrid.await(leasesC.start());
    Eventually.await("all see three holders", 5_000, () ->
        a.membership().leaseHolders().size() == 3 && b.membership().leaseHolders().size() == 3);
    String key = keyHeldBy(c);
    assertThat(TestGrid.await(leasesA.claim(key, "a/1", 60_000))).isNull();
    assertThat(TestGrid.await(leasesB.claim(key, "b/2", 60_000))).as("held on c").isEqualTo("a/1");

    grid.stop(c);
    Eventually.await("c is gone from both views", 10_000, () ->
        a.membership().leaseHolders().size() == 2 && b.membership().leaseHolders().size() == 2);
    assertThat(leasesB.holderOf(key)).isEqualTo(leasesA.holderOf(key)).isNotEqualTo(c.nodeId());
    assertThat(TestGrid.await(leasesB.claim(key, "b/3", 60_000)))
        .as("the lease left with c: the key is free on its new holder").isNull();
    assertThat(TestGrid.await(leasesA.claim(key, "a/4", 60_000))).isEqualTo("b/3");
  }

  @Test
  void aHolderAnswersAMessageOfAnotherVersionUnreadable() throws Exception {
    JsonObject future = new JsonObject().put("v", Leases.VERSION + 1).put("op", "claim")
        .put("key", "k").put("token", "t").put("ttl", 1_000);
    try {
      a.vertx().eventBus().request(Leases.address(b.nodeId()), future)
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) e.getCause()).failureCode()).isEqualTo(BusFailures.UNREADABLE);
    }
  }

  @Test
  void aNodeThatDedupsMustHoldLeases() {
    ClusterNode plain = grid.start();
    assertThat(a.membership().leaseHolders()).doesNotContain(plain.nodeId());
    assertThatThrownBy(() -> new ClusterDedup(plain, Duration.ofSeconds(10), new CountingMetrics()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withLeases");
    grid.stop(plain);
  }
}
