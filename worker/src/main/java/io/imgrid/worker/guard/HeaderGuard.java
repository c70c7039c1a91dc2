package io.imgrid.worker.guard;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.SecurityLimits;

/**
 * The gate in front of every native call: sniffs the type, reads the size and the frame count
 * from the header in pure Java, and applies the image-bomb limits. libvips allocates from the
 * header on open, and an allocation failure there aborts the whole JVM (security-and-faults §3),
 * so nothing may reach it before this check passes.
 *
 * <p>Every failure is an {@link ImageException} answered as 422: "Invalid source image" for an
 * unknown type or a limit, "Broken or unsupported image" for a header that cannot be read. The
 * readers never allocate in proportion to a declared size and never scan more than the bytes
 * they are given.
 */
public final class HeaderGuard {
  private HeaderGuard() {}

  /**
   * The type, size and frames of {@code source}, with {@code limits} applied: the byte size, then
   * the resolution.
   *
   * @throws ImageException 422 for an unknown type, a broken header or a source over a limit
   */
  public static SourceInfo check(byte[] source, SecurityLimits limits) {
    SourceLimits.checkFileSize(source.length, limits);
    SourceInfo info = inspect(source);
    SourceLimits.checkResolution(info, limits);
    return info;
  }

  /**
   * The type, size and frames of {@code source}, without applying any limit.
   *
   * @throws ImageException 422 for an unknown type or a broken header
   */
  public static SourceInfo inspect(byte[] source) {
    ImageFormat format = ImageSniffer.sniff(source);
    try {
      return read(source, format);
    } catch (ImageException e) {
      throw e;
    } catch (RuntimeException defect) {
      // A reader bug must still not let the bytes through: refuse them as broken.
      throw ImageException.broken(format.urlName() + ": unreadable header", defect);
    }
  }

  private static SourceInfo read(byte[] source, ImageFormat format) {
    switch (format) {
      case JPEG:
        return JpegHeader.read(source);
      case PNG:
        return PngHeader.read(source);
      case GIF:
        return GifHeader.read(source);
      case WEBP:
        return WebpHeader.read(source);
      case AVIF:
      case HEIC:
        return IsobmffHeader.read(source, format);
      case TIFF:
        return TiffHeader.read(source);
      case BMP:
        return BmpHeader.read(source);
      case ICO:
        return IcoHeader.read(source);
      case JXL:
        return JxlHeader.read(source);
      case SVG:
        return new SourceInfo(ImageFormat.SVG, 0, 0, 1, false, true, 1);
      default:
        throw ImageException.invalidSource("no header reader for " + format);
    }
  }
}
