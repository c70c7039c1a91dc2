package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.format.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VipsErrorsTest {
  @BeforeAll
  static void init() {
    VipsTesting.init();
  }

  @Test
  void garbageBecomesAVipsExceptionAndTheBufferIsCleared() {
    byte[] garbage = "this is not a jpeg at all".getBytes(StandardCharsets.US_ASCII);
    try (VipsScope scope = new VipsScope()) {
      VipsException e = catchThrowableOfType(
          () -> VipsLoad.buffer(scope, ImageFormat.JPEG, garbage, LoadOptions.DEFAULT),
          VipsException.class);
      assertThat(e.operation()).isEqualTo("jpegload_buffer");
      assertThat(e.vipsMessage()).isNotBlank();
      assertThat(e.getMessage()).startsWith("jpegload_buffer: ");
      assertThat(VipsErrors.take()).isEmpty();
    }
  }

  @Test
  void libvipsFailuresClassifyAsBrokenImageAndDefectsAsInternal() {
    VipsException broken = new VipsException("pngload_buffer", "not a PNG");
    ImgridException answer = VipsException.classify(broken);
    assertThat(answer.kind()).isEqualTo(ErrorKind.BROKEN_IMAGE);
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.getCause()).isSameAs(broken);
    assertThat(VipsException.classify(new IllegalArgumentException("bug")).status())
        .isEqualTo(500);
  }

  @Test
  void truncatedFilesFailByDefaultAndLoadWhenAskedNotTo() {
    byte[] jpeg;
    try (VipsScope scope = new VipsScope()) {
      jpeg = VipsSave.jpeg(VipsTesting.rgb(scope, 256, 256),
          new VipsSave.Jpeg(90, false, false, VipsSave.Keep.NONE));
    }
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsLoad.buffer(scope, ImageFormat.JPEG, truncated, LoadOptions.DEFAULT);
      assertThat(image.width()).isEqualTo(256);
      assertThatThrownBy(() -> VipsSave.toPixels(image))
          .isInstanceOf(VipsException.class)
          .satisfies(t -> assertThat(VipsException.classify(t).status()).isEqualTo(422));
      assertThat(VipsErrors.take()).isEmpty();
    }
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsLoad.buffer(scope, ImageFormat.JPEG, truncated,
          LoadOptions.DEFAULT.withFailOn(VipsFailOn.NONE));
      assertThat(VipsSave.toPixels(image)).hasSize(256 * 256 * 3);
    }
  }

  @Test
  void untrustedAndUnservedLoadersAreBlocked() {
    byte[] bytes = "P2\n2 2\n255\n0 0 0 0\n".getBytes(StandardCharsets.US_ASCII);
    // pdfload_buffer matters most: poppler parses the bytes in its own build step, before libvips'
    // blocked check, so the binding must refuse it first
    List<String> checked = new ArrayList<>();
    for (String loader : new String[] {"magickload_buffer", "pdfload_buffer", "radload_buffer",
        "jp2kload_buffer", "vipsload_source", "matrixload_source", "csvload_source"}) {
      if (!VipsOperation.exists(loader)) {
        continue; // not in this build (sharp's 8.18 has no magick, poppler or openjpeg)
      }
      checked.add(loader);
      try (VipsScope scope = new VipsScope()) {
        VipsBlob blob = scope.blob(bytes);
        assertThatThrownBy(() -> VipsOperation.call(scope, loader).input("buffer", blob)
                .outputImage("out"))
            .as(loader)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("blocked");
      }
    }
    // libvips' own loaders are in every build, so the loop can never check nothing
    assertThat(checked).contains("vipsload_source", "matrixload_source", "csvload_source");
    if (Vips.libraryFile().endsWith("libvips.so.42")) {
      assertThat(checked).as("Debian's libvips has magick and poppler")
          .contains("magickload_buffer", "pdfload_buffer");
    }
  }

  @Test
  void servedLoadersAreNotBlocked() {
    try (VipsScope scope = new VipsScope()) {
      byte[] png = VipsSave.png(VipsOps.black(scope, 4, 4, 3),
          new VipsSave.Png(VipsPngFilter.ALL, false, false, 8, 100, VipsSave.Keep.NONE));
      assertThat(VipsLoad.buffer(scope, ImageFormat.PNG, png, LoadOptions.DEFAULT).width())
          .isEqualTo(4);
    }
  }
}
