package io.imgrid.worker.codec;

/**
 * The entry an ICO decodes to: a bitmap decoded here, or an embedded PNG whose bytes go to
 * libvips' trusted PNG loader (after the header guard, which has already checked the PNG's own
 * IHDR size).
 */
public sealed interface IcoImage permits IcoImage.Bitmap, IcoImage.Png {

  /** A BMP entry, decoded to RGBA with the AND mask applied. */
  record Bitmap(Pixels pixels) implements IcoImage {}

  /** A PNG entry: the embedded PNG file, unchanged. */
  record Png(byte[] png) implements IcoImage {}
}
