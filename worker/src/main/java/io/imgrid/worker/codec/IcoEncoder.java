package io.imgrid.worker.codec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes an ICO with one PNG entry (PNG in ICO is supported since Windows Vista and by every
 * browser, is lossless with full alpha, and is much smaller than a 32-bit BMP entry). The PNG is
 * written by javax.imageio. Icons are at most 256×256: the caller must scale larger results down
 * first (as imgproxy does before saving ICO).
 */
public final class IcoEncoder {
  /** The largest icon side. */
  public static final int MAX_SIDE = 256;

  private IcoEncoder() {}

  /**
   * @throws IllegalArgumentException when a side is over {@link #MAX_SIDE}
   */
  public static byte[] encode(Pixels pixels) {
    if (pixels.width() > MAX_SIDE || pixels.height() > MAX_SIDE) {
      throw new IllegalArgumentException(
          "icon " + pixels.width() + "x" + pixels.height() + " is over " + MAX_SIDE);
    }
    byte[] png = png(pixels);
    ByteArrayOutputStream out = new ByteArrayOutputStream(22 + png.length);
    writeLe(out, 0, 2);
    writeLe(out, 1, 2); // type: icon
    writeLe(out, 1, 2); // one entry
    out.write(pixels.width() % MAX_SIDE); // 256 is written as 0
    out.write(pixels.height() % MAX_SIDE);
    out.write(0); // no palette
    out.write(0);
    writeLe(out, 1, 2); // planes
    writeLe(out, 32, 2); // bits per pixel
    writeLe(out, png.length, 4);
    writeLe(out, 22, 4); // data offset: right after the one-entry directory
    out.writeBytes(png);
    return out.toByteArray();
  }

  private static byte[] png(Pixels p) {
    BufferedImage img = new BufferedImage(p.width(), p.height(),
        p.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    byte[] d = p.data();
    int[] row = new int[p.width()];
    for (int y = 0; y < p.height(); y++) {
      for (int x = 0; x < p.width(); x++) {
        int i = (y * p.width() + x) * p.bands();
        int a = p.hasAlpha() ? d[i + 3] & 0xFF : 255;
        row[x] = a << 24 | (d[i] & 0xFF) << 16 | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF);
      }
      img.setRGB(0, y, p.width(), 1, row, 0, p.width());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    // An in-memory stream: ImageIO's default cache would write a temp file per icon.
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(img);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static void writeLe(ByteArrayOutputStream out, int v, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write(v >>> (8 * i));
    }
  }
}
