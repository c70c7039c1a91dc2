package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OpenTelemetry across a real two-node grid (one gateway, one worker, Hazelcast, TLS event bus):
 * spans go over OTLP/HTTP to a receiver this test runs, and one request is one connected trace,
 * the worker's spans children of the gateway's dispatch span across the bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingTest {
  /** A span as the receiver got it, with the role of the node that sent it. */
  record Received(String role, Span span) {
    String name() {
      return span.getName();
    }

    String traceId() {
      return HexFormat.of().formatHex(span.getTraceId().toByteArray());
    }

    String spanId() {
      return HexFormat.of().formatHex(span.getSpanId().toByteArray());
    }

    String parentId() {
      return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
    }
  }

  private final Vertx receiverVertx = Vertx.vertx();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private GridFixture grid;
  private GatewayNode gateway;

  @BeforeAll
  void start() throws Exception {
    HttpServer receiver = receiverVertx.createHttpServer().requestHandler(req -> {
      contentTypes.add(String.valueOf(req.getHeader("Content-Type")));
      req.body().onSuccess(body -> {
        try {
          for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body.getBytes())
              .getResourceSpansList()) {
            String role = rs.getResource().getAttributesList().stream()
                .filter(a -> a.getKey().equals("imgrid.role")).map(KeyValue::getValue)
                .map(v -> v.getStringValue()).findFirst().orElse("?");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
              for (Span span : ss.getSpansList()) {
                received.add(new Received(role, span));
              }
            }
          }
          req.response().putHeader("Content-Type", "application/x-protobuf").end();
        } catch (Exception e) {
          req.response().setStatusCode(400).end();
        }
      });
    }).listen(0, "127.0.0.1").await();
    String[] otel = {
      "IMGPROXY_OPEN_TELEMETRY_ENABLE", "true",
      "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
      "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.actualPort(),
      "OTEL_BSP_SCHEDULE_DELAY", "50"};
    grid = new GridFixture(Files.createTempDirectory("imgrid-tracing"));
    grid.startOrigin();
    grid.worker(otel);
    gateway = grid.gateway(otel);
    GridFixture.eventually(Duration.ofSeconds(10),
        () -> assertThat(gateway.workers()).hasSize(1));
  }

  @AfterAll
  void stop() {
    if (grid != null) {
      grid.close();
    }
    receiverVertx.close();
  }

  @Test
  void oneRequestIsOneTraceFromTheGatewayThroughTheBusToTheWorker() throws Exception {
    HttpResponse<byte[]> r = grid.get(gateway,
        "/unsafe/rs:fit:80:60/cb:traced/plain/" + grid.source("traced"));
    assertThat(r.statusCode()).isEqualTo(200);
    GridFixture.eventually(Duration.ofSeconds(10), () -> assertThat(received)
        .extracting(Received::name).contains("GET", "dispatch", "imgrid.job", "save"));
    assertThat(contentTypes).allMatch(t -> t.equals("application/x-protobuf"));

    Map<String, Received> byName = received.stream()
        .collect(Collectors.toMap(Received::name, Function.identity(), (a, b) -> a));
    assertThat(byName).containsKeys("GET", "parse", "queue", "dispatch", "imgrid.job", "fetch",
        "pool", "load", "process", "save");
    Received request = byName.get("GET");
    assertThat(received).extracting(Received::traceId).containsOnly(request.traceId());
    assertThat(request.parentId()).isEmpty(); // a root: the client's traceparent is not taken
    assertThat(request.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    Received dispatch = byName.get("dispatch");
    Received job = byName.get("imgrid.job");
    for (String gatewaySide : List.of("parse", "queue", "dispatch")) {
      assertThat(byName.get(gatewaySide).parentId()).isEqualTo(request.spanId());
      assertThat(byName.get(gatewaySide).role()).isEqualTo("gateway");
    }
    assertThat(dispatch.span().getAttributesList()).anyMatch(a ->
        a.getKey().equals("imgrid.dedup") && a.getValue().getStringValue().equals("leader"));
    assertThat(job.parentId()).isEqualTo(dispatch.spanId());
    assertThat(job.role()).isEqualTo("worker");
    for (String workerSide : List.of("fetch", "pool", "load", "process", "save")) {
      assertThat(byName.get(workerSide).parentId()).isEqualTo(job.spanId());
      assertThat(byName.get(workerSide).role()).isEqualTo("worker");
    }
    // the worker's job lies within the gateway's dispatch
    assertThat(job.span().getStartTimeUnixNano())
        .isGreaterThanOrEqualTo(dispatch.span().getStartTimeUnixNano() - 5_000_000L);
    assertThat(job.span().getEndTimeUnixNano())
        .isLessThanOrEqualTo(dispatch.span().getEndTimeUnixNano() + 5_000_000L);
    // X-Ray trace ids (imgproxy's default): the first 4 bytes are the epoch seconds
    long seconds = Long.parseLong(request.traceId().substring(0, 8), 16);
    assertThat(seconds).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset
        .offset(120L));
  }
}
