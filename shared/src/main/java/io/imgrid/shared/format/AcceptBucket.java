package io.imgrid.shared.format;

import java.util.StringJoiner;

/**
 * Which negotiable formats a client takes, as far as the settings care: the {@code Accept}
 * header reduced to three flags. This, never the raw header, goes into the job key, so clients
 * that send different headers but get the same bytes share one job.
 */
public record AcceptBucket(boolean webp, boolean avif, boolean jxl) {
  public static final AcceptBucket NONE = new AcceptBucket(false, false, false);

  /**
   * A plain substring test per format (as imgproxy does), masked by the formats negotiation is on
   * for: with no AUTO/ENFORCE setting the bucket is always {@link #NONE}.
   *
   * @param accept the header value; null when absent
   */
  public static AcceptBucket of(String accept, FormatConfig cfg) {
    if (accept == null || !cfg.negotiates()) {
      return NONE;
    }
    return new AcceptBucket(
        (cfg.autoWebp() || cfg.enforceWebp()) && accept.contains("image/webp"),
        (cfg.autoAvif() || cfg.enforceAvif()) && accept.contains("image/avif"),
        (cfg.autoJxl() || cfg.enforceJxl()) && accept.contains("image/jxl"));
  }

  public boolean isEmpty() {
    return !webp && !avif && !jxl;
  }

  /** {@code -}, or the accepted names joined by {@code ,} in the order webp, avif, jxl. */
  public String encode() {
    if (isEmpty()) {
      return "-";
    }
    StringJoiner j = new StringJoiner(",");
    if (webp) {
      j.add("webp");
    }
    if (avif) {
      j.add("avif");
    }
    if (jxl) {
      j.add("jxl");
    }
    return j.toString();
  }

  /** The inverse of {@link #encode()}; anything else is an IllegalArgumentException. */
  public static AcceptBucket decode(String s) {
    if ("-".equals(s)) {
      return NONE;
    }
    for (int bits = 1; bits < 8; bits++) {
      AcceptBucket b = new AcceptBucket((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
      if (b.encode().equals(s)) {
        return b;
      }
    }
    throw new IllegalArgumentException("not an Accept bucket: '" + s + "'");
  }
}
