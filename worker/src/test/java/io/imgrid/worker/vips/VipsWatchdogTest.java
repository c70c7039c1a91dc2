package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link VipsScope#killAt}: libvips' kill flag stops an evaluation in progress. */
class VipsWatchdogTest {
  @BeforeAll
  static void init() {
    VipsTesting.init();
  }

  /** Seconds of work in one evaluation: a wide Gaussian blur of a 3000×3000 noise image. */
  private static VipsImage heavy(VipsScope scope) {
    return VipsOps.gaussblur(VipsTesting.rgb(scope, 3000, 3000), 80);
  }

  private static final VipsSave.Png PNG =
      new VipsSave.Png(VipsPngFilter.NONE, false, false, 8, 100, VipsSave.Keep.NONE);

  @Test
  void aSaveInProgressFailsSoonAfterTheDeadline() {
    long start = System.currentTimeMillis();
    try (VipsScope scope = new VipsScope()) {
      scope.killAt(start + 300);
      VipsImage image = heavy(scope);
      assertThatThrownBy(() -> VipsSave.png(image, PNG)).isInstanceOf(VipsException.class);
      assertThat(scope.killed()).isTrue();
    } finally {
      Vips.threadShutdown();
    }
    assertThat(System.currentTimeMillis() - start).isLessThan(2_000);
  }

  @Test
  void toPixelsInProgressFailsSoonAfterTheDeadline() {
    long start = System.currentTimeMillis();
    try (VipsScope scope = new VipsScope()) {
      scope.killAt(start + 300);
      VipsImage image = heavy(scope);
      assertThatThrownBy(() -> VipsSave.toPixels(image)).isInstanceOf(VipsException.class);
      assertThat(scope.killed()).isTrue();
    } finally {
      Vips.threadShutdown();
    }
    assertThat(System.currentTimeMillis() - start).isLessThan(2_000);
  }

  @Test
  void aScopeClosedBeforeItsDeadlineIsNeverKilled() throws Exception {
    VipsImage image;
    try (VipsScope scope = new VipsScope()) {
      scope.killAt(System.currentTimeMillis() + 100);
      image = VipsOps.black(scope, 8, 8, 1);
      assertThat(VipsSave.toPixels(image)).hasSize(64);
    }
    Thread.sleep(300);
    assertThat(image.isClosed()).isTrue();
    // a later job on a fresh scope is untouched by the cancelled watchdog
    try (VipsScope scope = new VipsScope()) {
      assertThat(VipsSave.toPixels(VipsOps.black(scope, 8, 8, 1))).hasSize(64);
      assertThat(scope.killed()).isFalse();
    }
  }
}
