package io.imgrid.worker.guard;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.format.ImageFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Detects the source type from its content, never from a Content-Type or a name (contract §4.2):
 * magic bytes first, then the SVG detector. The order matters only for SVG, which has no magic.
 */
public final class ImageSniffer {
  private static final Set<String> HEIC_BRANDS =
      Set.of("heic", "heix", "hevc", "heim", "heis", "hevm", "hevs", "mif1");
  private static final byte[] PNG_SIGNATURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
  };
  private static final byte[] JXL_CONTAINER = {
    0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', '\r', '\n', (byte) 0x87, '\n'
  };

  private ImageSniffer() {}

  /** The format of {@code data}, or 422 "Invalid source image" when it is not one we know. */
  public static ImageFormat sniff(byte[] data) {
    return detect(data)
        .orElseThrow(() -> ImageException.invalidSource("unknown source image type"));
  }

  /** The format of {@code data}, or empty when it is not one we know. */
  public static Optional<ImageFormat> detect(byte[] data) {
    ImageFormat magic = byMagic(data);
    if (magic != null) {
      return Optional.of(magic);
    }
    return SvgDetector.isSvg(data) ? Optional.of(ImageFormat.SVG) : Optional.empty();
  }

  private static ImageFormat byMagic(byte[] d) {
    if (startsWith(d, 0, 0xFF, 0xD8)) {
      return ImageFormat.JPEG;
    }
    if (startsWith(d, 0, PNG_SIGNATURE)) {
      return ImageFormat.PNG;
    }
    if (ascii(d, 0, "RIFF") && ascii(d, 8, "WEBP")) {
      return ImageFormat.WEBP;
    }
    if (ascii(d, 0, "GIF8") && d.length >= 6 && (d[4] == '7' || d[4] == '9') && d[5] == 'a') {
      return ImageFormat.GIF;
    }
    if (startsWith(d, 0, 0x00, 0x00, 0x01, 0x00)) {
      return ImageFormat.ICO;
    }
    if (ascii(d, 0, "BM")) {
      return ImageFormat.BMP;
    }
    if (ascii(d, 4, "ftyp") && d.length >= 12) {
      String brand = new String(d, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (brand.equals("avif")) {
        return ImageFormat.AVIF;
      }
      if (HEIC_BRANDS.contains(brand)) {
        return ImageFormat.HEIC;
      }
    }
    if (startsWith(d, 0, 0xFF, 0x0A) || startsWith(d, 0, JXL_CONTAINER)) {
      return ImageFormat.JXL;
    }
    if (startsWith(d, 0, 'I', 'I', '*', 0) || startsWith(d, 0, 'M', 'M', 0, '*')) {
      return ImageFormat.TIFF;
    }
    return null;
  }

  static boolean startsWith(byte[] d, int at, byte[] prefix) {
    if (d.length < at + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (d[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] d, int at, int... prefix) {
    if (d.length < at + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((d[at + i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascii(byte[] d, int at, String s) {
    if (d.length < at + s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if ((d[at + i] & 0xFF) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
