package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.worker.guard.Fixtures;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.TrackedMemory;
import io.imgrid.worker.vips.Vips;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Declared-size and frame bombs go through the whole {@link ImageProcessor} and are refused by
 * the header guard before any native call: 422 "Invalid source image", and libvips has not
 * allocated a byte (its tracked memory, allocation count and high-water mark are unchanged).
 */
class ImageProcessorBombTest {
  private static ImageProcessor processor;

  @BeforeAll
  static void setUp() {
    processor = Jobs.processor(Map.of());
  }

  static Stream<Arguments> bombs() {
    return Stream.of(
        Arguments.of("69-byte PNG declaring 50000x50000", Fixtures.pngBomb(50_000, 50_000)),
        Arguments.of("GIF of 1,000 frames each declaring 65535x65535",
            Fixtures.gif(65_535, 65_535, 1_000, 65_535, 65_535)),
        Arguments.of("JPEG whose SOF says 65500x65500", Fixtures.jpeg(65_500, 65_500, 1)),
        Arguments.of("WebP VP8X canvas 16383x16383",
            Fixtures.webpVp8x(16_383, 16_383, 0, 0, 0)),
        Arguments.of("TIFF declaring 100000x100000",
            Fixtures.tiff(true, 100_000, 100_000, true, 1)),
        Arguments.of("BMP declaring 50000x50000", Fixtures.bmpHeader(50_000, 50_000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bombs")
  void isRefusedBeforeLibvipsSeesIt(String name, byte[] bomb) {
    ProcessingOptions fill =
        ProcessingOptions.builder()
            .resizingType(ResizingType.FILL)
            .width(400)
            .height(300)
            .format(ImageFormat.JPEG)
            .build();
    TrackedMemory.Reading before = TrackedMemory.settled();
    long highWaterBefore = Vips.trackedMaxMemory();

    ImgridException refusal =
        catchThrowableOfType(
            ImgridException.class,
            () -> processor.process(bomb, fill, AcceptBucket.NONE, Deadline.in(10_000)));

    assertThat(refusal).as(name).isNotNull();
    assertThat(refusal.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
    assertThat(refusal.status()).isEqualTo(422);
    assertThat(TrackedMemory.now()).isEqualTo(before);
    assertThat(Vips.trackedMaxMemory()).isEqualTo(highWaterBefore);
  }
}
