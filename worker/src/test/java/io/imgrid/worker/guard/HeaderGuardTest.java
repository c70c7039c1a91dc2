package io.imgrid.worker.guard;

import static io.imgrid.worker.guard.Fixtures.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.format.ImageFormat;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderGuardTest {

  @Test
  void readsImageIoPng() {
    SourceInfo info =
        HeaderGuard.inspect(Fixtures.imageIo("png", 37, 21, BufferedImage.TYPE_INT_ARGB));
    assertThat(info).isEqualTo(new SourceInfo(ImageFormat.PNG, 37, 21, 1, false, false, 1));
  }

  @Test
  void readsImageIoJpeg() {
    SourceInfo info =
        HeaderGuard.inspect(Fixtures.imageIo("jpeg", 64, 48, BufferedImage.TYPE_INT_RGB));
    assertThat(info).isEqualTo(SourceInfo.still(ImageFormat.JPEG, 64, 48));
  }

  @Test
  void readsImageIoGif() {
    SourceInfo info =
        HeaderGuard.inspect(Fixtures.imageIo("gif", 19, 5, BufferedImage.TYPE_INT_RGB));
    assertThat(info).isEqualTo(SourceInfo.still(ImageFormat.GIF, 19, 5));
  }

  @Test
  void readsImageIoBmp() {
    SourceInfo info =
        HeaderGuard.inspect(Fixtures.imageIo("bmp", 33, 17, BufferedImage.TYPE_3BYTE_BGR));
    assertThat(info).isEqualTo(SourceInfo.still(ImageFormat.BMP, 33, 17));
  }

  @Test
  void readsJpegExifOrientation() {
    SourceInfo info = HeaderGuard.inspect(Fixtures.jpeg(120, 80, 6));
    assertThat(info.width()).isEqualTo(120);
    assertThat(info.height()).isEqualTo(80);
    assertThat(info.orientation()).isEqualTo(6);
  }

  @Test
  void countsApngFramesWithoutCallingItAnimated() {
    SourceInfo info = HeaderGuard.inspect(Fixtures.png(10, 12, Fixtures.actl(7)));
    assertThat(info.frames()).isEqualTo(7);
    assertThat(info.animated()).isFalse();
  }

  @Test
  void countsGifFramesAndTakesTheLargerOfScreenAndFrame() {
    SourceInfo info = HeaderGuard.inspect(Fixtures.gif(10, 10, 3, 4, 30));
    assertThat(info).isEqualTo(new SourceInfo(ImageFormat.GIF, 10, 30, 3, true, false, 1));
  }

  @Test
  void readsWebpVp8Vp8lAndVp8x() {
    assertThat(HeaderGuard.inspect(Fixtures.webpVp8(300, 200)))
        .isEqualTo(SourceInfo.still(ImageFormat.WEBP, 300, 200));
    assertThat(HeaderGuard.inspect(Fixtures.webpVp8l(16383, 7)))
        .isEqualTo(SourceInfo.still(ImageFormat.WEBP, 16383, 7));
    assertThat(HeaderGuard.inspect(Fixtures.webpVp8x(640, 480, 0, 0, 0)))
        .isEqualTo(SourceInfo.still(ImageFormat.WEBP, 640, 480));
    assertThat(HeaderGuard.inspect(Fixtures.webpVp8x(64, 48, 5, 64, 48)))
        .isEqualTo(new SourceInfo(ImageFormat.WEBP, 64, 48, 5, true, false, 1));
  }

  @Test
  void readsLargestIspeOfHeicAndAvif() {
    assertThat(HeaderGuard.inspect(Fixtures.isobmff("heic", 512, 512, 4032, 3024, 320, 240)))
        .isEqualTo(SourceInfo.still(ImageFormat.HEIC, 4032, 3024));
    assertThat(HeaderGuard.inspect(Fixtures.isobmff("avif", 800, 600)))
        .isEqualTo(SourceInfo.still(ImageFormat.AVIF, 800, 600));
    assertThat(HeaderGuard.inspect(Fixtures.isobmff("mif1", 1, 1)).format())
        .isEqualTo(ImageFormat.HEIC);
  }

  @Test
  void readsIsobmff64BitBoxSizes() {
    byte[] ispe = new ByteWriter().u32be(1).ascii("ispe").u32be(0).u32be(28)
        .u32be(0).u32be(123).u32be(45).toByteArray();
    byte[] ipco = new ByteWriter().box("ipco", ispe).toByteArray();
    byte[] meta = new ByteWriter().u32be(0).box("iprp", ipco).toByteArray();
    byte[] file = new ByteWriter()
        .box("ftyp", new ByteWriter().ascii("avif").u32be(0).toByteArray())
        .u32be(0).ascii("meta").bytes(meta) // size 0: to the end
        .toByteArray();
    assertThat(HeaderGuard.inspect(file)).isEqualTo(SourceInfo.still(ImageFormat.AVIF, 123, 45));
  }

  @Test
  void readsTiffInBothByteOrdersAndTypesAndCountsPages() {
    assertThat(HeaderGuard.inspect(Fixtures.tiff(true, 640, 480, false, 1)))
        .isEqualTo(SourceInfo.still(ImageFormat.TIFF, 640, 480));
    assertThat(HeaderGuard.inspect(Fixtures.tiff(false, 70000, 3, true, 1)))
        .isEqualTo(SourceInfo.still(ImageFormat.TIFF, 70000, 3));
    SourceInfo pages = HeaderGuard.inspect(Fixtures.tiff(false, 10, 10, true, 4));
    assertThat(pages.frames()).isEqualTo(4);
    assertThat(pages.animated()).isFalse();
  }

  @Test
  void tiffIfdLoopEndsAtOnce() {
    byte[] tiff = new ByteWriter().ascii("II").u16le(42).u32le(8)
        .u16le(2)
        .u16le(256).u16le(3).u32le(1).u16le(1).u16le(0)
        .u16le(257).u16le(3).u32le(1).u16le(1).u16le(0)
        .u32le(8) // next IFD: itself
        .toByteArray();
    assertThat(HeaderGuard.inspect(tiff).frames()).isEqualTo(1);
  }

  @Test
  void readsBmpCoreAndTopDownHeights() {
    byte[] core = new ByteWriter().ascii("BM").u32le(26).u32le(0).u32le(26)
        .u32le(12).u16le(300).u16le(200).u16le(1).u16le(24).toByteArray();
    assertThat(HeaderGuard.inspect(core)).isEqualTo(SourceInfo.still(ImageFormat.BMP, 300, 200));
    assertThat(HeaderGuard.inspect(Fixtures.bmpHeader(5, -9)))
        .isEqualTo(SourceInfo.still(ImageFormat.BMP, 5, 9));
  }

  @Test
  void readsIcoDirectoryAndEmbeddedImages() {
    byte[] dib = new ByteWriter().u32le(40).u32le(16).u32le(32).u16le(1).u16le(32).zeros(24)
        .toByteArray();
    assertThat(HeaderGuard.inspect(Fixtures.ico(16, 16, dib)))
        .isEqualTo(SourceInfo.still(ImageFormat.ICO, 16, 16));
    assertThat(HeaderGuard.inspect(Fixtures.ico(0, 0, Fixtures.png(256, 256))))
        .isEqualTo(SourceInfo.still(ImageFormat.ICO, 256, 256));
  }

  @Test
  void readsJxlSmallRatioAndU32Sizes() {
    // div8: height (5+1)*8 = 48, ratio 0, width (9+1)*8 = 80; then all_default metadata
    byte[] small = Fixtures.jxlCodestream("1" + bits(5, 5) + bits(0, 3) + bits(9, 5) + "1");
    assertThat(HeaderGuard.inspect(small)).isEqualTo(SourceInfo.still(ImageFormat.JXL, 80, 48));
    // height via U32 selector 1 (13 bits + 1) = 1000, ratio 5 (16/9): width 1777
    byte[] ratio = Fixtures.jxlCodestream("0" + bits(1, 2) + bits(999, 13) + bits(5, 3) + "1");
    assertThat(HeaderGuard.inspect(ratio)).isEqualTo(SourceInfo.still(ImageFormat.JXL, 1777, 1000));
    // explicit: height selector 3 (30 bits) = 100000, width selector 2 (18 bits) = 200000
    String explicit = "0" + bits(3, 2) + bits(99999, 30) + bits(0, 3) + bits(2, 2)
        + bits(199999, 18);
    // metadata: not all_default, extra_fields, orientation 6 (5), no intrinsic, no preview, anim
    String metadata = "0" + "1" + bits(5, 3) + "0" + "0" + "1";
    SourceInfo anim = HeaderGuard.inspect(Fixtures.jxlCodestream(explicit + metadata));
    assertThat(anim).isEqualTo(new SourceInfo(
        ImageFormat.JXL, 200000, 100000, SourceInfo.MAX_COUNTED_FRAMES, true, false, 6));
  }

  @Test
  void readsJxlContainerWithSplitCodestream() {
    byte[] codestream = Fixtures.jxlCodestream("1" + bits(5, 5) + bits(7, 3) + "1");
    SourceInfo info = HeaderGuard.inspect(Fixtures.jxlContainer(codestream, 1));
    assertThat(info).isEqualTo(SourceInfo.still(ImageFormat.JXL, 96, 48));
  }

  @Test
  void svgIsVectorWithoutSize() {
    byte[] svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(HeaderGuard.inspect(svg))
        .isEqualTo(new SourceInfo(ImageFormat.SVG, 0, 0, 1, false, true, 1));
  }

  @Test
  void truncatedHeadersAreBroken() {
    byte[] png = Fixtures.png(10, 10);
    for (int len = 8; len < 24; len++) {
      byte[] cut = java.util.Arrays.copyOf(png, len);
      assertThatThrownBy(() -> HeaderGuard.inspect(cut))
          .isInstanceOfSatisfying(ImageException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.BROKEN_IMAGE));
    }
  }

  @Test
  void zeroSizesAndHeaderOnlyFilesAreBroken() {
    assertBroken(Fixtures.png(0, 10));
    assertBroken(Fixtures.jpeg(0, 0, 1));
    assertBroken(new ByteWriter().ascii("GIF89a").u16le(1).u16le(1).u8(0, 0, 0).toByteArray());
    assertBroken(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2});
    // VP8X with the animation flag but no ANMF chunk
    assertBroken(Fixtures.riff(Fixtures.webpChunk("VP8X",
        new ByteWriter().u8(2, 0, 0, 0).u24le(9).u24le(9).toByteArray())));
  }

  private static void assertBroken(byte[] data) {
    assertThatThrownBy(() -> HeaderGuard.inspect(data))
        .isInstanceOfSatisfying(ImageException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.BROKEN_IMAGE);
          assertThat(e.status()).isEqualTo(422);
        });
  }
}
