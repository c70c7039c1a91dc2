package io.imgrid.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.config.WatermarkConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.LoadException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.geometry.Geometry;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsScope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PipelineTest {
  @BeforeAll
  static void init() {
    TestImages.init();
  }

  private static PipelineContext ctx(VipsImage image, Deadline deadline) {
    return new PipelineContext(image.scope(), ProcessingOptions.DEFAULT, ImageFormat.PNG,
        deadline, WatermarkConfig.NONE, false, 1, image,
        Geometry.plan(image.width(), image.height(), 1, ProcessingOptions.DEFAULT, false));
  }

  @Test
  void theImgproxyOrderIsFixed() {
    List<String> names = new ArrayList<>();
    Pipeline.imgproxy().steps().forEach(s -> names.add(s.name()));
    assertThat(names).containsExactly("Trim", "ColorspaceToProcessing", "Crop", "Scale",
        "RotateAndFlip", "CropToResult", "ApplyFilters", "Extend", "ExtendAspectRatio",
        "Padding", "FixSize", "Flatten", "Watermark", "ColorspaceToResult", "StripMetadata");
  }

  @Test
  void aPassedDeadlineStopsAfterTheStepWith503() {
    try (VipsScope scope = new VipsScope()) {
      PipelineContext ctx = ctx(TestImages.solid(scope, 4, 4, 1, 1, 1), Deadline.at(1));
      List<String> ran = new ArrayList<>();
      Pipeline p = new Pipeline(List.of(c -> ran.add("a"), c -> ran.add("b")));
      assertThatThrownBy(() -> p.run(ctx)).isInstanceOfSatisfying(LoadException.class,
          e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
      assertThat(ran).containsExactly("a");
    }
  }

  @Test
  void perFrameStepsCannotFollowJoinedOnes() {
    Step joined = new Step() {
      @Override
      public void apply(PipelineContext ctx) {}

      @Override
      public boolean perFrame() {
        return false;
      }
    };
    Step frame = c -> { };
    assertThatThrownBy(() -> new Pipeline(List.of(joined, frame)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void framesRunSeparatelyAndAreJoinedWithPageHeightAndDelays() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage strip = VipsOps.copy(VipsOps.arrayjoin(new VipsImage[] {
          TestImages.solid(scope, 10, 8, 255, 0, 0), TestImages.solid(scope, 10, 8, 0, 255, 0)},
          1));
      strip.setIntArray("delay", new int[] {70, 90});
      PipelineContext ctx = ctx(strip, Deadline.none());
      ctx.frames(2);
      List<Integer> heights = new ArrayList<>();
      Step halve = c -> {
        heights.add(c.image().height());
        c.image(VipsOps.extractArea(c.image(), 0, 0, 5, 4));
      };
      new Pipeline(List.of(halve)).run(ctx);
      assertThat(heights).containsExactly(8, 8);
      assertThat(ctx.image().height()).isEqualTo(8);
      assertThat(ctx.image().pageHeight()).isEqualTo(4);
      assertThat(ctx.image().intArrayField("delay").orElseThrow()).containsExactly(70, 90);
      assertThat(TestImages.pixel(ctx.image(), 1, 5)).containsExactly(0, 255, 0);
    }
  }
}
