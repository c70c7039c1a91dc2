package io.imgrid.worker.svg;

import io.imgrid.shared.error.ImageException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a DOCTYPE may carry through the sanitizer. imgproxy passes a DOCTYPE through verbatim, and
 * the browser that renders the result then honours its internal subset: an entity whose text is
 * {@code <script>…} becomes a live element the sanitizer never saw, an {@code ATTLIST} can default
 * an {@code onload} onto every element, an external entity can fetch. We keep imgproxy's bytes only
 * for the subset real files use (Illustrator's namespace entities) and refuse the rest.
 *
 * <p>Kept verbatim: a DOCTYPE without internal subset; an internal subset made only of whitespace,
 * comments and general entities with a quoted literal value containing no {@code <}, {@code &} or
 * {@code %} (plain text: no markup, no references, so no expansion bomb either).
 *
 * <p>Refused with 422 "broken image": any other declaration ({@code ATTLIST}, {@code ELEMENT},
 * {@code NOTATION}, parameter entities, {@code SYSTEM}/{@code PUBLIC} entities), processing
 * instructions or parameter-entity references inside the subset.
 *
 * <p>Nothing is ever expanded here; the accepted entities are returned only so that {@link
 * HrefPolicy} can see through {@code href="&js;:..."}.
 */
final class DoctypePolicy {
  private static final byte[] COMMENT_START = "<!--".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ENTITY_START = "<!ENTITY".getBytes(StandardCharsets.US_ASCII);

  private final byte[] data;
  private int pos;

  private DoctypePolicy(byte[] data, int start) {
    this.data = data;
    this.pos = start;
  }

  /**
   * Checks a DOCTYPE's content (the bytes between {@code <!DOCTYPE} and its closing {@code >}).
   *
   * @return the plain-text entities its internal subset declares (first declaration wins)
   * @throws ImageException (422 broken) for a subset carrying anything else
   */
  static Map<String, String> check(byte[] buf, int start, int end) {
    byte[] data = new byte[end - start];
    System.arraycopy(buf, start, data, 0, data.length);
    int open = subsetStart(data);
    if (open < 0) {
      return Map.of();
    }
    return new DoctypePolicy(data, open + 1).readSubset();
  }

  /** Index of the '[' opening the internal subset, skipping quoted identifiers; -1 if none. */
  private static int subsetStart(byte[] data) {
    byte quote = 0;
    for (int i = 0; i < data.length; i++) {
      byte b = data[i];
      if (quote != 0) {
        quote = b == quote ? 0 : quote;
      } else if (b == '"' || b == '\'') {
        quote = b;
      } else if (b == '[') {
        return i;
      }
    }
    return -1;
  }

  private Map<String, String> readSubset() {
    Map<String, String> entities = new HashMap<>();
    while (true) {
      skipSpaces();
      if (pos >= data.length) {
        throw refuse("unterminated internal subset");
      }
      if (data[pos] == ']') {
        return entities;
      }
      if (startsWith(COMMENT_START)) {
        int close = indexOf("-->", pos + COMMENT_START.length);
        if (close < 0) {
          throw refuse("unterminated comment in internal subset");
        }
        pos = close + 3;
      } else if (startsWith(ENTITY_START)) {
        readEntity(entities);
      } else {
        throw refuse("declarations other than plain-text entities are not allowed");
      }
    }
  }

  private void readEntity(Map<String, String> entities) {
    pos += ENTITY_START.length;
    if (!requireSpaces()) {
      throw refuse("malformed ENTITY declaration");
    }
    int nameStart = pos;
    while (pos < data.length && XmlTokenizer.isNameByte(data[pos])) {
      pos++;
    }
    String name = new String(data, nameStart, pos - nameStart, StandardCharsets.UTF_8);
    if (name.isEmpty() || !requireSpaces()) {
      throw refuse("parameter, external or malformed ENTITY declaration");
    }
    byte quote = pos < data.length ? data[pos] : 0;
    if (quote != '"' && quote != '\'') {
      throw refuse("external or malformed ENTITY declaration: " + name);
    }
    int valueStart = ++pos;
    while (pos < data.length && data[pos] != quote) {
      byte b = data[pos];
      if (b == '<' || b == '&' || b == '%') {
        throw refuse("ENTITY " + name + " has markup or references in its value");
      }
      pos++;
    }
    if (pos >= data.length) {
      throw refuse("unterminated ENTITY value: " + name);
    }
    String value = new String(data, valueStart, pos - valueStart, StandardCharsets.UTF_8);
    pos++;
    skipSpaces();
    if (pos >= data.length || data[pos] != '>') {
      throw refuse("malformed ENTITY declaration: " + name);
    }
    pos++;
    entities.putIfAbsent(name, value);
  }

  private boolean requireSpaces() {
    int from = pos;
    skipSpaces();
    return pos > from;
  }

  private void skipSpaces() {
    while (pos < data.length && XmlTokenizer.isSpace(data[pos])) {
      pos++;
    }
  }

  private boolean startsWith(byte[] prefix) {
    if (pos + prefix.length > data.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(String needle, int from) {
    byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = from; i + n.length <= data.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (data[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static ImageException refuse(String why) {
    return ImageException.broken("SVG DOCTYPE refused: " + why, null);
  }
}
