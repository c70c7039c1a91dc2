package io.imgrid.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.worker.guard.HeaderGuard;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {

  static Pixels random(int w, int h, int bands, long seed) {
    byte[] data = new byte[w * h * bands];
    new Random(seed).nextBytes(data);
    return new Pixels(w, h, bands, data);
  }

  @ParameterizedTest
  @CsvSource({"1,1,3", "5,3,3", "13,7,4", "64,1,4", "1,64,3"})
  void bmpEncodeThenDecodeGivesTheSamePixels(int w, int h, int bands) {
    Pixels in = random(w, h, bands, w * 31L + h);
    byte[] bmp = BmpEncoder.encode(in);
    assertThat(HeaderGuard.check(bmp, SecurityLimits.DEFAULT).format()).isEqualTo(ImageFormat.BMP);
    Pixels out = BmpDecoder.decode(bmp);
    assertThat(out.width()).isEqualTo(w);
    assertThat(out.height()).isEqualTo(h);
    assertThat(out.bands()).isEqualTo(bands);
    assertThat(out.data()).isEqualTo(in.data());
  }

  @Test
  void imageIoReadsOur24BitBmp() throws IOException {
    Pixels in = random(9, 4, 3, 7);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(BmpEncoder.encode(in)));
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 9; x++) {
        int i = (y * 9 + x) * 3;
        int rgb = (in.data()[i] & 0xFF) << 16 | (in.data()[i + 1] & 0xFF) << 8
            | in.data()[i + 2] & 0xFF;
        assertThat(img.getRGB(x, y) & 0xFFFFFF).isEqualTo(rgb);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1,1,4", "16,16,4", "256,256,4", "48,20,3"})
  void icoEncodeThenDecodeGivesTheSamePixels(int w, int h, int bands) throws IOException {
    Pixels in = random(w, h, bands, w * 17L + h);
    byte[] ico = IcoEncoder.encode(in);
    assertThat(HeaderGuard.check(ico, SecurityLimits.DEFAULT).width()).isEqualTo(w);
    IcoImage decoded = IcoDecoder.decode(ico);
    assertThat(decoded).isInstanceOf(IcoImage.Png.class);
    BufferedImage png = ImageIO.read(new ByteArrayInputStream(((IcoImage.Png) decoded).png()));
    assertThat(png.getWidth()).isEqualTo(w);
    assertThat(png.getHeight()).isEqualTo(h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * bands;
        int a = bands == 4 ? in.data()[i + 3] & 0xFF : 255;
        int argb = a << 24 | (in.data()[i] & 0xFF) << 16 | (in.data()[i + 1] & 0xFF) << 8
            | in.data()[i + 2] & 0xFF;
        assertThat(png.getRGB(x, y)).as("(%d,%d)", x, y).isEqualTo(argb);
      }
    }
  }

  @Test
  void icoEncoderRefusesIconsOver256() {
    assertThatThrownBy(() -> IcoEncoder.encode(random(257, 1, 4, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
