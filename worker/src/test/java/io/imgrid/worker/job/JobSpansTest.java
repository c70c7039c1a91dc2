package io.imgrid.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.Timing;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.SourceException;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The worker's spans of a job, made from its recorded phases under the job's trace parent. */
class JobSpansTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT = "00f067aa0ba902b7";
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final JobSpans spans = new JobSpans(OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
      .build());

  private static JobMessage job(String traceParent) {
    return new JobMessage("req-1", "ab".repeat(32), "local:///a.jpg", "", false, false, false,
        null, null, 0, traceParent);
  }

  @Test
  void aTracedJobIsAChildOfItsDispatchSpanWithOneSpanPerPhase() {
    long t0 = 1_700_000_000_000_000L;
    List<Timing> phases = List.of(new Timing("fetch", t0 + 10, 1_000),
        new Timing("pool", t0 + 1_010, 5), new Timing("save", t0 + 1_020, 30_000));
    spans.record(job("00-" + TRACE + "-" + PARENT + "-01"), t0, phases, null);

    Map<String, SpanData> byName = exported.getFinishedSpanItems().stream()
        .collect(Collectors.toMap(SpanData::getName, Function.identity()));
    assertThat(byName).containsOnlyKeys("imgrid.job", "fetch", "pool", "save");
    SpanData job = byName.get("imgrid.job");
    assertThat(job.getTraceId()).isEqualTo(TRACE);
    assertThat(job.getParentSpanId()).isEqualTo(PARENT);
    assertThat(job.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(job.getStartEpochNanos()).isEqualTo(t0 * 1000);
    assertThat(job.getAttributes().asMap().toString()).contains("req-1");
    SpanData save = byName.get("save");
    assertThat(save.getTraceId()).isEqualTo(TRACE);
    assertThat(save.getParentSpanId()).isEqualTo(job.getSpanId());
    assertThat(save.getStartEpochNanos()).isEqualTo((t0 + 1_020) * 1000);
    assertThat(save.getEndEpochNanos() - save.getStartEpochNanos()).isEqualTo(30_000_000L);
    assertThat(job.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aFailedJobIsMarkedAndAnUntracedOrMalformedOneMakesNoSpan() {
    spans.record(job("00-" + TRACE + "-" + PARENT + "-01"), 1, List.of(),
        new SourceException(ErrorKind.SOURCE_UNREACHABLE, "origin said 404"));
    assertThat(exported.getFinishedSpanItems()).singleElement().satisfies(s -> {
      assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(s.getStatus().getDescription()).startsWith("404");
    });
    exported.reset();
    spans.record(job(null), 1, List.of(new Timing("fetch", 1, 1)), null);
    spans.record(job("not a traceparent"), 1, List.of(new Timing("fetch", 1, 1)), null);
    assertThat(exported.getFinishedSpanItems()).isEmpty();
    JobSpans.off().record(job("00-" + TRACE + "-" + PARENT + "-01"), 1, List.of(), null);
  }
}
