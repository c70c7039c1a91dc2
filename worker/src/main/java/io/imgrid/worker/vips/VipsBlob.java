package io.imgrid.worker.vips;

import com.sun.jna.Pointer;

/**
 * Source bytes in native memory, as the {@code VipsBlob} a {@code *load_buffer} operation reads.
 *
 * <p>The bytes are copied once into memory that libvips reference-counts ({@code vips_blob_copy}):
 * every lazy image decoded from them holds a reference, so the bytes outlive the pipeline however
 * the handles are closed. This handle owns one such reference and is closed by its {@link
 * VipsScope}.
 */
public final class VipsBlob extends NativeHandle {
  private final Pointer area;
  private final long length;

  private VipsBlob(Pointer area, long length) {
    this.area = area;
    this.length = length;
  }

  static VipsBlob copyOf(byte[] bytes) {
    Pointer area = LibVips.vips_blob_copy(bytes, bytes.length);
    if (area == null) {
      throw VipsErrors.failure("vips_blob_copy");
    }
    return new VipsBlob(area, bytes.length);
  }

  /** Number of bytes held. */
  public long length() {
    return length;
  }

  Pointer pointer() {
    return area;
  }

  @Override
  void free() {
    LibVips.vips_area_unref(area);
  }

  @Override
  String describe() {
    return "VipsBlob(" + length + " bytes)";
  }
}
