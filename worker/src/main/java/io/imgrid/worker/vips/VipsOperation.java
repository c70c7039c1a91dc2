package io.imgrid.worker.vips;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One libvips operation called by name, the only way imgrid runs libvips operations.
 *
 * <pre>{@code
 * VipsImage out = VipsOperation.call(scope, "resize")
 *     .input("in", image)
 *     .set("scale", 0.5)
 *     .set("kernel", VipsKernel.LANCZOS3)
 *     .outputImage("out");
 * }</pre>
 *
 * <p>Running it follows libvips' binding recipe: {@code vips_operation_new}, each argument set from
 * a {@code GValue} initialised with the argument's <em>declared</em> GType (looked up with {@code
 * vips_object_get_argument}), {@code vips_cache_operation_build}, outputs read back with {@code
 * g_object_get_property}, then {@code vips_object_unref_outputs} and {@code g_object_unref} in
 * {@code finally}. A Java value that does not fit the declared type, an unknown argument, or an
 * out-of-range number is an {@link IllegalArgumentException} before anything reaches libvips;
 * libvips' own failures are {@link VipsException}s. Output images belong to the scope.
 *
 * <p>A builder is used once, on one thread.
 */
public final class VipsOperation {
  private static final int ARGUMENT_INPUT = 16;
  private static final int ARGUMENT_OUTPUT = 32;
  /** {@code GParamSpec.value_type}: after the type instance, name and flags (padded) fields. */
  static final long PSPEC_VALUE_TYPE_OFFSET = 24;

  private final VipsScope scope;
  private final String name;
  private final List<Arg> inputs = new ArrayList<>();
  private boolean used;

  private record Arg(String name, Object value, boolean optional) {}

  private record Argument(Pointer pspec, long type, long fundamental, int flags) {}

  private VipsOperation(VipsScope scope, String name) {
    this.scope = scope;
    this.name = name;
  }

  /**
   * Starts a call of the operation with this nickname ({@code resize}, {@code jpegsave_buffer}…).
   *
   * @throws IllegalArgumentException if the linked libvips has no such operation
   */
  public static VipsOperation call(VipsScope scope, String name) {
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(name, "name == null");
    scope.checkOpen();
    if (!exists(name)) {
      throw new IllegalArgumentException("libvips has no operation named '" + name + "'");
    }
    return new VipsOperation(scope, name);
  }

  /** Whether the linked libvips has an operation with this nickname. */
  public static boolean exists(String name) {
    Vips.runtime();
    return LibVips.vips_type_find("VipsOperation", name) != 0;
  }

  /** Whether the operation declares this argument (savers differ between libvips versions). */
  public static boolean hasArgument(String operation, String argument) {
    Vips.runtime();
    Pointer op = newOperation(operation);
    try {
      return lookUp(op, operation, argument, true) != null;
    } finally {
      LibGObject.g_object_unref(op);
    }
  }

  public VipsOperation input(String argument, VipsImage image) {
    return add(argument, Objects.requireNonNull(image, "image == null"), false);
  }

  public VipsOperation input(String argument, VipsImage[] images) {
    Objects.requireNonNull(images, "images == null");
    if (images.length == 0) {
      throw new IllegalArgumentException("images is empty");
    }
    for (VipsImage image : images) {
      Objects.requireNonNull(image, "images contains null");
    }
    return add(argument, images.clone(), false);
  }

  public VipsOperation input(String argument, VipsBlob blob) {
    return add(argument, Objects.requireNonNull(blob, "blob == null"), false);
  }

  /** An {@code int} argument; also fits {@code guint}, 64-bit and {@code gdouble} arguments. */
  public VipsOperation set(String argument, int value) {
    return add(argument, value, false);
  }

  public VipsOperation set(String argument, double value) {
    return add(argument, value, false);
  }

  public VipsOperation set(String argument, boolean value) {
    return add(argument, value, false);
  }

  /** A string argument, or an enum/flags argument by nick. */
  public VipsOperation set(String argument, String value) {
    return add(argument, Objects.requireNonNull(value, "value == null"), false);
  }

  public VipsOperation set(String argument, VipsEnum value) {
    return add(argument, Objects.requireNonNull(value, "value == null"), false);
  }

  /** A {@code VipsArrayDouble} argument (a background colour, a linear factor…). */
  public VipsOperation set(String argument, double[] values) {
    return add(argument, Objects.requireNonNull(values, "values == null").clone(), false);
  }

