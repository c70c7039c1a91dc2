package io.imgrid.worker.vips;

/**
 * GType ids the binding dispatches on. Fundamental ids are fixed by GLib's ABI ({@code
 * G_TYPE_MAKE_FUNDAMENTAL(n) = n << 2}); libvips' boxed and object types are registered at run
 * time and are looked up once after {@code vips_init}.
 */
record GTypes(long image, long blob, long arrayDouble, long arrayInt, long arrayImage) {
  static final long BOOLEAN = 5L << 2;
  static final long INT = 6L << 2;
  static final long UINT = 7L << 2;
  static final long INT64 = 10L << 2;
  static final long UINT64 = 11L << 2;
  static final long ENUM = 12L << 2;
  static final long FLAGS = 13L << 2;
  static final long DOUBLE = 15L << 2;
  static final long STRING = 16L << 2;
  static final long BOXED = 18L << 2;
  static final long OBJECT = 20L << 2;

  static GTypes lookUp() {
    return new GTypes(
        LibVips.vips_image_get_type(),
        LibVips.vips_blob_get_type(),
        LibVips.vips_array_double_get_type(),
        LibVips.vips_array_int_get_type(),
        LibVips.vips_array_image_get_type());
  }

  /** A readable name for messages: {@code gint}, {@code VipsImage}, {@code VipsKernel}… */
  static String name(long type) {
    String name = LibGObject.g_type_name(type);
    return name == null ? "GType " + type : name;
  }
}
