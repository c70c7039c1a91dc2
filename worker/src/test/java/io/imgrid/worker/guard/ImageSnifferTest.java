package io.imgrid.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.format.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageSnifferTest {

  private static Optional<ImageFormat> detect(ByteWriter w) {
    return ImageSniffer.detect(w.zeros(16).toByteArray());
  }

  @Test
  void magicBytes() {
    assertThat(detect(new ByteWriter().u8(0xFF, 0xD8, 0xFF))).contains(ImageFormat.JPEG);
    assertThat(detect(new ByteWriter().bytes(Fixtures.PNG_SIGNATURE))).contains(ImageFormat.PNG);
    assertThat(detect(new ByteWriter().ascii("RIFF").u32le(0).ascii("WEBP")))
        .contains(ImageFormat.WEBP);
    assertThat(detect(new ByteWriter().ascii("RIFF").u32le(0).ascii("WAVE"))).isEmpty();
    assertThat(detect(new ByteWriter().ascii("GIF87a"))).contains(ImageFormat.GIF);
    assertThat(detect(new ByteWriter().ascii("GIF89a"))).contains(ImageFormat.GIF);
    assertThat(detect(new ByteWriter().ascii("GIF88a"))).isEmpty();
    assertThat(detect(new ByteWriter().u8(0, 0, 1, 0))).contains(ImageFormat.ICO);
    assertThat(detect(new ByteWriter().u8(0, 0, 2, 0))).isEmpty(); // CUR
    assertThat(detect(new ByteWriter().ascii("BM"))).contains(ImageFormat.BMP);
    assertThat(detect(new ByteWriter().u8(0xFF, 0x0A))).contains(ImageFormat.JXL);
    assertThat(detect(new ByteWriter().u32be(12).ascii("JXL ").u8(0x0D, 0x0A, 0x87, 0x0A)))
        .contains(ImageFormat.JXL);
    assertThat(detect(new ByteWriter().ascii("II*").u8(0))).contains(ImageFormat.TIFF);
    assertThat(detect(new ByteWriter().ascii("MM").u8(0).ascii("*"))).contains(ImageFormat.TIFF);
    assertThat(detect(new ByteWriter().ascii("II+").u8(0))).isEmpty(); // BigTIFF
  }

  @ParameterizedTest
  @ValueSource(strings = {"heic", "heix", "hevc", "heim", "heis", "hevm", "hevs", "mif1"})
  void heicBrands(String brand) {
    assertThat(detect(new ByteWriter().u32be(24).ascii("ftyp").ascii(brand)))
        .contains(ImageFormat.HEIC);
  }

  @Test
  void avifAndOtherBrands() {
    assertThat(detect(new ByteWriter().u32be(24).ascii("ftyp").ascii("avif")))
        .contains(ImageFormat.AVIF);
    assertThat(detect(new ByteWriter().u32be(24).ascii("ftyp").ascii("isom"))).isEmpty();
    assertThat(detect(new ByteWriter().u32be(24).ascii("ftyp").ascii("avis"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "<svg/>",
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\">",
    "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg>",
    "  \n<!-- a comment with <svg> inside -->\n<svg:svg xmlns:svg=\"x\"/>",
    "<?xml version=\"1.0\"?><!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
        + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg>",
    "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><svg>&lol2;</svg>",
  })
  void svgRoots(String text) {
    assertThat(ImageSniffer.detect(text.getBytes(StandardCharsets.UTF_8)))
        .contains(ImageFormat.SVG);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "",
    "<html><body><svg/></body></html>",
    "<!DOCTYPE html><html>",
    "<?xml version=\"1.0\"?><svgfoo/>",
    "hello <svg>",
    "<!-- unterminated <svg>",
    "<svg",
  })
  void notSvg(String text) {
    assertThat(ImageSniffer.detect(text.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void svgRootBeyondTheScanLimitIsNotDetected() {
    String padding = "<!--" + "x".repeat(SvgDetector.SCAN_LIMIT) + "-->";
    assertThat(ImageSniffer.detect((padding + "<svg/>").getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @Test
  void unknownIsInvalidSourceImage() {
    byte[] random = new byte[4096];
    new Random(42).nextBytes(random);
    random[0] = 'x';
    for (byte[] data : new byte[][] {new byte[0], random,
        "<html>not an image</html>".getBytes(StandardCharsets.UTF_8)}) {
      assertThatThrownBy(() -> ImageSniffer.sniff(data))
          .isInstanceOfSatisfying(ImageException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.publicMessage()).isEqualTo("Invalid source image");
          });
    }
  }
}
