package io.imgrid.worker.vips;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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
 * a {@code GValue} initialised with the argument's <em>declared</em> GType ({@link VipsArgument}), {@code vips_cache_operation_build}, outputs read back with {@code
 * g_object_get_property}, then {@code vips_object_unref_outputs} and {@code g_object_unref} in
 * {@code finally}. A Java value that does not fit the declared type, an unknown argument, or an
 * out-of-range number is an {@link IllegalArgumentException} before anything reaches libvips;
 * libvips' own failures are {@link VipsException}s. Output images belong to the scope.
 *
 * <p>A builder is used once, on one thread.
 */
public final class VipsOperation {
  private static final Map<String, ArgumentRange> RANGES = new ConcurrentHashMap<>();

  private final VipsScope scope;
  private final String name;
  private final List<Arg> inputs = new ArrayList<>();
  private boolean used;

  private record Arg(String name, Object value, boolean optional) {}

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
      return VipsArgument.of(op, operation, argument, true) != null;
    } finally {
      LibGObject.g_object_unref(op);
    }
  }

  /**
   * The range the linked libvips declares for an {@code int} or {@code double} argument (looked
   * up once per argument), for request- or source-driven values that must be brought into it.
   *
   * @throws IllegalArgumentException if the operation has no such numeric argument
   */
  public static ArgumentRange range(String operation, String argument) {
    return RANGES.computeIfAbsent(operation + '.' + argument, key -> {
      Vips.runtime();
      Pointer op = newOperation(operation);
      try {
        return VipsArgument.of(op, operation, argument, false).range();
      } finally {
        LibGObject.g_object_unref(op);
      }
    });
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
        VipsArgument a = VipsArgument.of(op, name, arg.name(), arg.optional());
        if (a != null) {
          if (!a.isInput()) {
            throw new IllegalArgumentException(
                name + " argument '" + arg.name() + "' is not an input");
          }
          a.set(op, arg.value());
        }
      }
      Map<String, VipsArgument> wanted = new LinkedHashMap<>();
      for (String output : outputs) {
        VipsArgument a = VipsArgument.of(op, name, output, false);
        if (!a.isOutput()) {
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
      for (Map.Entry<String, VipsArgument> e : wanted.entrySet()) {
        values.put(e.getKey(), e.getValue().get(op, scope));
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
