package io.imgrid.worker.vips;

import com.sun.jna.Pointer;
import io.imgrid.shared.config.LibvipsConfig;
import io.imgrid.shared.config.LibvipsConfig.Vectors;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * libvips for the whole process: loads and initialises it once, on purpose, and reports what it
 * can do and how much native memory it holds.
 *
 * <p>libvips is process-global by nature (one error buffer, one operation cache, one type system),
 * so this is the one static entry point of the binding; everything after {@link #init} is
 * request-scoped ({@link VipsScope}). Initialisation, in order:
 *
 * <ol>
 *   <li>{@code vips_init}; libvips &gt;= 8.13 is required (loader blocking);
 *   <li>libvips' GLib warnings go to the JVM log at DEBUG ({@link VipsLog});
 *   <li>operation cache off ({@code vips_cache_set_max/_max_mem/_max_files(0)}): a proxy never
 *       repeats an operation on the same image object, and the cache only pins memory and files;
 *   <li>{@code vips_concurrency_set(1)}: parallelism comes from worker slots, not from threads
 *       inside one operation;
 *   <li>SIMD vector paths as {@code IMGRID_LIBVIPS_VECTOR} says ({@link #applyVectors}): by
 *       default off on libvips &lt; 8.15, whose vector paths are orc programs that crash a process
 *       running libvips on several threads (issue 11), libvips' own default from 8.15 on;
 *   <li>{@code vips_block_untrusted_set(TRUE)}, then every {@code VipsForeignLoad} blocked and only
 *       the buffer/source loaders imgrid serves unblocked by operation nickname (jpeg, png, webp,
 *       gif, heif, tiff, svg, jxl). Magick, PDF, vips, matrix, csv, ppm… stay blocked, so a file
 *       that claims one format can never reach another decoder. The savers imgrid serves are
 *       unblocked too (8.14 marks jxlsave untrusted).
 * </ol>
 *
 * <p>After each job, call {@link #threadShutdown()} on the thread that ran it.
 */
public final class Vips {
  /** Loaders imgrid serves, by nickname; class names differ between libvips versions. */
  static final List<String> SERVED_LOADERS =
      List.of(
          "jpegload_buffer", "jpegload_source",
          "pngload_buffer", "pngload_source",
          "webpload_buffer", "webpload_source",
          "gifload_buffer", "gifload_source",
          "heifload_buffer", "heifload_source",
          "tiffload_buffer", "tiffload_source",
          "svgload_buffer", "svgload_source",
          "jxlload_buffer", "jxlload_source");

  /**
   * Savers imgrid serves. Savers only see pixels we decoded, but libvips 8.14 flags {@code
   * jxlsave} untrusted, so {@code vips_block_untrusted_set} blocks it; each served one is unblocked
   * on purpose (magicksave never is).
   */
  static final List<String> SERVED_SAVERS =
      List.of("jpegsave_buffer", "pngsave_buffer", "webpsave_buffer", "gifsave_buffer",
          "heifsave_buffer", "tiffsave_buffer", "jxlsave_buffer");

  private static final Logger LOG = System.getLogger("io.imgrid.worker.vips");
  private static final Object LOCK = new Object();
  private static volatile State state;
  private static volatile FormatSupport capabilities;

  /** What {@link #init} established; immutable. */
  record State(LibvipsConfig config, String libraryFile, String version,
      GTypes types, boolean savesWithKeep, int blockedFlag, Pointer areaFreeCallback) {}

  private Vips() {}

  /** Initialises the system libvips ({@code libvips.so.42}) with the default settings. */
  public static void init() {
    init(LibvipsConfig.DEFAULT);
  }

  /** As {@link #init(LibvipsConfig)} from {@code location}, with the default vector policy. */
  public static void init(Optional<Path> location) {
    Objects.requireNonNull(location, "location == null");
    init(new LibvipsConfig(location, Vectors.AUTO));
  }

  /**
   * Loads libvips from the configured location ({@code IMGRID_LIBVIPS_PATH}: a directory holding
   * {@code libvips.so*} or {@code libvips-cpp.so*}, or the file itself), or from the system when
   * empty, and initialises it with the configured vector policy. Idempotent and thread-safe; a
   * later call with other settings fails.
   *
   * @throws VipsUnavailableException when libvips cannot be loaded, with the install command
   */
  public static void init(LibvipsConfig config) {
    Objects.requireNonNull(config, "config == null");
    synchronized (LOCK) {
      State current = state;
      if (current != null) {
        if (!current.config().equals(config)) {
          throw new IllegalStateException("libvips is already initialised from "
              + current.libraryFile() + " with " + current.config());
        }
        return;
      }
      VipsLibrary.Binding binding = VipsLibrary.bind(config.path());
      String file = binding.libraryFile();
      if (LibVips.vips_init("imgrid") != 0) {
        throw new VipsUnavailableException("vips_init failed: " + VipsErrors.take(), null);
      }
      int major = LibVips.vips_version(0);
      int minor = LibVips.vips_version(1);
      String version = major + "." + minor + "." + LibVips.vips_version(2);
      if (major < 8 || (major == 8 && minor < 13)) {
        throw new VipsUnavailableException(
            "libvips " + version + " at " + file + " is too old: imgrid needs 8.13 or later", null);
      }
      VipsLog.install();
      LibVips.vips_cache_set_max(0);
      LibVips.vips_cache_set_max_mem(0);
      LibVips.vips_cache_set_max_files(0);
      LibVips.vips_concurrency_set(1);
      applyVectors(config.vectors(), major, minor, version);
      blockLoaders();
      GTypes types = GTypes.lookUp();
      checkLayout(types);
      int blocked = LibVips.vips_flags_from_nick(
          "imgrid", LibVips.vips_operation_flags_get_type(), "blocked");
      if (blocked <= 0) {
        throw new VipsUnavailableException(
            "libvips " + version + " has no VIPS_OPERATION_BLOCKED flag: " + VipsErrors.take(), null);
      }
      state = new State(config, file, version, types,
          declares("jpegsave_buffer", "keep"), blocked, binding.areaFreeCallback());
    }
  }

  /** The libvips version, e.g. {@code 8.14.1}. */
  public static String version() {
    return runtime().version();
  }

  /** Whether libvips' SIMD vector paths are on ({@code vips_vector_isenabled}). */
  public static boolean vectorsEnabled() {
    runtime();
    return LibVips.vips_vector_isenabled() != 0;
  }

  /** The library file libvips was loaded from. */
  public static String libraryFile() {
    return runtime().libraryFile();
  }

  /**
   * Which formats this libvips can load and save, probed on first call by encoding and decoding a
   * tiny image in each format (a saver can exist without its codec, e.g. HEIC without x265).
   * Call it once at worker start so the probe cost is not paid by a request.
   */
  public static FormatSupport capabilities() {
    runtime();
    FormatSupport known = capabilities;
    if (known != null) {
      return known;
    }
    synchronized (LOCK) {
      if (capabilities == null) {
        capabilities = FormatProbe.probe();
      }
      return capabilities;
    }
  }

  /** Bytes libvips currently holds in tracked allocations (pixel buffers). */
  public static long trackedMemory() {
    runtime();
    return LibVips.vips_tracked_get_mem();
  }

  /** The high-water mark of {@link #trackedMemory()}. */
  public static long trackedMaxMemory() {
    runtime();
    return LibVips.vips_tracked_get_mem_highwater();
  }

  /** Number of live tracked allocations. */
  public static int trackedAllocs() {
    runtime();
    return LibVips.vips_tracked_get_allocs();
  }

  /** Number of files libvips holds open. */
  public static int trackedFiles() {
    runtime();
    return LibVips.vips_tracked_get_files();
  }

  /** Frees libvips' per-thread buffers; call after each job on the thread that ran it. */
  public static void threadShutdown() {
    if (state != null) {
      LibVips.vips_thread_shutdown();
    }
  }

  static State runtime() {
    State s = state;
    if (s == null) {
      throw new IllegalStateException("libvips is not initialised: call Vips.init() first");
    }
    return s;
  }

  /**
   * Turns libvips' SIMD vector paths on or off as {@code mode} says, before any operation runs,
   * and logs what it changed and why. Below 8.15 libvips' vector paths are orc programs, compiled
   * in an operation's build and freed when it is disposed; libvips serialises the compiles but not
   * the frees, and orc 0.4.33's code allocator updates its shared free list of executable chunks
   * without a lock on free, so two worker threads corrupt it: a SIGSEGV in liborc or in orc's
   * generated code, or glibc's {@code malloc_consolidate(): unaligned fastbin chunk detected}
   * (issue 11; {@code bench/native-repro.sh} reproduces it in C). From 8.15 libvips uses highway
   * instead and {@link Vectors#AUTO} leaves its default alone.
   *
   * @return whether vector paths are on afterwards
   */
  static boolean applyVectors(Vectors mode, int major, int minor, String version) {
    boolean orc = major < 8 || (major == 8 && minor < 15);
    switch (mode) {
      case ON -> {
        LibVips.vips_vector_set_enabled(1);
        if (orc) {
          LOG.log(Level.WARNING, "libvips " + version + ": orc vector paths on ("
              + LibvipsConfig.VECTOR_SETTING + "=true), although orc's code allocator is not "
              + "thread-safe and can crash this process when jobs run at once (README: Native "
              + "stability)");
        }
      }
      case OFF -> {
        LibVips.vips_vector_set_enabled(0);
        LOG.log(Level.INFO, "libvips " + version + ": vector paths off ("
            + LibvipsConfig.VECTOR_SETTING + "=false)");
      }
      case AUTO -> {
        if (orc) {
          LibVips.vips_vector_set_enabled(0);
          LOG.log(Level.INFO, "libvips " + version + ": orc vector paths turned off, since orc's "
              + "code allocator is not thread-safe and crashes a process that runs libvips on "
              + "several threads (README: Native stability); " + LibvipsConfig.VECTOR_SETTING
              + "=true turns them back on");
        }
      }
      default -> throw new IllegalArgumentException("unknown vector mode " + mode);
    }
    return LibVips.vips_vector_isenabled() != 0;
  }

  private static void blockLoaders() {
    LibVips.vips_block_untrusted_set(1);
    LibVips.vips_operation_block_set("VipsForeignLoad", 1);
    List<String> served = new java.util.ArrayList<>(SERVED_LOADERS);
    served.addAll(SERVED_SAVERS);
    for (String nick : served) {
      long type = LibVips.vips_type_find("VipsOperation", nick);
      if (type == 0) {
        continue;
      }
      String className = GTypes.name(type);
      if (!className.contains("Magick")) {
        LibVips.vips_operation_block_set(className, 0);
      }
    }
  }

  /**
   * Checks the one struct offset the binding reads ({@code GParamSpec.value_type}) against types we
   * know, so a GLib with another layout fails here instead of corrupting calls later.
   */
  private static void checkLayout(GTypes types) {
    Pointer op = LibVips.vips_operation_new("resize");
    try (Pointer3 out = new Pointer3()) {
      boolean ok =
          LibVips.vips_object_get_argument(op, "in", out.at(0), out.at(1), out.at(2)) == 0
              && out.read(0).getLong(VipsArgument.PSPEC_VALUE_TYPE_OFFSET) == types.image()
              && LibVips.vips_object_get_argument(op, "scale", out.at(0), out.at(1), out.at(2)) == 0
              && out.read(0).getLong(VipsArgument.PSPEC_VALUE_TYPE_OFFSET) == GTypes.DOUBLE;
      if (!ok) {
        VipsErrors.discard();
        throw new VipsUnavailableException(
            "unexpected GParamSpec layout in this GLib; the binding cannot run safely", null);
      }
    } finally {
      LibGObject.g_object_unref(op);
    }
  }

  private static boolean declares(String operation, String argument) {
    Pointer op = LibVips.vips_operation_new(operation);
    if (op == null) {
      VipsErrors.discard();
      return false;
    }
    try (Pointer3 out = new Pointer3()) {
      boolean found =
          LibVips.vips_object_get_argument(op, argument, out.at(0), out.at(1), out.at(2)) == 0;
      VipsErrors.discard();
      return found;
    } finally {
      LibGObject.g_object_unref(op);
    }
  }

  /** Three pointer-sized out parameters. */
  private static final class Pointer3 implements AutoCloseable {
    private final com.sun.jna.Memory memory = new com.sun.jna.Memory(24);

    Pointer3() {
      memory.clear();
    }

    Pointer at(int k) {
      return memory.share(8L * k);
    }

    Pointer read(int k) {
      return memory.getPointer(8L * k);
    }

    @Override
    public void close() {
      memory.close();
    }
  }
}
