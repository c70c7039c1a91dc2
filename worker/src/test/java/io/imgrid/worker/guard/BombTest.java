package io.imgrid.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.options.SecurityLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The declared-size and frame bombs of security-and-faults §3/§6 (cases 30 and 32), rebuilt in
 * code: each must be refused with 422 "Invalid source image" from its header alone, fast.
 */
class BombTest {
  private static final SecurityLimits DEFAULTS = SecurityLimits.DEFAULT;

  @Test
  void png50000SquareIn69Bytes() {
    byte[] bomb = Fixtures.pngBomb(50000, 50000);
    assertThat(bomb).hasSize(69);
    assertRefused(bomb);
  }

  @Test
  void png65536SquareOverflowsUint32() {
    assertRefused(Fixtures.png(65536, 65536));
  }

  @Test
  void pngAtTheWidthMaximum() {
    assertRefused(Fixtures.png(Integer.MAX_VALUE, 1));
  }

  @Test
  void gifOf1000FramesEachDeclaring65535Square() {
    byte[] bomb = Fixtures.gif(65535, 65535, 1000, 65535, 65535);
    SourceInfo info = HeaderGuard.inspect(bomb);
    assertThat(info.frames()).isEqualTo(1000);
    assertRefused(bomb);
    assertRefused(bomb, new SecurityLimits(50e6, 0, 1000, 0, 0));
    assertRefused(bomb, new SecurityLimits(50e6, 0, 1000, 50e6, 0));
  }

  @Test
  void gifScreen65535WithOneTinyFrame() {
    assertRefused(Fixtures.gif(65535, 65535, 1, 1, 1));
  }

  @Test
  void gifTinyScreenWithAHugeFrame() {
    assertRefused(Fixtures.gif(16, 16, 1, 16448, 16448));
  }

  @Test
  void gifOf10000TinyFramesIsCountedAndLimitedOnlyByFramesLoaded() {
    byte[] gif = Fixtures.gif(1, 1, 10_000, 1, 1);
    SourceInfo info = assertTimeoutPreemptively(Duration.ofSeconds(1),
        () -> HeaderGuard.check(gif, DEFAULTS));
    assertThat(info.frames()).isEqualTo(10_000);
    assertThat(SourceLimits.framesToLoad(info, DEFAULTS)).isEqualTo(1);
  }

  @Test
  void jpegSofDeclaring65500Square() {
    assertRefused(Fixtures.jpeg(65500, 65500, 1));
  }

  @Test
  void jpeg8224x65312() {
    assertRefused(Fixtures.jpeg(8224, 65312, 1));
  }

  @Test
  void webpVp8xCanvasWithManyAnimationFrames() {
    byte[] bomb = Fixtures.webpVp8x(16383, 16383, 500, 16383, 16383);
    assertThat(HeaderGuard.inspect(bomb).frames()).isEqualTo(500);
    assertRefused(bomb);
    assertRefused(bomb, new SecurityLimits(50e9, 0, 500, 50e6, 0));
  }

  @Test
  void webpVp8xCanvasAtThe24BitMaximum() {
    assertRefused(Fixtures.webpVp8x(1 << 24, 1 << 24, 0, 0, 0));
  }

  @Test
  void heicAndAvifWithHugeIspe() {
    assertRefused(Fixtures.isobmff("heic", 64, 64, 100000, 100000));
    assertRefused(Fixtures.isobmff("avif", 0xFFFFFFFFL, 0xFFFFFFFFL));
  }

  @Test
  void tiff100000Square() {
    assertRefused(Fixtures.tiff(true, 100000, 100000, true, 1));
    assertRefused(Fixtures.tiff(false, 100000, 100000, true, 1));
  }

  @Test
  void bmpWithHugeDimensions() {
    assertRefused(Fixtures.bmpHeader(50000, 50000));
    assertRefused(Fixtures.bmpHeader(50000, -50000));
  }

  @Test
  void bmpHeightInt32MinIsBroken() {
    assertThatThrownBy(() -> HeaderGuard.check(Fixtures.bmpHeader(1, Integer.MIN_VALUE), DEFAULTS))
        .isInstanceOfSatisfying(ImageException.class,
            e -> assertThat(e.status()).isEqualTo(422));
  }

  @Test
  void icoWhoseDirectorySays1x1ButPngSays50000Square() {
    assertRefused(Fixtures.ico(1, 1, Fixtures.pngBomb(50000, 50000)));
  }

  @Test
  void icoWithAHugeBmpEntry() {
    byte[] dib = new ByteWriter().u32le(40).u32le(40000).u32le(80000).u16le(1).u16le(32).zeros(24)
        .toByteArray();
    assertRefused(Fixtures.ico(16, 16, dib));
  }

  @Test
  void jxlDeclaringAHugeSize() {
    String size = "0" + Fixtures.bits(3, 2) + Fixtures.bits(99999, 30) + Fixtures.bits(7, 3) + "1";
    assertRefused(Fixtures.jxlCodestream(size));
  }

  @Test
  void svgIsExemptFromTheResolutionCheck() {
    byte[] svg = "<svg width=\"1000000\" height=\"1000000\"/>".getBytes();
    assertThat(HeaderGuard.check(svg, DEFAULTS).vector()).isTrue();
  }

  @Test
  void fileSizeLimit() {
    byte[] png = Fixtures.png(10, 10);
    assertRefused(png, new SecurityLimits(50e6, png.length - 1, 1, 0, 0));
    assertThat(HeaderGuard.check(png, new SecurityLimits(50e6, png.length, 1, 0, 0)).width())
        .isEqualTo(10);
  }

  private static void assertRefused(byte[] bomb) {
    assertRefused(bomb, DEFAULTS);
  }

  private static void assertRefused(byte[] bomb, SecurityLimits limits) {
    assertTimeoutPreemptively(Duration.ofMillis(500), () ->
        assertThatThrownBy(() -> HeaderGuard.check(bomb, limits))
            .isInstanceOfSatisfying(ImageException.class, e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
              assertThat(e.status()).isEqualTo(422);
            }));
  }
}
