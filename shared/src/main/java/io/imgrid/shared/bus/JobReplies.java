package io.imgrid.shared.bus;

import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.util.function.Supplier;

/**
 * The worker side of the job contract: reads a job message, runs a {@link JobHandler}, and
 * replies with a {@link ResultMessage} or a {@link FailureMessage}. A message this node cannot
 * read (other wire version, malformed, not a job) is answered with a typed
 * {@link io.imgrid.shared.error.ErrorKind#BUS_INCOMPATIBLE} failure so the gateway retries
 * elsewhere.
 *
 * <p>Typical consumer: {@code eventBus.consumer(Addresses.JOBS, m -> JobReplies.serve(m, handler))}.
 */
public final class JobReplies {
  private JobReplies() {}

  /** Answers {@code message} with the outcome of {@code handler}; never throws. */
  public static void serve(Message<?> message, JobHandler handler) {
    answer(message::body, handler).onComplete(ar -> message.reply(ar.result()));
  }

  /**
   * The reply for one message: always a succeeded future holding either a {@link ResultMessage}
   * or a {@link FailureMessage}.
   */
  public static Future<Object> answer(Supplier<?> body, JobHandler handler) {
    JobMessage job;
    try {
      Object b = body.get();
      if (!(b instanceof JobMessage)) {
        throw new BusFormatException(
            "not a job message: " + (b == null ? "null" : b.getClass().getName()));
      }
      job = (JobMessage) b;
    } catch (BusFormatException e) {
      return Future.succeededFuture(FailureMessage.of(e));
    }
    Future<ResultMessage> outcome;
    try {
      outcome = handler.handle(job);
      if (outcome == null) {
        outcome = Future.failedFuture(new IllegalStateException("job handler returned null"));
      }
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.transform(
        ar -> {
          if (ar.succeeded()) {
            return Future.succeededFuture(ar.result());
          }
          ImgridException e = InternalException.wrap(ar.cause());
          return Future.succeededFuture(FailureMessage.of(e));
        });
  }
}
