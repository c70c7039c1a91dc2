package io.imgrid.shared.job;

import io.imgrid.shared.info.InfoOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of a job: SHA-256 over a canonical encoding of its {@link JobSpec}. Requests with
 * the same key get the same bytes, so the grid runs one job per key at a time. Never the
 * signature, never the option spelling or order; {@code expires}, {@code filename} and
 * {@code return_attachment} are left out because they change headers only.
 *
 * @param hex 64 lower-case hex digits
 */
public record JobKey(String hex) {
  /** The version tag of {@link #canonical}; bump it when the encoding changes. */
  public static final String VERSION = "imgrid-job/1";

  /** The version tag of {@link #ofInfo}'s text. */
  public static final String INFO_VERSION = "imgrid-info/1";

  public JobKey {
    Objects.requireNonNull(hex, "hex == null");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: '" + hex + "'");
    }
  }

  public static JobKey of(JobSpec spec) {
    return hash(canonical(spec));
  }

  /**
   * The key of an {@code /info} job: its own namespace ({@link #INFO_VERSION}), the source, the
   * info options' canonical text and the conditional headers. No processing job shares it.
   */
  public static JobKey ofInfo(
      String sourceUrl, InfoOptions options, String ifNoneMatch, String ifModifiedSince) {
    StringBuilder sb = new StringBuilder(INFO_VERSION).append('\n');
    part(sb, "src", sourceUrl);
    part(sb, "info", options.encode());
    part(sb, "inm", ifNoneMatch);
    part(sb, "ims", ifModifiedSince);
    return hash(sb.toString());
  }

  private static JobKey hash(String canonical) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
      return new JobKey(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  /**
   * The text that is hashed: each part as {@code name length:value} on its own line, so no value
   * can run into the next (URLs and header values may contain any character). A missing header
   * is {@code -1} as its length, distinct from an empty one.
   */
  public static String canonical(JobSpec spec) {
    StringBuilder sb = new StringBuilder(VERSION).append('\n');
    part(sb, "src", spec.sourceUrl());
    part(sb, "opts", CanonicalOptions.encode(spec.options()));
    part(sb, "accept", spec.bucket().encode());
    part(sb, "settings", spec.settingsFingerprint());
    part(sb, "inm", spec.ifNoneMatch());
    part(sb, "ims", spec.ifModifiedSince());
    return sb.toString();
  }

  private static void part(StringBuilder sb, String name, String value) {
    sb.append(name).append(' ');
    if (value == null) {
      sb.append("-1:");
    } else {
      sb.append(value.length()).append(':').append(value);
    }
    sb.append('\n');
  }

  @Override
  public String toString() {
    return hex;
  }
}
