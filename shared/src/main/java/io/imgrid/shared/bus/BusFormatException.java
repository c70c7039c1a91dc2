package io.imgrid.shared.bus;

import io.imgrid.shared.error.ErrorKind;

/**
 * An event-bus message this node cannot read: truncated, malformed, or (see
 * {@link UnsupportedVersionException}) written in a wire version this build does not know.
 *
 * <p>It is not a client-facing failure by itself: a worker answers it with a
 * {@link FailureMessage} of kind {@link ErrorKind#BUS_INCOMPATIBLE}, and the gateway retries the job
 * on another worker, so a rolling upgrade never serves garbage.
 */
public class BusFormatException extends RuntimeException {
  public BusFormatException(String message) {
    super(message, null, false, false);
  }

  /** The failure kind a node answers with when it cannot read a message. */
  public ErrorKind kind() {
    return ErrorKind.BUS_INCOMPATIBLE;
  }
}
