package io.imgrid.worker.vips;

import com.sun.jna.Pointer;

/**
 * The libvips C functions imgrid calls, direct-mapped with {@code Native.register}.
 *
 * <p>Only functions with a fixed signature appear here. Most of libvips' convenience API is
 * varargs ({@code vips_resize(in, &out, "kernel", k, NULL)}), which direct mapping cannot express
 * and which, through interface mapping, silently corrupts the stack on a wrong argument type or a
 * missing NULL. Operations are therefore called by name through the operation API in {@link
 * VipsOperation}.
 *
 * <p>Type mapping (64-bit Linux only, checked by {@link VipsLibrary}): {@code GType} and {@code
 * size_t} are {@code long}; {@code gboolean} and C enums are {@code int}; objects and out
 * parameters are {@link Pointer}.
 */
final class LibVips {
  private LibVips() {}

  // lifecycle and global knobs
  static native int vips_init(String argv0);
  static native int vips_version(int flag);
  static native void vips_cache_set_max(int max);
  static native void vips_cache_set_max_mem(long maxMem);
  static native void vips_cache_set_max_files(int maxFiles);
  static native void vips_concurrency_set(int concurrency);
  static native int vips_vector_isenabled();
  static native void vips_vector_set_enabled(int enabled);
  static native void vips_block_untrusted_set(int state);
  static native void vips_operation_block_set(String name, int state);
  static native void vips_leak_set(int leak);
  static native void vips_thread_shutdown();

  // errors
  static native Pointer vips_error_buffer_copy();
  static native void vips_error_clear();

  // memory accounting
  static native long vips_tracked_get_mem();
  static native long vips_tracked_get_mem_highwater();
  static native int vips_tracked_get_allocs();
  static native int vips_tracked_get_files();

  // types
  static native long vips_type_find(String basename, String nickname);
  static native int vips_enum_from_nick(String domain, long type, String nick);
  static native int vips_flags_from_nick(String domain, long type, String nick);
  static native String vips_enum_nick(long type, int value);
  static native long vips_image_get_type();
  static native long vips_operation_flags_get_type();
  static native long vips_interpretation_get_type();
  static native long vips_blob_get_type();
  static native long vips_array_double_get_type();
  static native long vips_array_int_get_type();
  static native long vips_array_image_get_type();

  // the operation API
  static native Pointer vips_operation_new(String name);
  static native int vips_operation_get_flags(Pointer operation);
  static native Pointer vips_cache_operation_build(Pointer operation);
  static native void vips_object_unref_outputs(Pointer object);
  static native int vips_object_get_argument(
      Pointer object, String name, Pointer pspecOut, Pointer argClassOut, Pointer argInstanceOut);
  static native int vips_object_get_argument_flags(Pointer object, String name);

  // boxed values
  static native Pointer vips_blob_copy(byte[] data, long length);
  /** {@code freeFn} is a {@code VipsCallbackFn} function pointer, called with the data on free. */
  static native Pointer vips_blob_new(Pointer freeFn, Pointer data, long length);
  static native Pointer vips_blob_get(Pointer blob, Pointer lengthOut);
  static native void vips_area_unref(Pointer area);
  static native Pointer vips_array_image_new(Pointer images, int n);
  static native void vips_value_set_array_double(Pointer value, double[] array, int n);
  static native void vips_value_set_array_int(Pointer value, int[] array, int n);
  static native Pointer vips_value_get_array_double(Pointer value, Pointer nOut);
  static native Pointer vips_value_get_array_int(Pointer value, Pointer nOut);
  static native Pointer vips_value_get_array_image(Pointer value, Pointer nOut);

  // image header and metadata
  static native int vips_image_get_width(Pointer image);
  static native int vips_image_get_height(Pointer image);
  static native int vips_image_get_bands(Pointer image);
  static native int vips_image_get_format(Pointer image);
  static native int vips_image_get_interpretation(Pointer image);
  static native int vips_image_get_n_pages(Pointer image);
  static native int vips_image_get_page_height(Pointer image);
  static native int vips_image_get_orientation(Pointer image);
  static native int vips_image_hasalpha(Pointer image);
  static native long vips_image_get_typeof(Pointer image, String name);
  static native int vips_image_get_int(Pointer image, String name, int[] out);
  static native int vips_image_get_double(Pointer image, String name, double[] out);
  static native int vips_image_get_string(Pointer image, String name, Pointer out);
  static native int vips_image_get_blob(Pointer image, String name, Pointer dataOut, Pointer lenOut);
  static native int vips_image_get_array_int(
      Pointer image, String name, Pointer arrayOut, int[] nOut);
  static native void vips_image_set_int(Pointer image, String name, int value);
  static native void vips_image_set_double(Pointer image, String name, double value);
  static native void vips_image_set_string(Pointer image, String name, String value);
  static native void vips_image_set_blob_copy(Pointer image, String name, byte[] data, long length);
  static native void vips_image_set_array_int(Pointer image, String name, int[] array, int n);
  static native int vips_image_remove(Pointer image, String name);
  static native Pointer vips_image_get_fields(Pointer image);

  // evaluation control
  static native void vips_image_set_kill(Pointer image, int kill);

  // raw pixels in and out
  static native Pointer vips_image_new_from_memory_copy(
      byte[] data, long size, int width, int height, int bands, int format);
  static native Pointer vips_image_write_to_memory(Pointer image, Pointer sizeOut);
}
