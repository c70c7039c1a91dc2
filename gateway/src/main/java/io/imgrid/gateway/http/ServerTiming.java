package io.imgrid.gateway.http;

import io.imgrid.shared.bus.Timing;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Server-Timing} header ({@code IMGRID_SERVER_TIMING}), so a browser's devtools show
 * where an image's time went: the gateway's own phases ({@code parse} the URL, {@code queue} for
 * a slot, {@code dispatch} until the result is back: the grid's queue, dedup, the event bus and
 * the worker), then the worker's (from the {@link io.imgrid.shared.bus.ResultMessage}:
 * {@code fetch}, {@code pool}, {@code load}, {@code process}, {@code save}, or {@code read} for
 * {@code /info}), then {@code total}. Durations in milliseconds, as the header's {@code dur}
 * means. A deduplicated request shows the worker phases of the job it shared.
 */
final class ServerTiming {
  private ServerTiming() {}

  /** The gateway's phases as name/nanoseconds pairs, the worker's, and the request's total. */
  static String header(List<Gateway> gateway, List<Timing> worker, long totalNanos) {
    StringBuilder sb = new StringBuilder();
    for (Gateway g : gateway) {
      metric(sb, g.name(), g.nanos() / 1e6);
    }
    for (Timing t : worker) {
      metric(sb, t.name(), t.durationMicros() / 1e3);
    }
    metric(sb, "total", totalNanos / 1e6);
    return sb.toString();
  }

  private static void metric(StringBuilder sb, String name, double millis) {
    if (sb.length() > 0) {
      sb.append(", ");
    }
    sb.append(name).append(";dur=").append(String.format(Locale.ROOT, "%.2f", millis));
  }

  /** One of the gateway's phases. */
  record Gateway(String name, long nanos) {}
}
