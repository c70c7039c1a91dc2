package io.imgrid.worker.vips;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * One zeroed, initialised {@code GValue} in native memory, unset and freed on close.
 *
 * <p>On 64-bit platforms a GValue is a {@code GType} (8 bytes) followed by a two-slot union of 8
 * bytes each: 24 bytes. {@code g_value_init} insists on a zeroed value.
 */
final class GValue implements AutoCloseable {
  static final int SIZE = 24;

  private final Memory memory;

  GValue(long type) {
    memory = new Memory(SIZE);
    memory.clear();
    LibGObject.g_value_init(memory, type);
  }

  Pointer pointer() {
    return memory;
  }

  @Override
  public void close() {
    LibGObject.g_value_unset(memory);
    memory.close();
  }
}
