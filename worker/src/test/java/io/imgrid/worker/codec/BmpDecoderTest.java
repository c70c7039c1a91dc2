package io.imgrid.worker.codec;

import static io.imgrid.worker.codec.Bmps.bmp;
import static io.imgrid.worker.codec.Bmps.bytes;
import static io.imgrid.worker.codec.Bmps.rgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.imgrid.shared.error.ImageException;
import io.imgrid.worker.guard.ByteWriter;
import io.imgrid.worker.guard.Fixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class BmpDecoderTest {
  private static final int R = 0xFF0000;
  private static final int G = 0x00FF00;
  private static final int B = 0x0000FF;
  private static final int W = 0xFFFFFF;
  private static final int K = 0x000000;

  @Test
  void decodesImageIo24BitWithRowPadding() throws IOException {
    byte[] file = Fixtures.imageIo("bmp", 13, 7, BufferedImage.TYPE_3BYTE_BGR);
    BufferedImage expected = ImageIO.read(new ByteArrayInputStream(file));
    Pixels p = BmpDecoder.decode(file);
    assertThat(p.bands()).isEqualTo(3);
    assertThat(p.width()).isEqualTo(13);
    assertThat(p.height()).isEqualTo(7);
    for (int y = 0; y < 7; y++) {
      for (int x = 0; x < 13; x++) {
        int i = (y * 13 + x) * 3;
        int rgb = (p.data()[i] & 0xFF) << 16 | (p.data()[i + 1] & 0xFF) << 8 | p.data()[i + 2] & 0xFF;
        assertThat(rgb).as("(%d,%d)", x, y).isEqualTo(expected.getRGB(x, y) & 0xFFFFFF);
      }
    }
  }

  @Test
  void decodes1BitPaletteBottomUp() {
    // 10x2: bottom row (first in file) 1010101010, top row all 1s; each row padded to 4 bytes
    byte[] px = bytes(0b10101010, 0b10000000, 0, 0, 0xFF, 0xC0, 0, 0);
    Pixels p = BmpDecoder.decode(bmp(10, 2, 1, 0, new int[] {K, W}, null, px));
    assertThat(p.data()).isEqualTo(rgb(W, W, W, W, W, W, W, W, W, W, W, K, W, K, W, K, W, K, W, K));
  }

  @Test
  void decodes4BitPalette() {
    byte[] px = bytes(0x01, 0x20, 0, 0, 0x21, 0x00, 0, 0);
    Pixels p = BmpDecoder.decode(bmp(3, 2, 4, 0, new int[] {K, R, G}, null, px));
    assertThat(p.data()).isEqualTo(rgb(G, R, K, K, R, G));
  }

  @Test
  void decodes8BitTopDownAndMapsIndicesPastThePaletteToBlack() {
    byte[] px = bytes(1, 2, 0, 0, 0, 9, 0, 0);
    Pixels p = BmpDecoder.decode(bmp(2, -2, 8, 0, new int[] {K, R, B}, null, px));
    assertThat(p.data()).isEqualTo(rgb(R, B, K, K));
  }

  @Test
  void decodesRle8() {
    byte[] px = bytes(
        3, 1, 0, 0, // bottom row: R R R, end of line
        0, 3, 2, 1, 0, 0, // absolute run of 3: B R K (+ pad)
        0, 1); // end of bitmap
    Pixels p = BmpDecoder.decode(bmp(3, 2, 8, 1, new int[] {K, R, B}, null, px));
    assertThat(p.data()).isEqualTo(rgb(B, R, K, R, R, R));
  }

  @Test
  void decodesRle8DeltaLeavesBlackPixels() {
    byte[] px = bytes(1, 1, 0, 2, 1, 1, 1, 2, 0, 1);
    Pixels p = BmpDecoder.decode(bmp(3, 2, 8, 1, new int[] {K, R, B}, null, px));
    // bottom row: R at x0, then delta (+1,+1) -> top row x2 = B
    assertThat(p.data()).isEqualTo(rgb(K, K, B, R, K, K));
  }

  @Test
  void decodesRle4() {
    byte[] px = bytes(
        5, 0x12, // R B R B R
        0, 0, // end of line
        0, 3, 0x21, 0x00, // absolute: B R K, 2 bytes, already even
        0, 1);
    Pixels p = BmpDecoder.decode(bmp(5, 2, 4, 2, new int[] {K, R, B}, null, px));
    assertThat(p.data()).isEqualTo(rgb(B, R, K, K, K, R, B, R, B, R));
  }

  @Test
  void decodes16Bit555And565() {
    // 555: pure red 0x7C00, pure blue 0x001F
    Pixels p555 = BmpDecoder.decode(bmp(2, 1, 16, 0, null, null, bytes(0x00, 0x7C, 0x1F, 0x00)));
    assertThat(p555.data()).isEqualTo(rgb(R, B));
    // 565 via bitfields: pure green 0x07E0, and mid grey-ish 0x8410 -> 132,130,132
    int[] masks = {0xF800, 0x07E0, 0x001F};
    Pixels p565 = BmpDecoder.decode(bmp(2, 1, 16, 3, null, masks, bytes(0xE0, 0x07, 0x10, 0x84)));
    assertThat(p565.data()).isEqualTo(bytes(0, 255, 0, 132, 130, 132));
  }

  @Test
  void decodes32BitBitfieldsWithAlpha() {
    int[] masks = {0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000};
    byte[] px = bytes(0x30, 0x20, 0x10, 0x80, 0xFF, 0xFF, 0xFF, 0x00);
    Pixels p = BmpDecoder.decode(bmp(2, 1, 32, 3, null, masks, px));
    assertThat(p.bands()).isEqualTo(4);
    assertThat(p.data()).isEqualTo(bytes(0x10, 0x20, 0x30, 0x80, 0xFF, 0xFF, 0xFF, 0x00));
  }

  @Test
  void decodes32BitBitfieldsWithoutAlphaAsRgb() {
    int[] masks = {0x000000FF, 0x0000FF00, 0x00FF0000}; // RGBX order
    Pixels p = BmpDecoder.decode(bmp(1, 1, 32, 3, null, masks, bytes(1, 2, 3, 99)));
    assertThat(p.data()).isEqualTo(bytes(1, 2, 3));
  }

  @Test
  void rejectsBpp40() {
    byte[] file = bmp(512, 1, 40, 0, null, null, new byte[2560]);
    assertBroken(file);
  }

  @Test
  void rejectsTruncatedPixelDataBeforeAllocating() {
    byte[] full = bmp(4, 4, 24, 0, null, null, new byte[48]);
    assertBroken(Arrays.copyOf(full, full.length - 1));
    assertTimeoutPreemptively(Duration.ofMillis(500),
        () -> assertBroken(Fixtures.bmpHeader(20000, 20000)));
  }

  @Test
  void rejectsTruncatedRle() {
    assertBroken(bmp(3, 2, 8, 1, new int[] {K, R}, null, bytes(3, 1, 0, 0, 2)));
    assertBroken(bmp(3, 2, 8, 1, new int[] {K, R}, null, bytes(0, 5, 1, 1)));
  }

  @Test
  void rejectsInvalidHeaders() {
    assertBroken(bmp(1, Integer.MIN_VALUE, 24, 0, null, null, new byte[4]));
    assertBroken(bmp(0, 1, 24, 0, null, null, new byte[4]));
    assertBroken(bmp(-3, 1, 24, 0, null, null, new byte[12]));
    assertBroken(bmp(1, 1, 24, 1, null, null, new byte[4])); // RLE8 at 24 bpp
    assertBroken(bmp(1, -1, 8, 1, new int[] {K}, null, bytes(0, 1))); // top-down RLE
    assertBroken(bmp(1, 1, 24, 4, null, null, new byte[4])); // BI_JPEG
    assertBroken(bmp(1, 1, 16, 3, null, new int[] {0xF0F0, 0x0F00, 0x000F}, new byte[4]));
    assertBroken(bmp(1, 1, 1, 0, new int[] {K, W, R}, null, new byte[4])); // palette overflow
    assertBroken(new ByteWriter().ascii("BM").zeros(12).u32le(77).zeros(40).toByteArray());
    assertBroken(new byte[] {'B', 'M'});
  }

  @Test
  void rejectsSizesThatCannotBeAllocated() {
    byte[] file = bmp(65535, 65535, 8, 1, new int[] {K}, null, bytes(0, 1));
    assertThatThrownBy(() -> BmpDecoder.decode(file))
        .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.status()).isEqualTo(422));
  }

  static void assertBroken(byte[] file) {
    assertThatThrownBy(() -> BmpDecoder.decode(file))
        .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.status()).isEqualTo(422));
  }
}
