package io.imgrid.worker.vips;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Arrays;

/**
 * One argument of a libvips operation as the operation declares it ({@code
 * vips_object_get_argument}): its {@code GParamSpec}, declared GType and flags. It converts Java
 * values into a {@code GValue} of exactly that type for {@link VipsOperation}'s inputs and back
 * out of one for its outputs; a value that does not fit the declared type is an {@link
 * IllegalArgumentException} before anything reaches libvips.
 */
record VipsArgument(
    String operation, String name, Pointer pspec, long type, long fundamental, int flags) {
  private static final int INPUT = 16;
  private static final int OUTPUT = 32;
  /** {@code GParamSpec.value_type}: after the type instance, name and flags (padded) fields. */
  static final long PSPEC_VALUE_TYPE_OFFSET = 24;

  /**
   * The declared argument {@code name} of the operation {@code op} (nickname {@code operation}),
   * or null when it has none and {@code optional}.
   *
   * @throws IllegalArgumentException when it has none and is not {@code optional}
   */
  static VipsArgument of(Pointer op, String operation, String name, boolean optional) {
    try (Memory out = new Memory(3L * Native.POINTER_SIZE)) {
      out.clear();
      int rc =
          LibVips.vips_object_get_argument(
              op, name, out, out.share(Native.POINTER_SIZE), out.share(2L * Native.POINTER_SIZE));
      if (rc != 0) {
        VipsErrors.discard();
        if (optional) {
          return null;
        }
        throw new IllegalArgumentException(
            "libvips operation " + operation + " has no argument '" + name + "'");
      }
      Pointer pspec = out.getPointer(0);
      long type = pspec.getLong(PSPEC_VALUE_TYPE_OFFSET);
      int flags = LibVips.vips_object_get_argument_flags(op, name);
      return new VipsArgument(operation, name, pspec, type, LibGObject.g_type_fundamental(type),
          flags);
    }
  }

  boolean isInput() {
    return (flags & INPUT) != 0 && (flags & OUTPUT) == 0;
  }

  boolean isOutput() {
    return (flags & OUTPUT) != 0;
  }

  /** The declared range of an {@code int} or {@code double} argument. */
  ArgumentRange range() {
    if (fundamental == GTypes.INT) {
      return new ArgumentRange(validated(Integer.MIN_VALUE), validated(Integer.MAX_VALUE));
    }
    if (fundamental == GTypes.DOUBLE) {
      return new ArgumentRange(validated(-Double.MAX_VALUE), validated(Double.MAX_VALUE));
    }
    throw new IllegalArgumentException(
        operation + " argument '" + name + "' is not a number but " + GTypes.name(type));
  }

  /** {@code probe} as the pspec's validation leaves it: clamped into the declared range. */
  private double validated(Object probe) {
    try (GValue gv = new GValue(type)) {
      write(gv.pointer(), probe);
      LibGObject.g_param_value_validate(pspec, gv.pointer());
      return ((Number) read(gv.pointer(), null)).doubleValue();
    }
  }

  /** Sets {@code op}'s argument to {@code value}, checked against the declared type and range. */
  void set(Pointer op, Object value) {
    try (GValue gv = new GValue(type)) {
      write(gv.pointer(), value);
      if (LibGObject.g_param_value_validate(pspec, gv.pointer()) != 0) {
        throw new IllegalArgumentException(
            operation + " argument '" + name + "' is out of range: " + show(value));
      }
      LibGObject.g_object_set_property(op, name, gv.pointer());
    }
  }

  /**
   * Reads the output from the built {@code op}: images adopted by {@code scope}, blobs copied,
   * numbers, strings, enum nicks and arrays converted.
   */
  Object get(Pointer op, VipsScope scope) {
    try (GValue value = new GValue(type)) {
      Pointer gv = value.pointer();
      LibGObject.g_object_get_property(op, name, gv);
      return read(gv, scope);
    }
  }

  private void write(Pointer gv, Object v) {
    GTypes types = Vips.runtime().types();
    long f = fundamental;
    if (v instanceof Integer i) {
      if (f == GTypes.INT) {
        LibGObject.g_value_set_int(gv, i);
      } else if (f == GTypes.UINT && i >= 0) {
        LibGObject.g_value_set_uint(gv, i);
      } else if (f == GTypes.INT64) {
        LibGObject.g_value_set_int64(gv, i);
      } else if (f == GTypes.UINT64 && i >= 0) {
        LibGObject.g_value_set_uint64(gv, i);
      } else if (f == GTypes.DOUBLE) {
        LibGObject.g_value_set_double(gv, i);
      } else {
        throw mismatch(v);
      }
    } else if (v instanceof Double d && f == GTypes.DOUBLE) {
      LibGObject.g_value_set_double(gv, d);
    } else if (v instanceof Boolean b && f == GTypes.BOOLEAN) {
      LibGObject.g_value_set_boolean(gv, b ? 1 : 0);
    } else if (v instanceof String s && f == GTypes.STRING) {
      LibGObject.g_value_set_string(gv, s);
    } else if ((v instanceof String || v instanceof VipsEnum)
        && (f == GTypes.ENUM || f == GTypes.FLAGS)) {
      writeEnum(gv, v instanceof VipsEnum e ? e.nick() : (String) v);
    } else if (v instanceof double[] d && type == types.arrayDouble()) {
      LibVips.vips_value_set_array_double(gv, d, d.length);
    } else if (v instanceof int[] i && type == types.arrayInt()) {
      LibVips.vips_value_set_array_int(gv, i, i.length);
    } else if (v instanceof int[] i && type == types.arrayDouble()) {
      double[] d = new double[i.length];
      for (int k = 0; k < i.length; k++) {
        d[k] = i[k];
      }
      LibVips.vips_value_set_array_double(gv, d, d.length);
    } else if (v instanceof VipsImage image
        && f == GTypes.OBJECT
        && LibGObject.g_type_is_a(type, types.image()) != 0) {
      LibGObject.g_value_set_object(gv, image.pointer());
    } else if (v instanceof VipsImage[] images && type == types.arrayImage()) {
      writeImages(gv, images);
    } else if (v instanceof VipsBlob blob && type == types.blob()) {
      LibGObject.g_value_set_boxed(gv, blob.pointer());
    } else {
      throw mismatch(v);
    }
  }

  private void writeEnum(Pointer gv, String nick) {
    boolean flags = fundamental == GTypes.FLAGS;
    int value =
        flags
            ? LibVips.vips_flags_from_nick(operation, type, nick)
            : LibVips.vips_enum_from_nick(operation, type, nick);
    if (value < 0) {
      VipsErrors.discard();
      throw new IllegalArgumentException(
          operation + " argument '" + name + "' (" + GTypes.name(type) + ") has no value '"
              + nick + "'");
    }
    if (flags) {
      LibGObject.g_value_set_flags(gv, value);
    } else {
      LibGObject.g_value_set_enum(gv, value);
    }
  }

  /** {@code vips_array_image_new} refs each image; the GValue refs the array; we drop ours. */
  private static void writeImages(Pointer gv, VipsImage[] images) {
    try (Memory array = new Memory((long) images.length * Native.POINTER_SIZE)) {
      for (int k = 0; k < images.length; k++) {
        array.setPointer((long) k * Native.POINTER_SIZE, images[k].pointer());
      }
      Pointer area = LibVips.vips_array_image_new(array, images.length);
      LibGObject.g_value_set_boxed(gv, area);
      LibVips.vips_area_unref(area);
    }
  }

  private Object read(Pointer gv, VipsScope scope) {
    GTypes types = Vips.runtime().types();
    long f = fundamental;
    if (f == GTypes.INT) {
      return LibGObject.g_value_get_int(gv);
    } else if (f == GTypes.UINT) {
      return Integer.toUnsignedLong(LibGObject.g_value_get_uint(gv));
    } else if (f == GTypes.INT64) {
      return LibGObject.g_value_get_int64(gv);
    } else if (f == GTypes.UINT64) {
      return LibGObject.g_value_get_uint64(gv);
    } else if (f == GTypes.DOUBLE) {
      return LibGObject.g_value_get_double(gv);
    } else if (f == GTypes.BOOLEAN) {
      return LibGObject.g_value_get_boolean(gv) != 0;
    } else if (f == GTypes.STRING) {
      return LibGObject.g_value_get_string(gv);
    } else if (f == GTypes.ENUM) {
      return LibVips.vips_enum_nick(type, LibGObject.g_value_get_enum(gv));
    } else if (f == GTypes.FLAGS) {
      return LibGObject.g_value_get_flags(gv);
    } else if (f == GTypes.OBJECT && LibGObject.g_type_is_a(type, types.image()) != 0) {
      Pointer image = LibGObject.g_value_get_object(gv);
      return image == null ? null : scope.adoptImage(LibGObject.g_object_ref(image));
    } else if (type == types.blob()) {
      return blobBytes(LibGObject.g_value_get_boxed(gv));
    } else if (type == types.arrayDouble()) {
      try (Memory n = new Memory(4)) {
        Pointer p = LibVips.vips_value_get_array_double(gv, n);
        return p == null ? new double[0] : p.getDoubleArray(0, n.getInt(0));
      }
    } else if (type == types.arrayInt()) {
      try (Memory n = new Memory(4)) {
        Pointer p = LibVips.vips_value_get_array_int(gv, n);
        return p == null ? new int[0] : p.getIntArray(0, n.getInt(0));
      }
    } else if (type == types.arrayImage()) {
      return readImages(gv, scope);
    }
    throw new IllegalArgumentException(
        operation + " output '" + name + "' has unsupported type " + GTypes.name(type));
  }

  private static VipsImage[] readImages(Pointer gv, VipsScope scope) {
    try (Memory n = new Memory(4)) {
      Pointer p = LibVips.vips_value_get_array_image(gv, n);
      int count = p == null ? 0 : n.getInt(0);
      VipsImage[] images = new VipsImage[count];
      for (int k = 0; k < count; k++) {
        Pointer image = p.getPointer((long) k * Native.POINTER_SIZE);
        images[k] = scope.adoptImage(LibGObject.g_object_ref(image));
      }
      return images;
    }
  }

  private static byte[] blobBytes(Pointer blob) {
    if (blob == null) {
      return null;
    }
    try (Memory length = new Memory(8)) {
      Pointer data = LibVips.vips_blob_get(blob, length);
      long size = length.getLong(0);
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("libvips blob of " + size + " bytes exceeds a Java array");
      }
      return data == null || size == 0 ? new byte[0] : data.getByteArray(0, (int) size);
    }
  }

  private IllegalArgumentException mismatch(Object value) {
    return new IllegalArgumentException(
        operation + " argument '" + name + "' is " + GTypes.name(type) + "; cannot set it from "
            + value.getClass().getSimpleName() + " " + show(value));
  }

  private static String show(Object value) {
    if (value instanceof double[] d) {
      return Arrays.toString(d);
    }
    if (value instanceof int[] i) {
      return Arrays.toString(i);
    }
    if (value instanceof VipsEnum e) {
      return e.nick();
    }
    return String.valueOf(value);
  }
}
