package io.imgrid.worker.vips;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;

/**
 * A handle on one (lazy) libvips image, owned by the {@link VipsScope} that produced it.
 *
 * <p>Header reads are cheap and never decode pixels. Metadata setters change the image object in
 * place: call them only on an image this job just made (e.g. the result of {@link VipsOps#copy}),
 * never on one another operation already took as input. {@link #close()} is idempotent and may be
 * called early to release memory; the scope releases whatever is left.
 */
public final class VipsImage extends NativeHandle {
  private final VipsScope scope;
  private final Pointer image;
  /**
   * Guards the pointer between {@link #kill()} (from the watchdog thread) and {@link #free()}: a
   * kill that saw the handle open finishes before the reference is dropped.
   */
  private final Object killLock = new Object();

  VipsImage(VipsScope scope, Pointer image) {
    this.scope = scope;
    this.image = image;
  }

  /** The scope that owns this image; operations on it put their results there too. */
  public VipsScope scope() {
    return scope;
  }

  public int width() {
    return header(LibVips::vips_image_get_width);
  }

  /** Height of the whole image: for an animation loaded with all pages, the stacked height. */
  public int height() {
    return header(LibVips::vips_image_get_height);
  }

  public int bands() {
    return header(LibVips::vips_image_get_bands);
  }

  public VipsBandFormat format() {
    return VipsBandFormat.ofValue(header(LibVips::vips_image_get_format));
  }

  public VipsInterpretation interpretation() {
    int value = header(LibVips::vips_image_get_interpretation);
    long type = LibVips.vips_interpretation_get_type();
    return VipsInterpretation.ofNick(LibVips.vips_enum_nick(type, value));
  }

  public boolean hasAlpha() {
    return header(LibVips::vips_image_hasalpha) != 0;
  }

  /** {@code n-pages}: frames in the source file, 1 when absent. */
  public int pages() {
    return header(LibVips::vips_image_get_n_pages);
  }

  /** {@code page-height}: the height of one frame, {@link #height()} when not paged. */
  public int pageHeight() {
    return header(LibVips::vips_image_get_page_height);
  }

  /** EXIF orientation 1..8 ({@code orientation} field), 1 when absent. */
  public int orientation() {
    return header(LibVips::vips_image_get_orientation);
  }

  /** Names of all header and metadata fields ({@code vips_image_get_fields}). */
  public List<String> fields() {
    acquire();
    try {
      Pointer strv = LibVips.vips_image_get_fields(image);
      if (strv == null) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      try {
        for (int k = 0; ; k++) {
          Pointer s = strv.getPointer((long) k * Native.POINTER_SIZE);
          if (s == null) {
            break;
          }
          names.add(s.getString(0, StandardCharsets.UTF_8.name()));
        }
      } finally {
        LibGLib.g_strfreev(strv);
      }
      return Collections.unmodifiableList(names);
    } finally {
      release();
    }
  }

  public boolean hasField(String name) {
    Objects.requireNonNull(name, "name == null");
    acquire();
    try {
      return LibVips.vips_image_get_typeof(image, name) != 0;
    } finally {
      release();
    }
  }

  public OptionalInt intField(String name) {
    if (!hasField(name)) {
      return OptionalInt.empty();
    }
    acquire();
    try {
      int[] out = new int[1];
      check(LibVips.vips_image_get_int(image, name, out), name);
      return OptionalInt.of(out[0]);
    } finally {
      release();
    }
  }

  public OptionalDouble doubleField(String name) {
    if (!hasField(name)) {
      return OptionalDouble.empty();
    }
    acquire();
    try {
      double[] out = new double[1];
      check(LibVips.vips_image_get_double(image, name, out), name);
      return OptionalDouble.of(out[0]);
    } finally {
      release();
    }
  }

