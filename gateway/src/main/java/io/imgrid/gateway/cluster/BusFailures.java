package io.imgrid.gateway.cluster;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Failure codes on the event bus between gateways and workers, and between dedup followers and
 * leaders. Codes below {@value #KIND_BASE} are grid protocol signals; a client-visible failure
 * travels as {@code kind.code() * 1000 + status} with its detail as the message, so the far side
 * rebuilds the same {@link ImgridException} (a mirrored origin 404 stays a 404) without Java
 * serialization.
 */
public final class BusFailures {
  /** A worker with no free slot: the gateway tries another worker at once. */
  public static final int BUSY = 1;
  /** A worker that cannot read the message version: the gateway tries another worker. */
  public static final int UNREADABLE = 2;
  /** A dedup leader node that no longer runs (or never ran) the asked key. */
  public static final int NOT_LEADER = 3;

  static final int KIND_BASE = 1000;

  private BusFailures() {}

  /** The bus code carrying {@code e}'s kind and status. */
  public static int code(ImgridException e) {
    return e.kind().code() * KIND_BASE + e.status();
  }

  /** Answers {@code message} with {@code failure}, anything unexpected as an internal error. */
  public static void fail(Message<?> message, Throwable failure) {
    ImgridException e = InternalException.wrap(failure);
    message.fail(code(e), e.detail() == null ? "" : e.detail());
  }

  /** Whether {@code failure} is a recipient's answer with protocol signal {@code code}. */
  public static boolean isSignal(Throwable failure, int code) {
    return failure instanceof ReplyException r
        && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && r.failureCode() == code;
  }

  /** The client-visible failure carried by {@code failure}, or null if it carries none. */
  public static ImgridException decode(Throwable failure) {
    if (!(failure instanceof ReplyException r)
        || r.failureType() != ReplyFailure.RECIPIENT_FAILURE
        || r.failureCode() < KIND_BASE) {
      return null;
    }
    int kind = r.failureCode() / KIND_BASE;
    int status = r.failureCode() % KIND_BASE;
    if (ErrorKind.ofCode(kind).code() != kind) {
      return null;
    }
    return ImgridException.fromWire(kind, status, r.getMessage());
  }
}
