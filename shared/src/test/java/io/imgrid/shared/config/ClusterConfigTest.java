package io.imgrid.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.ClusterConfig.Discovery;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {

  @Test
  void defaultsMatchTheDesign() {
    Env env = Env.of(Map.of("IMGRID_CLUSTER_NAME", "prod-grid"));
    ClusterConfig c = ClusterConfig.from(env);
    assertThat(env.problems()).isEmpty();
    assertThat(c.name()).isEqualTo("prod-grid");
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(5701);
    assertThat(c.eventBusPort()).isEqualTo(5702);
    assertThat(c.discovery()).isEqualTo(Discovery.TCP);
    assertThat(c.members()).isEmpty();
    assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.memberTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.eventBusTls()).isNull();
    assertThat(c.quarantineTtl()).isEqualTo(Duration.ofSeconds(600));
    assertThat(c.dedup()).isTrue();
    assertThat(c.workerSilence()).isEqualTo(Duration.ofMillis(2_000));
  }

  @Test
  void clusterNameIsRequiredOnlyInClusteredRoles() {
    Env clustered = Env.of(Map.of());
    ClusterConfig.from(clustered);
    assertThat(clustered.problems()).singleElement().asString().startsWith("IMGRID_CLUSTER_NAME");

    Env standalone = Env.of(Map.of());
    assertThat(ClusterConfig.from(standalone, false).name()).isNull();
    assertThat(standalone.problems()).isEmpty();
  }

  @Test
  void readsEverySetting() {
    Env env = Env.of(Map.ofEntries(
        Map.entry("IMGRID_CLUSTER_NAME", "g"),
        Map.entry("IMGRID_CLUSTER_HOST", "10.0.3.7"),
        Map.entry("IMGRID_CLUSTER_PORT", "6701"),
        Map.entry("IMGRID_EVENTBUS_PORT", "6702"),
        Map.entry("IMGRID_CLUSTER_MEMBERS", "10.0.3.8:6701, 10.0.3.9"),
        Map.entry("IMGRID_HEARTBEAT_SECONDS", "2"),
        Map.entry("IMGRID_MEMBER_TIMEOUT_SECONDS", "20"),
        Map.entry("IMGRID_QUARANTINE_TTL", "60"),
        Map.entry("IMGRID_DEDUP", "false"),
        Map.entry("IMGRID_WORKER_SILENCE_MS", "1500")));
    ClusterConfig c = ClusterConfig.from(env);
    assertThat(env.problems()).isEmpty();
    assertThat(c.host()).isEqualTo("10.0.3.7");
    assertThat(c.port()).isEqualTo(6701);
    assertThat(c.eventBusPort()).isEqualTo(6702);
    assertThat(c.members()).containsExactly("10.0.3.8:6701", "10.0.3.9:6701");
    assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.memberTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.quarantineTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.dedup()).isFalse();
    assertThat(c.workerSilence()).isEqualTo(Duration.ofMillis(1_500));
  }

  @Test
  void aWorkerSilenceNotBelowTheRequestTimeoutIsWarnedAbout() {
    ImgridConfig config = ImgridConfig.load(Map.of("IMGRID_CLUSTER_NAME", "g",
        "IMGPROXY_TIMEOUT", "2", "IMGRID_WORKER_SILENCE_MS", "2000"), true);
    assertThat(config.warnings()).anyMatch(w -> w.startsWith("IMGRID_WORKER_SILENCE_MS"));
    assertThat(ImgridConfig.load(Map.of("IMGRID_CLUSTER_NAME", "g"), true).warnings())
        .noneMatch(w -> w.startsWith("IMGRID_WORKER_SILENCE_MS"));
  }

  @Test
  void aWorkerSilenceShorterThanFourProgressIntervalsIsRefused() {
    Env env = Env.of(Map.of("IMGRID_CLUSTER_NAME", "g", "IMGRID_WORKER_SILENCE_MS", "500"));
    assertThat(ClusterConfig.from(env).workerSilence()).isEqualTo(Duration.ofMillis(2_000));
    assertThat(env.problems()).singleElement().asString()
        .startsWith("IMGRID_WORKER_SILENCE_MS");
  }

  @Test
  void refusesWildcardsUnresolvableNamesAndBadValuesAllAtOnce() {
    Env env = Env.of(Map.ofEntries(
        Map.entry("IMGRID_CLUSTER_NAME", "g"),
        Map.entry("IMGRID_CLUSTER_HOST", "0.0.0.0"),
        Map.entry("IMGRID_CLUSTER_PORT", "5702"),
        Map.entry("IMGRID_CLUSTER_MEMBERS", "a:b"),
        Map.entry("IMGRID_CLUSTER_DISCOVERY", "gossip"),
        Map.entry("IMGRID_HEARTBEAT_SECONDS", "10"),
        Map.entry("IMGRID_MEMBER_TIMEOUT_SECONDS", "5")));
    ClusterConfig.from(env);
    assertThat(env.problems()).hasSize(5).anySatisfy(p -> assertThat(p)
        .startsWith("IMGRID_CLUSTER_HOST")).anySatisfy(p -> assertThat(p)
        .startsWith("IMGRID_EVENTBUS_PORT")).anySatisfy(p -> assertThat(p)
        .startsWith("IMGRID_CLUSTER_MEMBERS")).anySatisfy(p -> assertThat(p)
        .startsWith("IMGRID_CLUSTER_DISCOVERY")).anySatisfy(p -> assertThat(p)
        .startsWith("IMGRID_MEMBER_TIMEOUT_SECONDS"));

    for (String host : List.of("::", "no-such-host.invalid", "@nonsense", "")) {
      Env e = Env.of(Map.of("IMGRID_CLUSTER_NAME", "g", "IMGRID_CLUSTER_HOST", host + " "));
      ClusterConfig.from(e);
      assertThat(e.problems()).as(host).hasSize(host.isEmpty() ? 0 : 1);
    }
  }

  @Test
  void aHostNameIsResolvedOnceToTheLiteralTheNodeBindsTo() throws Exception {
    Env env = Env.of(Map.of("IMGRID_CLUSTER_NAME", "g", "IMGRID_CLUSTER_HOST", "localhost"));
    assertThat(ClusterConfig.from(env).host()).isEqualTo("127.0.0.1");
    assertThat(env.problems()).isEmpty();

    // in a container the host name is the container's and resolves to its own IP
    Env own = Env.of(Map.of("IMGRID_CLUSTER_NAME", "g",
        "IMGRID_CLUSTER_HOST", ClusterConfig.OWN_HOST_NAME));
    InetAddress[] all = InetAddress.getAllByName(InetAddress.getLocalHost().getHostName());
    String expected = Arrays.stream(all).filter(a -> a instanceof Inet4Address).findFirst()
        .orElse(all[0]).getHostAddress();
    assertThat(ClusterConfig.from(own).host()).isEqualTo(expected);
    assertThat(own.problems()).isEmpty();
  }

  @Test
  void kubernetesDiscoveryNeedsTheServiceDns() {
    Env env = Env.of(Map.of("IMGRID_CLUSTER_NAME", "g", "IMGRID_CLUSTER_DISCOVERY", "kubernetes"));
    ClusterConfig.from(env);
    assertThat(env.problems()).singleElement().asString()
        .startsWith("IMGRID_KUBERNETES_SERVICE_DNS");

    Env ok = Env.of(Map.of("IMGRID_CLUSTER_NAME", "g", "IMGRID_CLUSTER_DISCOVERY", "Kubernetes",
        "IMGRID_KUBERNETES_SERVICE_DNS", "imgrid-hz.default.svc.cluster.local"));
    ClusterConfig c = ClusterConfig.from(ok);
    assertThat(ok.problems()).isEmpty();
    assertThat(c.discovery()).isEqualTo(Discovery.KUBERNETES);
    assertThat(c.kubernetesServiceDns()).isEqualTo("imgrid-hz.default.svc.cluster.local");
  }

  @Test
  void eventBusTlsIsAllOrNothing(@TempDir Path dir) throws Exception {
    Path ks = Files.write(dir.resolve("node.p12"), new byte[] {1});
    Path ts = Files.write(dir.resolve("trust.p12"), new byte[] {1});
    Map<String, String> vars = new HashMap<>(Map.of(
        "IMGRID_CLUSTER_NAME", "g",
        "IMGRID_EVENTBUS_TLS_KEYSTORE", ks.toString(),
        "IMGRID_EVENTBUS_TLS_KEYSTORE_PASSWORD", "k-secret",
        "IMGRID_EVENTBUS_TLS_TRUSTSTORE", ts.toString(),
        "IMGRID_EVENTBUS_TLS_TRUSTSTORE_PASSWORD", "t-secret"));
    Env full = Env.of(vars);
    ClusterConfig c = ClusterConfig.from(full);
    assertThat(full.problems()).isEmpty();
    assertThat(c.eventBusTls().keyStore()).isEqualTo(ks);
    assertThat(c.eventBusTls().trustStorePassword()).isEqualTo("t-secret");
    assertThat(c.toString()).doesNotContain("k-secret", "t-secret");

    vars.remove("IMGRID_EVENTBUS_TLS_TRUSTSTORE_PASSWORD");
    Env partial = Env.of(vars);
    assertThat(ClusterConfig.from(partial).eventBusTls()).isNull();
    assertThat(partial.problems()).singleElement().asString()
        .contains("IMGRID_EVENTBUS_TLS_TRUSTSTORE_PASSWORD");

    vars.put("IMGRID_EVENTBUS_TLS_TRUSTSTORE_PASSWORD", "t-secret");
    vars.put("IMGRID_EVENTBUS_TLS_KEYSTORE", dir.resolve("missing.p12").toString());
    Env missing = Env.of(vars);
    ClusterConfig.from(missing);
    assertThat(missing.problems()).singleElement().asString()
        .startsWith("IMGRID_EVENTBUS_TLS_KEYSTORE ");
  }
}
