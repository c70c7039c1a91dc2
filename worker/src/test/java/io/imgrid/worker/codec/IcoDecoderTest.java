package io.imgrid.worker.codec;

import static io.imgrid.worker.codec.Bmps.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ImageException;
import io.imgrid.worker.guard.ByteWriter;
import io.imgrid.worker.guard.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcoDecoderTest {

  /** An ICO from (dirW, dirH, bpp, data) entries, with a correct directory. */
  private static byte[] ico(List<Object[]> entries) {
    ByteWriter out = new ByteWriter().u16le(0).u16le(1).u16le(entries.size());
    int offset = 6 + 16 * entries.size();
    for (Object[] e : entries) {
      byte[] data = (byte[]) e[3];
      out.u8((int) e[0] & 0xFF, (int) e[1] & 0xFF, 0, 0).u16le(1).u16le((int) e[2])
          .u32le(data.length).u32le(offset);
      offset += data.length;
    }
    for (Object[] e : entries) {
      out.bytes((byte[]) e[3]);
    }
    return out.toByteArray();
  }

  private static ByteWriter dib(int w, int h, int bpp, int colors) {
    return new ByteWriter().u32le(40).u32le(w).u32le(h * 2L).u16le(1).u16le(bpp).u32le(0)
        .u32le(0).u32le(0).u32le(0).u32le(colors).u32le(0);
  }

  @Test
  void decodes32BitEntryWithItsOwnAlpha() {
    // 2x1, BGRA: red half-transparent, blue opaque; then a 1-row AND mask (ignored)
    byte[] entry = dib(2, 1, 32, 0).u8(0, 0, 255, 128, 255, 0, 0, 255).u8(0, 0, 0, 0)
        .toByteArray();
    IcoImage img = IcoDecoder.decode(ico(List.<Object[]>of(new Object[] {2, 1, 32, entry})));
    Pixels p = ((IcoImage.Bitmap) img).pixels();
    assertThat(p.bands()).isEqualTo(4);
    assertThat(p.data()).isEqualTo(bytes(255, 0, 0, 128, 0, 0, 255, 255));
  }

  @Test
  void decodes8BitEntryWithAndMask() {
    // 3x2, palette {black, green}; bottom row 1 0 1, top row 0 1 0; AND mask: bottom row x0 clear
    byte[] entry = dib(3, 2, 8, 2).u8(0, 0, 0, 0, 0, 255, 0, 0)
        .u8(1, 0, 1, 0).u8(0, 1, 0, 0)
        .u8(0b10000000, 0, 0, 0).u8(0, 0, 0, 0)
        .toByteArray();
    Pixels p = ((IcoImage.Bitmap) IcoDecoder.decode(
        ico(List.<Object[]>of(new Object[] {3, 2, 8, entry})))).pixels();
    assertThat(p.data()).isEqualTo(bytes(
        0, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 255,
        0, 255, 0, 0, 0, 0, 0, 255, 0, 255, 0, 255));
  }

  @Test
  void missingAndMaskMeansOpaque() {
    byte[] entry = dib(1, 1, 24, 0).u8(1, 2, 3, 0).toByteArray();
    Pixels p = ((IcoImage.Bitmap) IcoDecoder.decode(
        ico(List.<Object[]>of(new Object[] {1, 1, 24, entry})))).pixels();
    assertThat(p.data()).isEqualTo(bytes(3, 2, 1, 255));
  }

  @Test
  void picksTheLargestEntryThenTheDeepest() {
    byte[] small = dib(1, 1, 32, 0).u8(1, 1, 1, 255).u8(0, 0, 0, 0).toByteArray();
    byte[] png = Fixtures.png(256, 256);
    byte[] large24 = dib(2, 2, 24, 0).zeros(16).zeros(8).toByteArray();
    List<Object[]> entries = new ArrayList<>();
    entries.add(new Object[] {1, 1, 32, small});
    entries.add(new Object[] {0, 0, 32, png});
    entries.add(new Object[] {2, 2, 24, large24});
    IcoImage img = IcoDecoder.decode(ico(entries));
    assertThat(img).isInstanceOf(IcoImage.Png.class);
    assertThat(((IcoImage.Png) img).png()).isEqualTo(png);

    List<Object[]> sameSize = List.of(
        new Object[] {1, 1, 24, dib(1, 1, 24, 0).u8(9, 9, 9, 0).toByteArray()},
        new Object[] {1, 1, 32, small});
    Pixels p = ((IcoImage.Bitmap) IcoDecoder.decode(ico(sameSize))).pixels();
    assertThat(p.data()).isEqualTo(bytes(1, 1, 1, 255));
  }

  @Test
  void rejectsBrokenIcons() {
    assertBroken(new byte[] {0, 0, 1, 0});
    assertBroken(new ByteWriter().u16le(0).u16le(1).u16le(0).toByteArray());
    assertBroken(ico(List.<Object[]>of(new Object[] {1, 1, 40, dib(1, 1, 40, 0).zeros(8)
        .toByteArray()})));
    byte[] truncated = dib(16, 16, 32, 0).zeros(100).toByteArray();
    assertBroken(ico(List.<Object[]>of(new Object[] {16, 16, 32, truncated})));
    byte[] outside = new ByteWriter().u16le(0).u16le(1).u16le(1).u8(1, 1, 0, 0).u16le(1)
        .u16le(32).u32le(40).u32le(9999).toByteArray();
    assertBroken(outside);
  }

  private static void assertBroken(byte[] ico) {
    assertThatThrownBy(() -> IcoDecoder.decode(ico))
        .isInstanceOfSatisfying(ImageException.class, e -> assertThat(e.status()).isEqualTo(422));
  }
}