  /** A {@code VipsArrayInt} argument (or a {@code VipsArrayDouble} one). */
  public VipsOperation set(String argument, int[] values) {
    return add(argument, Objects.requireNonNull(values, "values == null").clone(), false);
  }

  /**
   * Like the matching {@code set}, but skipped when the linked libvips' operation has no such
   * argument (e.g. {@code keep} exists from 8.15 on, {@code strip} before). Types are still
   * checked when it exists.
   */
  public VipsOperation setIfPresent(String argument, Object value) {
    Objects.requireNonNull(value, "value == null");
    Object v = value instanceof double[] d ? d.clone() : value instanceof int[] i ? i.clone() : value;
    return add(argument, v, true);
  }

  /** Runs the operation and returns one output image, owned by the scope. */
  public VipsImage outputImage(String argument) {
    return run(argument).image(argument);
  }

  /** Runs the operation and returns one {@code VipsBlob} output copied to the Java heap. */
  public byte[] outputBytes(String argument) {
    return run(argument).bytes(argument);
  }

  /**
   * Runs the operation and reads the named outputs (images are adopted by the scope, blobs copied,
   * numbers, strings, enum nicks and arrays converted).
   */
  public Outputs run(String... outputs) {
    if (used) {
      throw new IllegalStateException("operation " + name + " already ran");
    }
    used = true;
    scope.checkOpen();
    List<NativeHandle> acquired = new ArrayList<>();
    Pointer op = newOperation(name);
    try {
      refuseBlocked(op);
      for (Arg arg : inputs) {
        acquireAll(arg.value(), acquired);
        setInput(op, arg);
      }
      Map<String, Argument> wanted = new LinkedHashMap<>();
      for (String output : outputs) {
        Argument a = lookUp(op, name, output, false);
        if ((a.flags() & ARGUMENT_OUTPUT) == 0) {
          throw new IllegalArgumentException(name + " argument '" + output + "' is not an output");
        }
        wanted.put(output, a);
      }
      Pointer built = LibVips.vips_cache_operation_build(op);
      if (built == null) {
        throw VipsErrors.failure(name);
      }
      LibGObject.g_object_unref(op);
      op = built;
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, Argument> e : wanted.entrySet()) {
        values.put(e.getKey(), readOutput(op, e.getKey(), e.getValue()));
      }
      return new Outputs(name, values);
    } finally {
      LibVips.vips_object_unref_outputs(op);
      LibGObject.g_object_unref(op);
      for (NativeHandle h : acquired) {
        h.release();
      }
    }
  }

  private VipsOperation add(String argument, Object value, boolean optional) {
    Objects.requireNonNull(argument, "argument == null");
    if (used) {
      throw new IllegalStateException("operation " + name + " already ran");
    }
    inputs.add(new Arg(argument, value, optional));
    return this;
  }

  private static Pointer newOperation(String name) {
    Pointer op = LibVips.vips_operation_new(name);
    if (op == null) {
      VipsErrors.discard();
      throw new IllegalArgumentException("libvips has no operation named '" + name + "'");
    }
    return op;
  }

  /**
   * libvips checks the blocked flag only when the build chain reaches {@code VipsOperation}; some
   * loaders parse their input in their own build first (poppler's {@code pdfload_buffer} does),
   * so a blocked loader would still see the bytes. Refuse before any input is set.
   */
  private void refuseBlocked(Pointer op) {
    if ((LibVips.vips_operation_get_flags(op) & Vips.runtime().blockedFlag()) != 0) {
      throw new IllegalArgumentException("libvips operation " + name + " is blocked");
    }
  }

  private static Argument lookUp(Pointer op, String opName, String argument, boolean optional) {
    try (Memory out = new Memory(3L * Native.POINTER_SIZE)) {
      out.clear();
      int rc =
          LibVips.vips_object_get_argument(
              op, argument, out, out.share(Native.POINTER_SIZE), out.share(2L * Native.POINTER_SIZE));
      if (rc != 0) {
        VipsErrors.discard();
        if (optional) {
          return null;
        }
        throw new IllegalArgumentException(
            "libvips operation " + opName + " has no argument '" + argument + "'");
      }
      Pointer pspec = out.getPointer(0);
      long type = pspec.getLong(PSPEC_VALUE_TYPE_OFFSET);
      int flags = LibVips.vips_object_get_argument_flags(op, argument);
      return new Argument(pspec, type, LibGObject.g_type_fundamental(type), flags);
    }
  }

  private static void acquireAll(Object value, List<NativeHandle> acquired) {
    if (value instanceof NativeHandle h) {
      h.acquire();
      acquired.add(h);
    } else if (value instanceof VipsImage[] images) {
      for (VipsImage image : images) {
        image.acquire();
        acquired.add(image);
      }
    }
  }

  private void setInput(Pointer op, Arg arg) {
    Argument a = lookUp(op, name, arg.name(), arg.optional());
    if (a == null) {
      return;
    }
    if ((a.flags() & ARGUMENT_INPUT) == 0 || (a.flags() & ARGUMENT_OUTPUT) != 0) {
      throw new IllegalArgumentException(name + " argument '" + arg.name() + "' is not an input");
    }
    try (GValue value = new GValue(a.type())) {
      fill(value.pointer(), a, arg);
      if (LibGObject.g_param_value_validate(a.pspec(), value.pointer()) != 0) {
        throw new IllegalArgumentException(
            name + " argument '" + arg.name() + "' is out of range: " + show(arg.value()));
      }
      LibGObject.g_object_set_property(op, arg.name(), value.pointer());
    }
  }

  private void fill(Pointer gv, Argument a, Arg arg) {
    GTypes types = Vips.runtime().types();
    Object v = arg.value();
    long f = a.fundamental();
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
        throw mismatch(a, arg);
      }
    } else if (v instanceof Double d && f == GTypes.DOUBLE) {
      LibGObject.g_value_set_double(gv, d);
    } else if (v instanceof Boolean b && f == GTypes.BOOLEAN) {
      LibGObject.g_value_set_boolean(gv, b ? 1 : 0);
    } else if (v instanceof String s && f == GTypes.STRING) {
      LibGObject.g_value_set_string(gv, s);
    } else if ((v instanceof String || v instanceof VipsEnum)
        && (f == GTypes.ENUM || f == GTypes.FLAGS)) {
      String nick = v instanceof VipsEnum e ? e.nick() : (String) v;
      setEnum(gv, a, arg, nick);
    } else if (v instanceof double[] d && a.type() == types.arrayDouble()) {
      LibVips.vips_value_set_array_double(gv, d, d.length);
    } else if (v instanceof int[] i && a.type() == types.arrayInt()) {
      LibVips.vips_value_set_array_int(gv, i, i.length);
    } else if (v instanceof int[] i && a.type() == types.arrayDouble()) {
      double[] d = new double[i.length];
      for (int k = 0; k < i.length; k++) {
        d[k] = i[k];
      }
      LibVips.vips_value_set_array_double(gv, d, d.length);
    } else if (v instanceof VipsImage image
        && f == GTypes.OBJECT
        && LibGObject.g_type_is_a(a.type(), types.image()) != 0) {
      LibGObject.g_value_set_object(gv, image.pointer());
    } else if (v instanceof VipsImage[] images && a.type() == types.arrayImage()) {
      setImages(gv, images);
    } else if (v instanceof VipsBlob blob && a.type() == types.blob()) {
      LibGObject.g_value_set_boxed(gv, blob.pointer());
    } else {
      throw mismatch(a, arg);
    }
  }

  private void setEnum(Pointer gv, Argument a, Arg arg, String nick) {
    boolean flags = a.fundamental() == GTypes.FLAGS;
    int value =
        flags
            ? LibVips.vips_flags_from_nick(name, a.type(), nick)
            : LibVips.vips_enum_from_nick(name, a.type(), nick);
    if (value < 0) {
      VipsErrors.discard();
      throw new IllegalArgumentException(
          name + " argument '" + arg.name() + "' (" + GTypes.name(a.type()) + ") has no value '"
              + nick + "'");
    }
    if (flags) {
      LibGObject.g_value_set_flags(gv, value);
    } else {
      LibGObject.g_value_set_enum(gv, value);
    }
  }

  /** {@code vips_array_image_new} refs each image; the GValue refs the array; we drop ours. */
  private static void setImages(Pointer gv, VipsImage[] images) {
    try (Memory array = new Memory((long) images.length * Native.POINTER_SIZE)) {
      for (int k = 0; k < images.length; k++) {
        array.setPointer((long) k * Native.POINTER_SIZE, images[k].pointer());
      }
      Pointer area = LibVips.vips_array_image_new(array, images.length);
      LibGObject.g_value_set_boxed(gv, area);
      LibVips.vips_area_unref(area);
    }
  }

  private Object readOutput(Pointer op, String argument, Argument a) {
    GTypes types = Vips.runtime().types();
    long f = a.fundamental();
    try (GValue value = new GValue(a.type())) {
      Pointer gv = value.pointer();
      LibGObject.g_object_get_property(op, argument, gv);
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
        return LibVips.vips_enum_nick(a.type(), LibGObject.g_value_get_enum(gv));
      } else if (f == GTypes.FLAGS) {
        return LibGObject.g_value_get_flags(gv);
      } else if (f == GTypes.OBJECT && LibGObject.g_type_is_a(a.type(), types.image()) != 0) {
        Pointer image = LibGObject.g_value_get_object(gv);
        return image == null ? null : scope.adoptImage(LibGObject.g_object_ref(image));
      } else if (a.type() == types.blob()) {
        return blobBytes(LibGObject.g_value_get_boxed(gv));
      } else if (a.type() == types.arrayDouble()) {
        try (Memory n = new Memory(4)) {
          Pointer p = LibVips.vips_value_get_array_double(gv, n);
          return p == null ? new double[0] : p.getDoubleArray(0, n.getInt(0));
        }
      } else if (a.type() == types.arrayInt()) {
        try (Memory n = new Memory(4)) {
          Pointer p = LibVips.vips_value_get_array_int(gv, n);
          return p == null ? new int[0] : p.getIntArray(0, n.getInt(0));
        }
      } else if (a.type() == types.arrayImage()) {
        return readImages(gv);
      }
      throw new IllegalArgumentException(
          name + " output '" + argument + "' has unsupported type " + GTypes.name(a.type()));
    }
  }

  private VipsImage[] readImages(Pointer gv) {
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

  static byte[] blobBytes(Pointer blob) {
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

  private IllegalArgumentException mismatch(Argument a, Arg arg) {
    return new IllegalArgumentException(
        name + " argument '" + arg.name() + "' is " + GTypes.name(a.type()) + "; cannot set it from "
            + arg.value().getClass().getSimpleName() + " " + show(arg.value()));
  }

  private static String show(Object value) {
    if (value instanceof double[] d) {
      return java.util.Arrays.toString(d);
    }
    if (value instanceof int[] i) {
      return java.util.Arrays.toString(i);
    }
    if (value instanceof VipsEnum e) {
      return e.nick();
    }
    return String.valueOf(value);
  }

  /** The outputs one {@link #run} read, by argument name. */
  public static final class Outputs {
    private final String operation;
    private final Map<String, Object> values;

    private Outputs(String operation, Map<String, Object> values) {
      this.operation = operation;
      this.values = values;
    }

    public VipsImage image(String argument) {
      return get(argument, VipsImage.class);
    }

    public VipsImage[] images(String argument) {
      return get(argument, VipsImage[].class).clone();
    }

    public byte[] bytes(String argument) {
      return get(argument, byte[].class);
    }

    public int integer(String argument) {
      return Math.toIntExact(get(argument, Number.class).longValue());
    }

    public double number(String argument) {
      return get(argument, Number.class).doubleValue();
    }

    public boolean bool(String argument) {
      return get(argument, Boolean.class);
    }

    /** A string output, or an enum output's nick. */
    public String string(String argument) {
      return get(argument, String.class);
    }

    public double[] doubles(String argument) {
      return get(argument, double[].class).clone();
    }

    public int[] ints(String argument) {
      return get(argument, int[].class).clone();
    }

    private <T> T get(String argument, Class<T> type) {
      if (!values.containsKey(argument)) {
        throw new IllegalArgumentException(operation + " output '" + argument + "' was not read");
      }
      Object v = values.get(argument);
      if (v == null) {
        throw new IllegalStateException(operation + " produced no '" + argument + "'");
      }
      if (!type.isInstance(v)) {
        throw new IllegalArgumentException(
            operation + " output '" + argument + "' is " + v.getClass().getSimpleName() + ", not "
                + type.getSimpleName());
      }
      return type.cast(v);
    }
  }
}
