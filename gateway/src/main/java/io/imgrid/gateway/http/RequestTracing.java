package io.imgrid.gateway.http;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's part of a request's trace ({@code IMGPROXY_OPEN_TELEMETRY_ENABLE}): a
 * {@code SERVER} span for the request with children {@code parse}, {@code queue} and
 * {@code dispatch}; the dispatch span's context travels in the job message, so the worker's
 * spans ({@code imgrid.job} and its phases) are its children, across the event bus (always as
 * a W3C {@code traceparent}, whatever {@code OTEL_PROPAGATORS} says for clients). Off, it is
 * the OpenTelemetry API's no-op: no span, no allocation worth measuring.
 */
public final class RequestTracing {
  private static final TextMapGetter<MultiMap> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(MultiMap carrier) {
      return carrier.names();
    }

    @Override
    public String get(MultiMap carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean propagateExternal;
  private final boolean on;

  /**
   * @param propagateExternal continue a trace the client's {@code traceparent} names
   *     ({@code IMGPROXY_OPEN_TELEMETRY_PROPAGATE_EXTERNAL})
   */
  public RequestTracing(OpenTelemetry openTelemetry, boolean propagateExternal) {
    Objects.requireNonNull(openTelemetry, "openTelemetry == null");
    this.tracer = openTelemetry.getTracer("io.imgrid.gateway");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.propagateExternal = propagateExternal;
    this.on = openTelemetry != OpenTelemetry.noop();
  }

  /** Tracing off. */
  public static RequestTracing off() {
    return new RequestTracing(OpenTelemetry.noop(), false);
  }

  /** Starts the trace of one request, now. */
  Trace start(HttpServerRequest request) {
    if (!on) {
      return new Trace(Span.getInvalid());
    }
    Context parent = propagateExternal
        ? propagator.extract(Context.root(), request.headers(), HEADERS)
        : Context.root();
    Span span = tracer.spanBuilder(request.method().name())
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("http.request.method", request.method().name())
        .setAttribute("url.path", request.path())
        .startSpan();
    return new Trace(span);
  }

  /** One request's spans. Use on the request's event loop. */
  final class Trace {
    private final Span request;
    private final long originEpochNanos = System.currentTimeMillis() * 1_000_000;
    private final long originNanos = System.nanoTime();
    private Span dispatch = Span.getInvalid();

    private Trace(Span request) {
      this.request = request;
    }

    /** A finished phase, from two {@link System#nanoTime()} readings. */
    void phase(String name, long startNanos, long endNanos) {
      if (!request.getSpanContext().isValid()) {
        return;
      }
      tracer.spanBuilder(name)
          .setParent(Context.root().with(request))
          .setStartTimestamp(epochNanos(startNanos), TimeUnit.NANOSECONDS)
          .startSpan()
          .end(epochNanos(endNanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts the dispatch span and makes it current (the grid's dispatcher marks it as a dedup
     * leader or follower); returns the scope to close once dispatch has been called.
     */
    Scope startDispatch() {
      if (!request.getSpanContext().isValid()) {
        return Scope.noop();
      }
      dispatch = tracer.spanBuilder("dispatch")
          .setParent(Context.root().with(request))
          .setSpanKind(SpanKind.CLIENT)
          .startSpan();
      return dispatch.makeCurrent();
    }

    /** The dispatch span's W3C {@code traceparent}, for the job message; null when untraced. */
    String traceParent() {
      if (!dispatch.getSpanContext().isValid()) {
        return null;
      }
      Map<String, String> carrier = new HashMap<>();
      W3CTraceContextPropagator.getInstance()
          .inject(Context.root().with(dispatch), carrier, Map::put);
      return carrier.get("traceparent");
    }

    void endDispatch(Throwable failure) {
      if (failure != null) {
        dispatch.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
      }
      dispatch.end();
    }

    /** Ends the request span with the status it was answered with. */
    void end(int status) {
      request.setAttribute("http.response.status_code", status);
      if (status >= 500) {
        request.setStatus(StatusCode.ERROR);
      }
      request.end();
    }

    private long epochNanos(long nanoTime) {
      return originEpochNanos + (nanoTime - originNanos);
    }
  }
}
