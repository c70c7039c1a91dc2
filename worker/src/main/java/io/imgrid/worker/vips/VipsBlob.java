package io.imgrid.worker.vips;

import com.sun.jna.Pointer;

/**
 * Source bytes in native memory, as the {@code VipsBlob} a {@code *load_buffer} operation reads.
 *
 * <p>The bytes are copied once, straight from the Java array into {@code g_malloc}ed memory,
 * which becomes a blob ({@code vips_blob_new}) that frees it with {@code vips_area_free_cb} when
 * the last reference goes. ({@code vips_blob_copy(byte[], len)} would cost two copies of a large
 * source: JNA first copies the array into a temporary native buffer, then libvips copies that.)
 * libvips reference-counts the blob: every lazy image decoded from it holds a reference, so the
 * bytes outlive the pipeline however the handles are closed. This handle owns one such reference
 * and is closed by its {@link VipsScope}.
 */
public final class VipsBlob extends NativeHandle {
  private final Pointer area;
  private final long length;

  private VipsBlob(Pointer area, long length) {
    this.area = area;
    this.length = length;
  }

  static VipsBlob copyOf(byte[] bytes) {
    // g_malloc(0) is NULL, which a blob cannot hold; one spare byte keeps every blob real
    Pointer data = LibGLib.g_malloc(Math.max(1, bytes.length));
    data.write(0, bytes, 0, bytes.length);
    Pointer area = LibVips.vips_blob_new(Vips.runtime().areaFreeCallback(), data, bytes.length);
    if (area == null) {
      LibGLib.g_free(data);
      throw VipsErrors.failure("vips_blob_new");
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
