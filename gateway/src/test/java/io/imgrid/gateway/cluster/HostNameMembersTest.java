package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.ClusterConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Members given by host name join, as in a compose stack ({@code gateway-1:5701}): three real
 * nodes on three loopback addresses, the later two seeded with {@code localhost:PORT}, which
 * resolves to another node's address than their own. With Hazelcast's interface list on (as
 * before), a name that did not resolve to the node's own interface was dropped silently and each
 * node formed a cluster of one.
 */
@Timeout(90)
class HostNameMembersTest {

  @Test
  void nodesSeededByHostNameFormOneClusterBoundOnlyToTheirOwnHost() throws Exception {
    try (TestGrid grid = new TestGrid()) {
      ClusterNode first = grid.start(grid.config().withMembers(List.of()));
      int firstPort = first.memberAddress().getPort();
      ClusterNode second = grid.start(grid.config().withHost("127.0.0.2")
          .withMembers(List.of("localhost:" + firstPort)));
      // an unresolvable seed (a scaled-away service's name) is skipped, not fatal
      ClusterNode third = grid.start(grid.config().withHost("127.0.0.3")
          .withMembers(List.of("no-such-member.invalid:5701", "localhost:" + firstPort)));

      Eventually.await("three members everywhere", 20_000, () -> first.memberCount() == 3
          && second.memberCount() == 3 && third.memberCount() == 3);

      // a message crosses the event bus between the nodes on different addresses
      TestGrid.await(third.vertx().eventBus().<String>consumer("imgrid.test.hostnames",
          m -> m.reply("pong")).completion());
      assertThat(TestGrid.await(second.vertx().eventBus()
          .<String>request("imgrid.test.hostnames", "ping")).body()).isEqualTo("pong");

      InetSocketAddress member = second.memberAddress();
      InetSocketAddress bus = second.eventBusAddress();
      assertThat(member.getAddress().getHostAddress()).isEqualTo("127.0.0.2");
      assertThat(bus.getHostString()).isEqualTo("127.0.0.2");
      InetAddress own = InetAddress.getByName("127.0.0.2");
      InetAddress other = InetAddress.getByName("127.0.0.1");
      assertThat(ClusterNodesTest.accepts(own, member.getPort())).isTrue();
      assertThat(ClusterNodesTest.accepts(own, bus.getPort())).isTrue();
      assertThat(ClusterNodesTest.accepts(other, member.getPort()))
          .as("member port on 127.0.0.1").isFalse();
      assertThat(ClusterNodesTest.accepts(other, bus.getPort()))
          .as("event bus port on 127.0.0.1").isFalse();
    }
  }
}
