package io.imgrid.worker.vips;

import com.sun.jna.Pointer;

/**
 * The GObject functions the operation API needs: GValues, properties, references and the type
 * system. Direct-mapped against whichever library exports them (libvips itself when it is a
 * self-contained build, libgobject-2.0 otherwise; see {@link VipsLibrary}).
 */
final class LibGObject {
  private LibGObject() {}

  static native Pointer g_value_init(Pointer value, long type);
  static native void g_value_unset(Pointer value);
  static native void g_value_set_int(Pointer value, int v);
  static native int g_value_get_int(Pointer value);
  static native void g_value_set_uint(Pointer value, int v);
  static native int g_value_get_uint(Pointer value);
  static native void g_value_set_int64(Pointer value, long v);
  static native long g_value_get_int64(Pointer value);
  static native void g_value_set_uint64(Pointer value, long v);
  static native long g_value_get_uint64(Pointer value);
  static native void g_value_set_double(Pointer value, double v);
  static native double g_value_get_double(Pointer value);
  static native void g_value_set_boolean(Pointer value, int v);
  static native int g_value_get_boolean(Pointer value);
  static native void g_value_set_string(Pointer value, String v);
  static native String g_value_get_string(Pointer value);
  static native void g_value_set_enum(Pointer value, int v);
  static native int g_value_get_enum(Pointer value);
  static native void g_value_set_flags(Pointer value, int v);
  static native int g_value_get_flags(Pointer value);
  static native void g_value_set_object(Pointer value, Pointer object);
  static native Pointer g_value_get_object(Pointer value);
  static native void g_value_set_boxed(Pointer value, Pointer boxed);
  static native Pointer g_value_get_boxed(Pointer value);

  static native void g_object_set_property(Pointer object, String name, Pointer value);
  static native void g_object_get_property(Pointer object, String name, Pointer value);
  static native Pointer g_object_ref(Pointer object);
  static native void g_object_unref(Pointer object);

  static native long g_type_fundamental(long type);
  static native int g_type_is_a(long type, long isAType);
  static native String g_type_name(long type);
  static native long g_type_from_name(String name);

  /** Returns non-zero when the value had to be changed to fit the pspec (out of range). */
  static native int g_param_value_validate(Pointer pspec, Pointer value);
}
