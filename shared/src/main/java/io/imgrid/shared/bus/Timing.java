package io.imgrid.shared.bus;

import java.util.Objects;

/**
 * One timed phase of a job on its worker (fetch, load, process, save, ...), carried back in the
 * {@link ResultMessage} so the gateway can show where the time went ({@code Server-Timing}).
 *
 * @param name a short token, as a {@code Server-Timing} metric name must be
 * @param startEpochMicros when the phase began, microseconds since the epoch (the worker's clock)
 * @param durationMicros how long it took
 */
public record Timing(String name, long startEpochMicros, long durationMicros) {
  /** The most timings one result carries; a reader refuses more. */
  public static final int MAX_PER_RESULT = 32;

  public Timing {
    Objects.requireNonNull(name, "name == null");
    if (name.isEmpty() || !name.chars().allMatch(Timing::tokenChar)) {
      throw new IllegalArgumentException("not a token: '" + name + "'");
    }
    if (durationMicros < 0) {
      throw new IllegalArgumentException("negative duration " + durationMicros);
    }
  }

  private static boolean tokenChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }
}
