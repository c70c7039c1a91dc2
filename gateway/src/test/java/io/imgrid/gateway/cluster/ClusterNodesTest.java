package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.imgrid.shared.config.ClusterConfig;
import io.imgrid.shared.config.TestTlsStores;
import io.imgrid.shared.config.Env;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.ClientAuth;
import java.io.IOException;
import java.io.Serializable;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The node factory's hardening, checked on real nodes where it can be. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterNodesTest {
  private static final String PASSWORD = TestTlsStores.PASSWORD;

  private final TestGrid grid = new TestGrid();
  private ClusterNode plain;
  private ClusterNode secureA;
  private ClusterNode secureB;

  @BeforeAll
  void startGrid() throws Exception {
    Path dir = Files.createTempDirectory("imgrid-tls");
    ClusterConfig.EventBusTls tls = TestTlsStores.selfSigned(dir);
    plain = grid.start();
    secureA = grid.start(grid.config().withEventBusTls(tls));
    secureB = grid.start(grid.config().withEventBusTls(tls));
  }

  @AfterAll
  void stopGrid() {
    grid.close();
  }

  @Test
  void hazelcastAndTheEventBusListenOnlyOnTheClusterHost() throws Exception {
    InetSocketAddress member = plain.memberAddress();
    InetSocketAddress bus = plain.eventBusAddress();
    assertThat(member.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(bus.getHostString()).isEqualTo("127.0.0.1");
    assertThat(plain.memberCount()).isEqualTo(3);

    assertThat(accepts(InetAddress.getLoopbackAddress(), member.getPort())).isTrue();
    assertThat(accepts(InetAddress.getLoopbackAddress(), bus.getPort())).isTrue();
    for (InetAddress other : otherLocalAddresses()) {
      assertThat(accepts(other, member.getPort())).as("member port on " + other).isFalse();
      assertThat(accepts(other, bus.getPort())).as("event bus port on " + other).isFalse();
    }
  }

  @Test
  void mutualTlsNodesTalkToEachOtherButNotToAPlainNode() {
    AtomicInteger secureReceived = new AtomicInteger();
    AtomicInteger plainReceived = new AtomicInteger();
    TestGrid.await(secureA.vertx().eventBus().<String>consumer("imgrid.test.secure", m -> {
      secureReceived.incrementAndGet();
      m.reply("pong");
    }).completion());
    TestGrid.await(plain.vertx().eventBus().<String>consumer("imgrid.test.plain", m -> {
      plainReceived.incrementAndGet();
      m.reply("pong");
    }).completion());

    // positive control: both sides with the certificate exchange messages
    String pong = TestGrid.await(secureB.vertx().eventBus()
        .<String>request("imgrid.test.secure", "ping").map(Message::body));
    assertThat(pong).isEqualTo("pong");
    assertThat(secureReceived).hasValue(1);

    DeliveryOptions shortWait = new DeliveryOptions().setSendTimeout(2_000);
    Future<Message<String>> plainToSecure =
        plain.vertx().eventBus().request("imgrid.test.secure", "forged", shortWait);
    Future<Message<String>> secureToPlain =
        secureA.vertx().eventBus().request("imgrid.test.plain", "ping", shortWait);
    assertThat(failed(plainToSecure)).isTrue();
    assertThat(failed(secureToPlain)).isTrue();
    assertThat(secureReceived).hasValue(1);
    assertThat(plainReceived).hasValue(0);
  }

  @Test
  void javaDeserializationOfForeignClassesIsRefused() {
    plain.hazelcast().getMap("imgrid.test.gadgets").put("k", new Gadget("payload"));
    assertThatThrownBy(() -> secureA.hazelcast().getMap("imgrid.test.gadgets").get("k"))
        .hasStackTraceContaining("is not allowed");
  }

  @Test
  void theMemberConfigIsLockedDown() {
    ClusterConfig cluster = ClusterConfig.from(Env.of(Map.of(
        "IMGRID_CLUSTER_NAME", "prod-grid",
        "IMGRID_CLUSTER_HOST", "10.1.2.3",
        "IMGRID_CLUSTER_MEMBERS", "10.1.2.4:5701")));
    ClusteredVertxFactory factory = new ClusteredVertxFactory(cluster);
    Config config = factory.hazelcastConfig();
    assertThat(config.getClusterName()).isEqualTo("prod-grid");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("10");
    assertThat(config.getProperty("hazelcast.heartbeat.interval.seconds")).isEqualTo("1");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
    assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("10.1.2.3:5701");
    // bound by address, not by an interface list (which drops members given by host name)
    assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("10.1.2.3");
    assertThat(config.getProperty("hazelcast.local.publicAddress")).isEqualTo("10.1.2.3");
    assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getRestApiConfig().isEnabled()).isFalse();
    assertThat(config.getJetConfig().isEnabled()).isFalse();
    assertThat(config.getMetricsConfig().isEnabled()).isFalse();
    // only nodes started withLeases() hold dedup leases
    assertThat(config.getMemberAttributeConfig().getAttributes())
        .doesNotContainKey(HazelcastMembership.LEASES_ATTRIBUTE);
    assertThat(factory.withLeases().hazelcastConfig().getMemberAttributeConfig().getAttributes())
        .containsEntry(HazelcastMembership.LEASES_ATTRIBUTE, "true");
    assertThat(config.getSerializationConfig().getJavaSerializationFilterConfig()).isNotNull();
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.1.2.4:5701");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();

    EventBusOptions bus = factory.eventBusOptions();
    assertThat(bus.getHost()).isEqualTo("10.1.2.3");
    assertThat(bus.getPort()).isEqualTo(5702);
    assertThat(bus.getClusterPublicHost()).isEqualTo("10.1.2.3");
    assertThat(bus.isSsl()).isFalse();
  }

  @Test
  void kubernetesDiscoveryUsesDnsModeAndTlsRequiresClientCertificates() throws Exception {
    Path store = Files.createTempFile("imgrid", ".p12");
    ClusterConfig cluster = ClusterConfig.from(Env.of(Map.of(
        "IMGRID_CLUSTER_NAME", "k8s-grid",
        "IMGRID_CLUSTER_HOST", "10.1.2.3",
        "IMGRID_CLUSTER_DISCOVERY", "kubernetes",
        "IMGRID_KUBERNETES_SERVICE_DNS", "imgrid-hz.grid.svc.cluster.local",
        "IMGRID_EVENTBUS_TLS_KEYSTORE", store.toString(),
        "IMGRID_EVENTBUS_TLS_KEYSTORE_PASSWORD", "a",
        "IMGRID_EVENTBUS_TLS_TRUSTSTORE", store.toString(),
        "IMGRID_EVENTBUS_TLS_TRUSTSTORE_PASSWORD", "b")));
    ClusteredVertxFactory factory = new ClusteredVertxFactory(cluster);
    JoinConfig join = factory.hazelcastConfig().getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns"))
        .isEqualTo("imgrid-hz.grid.svc.cluster.local");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();

    EventBusOptions bus = factory.eventBusOptions();
    assertThat(bus.isSsl()).isTrue();
    assertThat(bus.getClientAuth()).isEqualTo(ClientAuth.REQUIRED);
    assertThat(bus.getKeyCertOptions()).isNotNull();
    assertThat(bus.getTrustOptions()).isNotNull();
  }

  @Test
  void unreadableTlsStoresFailTheStartAtOnce() throws Exception {
    Path dir = Files.createTempDirectory("imgrid-tls-bad");
    ClusterConfig.EventBusTls good = TestTlsStores.selfSigned(dir);
    ClusterConfig.EventBusTls wrongPassword = new ClusterConfig.EventBusTls(
        good.keyStore(), "not-the-password", good.trustStore(), PASSWORD);
    Future<ClusterNode> start = new ClusteredVertxFactory(
        grid.config().withEventBusTls(wrongPassword)).start();
    assertThat(start.failed()).isTrue();
    assertThat(start.cause()).hasMessageContaining("IMGRID_EVENTBUS_TLS_");
  }

  /** A Serializable class outside Hazelcast's whitelist. */
  record Gadget(String payload) implements Serializable {}

  private static boolean failed(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Whether something accepts a TCP connection at {@code address:port} within 2 s. */
  static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<InetAddress> otherLocalAddresses() throws Exception {
    List<InetAddress> out = new java.util.ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          out.add(address);
        }
      }
    }
    return out;
  }
}
