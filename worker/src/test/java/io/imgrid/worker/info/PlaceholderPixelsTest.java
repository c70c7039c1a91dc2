package io.imgrid.worker.info;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.worker.TestImages;
import io.imgrid.worker.info.PlaceholderPixels.Rgba;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOperation;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The placeholder picture from real libvips images: size, colour, alpha, first frame only. */
class PlaceholderPixelsTest {

  @BeforeAll
  static void libvips() {
    TestImages.init();
  }

  @Test
  void shrinksTheLongerSideTo100AndKeepsTheAspect() {
    try (VipsScope scope = new VipsScope()) {
      PlaceholderPixels p = PlaceholderPixels.of(TestImages.solid(scope, 1600, 400, 200, 30, 40));
      assertThat(p.width()).isEqualTo(100);
      assertThat(p.height()).isEqualTo(25);
      assertThat(p.average(true)).isEqualTo(new Rgba(200, 30, 40, 255));
    }
  }

  @Test
  void neverEnlargesASmallImage() {
    try (VipsScope scope = new VipsScope()) {
      PlaceholderPixels p = PlaceholderPixels.of(TestImages.solid(scope, 12, 30, 1, 2, 3));
      assertThat(p.width()).isEqualTo(12);
      assertThat(p.height()).isEqualTo(30);
    }
  }

  @Test
  void keepsAlphaAndIgnoresTransparentPixelsWhenAsked() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage clear = TestImages.solidAlpha(scope, 80, 40, 0, 0, 0, 0);
      VipsImage red = TestImages.solidAlpha(scope, 40, 40, 250, 0, 0, 255);
      PlaceholderPixels p = PlaceholderPixels.of(TestImages.place(clear, red, 0, 0));
      assertThat(p.average(true)).isEqualTo(new Rgba(250, 0, 0, 255));
      assertThat(p.average(false)).isEqualTo(new Rgba(125, 0, 0, 128));
      assertThat(p.thumbHash()[2] & 0x80).as("ThumbHash's alpha flag").isNotZero();
    }
  }

  @Test
  void greyBecomesThreeEqualChannels() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage grey = VipsOps.colourspace(TestImages.solid(scope, 50, 50, 90, 90, 90),
          VipsInterpretation.B_W);
      assertThat(grey.bands()).isEqualTo(1);
      Rgba average = PlaceholderPixels.of(grey).average(true);
      assertThat(average.r()).isEqualTo(average.g()).isEqualTo(average.b());
      assertThat(average.a()).isEqualTo(255);
    }
  }

  @Test
  void usesTheFirstFrameOfAnAnimation() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage strip = VipsOps.arrayjoin(new VipsImage[] {
          TestImages.solid(scope, 60, 30, 0, 200, 0), TestImages.solid(scope, 60, 30, 0, 0, 200)}, 1);
      VipsImage animated = VipsOps.copy(strip);
      animated.setInt("page-height", 30);
      PlaceholderPixels p = PlaceholderPixels.of(animated);
      assertThat(p.height()).isEqualTo(30);
      assertThat(p.average(true)).isEqualTo(new Rgba(0, 200, 0, 255));
      assertThat(p.blurHash(4, 3)).hasSize(4 + 2 * 4 * 3);
    }
  }

  @Test
  void sixteenBitSourcesComeOutAsEightBit() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage deep = VipsOperation.call(scope, "colourspace")
          .input("in", TestImages.solid(scope, 20, 20, 255, 255, 255))
          .set("space", VipsInterpretation.RGB16)
          .outputImage("out");
      assertThat(PlaceholderPixels.of(deep).average(true)).isEqualTo(new Rgba(255, 255, 255, 255));
    }
  }
}
