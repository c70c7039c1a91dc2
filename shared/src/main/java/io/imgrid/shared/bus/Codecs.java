package io.imgrid.shared.bus;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The codecs of the bus contract. Register them once per Vert.x instance, on every node (sender
 * and receiver alike), before deploying verticles: {@code Codecs.register(vertx.eventBus())}.
 * They are registered as default codecs, so senders need no {@code DeliveryOptions} codec name and
 * a reply may be either a {@link ResultMessage} or a {@link FailureMessage}.
 */
public final class Codecs {
  public static final String JOB = "imgrid-job";
  public static final String RESULT = "imgrid-result";
  public static final String FAILURE = "imgrid-failure";

  private Codecs() {}

  /**
   * Registers the three codecs as defaults for their classes.
   *
   * @throws IllegalStateException if they are already registered on this event bus
   */
  public static void register(EventBus eventBus) {
    eventBus.registerDefaultCodec(JobMessage.class, job());
    eventBus.registerDefaultCodec(ResultMessage.class, result());
    eventBus.registerDefaultCodec(FailureMessage.class, failure());
  }

  public static MessageCodec<JobMessage, JobMessage> job() {
    return new BytesCodec<>(JOB, JobMessage::toBytes, JobMessage::fromBytes);
  }

  public static MessageCodec<ResultMessage, ResultMessage> result() {
    return new BytesCodec<>(RESULT, ResultMessage::toBytes, ResultMessage::fromBytes);
  }

  public static MessageCodec<FailureMessage, FailureMessage> failure() {
    return new BytesCodec<>(FAILURE, FailureMessage::toBytes, FailureMessage::fromBytes);
  }
}
