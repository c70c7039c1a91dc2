package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ClusterNodesTest {
  private final TestGrid grid = new TestGrid();

  @AfterEach
  void stop() {
    grid.close();
  }

  @Test
  void twoNodesFormOneClusterOnLoopback() {
    ClusterNode a = grid.start();
    ClusterNode b = grid.start();
    assertThat(a.memberCount()).isEqualTo(2);
    assertThat(b.membership().isMember(a.nodeId())).isTrue();
    assertThat(a.memberAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    System.out.println(a.memberAddress() + " " + a.eventBusAddress() + " " + b.memberAddress());
  }
}
