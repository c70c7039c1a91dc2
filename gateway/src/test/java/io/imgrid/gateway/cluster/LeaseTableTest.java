package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseTableTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final LeaseTable table = new LeaseTable(now::get);

  private void advanceMillis(long millis) {
    now.addAndGet(millis * 1_000_000L);
  }

  @Test
  void theFirstClaimWinsAndLaterOnesLearnTheLeader() {
    assertThat(table.claim("k", "a/1", 1_000)).isNull();
    assertThat(table.claim("k", "b/2", 1_000)).isEqualTo("a/1");
    assertThat(table.claim("other", "b/2", 1_000)).isNull();
  }

  @Test
  void anExpiredLeaseCountsAsAbsent() {
    table.claim("k", "a/1", 1_000);
    advanceMillis(999);
    assertThat(table.claim("k", "b/2", 1_000)).isEqualTo("a/1");
    advanceMillis(1);
    assertThat(table.claim("k", "b/2", 1_000)).isNull();
    assertThat(table.claim("k", "c/3", 1_000)).isEqualTo("b/2");
  }

  @Test
  void onlyTheHoldersTokenReleases() {
    table.claim("k", "a/1", 1_000);
    table.release("k", "b/2");
    assertThat(table.claim("k", "c/3", 1_000)).isEqualTo("a/1");
    table.release("k", "a/1");
    assertThat(table.claim("k", "c/3", 1_000)).isNull();
  }

  @Test
  void aTakeOverNeedsTheStaleTokenAndRenewsTheTtl() {
    table.claim("k", "a/1", 1_000);
    assertThat(table.takeOver("k", "x/9", "b/2", 1_000)).isFalse();
    assertThat(table.takeOver("missing", "a/1", "b/2", 1_000)).isFalse();
    advanceMillis(900);
    assertThat(table.takeOver("k", "a/1", "b/2", 1_000)).isTrue();
    advanceMillis(900); // a's TTL would be over by now, b's is not
    assertThat(table.claim("k", "c/3", 1_000)).isEqualTo("b/2");
    assertThat(table.takeOver("k", "a/1", "c/3", 1_000)).as("a is not the holder any more").isFalse();
  }

  @Test
  void sweepingDropsOnlyExpiredLeases() {
    table.claim("old", "a/1", 100);
    table.claim("young", "a/2", 10_000);
    advanceMillis(500);
    table.sweep();
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.claim("young", "b/3", 1_000)).isEqualTo("a/2");
  }
}
