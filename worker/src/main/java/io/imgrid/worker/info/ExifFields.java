package io.imgrid.worker.info;

import io.imgrid.worker.vips.VipsImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EXIF subset {@code /info} answers with: every tag libvips parsed out of the source's EXIF
 * ({@code exif-ifdN-Tag} fields), under its tag name, with libexif's readable value (libvips
 * writes {@code "value (raw, format, n components, m bytes)"}; the part in parentheses is dropped).
 * The first IFD that has a tag wins; the thumbnail's IFD1 is left out.
 */
final class ExifFields {
  private static final Pattern FIELD = Pattern.compile("exif-ifd([0-4])-(.+)");
  private static final Pattern DETAIL =
      Pattern.compile("(?s)(.*) \\([^()]*, [^()]*, \\d+ components?, \\d+ bytes?\\)");

  private ExifFields() {}

  static Map<String, String> read(VipsImage image) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String field : image.fields()) {
      Matcher m = FIELD.matcher(field);
      if (!m.matches() || m.group(1).equals("1")) {
        continue;
      }
      image.stringField(field).ifPresent(v -> out.putIfAbsent(m.group(2), readable(v)));
    }
    return out;
  }

  /** The readable part of a libvips EXIF string. */
  static String readable(String value) {
    Matcher d = DETAIL.matcher(value);
    return (d.matches() ? d.group(1) : value).trim();
  }
}
