package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 8 EXIF orientations × rotate 0/90 × flip none/horizontal on a 60×40 JPEG with a red marker
 * in its stored top-left corner: the marker must end in the corner the EXIF spec, then the rotate,
 * then the flip put it, and width/height must swap with the quarter turns.
 */
class OrientationTest {
  private static ImageProcessor processor;

  /** Corners clockwise from top-left. */
  enum Corner { TL, TR, BR, BL }

  @BeforeAll
  static void setUp() {
    processor = Jobs.processor(Map.of());
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (int orientation = 1; orientation <= 8; orientation++) {
      for (int rotate : new int[] {0, 90}) {
        for (boolean flip : new boolean[] {false, true}) {
          out.add(Arguments.of(orientation, rotate, flip));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "orientation {0} rotate {1} flip {2}")
  @MethodSource("cases")
  void markerEndsInTheRightCorner(int orientation, int rotate, boolean flip) {
    byte[] jpeg;
    try (VipsScope scope = new VipsScope()) {
      VipsImage base = TestImages.solid(scope, 60, 40, 0, 0, 255);
      VipsImage marked = VipsOps.copy(
          TestImages.place(base, TestImages.solid(scope, 16, 16, 255, 0, 0), 0, 0));
      marked.setInt("orientation", orientation);
      jpeg = TestImages.jpeg(marked);
    }
    ProcessingOptions o = ProcessingOptions.builder()
        .rotate(rotate).flipHorizontal(flip).format(ImageFormat.PNG).build();
    ProcessedImage out = Jobs.run(processor, jpeg, o);

    boolean swapped = (orientation >= 5) ^ (rotate == 90);
    assertThat(out.width()).isEqualTo(swapped ? 40 : 60);
    assertThat(out.height()).isEqualTo(swapped ? 60 : 40);

    Corner expected = exifCorner(orientation);
    if (rotate == 90) {
      expected = Corner.values()[(expected.ordinal() + 1) % 4];
    }
    if (flip) {
      expected = mirror(expected);
    }
    try (VipsScope scope = new VipsScope()) {
      VipsImage result = TestImages.load(scope, ImageFormat.PNG, out.bytes(), false);
      assertThat(cornerWithMarker(result)).isEqualTo(expected);
      assertThat(result.orientation()).isEqualTo(1);
    }
  }

  /** Where the stored top-left pixel is displayed (EXIF 2.3, tag 0x0112). */
  private static Corner exifCorner(int orientation) {
    switch (orientation) {
      case 2: case 6: return Corner.TR;
      case 3: case 7: return Corner.BR;
      case 4: case 8: return Corner.BL;
      default: return Corner.TL;
    }
  }

  private static Corner mirror(Corner c) {
    switch (c) {
      case TL: return Corner.TR;
      case TR: return Corner.TL;
      case BR: return Corner.BL;
      default: return Corner.BR;
    }
  }

  private static Corner cornerWithMarker(VipsImage image) {
    int w = image.width() - 1;
    int h = image.height() - 1;
    int[][] points = {{2, 2}, {w - 2, 2}, {w - 2, h - 2}, {2, h - 2}};
    Corner found = null;
    for (Corner c : Corner.values()) {
      int[] p = points[c.ordinal()];
      if (TestImages.near(TestImages.pixel(image, p[0], p[1]), 255, 0, 0, 60)) {
        assertThat(found).as("only one red corner").isNull();
        found = c;
      }
    }
    return found;
  }
}
