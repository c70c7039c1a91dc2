package io.imgrid.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.gateway.dispatch.WorkerSlots;
import io.imgrid.gateway.http.GatewayServices;
import io.imgrid.gateway.http.GatewayVerticle;
import io.imgrid.gateway.http.JobRequest;
import io.imgrid.gateway.dispatch.LocalDispatcher;
import io.imgrid.gateway.http.ReadinessCheck;
import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.Codecs;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.JobReplies;
import io.imgrid.shared.bus.ResultMessage;
import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.error.RequestException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real Vert.x with the Micrometer factory, the gateway, and the metrics on their own port. */
@Timeout(20)
class PrometheusEndpointTest {
  private Vertx vertx;

  @AfterEach
  void tearDown() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void metricsListenerShowsImgproxyAndGridNames() {
    PrometheusMeterRegistry registry = PrometheusEndpoint.newRegistry();
    vertx = PrometheusEndpoint.vertxBuilder(registry).build();
    Env env =
        Env.of(
            Map.of(
                "IMGPROXY_BIND", "127.0.0.1:0",
                "IMGPROXY_PROMETHEUS_BIND", "127.0.0.1:0",
                "IMGPROXY_PROMETHEUS_NAMESPACE", "ns",
                "IMGPROXY_WORKERS", "3"));
    ServerConfig config = ServerConfig.from(env, 1);
    env.validate();
    Codecs.register(vertx.eventBus());
    vertx
        .eventBus()
        .consumer(
            Addresses.JOBS,
            m ->
                JobReplies.serve(
                    m,
                    job ->
                        Future.succeededFuture(
                            new ResultMessage(
                                200, "image/png", new byte[] {1}, 1, 1, 1, 1, null, null, null,
                                null, 1))));
    WorkerSlots slots = new WorkerSlots(vertx, config.workers(), config.requestsQueueSize());
    GaugeSources gauges = GaugeSources.of(slots).withVips(() -> 1234, () -> 5678, () -> 9);
    MicrometerGatewayMetrics metrics =
        new MicrometerGatewayMetrics(registry, config.prometheusNamespace(), gauges);
    GatewayServices services =
        new GatewayServices(
            (id, uri, headers, deadline) -> {
              if (uri.startsWith("/bad")) {
                throw RequestException.invalidUrl("bad");
              }
              return new JobRequest(
                  new JobMessage(id, "00", "https://x/a.png", "", false, false, false, null, null,
                      deadline),
                  0, null, false, false, false);
            },
            new LocalDispatcher(vertx),
            slots,
            metrics,
            ReadinessCheck.ALWAYS);
    GatewayVerticle gateway = new GatewayVerticle(config, services);
    PrometheusEndpoint endpoint =
        new PrometheusEndpoint(registry, config.prometheusBind().host(), config.prometheusBind().port());
    vertx.deployVerticle(gateway).await();
    vertx.deployVerticle(endpoint).await();
    assertThat(endpoint.actualPort()).isNotEqualTo(gateway.actualPort());

    WebClient client = WebClient.create(vertx);
    assertThat(client.get(gateway.actualPort(), "127.0.0.1", "/s/plain/a.png").send().await().statusCode())
        .isEqualTo(200);
    assertThat(client.get(gateway.actualPort(), "127.0.0.1", "/bad").send().await().statusCode())
        .isEqualTo(404);

    String text =
        client.get(endpoint.actualPort(), "127.0.0.1", "/any/path").send().await().bodyAsString();
    assertThat(text)
        .contains("ns_requests_total 2.0")
        .contains("ns_status_codes_total{status=\"200\"} 1.0")
        .contains("ns_status_codes_total{status=\"404\"} 1.0")
        .contains("ns_errors_total{type=\"path_parsing\"} 1.0")
        .contains("ns_request_duration_seconds_bucket{le=\"0.005\"}")
        .contains("ns_request_duration_seconds_count 2")
        .contains("ns_request_span_duration_seconds_count{span=\"queue\"} 1")
        .contains("ns_request_span_duration_seconds_count{span=\"processing_image\"} 1")
        .contains("ns_workers 3.0")
        .contains("ns_requests_in_progress 0.0")
        .contains("ns_images_in_progress 0.0")
        .contains("ns_workers_utilization 0.0")
        .contains("ns_vips_memory_bytes 1234.0")
        .contains("ns_vips_max_memory_bytes 5678.0")
        .contains("ns_vips_allocs 9.0")
        .contains("imgrid_dedup_leaders_total 0.0")
        .contains("imgrid_dedup_followers_total 0.0")
        .contains("imgrid_dispatch_retries_total 0.0")
        .contains("imgrid_dispatch_silent_total 0.0")
        .contains("imgrid_quarantined_total 0.0")
        .contains("imgrid_jobs_total")
        .contains("imgrid_workers 0.0")
        .contains("imgrid_worker_free_slots 0.0")
        .contains("imgrid_cluster_members 1.0")
        .contains("vertx_http_server_requests_total");
  }
}
