package io.imgrid.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.SecurityLimits;
import org.junit.jupiter.api.Test;

class SourceLimitsTest {
  private static SourceInfo anim(int w, int h, int frames) {
    return new SourceInfo(ImageFormat.GIF, w, h, frames, frames > 1, false, 1);
  }

  private static SecurityLimits limits(double res, int frames, double frameRes) {
    return new SecurityLimits(res, 0, frames, frameRes, 0);
  }

  @Test
  void exactlyAtTheLimitPassesOnePixelOverFails() {
    SecurityLimits l = limits(100, 1, 0);
    assertThatCode(() -> SourceLimits.checkResolution(SourceInfo.still(ImageFormat.PNG, 10, 10), l))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> SourceLimits.checkResolution(SourceInfo.still(ImageFormat.PNG, 101, 1), l))
        .isInstanceOf(ImageException.class);
  }

  @Test
  void framesCountedAreTheFramesLoaded() {
    SourceInfo gif = anim(10, 10, 50);
    assertThat(SourceLimits.framesToLoad(gif, limits(1e6, 1, 0))).isEqualTo(1);
    assertThat(SourceLimits.framesToLoad(gif, limits(1e6, 20, 0))).isEqualTo(20);
    assertThat(SourceLimits.framesToLoad(gif, limits(1e6, 0, 0))).isEqualTo(1);
    assertThatCode(() -> SourceLimits.checkResolution(gif, limits(2000, 20, 0)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> SourceLimits.checkResolution(gif, limits(1999, 20, 0)))
        .isInstanceOf(ImageException.class);
  }

  @Test
  void perFrameLimitReplacesTheSumForAnimations() {
    SourceInfo gif = anim(10, 10, 50);
    assertThatCode(() -> SourceLimits.checkResolution(gif, limits(1, 50, 100)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> SourceLimits.checkResolution(gif, limits(1e9, 50, 99)))
        .isInstanceOf(ImageException.class);
    // one frame loaded: the per-frame limit does not apply, the total does
    assertThatThrownBy(() -> SourceLimits.checkResolution(gif, limits(99, 1, 1e9)))
        .isInstanceOf(ImageException.class);
  }

  @Test
  void stillFormatsNeverMultiplyByPages() {
    SourceInfo tiff = new SourceInfo(ImageFormat.TIFF, 10, 10, 500, false, false, 1);
    assertThat(SourceLimits.framesToLoad(tiff, limits(1, 1000, 0))).isEqualTo(1);
  }

  @Test
  void arithmeticDoesNotOverflow() {
    // 65536 x 65536 is 0 in 32-bit int arithmetic
    SourceInfo wraps = SourceInfo.still(ImageFormat.PNG, 65536, 65536);
    assertThatThrownBy(() -> SourceLimits.checkResolution(wraps, limits(50e6, 1, 0)))
        .isInstanceOf(ImageException.class);
    SourceInfo huge = anim(Integer.MAX_VALUE, Integer.MAX_VALUE, 100_000);
    assertThatThrownBy(() -> SourceLimits.checkResolution(huge, limits(50e6, 100_000, 0)))
        .isInstanceOf(ImageException.class);
  }

  @Test
  void zeroMeansNoResolutionOrSizeLimit() {
    SourceInfo big = SourceInfo.still(ImageFormat.PNG, 100000, 100000);
    assertThatCode(() -> SourceLimits.checkResolution(big, limits(0, 1, 0)))
        .doesNotThrowAnyException();
    assertThatCode(() -> SourceLimits.checkFileSize(Long.MAX_VALUE, SecurityLimits.DEFAULT))
        .doesNotThrowAnyException();
  }
}
