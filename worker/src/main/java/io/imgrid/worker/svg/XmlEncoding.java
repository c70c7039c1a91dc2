package io.imgrid.worker.svg;

import io.imgrid.shared.error.ImageException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * imgproxy's encoding handling, so that the sanitized output is always UTF-8: a byte-order mark
 * selects UTF-8 (dropped), UTF-16 or UTF-32 (transcoded); an {@code <?xml ... encoding="X"?>}
 * naming anything but UTF-8 transcodes the rest of the input and rewrites the declaration to
 * {@code encoding="UTF-8"}.
 *
 * <p>imgproxy resolves labels the WHATWG way (Go's {@code charset.NewReaderLabel}), where the
 * Latin-1 labels mean windows-1252; those labels are mapped likewise, other labels go to the JDK.
 */
final class XmlEncoding {
  private static final Pattern ENCODING =
      Pattern.compile("(?s)^(.*encoding=)(\"[^\"]+?\"|'[^']+?')(.*)$");

  /** WHATWG labels of windows-1252 that the JDK would read as strict ISO-8859-1 or ASCII. */
  private static final Set<String> WINDOWS_1252_LABELS =
      Set.of(
          "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
          "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
          "us-ascii", "windows-1252", "x-cp1252");

  /** What an XML declaration asks for: a new declaration, and a charset unless UTF-anything. */
  record Switch(byte[] rewrittenDeclaration, Charset charset) {}

  private XmlEncoding() {}

  /** Strips a UTF-8 byte-order mark or transcodes a UTF-16/32 one's input to UTF-8. */
  static byte[] fromByteOrderMark(byte[] in) {
    if (in.length < 4) {
      return in; // imgproxy peeks four bytes before looking for a mark
    }
    int b0 = in[0] & 0xff;
    int b1 = in[1] & 0xff;
    int b2 = in[2] & 0xff;
    int b3 = in[3] & 0xff;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
      return copyFrom(in, 3);
    }
    if (b0 == 0x00 && b1 == 0x00 && b2 == 0xFE && b3 == 0xFF) {
      return transcode(in, 4, Charset.forName("UTF-32BE"));
    }
    if (b0 == 0xFF && b1 == 0xFE && b2 == 0x00 && b3 == 0x00) {
      return transcode(in, 4, Charset.forName("UTF-32LE"));
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      return transcode(in, 2, StandardCharsets.UTF_16BE);
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      return transcode(in, 2, StandardCharsets.UTF_16LE);
    }
    return in;
  }

  /**
   * Reads the {@code encoding} pseudo-attribute of an XML declaration's data. Returns {@code null}
   * when there is none or it already says UTF-8; a charset-less switch for other UTF-* labels
   * (the byte-order mark has already dealt with them).
   *
   * @throws ImageException (422 broken) for a label no charset answers to
   */
  static Switch fromDeclaration(byte[] declaration) {
    Matcher m = ENCODING.matcher(new String(declaration, StandardCharsets.ISO_8859_1));
    if (!m.matches()) {
      return null;
    }
    String label = m.group(2).substring(1, m.group(2).length() - 1).trim();
    String lower = label.toLowerCase(Locale.ROOT);
    if (lower.equals("utf-8") || lower.equals("utf8")) {
      return null;
    }
    Charset charset = lower.startsWith("utf") ? null : charsetFor(lower);
    byte[] rewritten =
        (m.group(1) + "\"UTF-8\"" + m.group(3)).getBytes(StandardCharsets.ISO_8859_1);
    return new Switch(rewritten, charset);
  }

  /** Decodes {@code in[from..]} from {@code charset} and re-encodes it as UTF-8. */
  static byte[] transcode(byte[] in, int from, Charset charset) {
    return new String(in, from, in.length - from, charset).getBytes(StandardCharsets.UTF_8);
  }

  private static Charset charsetFor(String label) {
    if (WINDOWS_1252_LABELS.contains(label)) {
      return Charset.forName("windows-1252");
    }
    try {
      return Charset.forName(label);
    } catch (IllegalArgumentException e) {
      throw ImageException.broken("SVG declares an unknown encoding: " + label, e);
    }
  }

  private static byte[] copyFrom(byte[] in, int from) {
    byte[] out = new byte[in.length - from];
    System.arraycopy(in, from, out, 0, out.length);
    return out;
  }
}
