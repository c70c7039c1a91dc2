package io.imgrid.worker.vips;

/**
 * A libvips enum or flags value, by its nickname ({@code lanczos3}, {@code srgb}…). The binding
 * turns the nick into the native value with {@code vips_enum_from_nick} against the property's own
 * GType, so a nick the linked libvips does not know is an exception, never a wrong number.
 */
public interface VipsEnum {
  String nick();
}