  public Optional<String> stringField(String name) {
    if (!hasField(name)) {
      return Optional.empty();
    }
    acquire();
    try (Memory out = new Memory(Native.POINTER_SIZE)) {
      check(LibVips.vips_image_get_string(image, name, out), name);
      Pointer s = out.getPointer(0);
      return Optional.ofNullable(s == null ? null : s.getString(0, "UTF-8"));
    } finally {
      release();
    }
  }

  /** A binary field such as {@code icc-profile-data}, {@code exif-data} or {@code xmp-data}. */
  public Optional<byte[]> blobField(String name) {
    if (!hasField(name)) {
      return Optional.empty();
    }
    acquire();
    try (Memory data = new Memory(Native.POINTER_SIZE);
        Memory length = new Memory(8)) {
      check(LibVips.vips_image_get_blob(image, name, data, length), name);
      Pointer p = data.getPointer(0);
      long size = length.getLong(0);
      return Optional.of(p == null || size == 0 ? new byte[0] : p.getByteArray(0, (int) size));
    } finally {
      release();
    }
  }

  /** An int array field such as {@code delay} (per-frame delays in ms). */
  public Optional<int[]> intArrayField(String name) {
    if (!hasField(name)) {
      return Optional.empty();
    }
    acquire();
    try (Memory array = new Memory(Native.POINTER_SIZE)) {
      int[] n = new int[1];
      check(LibVips.vips_image_get_array_int(image, name, array, n), name);
      Pointer p = array.getPointer(0);
      return Optional.of(p == null || n[0] == 0 ? new int[0] : p.getIntArray(0, n[0]));
    } finally {
      release();
    }
  }

  public void setInt(String name, int value) {
    mutate(name, () -> LibVips.vips_image_set_int(image, name, value));
  }

  public void setDouble(String name, double value) {
    mutate(name, () -> LibVips.vips_image_set_double(image, name, value));
  }

  public void setString(String name, String value) {
    Objects.requireNonNull(value, "value == null");
    mutate(name, () -> LibVips.vips_image_set_string(image, name, value));
  }

  public void setBlob(String name, byte[] value) {
    Objects.requireNonNull(value, "value == null");
    mutate(name, () -> LibVips.vips_image_set_blob_copy(image, name, value, value.length));
  }

  public void setIntArray(String name, int[] value) {
    Objects.requireNonNull(value, "value == null");
    mutate(name, () -> LibVips.vips_image_set_array_int(image, name, value, value.length));
  }

  /** Removes a metadata field; returns whether it was there. */
  public boolean remove(String name) {
    Objects.requireNonNull(name, "name == null");
    acquire();
    try {
      return LibVips.vips_image_remove(image, name) != 0;
    } finally {
      release();
    }
  }

  Pointer pointer() {
    return image;
  }

  /**
   * Sets libvips' kill flag ({@code vips_image_set_kill}) so an evaluation that touches this image
   * fails at its next check ("killed for image"), from any thread, even while a native call on
   * this thread is using the image: the flag is one int the evaluation polls. Does nothing once the
   * image is closed. Used by {@link VipsScope#killAt}.
   */
  void kill() {
    synchronized (killLock) {
      if (!isClosed()) {
        LibVips.vips_image_set_kill(image, 1);
      }
    }
  }

  @Override
  void free() {
    synchronized (killLock) {
      LibGObject.g_object_unref(image);
    }
  }

  @Override
  String describe() {
    return "VipsImage@" + Long.toHexString(Pointer.nativeValue(image));
  }

  private int header(ToIntFunction<Pointer> read) {
    acquire();
    try {
      return read.applyAsInt(image);
    } finally {
      release();
    }
  }

  private void mutate(String name, Runnable set) {
    Objects.requireNonNull(name, "name == null");
    acquire();
    try {
      set.run();
    } finally {
      release();
    }
  }

  private static void check(int rc, String field) {
    if (rc != 0) {
      throw VipsErrors.failure("vips_image_get " + field);
    }
  }
}
