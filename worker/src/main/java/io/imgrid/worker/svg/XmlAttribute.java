package io.imgrid.worker.svg;

import java.nio.charset.StandardCharsets;

/**
 * One attribute exactly as it appeared in a start tag: the qualified name (bytes held as Latin-1
 * chars, so any byte survives the round trip), the raw value between its quotes with entities left
 * alone, and whether an {@code =} was present at all.
 *
 * <p>The raw value is what gets written back; entity decoding happens only when a rule has to look
 * at what the value means (see {@link HrefPolicy}).
 */
record XmlAttribute(String name, byte[] rawValue, boolean hasValue) {

  /** The part after the first colon ({@code xlink:href} gives {@code href}), as imgproxy splits. */
  String localName() {
    return XmlTokenizer.localPart(name);
  }

  /** The raw value as UTF-8 text, entities still encoded. */
  String rawText() {
    return new String(rawValue, StandardCharsets.UTF_8);
  }
}
