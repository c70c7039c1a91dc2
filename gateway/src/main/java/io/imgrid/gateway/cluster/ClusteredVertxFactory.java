package io.imgrid.gateway.cluster;

import com.hazelcast.config.Config;
import io.imgrid.shared.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PfxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Starts a clustered Vert.x node from a {@link ClusterConfig}: the hardened Hazelcast member of
 * {@link HazelcastConfigs} and an event bus bound to the same host on its fixed port, with
 * mutual TLS when key and trust stores are configured (so no host without a certificate signed
 * into the trust store can post to any address, e.g. fake job results).
 *
 * <p>Immutable; each {@code with*} returns a copy. The customiser is where the composition root
 * adds metrics, e.g. {@code b -> b.withMetrics(new MicrometerMetricsFactory(registry))}.
 */
public final class ClusteredVertxFactory {
  /** Hazelcast's own default; lets members started together find each other. */
  public static final Duration DEFAULT_JOIN_WAIT = Duration.ofSeconds(5);

  private final ClusterConfig config;
  private final VertxOptions options;
  private final UnaryOperator<VertxBuilder> customiser;
  private final Duration joinWait;
  private final boolean leases;

  public ClusteredVertxFactory(ClusterConfig config) {
    this(config, new VertxOptions(), UnaryOperator.identity(), DEFAULT_JOIN_WAIT, false);
  }

  private ClusteredVertxFactory(ClusterConfig config, VertxOptions options,
      UnaryOperator<VertxBuilder> customiser, Duration joinWait, boolean leases) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.options = Objects.requireNonNull(options, "options == null");
    this.customiser = Objects.requireNonNull(customiser, "customiser == null");
    this.joinWait = Objects.requireNonNull(joinWait, "joinWait == null");
    this.leases = leases;
  }

  /** Base Vert.x options (event-loop size, blocked-thread checks…); the event bus is ours. */
  public ClusteredVertxFactory withVertxOptions(VertxOptions options) {
    return new ClusteredVertxFactory(config, new VertxOptions(options), customiser, joinWait,
        leases);
  }

  /** Applied to the builder last, e.g. to add a metrics factory or a tracer. */
  public ClusteredVertxFactory withBuilder(UnaryOperator<VertxBuilder> customiser) {
    return new ClusteredVertxFactory(config, options, customiser, joinWait, leases);
  }

  /** Hazelcast's join wait; tests use {@link Duration#ZERO}. */
  public ClusteredVertxFactory withJoinWait(Duration joinWait) {
    return new ClusteredVertxFactory(config, options, customiser, joinWait, leases);
  }

  /**
   * Makes the node hold a shard of the dedup leases: every node that runs a {@link ClusterDedup}
   * (a gateway with dedup on) must start with it, and no other node should.
   */
  public ClusteredVertxFactory withLeases() {
    return new ClusteredVertxFactory(config, options, customiser, joinWait, true);
  }

  /** The Hazelcast member config this factory starts with. */
  public Config hazelcastConfig() {
    return HazelcastConfigs.build(config, joinWait, leases);
  }

  /** The event-bus options this factory starts with. */
  public EventBusOptions eventBusOptions() {
    EventBusOptions bus = new EventBusOptions()
        .setHost(config.host())
        .setPort(config.eventBusPort())
        .setClusterPublicHost(config.host());
    if (config.eventBusPort() != 0) {
      bus.setClusterPublicPort(config.eventBusPort());
    }
    ClusterConfig.EventBusTls tls = config.eventBusTls();
    if (tls != null) {
      bus.setSsl(true)
          .setClientAuth(ClientAuth.REQUIRED)
          .setKeyCertOptions(pkcs12(tls.keyStore().toString(), tls.keyStorePassword()))
          .setTrustOptions(pkcs12(tls.trustStore().toString(), tls.trustStorePassword()));
    }
    return bus;
  }

  /**
   * Joins the cluster; completes once Hazelcast and the event bus are up. Unreadable TLS stores
   * fail here at once: Vert.x 5.0 would otherwise log the event-bus failure and never complete.
   */
  public Future<ClusterNode> start() {
    ClusterConfig.EventBusTls tls = config.eventBusTls();
    if (tls != null) {
      try {
        load(tls.keyStore(), tls.keyStorePassword());
        load(tls.trustStore(), tls.trustStorePassword());
      } catch (IOException | GeneralSecurityException e) {
        return Future.failedFuture(new IllegalArgumentException(
            "cannot read the event-bus TLS stores (PKCS12, IMGRID_EVENTBUS_TLS_*): " + e, e));
      }
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig());
    VertxOptions vertxOptions = new VertxOptions(options).setEventBusOptions(eventBusOptions());
    VertxBuilder builder = Vertx.builder().with(vertxOptions).withClusterManager(manager);
    return customiser.apply(builder).buildClustered()
        .compose(vertx -> new ClusterNode(vertx, manager, config).started()
            .recover(e -> vertx.close().transform(ar -> Future.failedFuture(e))));
  }

  private static void load(Path path, String password)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
    }
  }

  /**
   * PKCS12 as {@link PfxOptions}: the clustered event bus copies its options through JSON, which
   * keeps the PFX/JKS/PEM kinds but drops a generic {@code KeyStoreOptions}.
   */
  private static PfxOptions pkcs12(String path, String password) {
    return new PfxOptions().setPath(path).setPassword(password);
  }
}
