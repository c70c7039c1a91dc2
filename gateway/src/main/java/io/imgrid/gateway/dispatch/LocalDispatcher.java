package io.imgrid.gateway.dispatch;

import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.BusFormatException;
import io.imgrid.shared.bus.FailureMessage;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.ResultMessage;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.error.LoadException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import java.util.Objects;

/**
 * Sends each job to one event-bus address (by default {@link Addresses#JOBS}, where the
 * standalone worker listens) and turns the reply into a result or a typed failure. The send
 * timeout is the time left until the job's deadline, so it never waits longer than the client.
 * Requires {@link io.imgrid.shared.bus.Codecs#register} on this Vert.x instance.
 */
public final class LocalDispatcher implements JobDispatcher {
  private final Vertx vertx;
  private final String address;

  public LocalDispatcher(Vertx vertx) {
    this(vertx, Addresses.JOBS);
  }

  public LocalDispatcher(Vertx vertx, String address) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.address = Objects.requireNonNull(address, "address == null");
  }

  @Override
  public Future<ResultMessage> dispatch(JobMessage job) {
    long left = job.deadlineEpochMillis() - System.currentTimeMillis();
    if (left <= 0) {
      return Future.failedFuture(LoadException.timeout("deadline passed before dispatch"));
    }
    return vertx
        .eventBus()
        .request(address, job, new DeliveryOptions().setSendTimeout(left))
        .transform(
            ar ->
                ar.succeeded()
                    ? fromReply(ar.result())
                    : Future.failedFuture(fromBusFailure(ar.cause())));
  }

  /** A reply body is a result, a typed failure, or unreadable (another version: retryable). */
  static Future<ResultMessage> fromReply(Message<Object> reply) {
    Object body;
    try {
      body = reply.body();
    } catch (BusFormatException e) {
      return Future.failedFuture(new LoadException(ErrorKind.BUS_INCOMPATIBLE, e.getMessage()));
    }
    if (body instanceof ResultMessage) {
      return Future.succeededFuture((ResultMessage) body);
    }
    if (body instanceof FailureMessage) {
      return Future.failedFuture(((FailureMessage) body).toException());
    }
    return Future.failedFuture(
        new LoadException(
            ErrorKind.BUS_INCOMPATIBLE,
            "unexpected reply " + (body == null ? "null" : body.getClass().getName())));
  }

  static ImgridException fromBusFailure(Throwable cause) {
    if (!(cause instanceof ReplyException)) {
      return InternalException.wrap(cause);
    }
    ReplyException e = (ReplyException) cause;
    switch (e.failureType()) {
      case TIMEOUT:
        return LoadException.timeout("no reply from a worker before the deadline");
      case NO_HANDLERS:
        return new InternalException("no worker consumes the job address: " + e.getMessage(), e);
      case RECIPIENT_FAILURE:
      default:
        ErrorKind kind = ErrorKind.ofCode(e.failureCode());
        return ImgridException.fromWire(e.failureCode(), kind.status(), e.getMessage());
    }
  }
}
