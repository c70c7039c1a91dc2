package io.imgrid.worker.job;

import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.Timing;
import io.imgrid.shared.error.ImgridException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The worker's part of a request's trace: one {@code imgrid.job} span, a child of the gateway's
 * dispatch span (the job message's {@code traceparent}, so the trace crosses the event bus), with
 * one child per phase the {@link io.imgrid.worker.pipeline.PhaseTimer} recorded (fetch, pool,
 * load, process, save; read for {@code /info}). The spans are made when the job is over, with the
 * recorded times, so no tracing context has to follow the job from the event loop to a libvips
 * thread and back. A job without a trace parent (tracing off on its gateway) makes no span.
 */
public final class JobSpans {
  private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(String carrier) {
      return List.of("traceparent");
    }

    @Override
    public String get(String carrier, String key) {
      return "traceparent".equals(key) ? carrier : null;
    }
  };

  private final Tracer tracer;

  public JobSpans(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry == null");
    this.tracer = openTelemetry.getTracer("io.imgrid.worker");
  }

  /** Spans that go nowhere. */
  public static JobSpans off() {
    return new JobSpans(OpenTelemetry.noop());
  }

  /**
   * Records one finished job.
   *
   * @param startedEpochMicros when the worker took the job
   * @param failure what the job failed with, or null
   */
  public void record(JobMessage job, long startedEpochMicros, List<Timing> phases,
      Throwable failure) {
    if (job.traceParent() == null) {
      return;
    }
    Context parent = W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), job.traceParent(), TRACEPARENT);
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return;
    }
    Span span = tracer.spanBuilder("imgrid.job")
        .setParent(parent)
        .setSpanKind(SpanKind.CONSUMER)
        .setStartTimestamp(startedEpochMicros, TimeUnit.MICROSECONDS)
        .setAttribute("imgrid.request_id", job.requestId())
        .setAttribute("imgrid.job_key", job.jobKey())
        .startSpan();
    Context inJob = parent.with(span);
    for (Timing t : phases) {
      tracer.spanBuilder(t.name())
          .setParent(inJob)
          .setStartTimestamp(t.startEpochMicros(), TimeUnit.MICROSECONDS)
          .startSpan()
          .end(t.startEpochMicros() + t.durationMicros(), TimeUnit.MICROSECONDS);
    }
    if (failure != null) {
      span.setStatus(StatusCode.ERROR, failure instanceof ImgridException e
          ? e.status() + " " + e.kind() : failure.getClass().getSimpleName());
    }
    span.end();
  }
}
