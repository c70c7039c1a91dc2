package io.imgrid.gateway.http;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * {@code X-Request-ID}: an incoming id is kept when it matches {@code ^[A-Za-z0-9_-]+$} (so a
 * proxy's id flows through the logs), else a new 21-character nanoid-style id is made.
 */
public final class RequestIds {
  static final Pattern VALID = Pattern.compile("^[A-Za-z0-9_-]+$");
  private static final char[] ALPHABET =
      "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict".toCharArray();
  private static final int LENGTH = 21;

  private final SecureRandom random = new SecureRandom();

  /** The id to answer with: {@code incoming} when valid, else a fresh one. */
  public String idFor(String incoming) {
    if (incoming != null && VALID.matcher(incoming).matches()) {
      return incoming;
    }
    return generate();
  }

  public String generate() {
    byte[] bytes = new byte[LENGTH];
    random.nextBytes(bytes);
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = ALPHABET[bytes[i] & 63];
    }
    return new String(id);
  }
}
