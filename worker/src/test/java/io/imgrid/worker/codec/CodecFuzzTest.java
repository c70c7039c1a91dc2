package io.imgrid.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.worker.guard.HeaderGuard;
import io.imgrid.worker.guard.SourceInfo;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated BMP and ICO files through the production order (guard, then decoder): only ever a
 * result or a 422 ImageException, never another exception, and never a raster the guard did not
 * allow.
 */
class CodecFuzzTest {
  private static final SecurityLimits LIMITS = new SecurityLimits(4e6, 0, 1, 0, 0);
  private static final int[] PAL = {0, 0xFF0000, 0x00FF00, 0x0000FF};

  private static final List<byte[]> SEEDS = List.of(
      BmpEncoder.encode(CodecRoundTripTest.random(7, 5, 3, 1)),
      BmpEncoder.encode(CodecRoundTripTest.random(7, 5, 4, 2)),
      Bmps.bmp(10, 2, 1, 0, new int[] {0, 0xFFFFFF}, null, new byte[8]),
      Bmps.bmp(3, 2, 4, 0, PAL, null, new byte[8]),
      Bmps.bmp(3, 2, 8, 1, PAL, null, Bmps.bytes(3, 1, 0, 0, 0, 3, 2, 1, 0, 0, 0, 1)),
      Bmps.bmp(5, 2, 4, 2, PAL, null, Bmps.bytes(5, 0x12, 0, 0, 0, 3, 0x21, 0, 0, 1)),
      Bmps.bmp(2, 1, 16, 3, null, new int[] {0xF800, 0x07E0, 0x001F}, new byte[4]),
      Bmps.bmp(2, 1, 32, 3, null, new int[] {0xFF0000, 0xFF00, 0xFF, 0xFF000000}, new byte[8]),
      IcoEncoder.encode(CodecRoundTripTest.random(4, 4, 4, 3)),
      icoWithBitmap());

  private static byte[] icoWithBitmap() {
    byte[] dib = new io.imgrid.worker.guard.ByteWriter().u32le(40).u32le(3).u32le(4).u16le(1)
        .u16le(8).u32le(0).u32le(0).u32le(0).u32le(0).u32le(2).u32le(0)
        .u8(0, 0, 0, 0, 0, 255, 0, 0).u8(1, 0, 1, 0, 0, 1, 0, 0).u8(0x80, 0, 0, 0, 0, 0, 0, 0)
        .toByteArray();
    return new io.imgrid.worker.guard.ByteWriter().u16le(0).u16le(1).u16le(1)
        .u8(3, 2, 0, 0).u16le(1).u16le(8).u32le(dib.length).u32le(22).bytes(dib).toByteArray();
  }

  @Property(tries = 3000)
  void guardThenDecodeOnlyEverFailsWithImageException(@ForAll("mutated") byte[] data) {
    SourceInfo info;
    try {
      info = HeaderGuard.check(data, LIMITS);
    } catch (ImageException refused) {
      return;
    }
    try {
      Pixels p = decode(data);
      if (p != null) {
        assertThat((long) p.width() * p.height()).isLessThanOrEqualTo((long) 4e6);
        assertThat(p.width()).isLessThanOrEqualTo(Math.max(info.width(), 256));
      }
    } catch (ImageException expected) {
      assertThat(expected.status()).isEqualTo(422);
    }
  }

  private static Pixels decode(byte[] data) {
    if (data.length > 1 && data[0] == 'B') {
      return BmpDecoder.decode(data);
    }
    IcoImage img = IcoDecoder.decode(data);
    return img instanceof IcoImage.Bitmap ? ((IcoImage.Bitmap) img).pixels() : null;
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Combinators.combine(
            Arbitraries.of(SEEDS),
            Arbitraries.longs(),
            Arbitraries.integers().between(1, 10))
        .as(CodecFuzzTest::mutate);
  }

  private static byte[] mutate(byte[] seed, long randomSeed, int edits) {
    Random r = new Random(randomSeed);
    byte[] out = seed.clone();
    for (int i = 0; i < edits && out.length > 0; i++) {
      int pos = r.nextInt(Math.min(out.length, 80));
      switch (r.nextInt(4)) {
        case 0 -> out[pos] = (byte) r.nextInt(256);
        case 1 -> out = java.util.Arrays.copyOf(out, r.nextInt(out.length));
        case 2 -> out[pos] = (byte) 0xFF;
        default -> out[pos] ^= (byte) (1 << r.nextInt(8));
      }
    }
    return out;
  }
}
