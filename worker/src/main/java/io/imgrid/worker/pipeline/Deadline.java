package io.imgrid.worker.pipeline;

import io.imgrid.shared.error.LoadException;

/**
 * When a job must be done by: {@code IMGPROXY_TIMEOUT} counted from when the gateway accepted
 * the request. The pipeline checks it after every step, as imgproxy checks its context between
 * steps, so a slow job stops at the next step boundary with a 503 instead of running on.
 *
 * @param epochMillis the wall-clock instant, in {@link System#currentTimeMillis()} terms; {@link
 *     Long#MAX_VALUE} means none
 */
public record Deadline(long epochMillis) {
  private static final Deadline NONE = new Deadline(Long.MAX_VALUE);

  /** No deadline (tools, tests). */
  public static Deadline none() {
    return NONE;
  }

  public static Deadline at(long epochMillis) {
    return new Deadline(epochMillis);
  }

  /** A deadline {@code millis} from now. */
  public static Deadline in(long millis) {
    return new Deadline(System.currentTimeMillis() + millis);
  }

  public boolean passed() {
    return epochMillis != Long.MAX_VALUE && System.currentTimeMillis() >= epochMillis;
  }

  /**
   * @throws LoadException {@code TIMEOUT} (503) when the deadline has passed
   */
  public void check(String after) {
    if (passed()) {
      throw LoadException.timeout("processing timed out after " + after);
    }
  }
}
