package io.imgrid.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.Codecs;
import io.imgrid.shared.bus.FailureMessage;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class LocalDispatcherTest {
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    Codecs.register(vertx.eventBus());
  }

  private static JobMessage job(long timeoutMillis) {
    return new JobMessage(
        "id", "00", "https://x/a.png", "", false, false, false, null, null,
        System.currentTimeMillis() + timeoutMillis);
  }

  private ErrorKind failureKind(long timeoutMillis) {
    Throwable t = catchThrowable(() -> new LocalDispatcher(vertx).dispatch(job(timeoutMillis)).await());
    assertThat(t).isInstanceOf(ImgridException.class);
    return ((ImgridException) t).kind();
  }

  @Test
  void failureReplyBecomesTheTypedException() {
    vertx.eventBus().consumer(Addresses.JOBS, m -> m.reply(new FailureMessage(13, 429, "busy")));
    assertThat(failureKind(5000)).isEqualTo(ErrorKind.TOO_MANY_REQUESTS);
  }

  @Test
  void unreadableReplyIsRetryableBusIncompatible() {
    vertx.eventBus().consumer(Addresses.JOBS, m -> m.reply("something else"));
    assertThat(failureKind(5000)).isEqualTo(ErrorKind.BUS_INCOMPATIBLE);
  }

  @Test
  void recipientFailureCodeIsAnErrorKind() {
    vertx.eventBus().consumer(Addresses.JOBS, m -> m.fail(ErrorKind.BROKEN_IMAGE.code(), "bad"));
    assertThat(failureKind(5000)).isEqualTo(ErrorKind.BROKEN_IMAGE);
  }

  @Test
  void noWorkerIsInternalAndSilenceIsTimeout() {
    assertThat(failureKind(5000)).isEqualTo(ErrorKind.INTERNAL);
    vertx.eventBus().consumer(Addresses.JOBS, m -> {});
    assertThat(failureKind(200)).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(failureKind(-1)).isEqualTo(ErrorKind.TIMEOUT);
  }
}
