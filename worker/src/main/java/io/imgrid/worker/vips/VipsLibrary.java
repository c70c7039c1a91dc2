package io.imgrid.worker.vips;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds libvips (and the GLib it was built against) and binds {@link LibVips}, {@link LibGObject}
 * and {@link LibGLib} to it.
 *
 * <p>Two layouts are supported. The system libvips ({@code libvips.so.42}, Debian's 8.14) links
 * against the system libglib/libgobject; {@code dlsym} on its handle also searches those
 * dependencies. A self-contained build (npm's {@code @img/sharp-libvips-linux-x64} ships one
 * {@code libvips-cpp.so.8.x} that exports libvips' C API and GLib's symbols) needs nothing else.
 * When a directory is given and holds its own {@code libglib-2.0.so.0}/{@code libgobject-2.0.so.0},
 * those are loaded first, so the dynamic linker reuses them for libvips' dependencies instead of
 * the system's.
 */
final class VipsLibrary {
  static final String INSTALL_HINT =
      "libvips is not installed: run `apt-get install -y libvips42` (Debian/Ubuntu) or set "
          + "IMGRID_LIBVIPS_PATH to a directory or file holding libvips";

  private static final List<String> SYSTEM_NAMES = List.of("libvips.so.42", "vips");
  private static final List<String> FILE_PREFIXES = List.of("libvips.so", "libvips-cpp.so");

  private VipsLibrary() {}

  /**
   * What binding produced: the library file, and {@code vips_area_free_cb} as a function pointer,
   * the free function of blobs whose bytes imgrid put in {@code g_malloc}ed memory ({@link
   * VipsBlob}).
   */
  record Binding(String libraryFile, Pointer areaFreeCallback) {}

  /** Loads and binds; throws {@link VipsUnavailableException} with the install hint on failure. */
  static Binding bind(Optional<Path> location) {
    if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
      throw new VipsUnavailableException("imgrid's libvips binding needs a 64-bit JVM", null);
    }
    Optional<Path> dir = location.map(p -> Files.isDirectory(p) ? p : p.getParent());
    NativeLibrary vips = location.isPresent() ? openFrom(location.get()) : openSystem();
    NativeLibrary gobject = vips;
    NativeLibrary glib = vips;
    if (!exports(vips, "g_object_unref")) {
      gobject = openCompanion(dir, "libgobject-2.0.so.0");
    }
    if (!exports(vips, "g_free")) {
      glib = openCompanion(dir, "libglib-2.0.so.0");
    }
    try {
      Native.register(LibVips.class, vips);
      Native.register(LibGObject.class, gobject);
      Native.register(LibGLib.class, glib);
    } catch (UnsatisfiedLinkError e) {
      throw new VipsUnavailableException(
          "libvips at " + vips.getFile() + " lacks a function imgrid needs (libvips >= 8.13 is "
              + "required): " + e.getMessage(), e);
    }
    Pointer areaFree;
    try {
      areaFree = vips.getFunction("vips_area_free_cb");
    } catch (UnsatisfiedLinkError e) {
      throw new VipsUnavailableException(
          "libvips at " + vips.getFile() + " lacks vips_area_free_cb: " + e.getMessage(), e);
    }
    return new Binding(String.valueOf(vips.getFile()), areaFree);
  }

  /** The library files to try for an {@code IMGRID_LIBVIPS_PATH} value, best first. */
  static List<Path> candidates(Path location) {
    if (!Files.isDirectory(location)) {
      return List.of(location);
    }
    List<Path> found = new ArrayList<>();
    for (String prefix : FILE_PREFIXES) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(location, prefix + "*")) {
        List<Path> matches = new ArrayList<>();
        files.forEach(matches::add);
        matches.sort(null);
        found.addAll(matches);
      } catch (IOException e) {
        // unreadable directory: nothing found there, reported below
      }
    }
    return found;
  }

  private static NativeLibrary openSystem() {
    UnsatisfiedLinkError last = null;
    for (String name : SYSTEM_NAMES) {
      try {
        return NativeLibrary.getInstance(name);
      } catch (UnsatisfiedLinkError e) {
        last = e;
      }
    }
    throw new VipsUnavailableException(INSTALL_HINT, last);
  }

  private static NativeLibrary openFrom(Path location) {
    List<Path> candidates = candidates(location);
    if (candidates.isEmpty()) {
      throw new VipsUnavailableException(
          "no libvips.so* or libvips-cpp.so* in " + location + "; " + INSTALL_HINT, null);
    }
    Path dir = Files.isDirectory(location) ? location : location.getParent();
    if (dir != null) {
      preload(dir.resolve("libglib-2.0.so.0"));
      preload(dir.resolve("libgobject-2.0.so.0"));
    }
    UnsatisfiedLinkError last = null;
    for (Path candidate : candidates) {
      try {
        return NativeLibrary.getInstance(candidate.toAbsolutePath().toString());
      } catch (UnsatisfiedLinkError e) {
        last = e;
      }
    }
    throw new VipsUnavailableException(
        "cannot load libvips from " + location + ": " + (last == null ? "" : last.getMessage()),
        last);
  }

  private static void preload(Path file) {
    if (Files.isRegularFile(file)) {
      NativeLibrary.getInstance(file.toAbsolutePath().toString());
    }
  }

  private static NativeLibrary openCompanion(Optional<Path> dir, String soname) {
    if (dir.isPresent() && Files.isRegularFile(dir.get().resolve(soname))) {
      return NativeLibrary.getInstance(dir.get().resolve(soname).toAbsolutePath().toString());
    }
    try {
      return NativeLibrary.getInstance(soname);
    } catch (UnsatisfiedLinkError e) {
      throw new VipsUnavailableException("cannot load " + soname + ": " + e.getMessage(), e);
    }
  }

  private static boolean exports(NativeLibrary library, String symbol) {
    try {
      library.getFunction(symbol);
      return true;
    } catch (UnsatisfiedLinkError e) {
      return false;
    }
  }
}
