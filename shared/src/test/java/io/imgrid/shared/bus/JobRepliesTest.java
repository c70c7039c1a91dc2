package io.imgrid.shared.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class JobRepliesTest {
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    Codecs.register(vertx.eventBus());
  }

  private Object request(Object body, JobHandler handler) {
    vertx.eventBus().consumer(Addresses.JOBS, m -> JobReplies.serve(m, handler));
    return vertx.eventBus().request(Addresses.JOBS, body).await().body();
  }

  @Test
  void successIsAResultReply() {
    Object reply = request(CodecsTest.JOB, job -> Future.succeededFuture(CodecsTest.RESULT));
    assertThat(reply).isEqualTo(CodecsTest.RESULT);
  }

  @Test
  void typedFailureKeepsItsKind() {
    Object reply =
        request(CodecsTest.JOB, job -> Future.failedFuture(ImageException.broken("bad", null)));
    assertThat(reply).isInstanceOf(FailureMessage.class);
    assertThat(((FailureMessage) reply).kind()).isEqualTo(ErrorKind.BROKEN_IMAGE);
    assertThat(((FailureMessage) reply).status()).isEqualTo(422);
  }

  @Test
  void thrownDefectIsInternal() {
    Object reply =
        request(
            CodecsTest.JOB,
            job -> {
              throw new IllegalStateException("boom");
            });
    assertThat(((FailureMessage) reply).kind()).isEqualTo(ErrorKind.INTERNAL);
    assertThat(((FailureMessage) reply).detail()).contains("boom");
  }

  @Test
  void unreadableBodyIsBusIncompatible() {
    Object reply = request("not a job", job -> Future.succeededFuture(CodecsTest.RESULT));
    assertThat(((FailureMessage) reply).kind()).isEqualTo(ErrorKind.BUS_INCOMPATIBLE);

    FailureMessage versioned =
        (FailureMessage)
            JobReplies.answer(
                    () -> {
                      throw new UnsupportedVersionException(9);
                    },
                    job -> Future.succeededFuture(CodecsTest.RESULT))
                .await();
    assertThat(versioned.kind()).isEqualTo(ErrorKind.BUS_INCOMPATIBLE);
    assertThat(versioned.detail()).contains("version 9");
  }
}
