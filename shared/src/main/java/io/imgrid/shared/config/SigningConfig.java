package io.imgrid.shared.config;

import java.util.List;

/**
 * URL signing (contract §2): {@code IMGPROXY_KEY} / {@code IMGPROXY_SALT} hex lists (pairs, tried
 * in turn), {@code IMGPROXY_SIGNATURE_SIZE} (1..32, default 32) and
 * {@code IMGPROXY_TRUSTED_SIGNATURES}. Signing is off unless both lists are non-empty.
 *
 * <p>The byte arrays are copied in and never handed out mutable.
 */
public record SigningConfig(
    List<byte[]> keys, List<byte[]> salts, int signatureSize, List<String> trustedSignatures) {

  public static final SigningConfig UNSIGNED = new SigningConfig(List.of(), List.of(), 32, List.of());

  public SigningConfig {
    keys = keys.stream().map(byte[]::clone).toList();
    salts = salts.stream().map(byte[]::clone).toList();
    trustedSignatures = List.copyOf(trustedSignatures);
    if (keys.size() != salts.size()) {
      throw new IllegalArgumentException("keys and salts differ in number");
    }
    if (signatureSize < 1 || signatureSize > 32) {
      throw new IllegalArgumentException("signatureSize out of 1..32: " + signatureSize);
    }
  }

  /** One key/salt pair with the given size, for tests and tools. */
  public static SigningConfig of(byte[] key, byte[] salt, int signatureSize) {
    return new SigningConfig(List.of(key), List.of(salt), signatureSize, List.of());
  }

  public static SigningConfig from(Env env) {
    List<byte[]> keys = env.hexList("IMGPROXY_KEY");
    List<byte[]> salts = env.hexList("IMGPROXY_SALT");
    int size = env.integer("IMGPROXY_SIGNATURE_SIZE", 32, 1, 32);
    List<String> trusted = env.list("IMGPROXY_TRUSTED_SIGNATURES", ",");
    if (keys.size() != salts.size()) {
      env.problem(
          "IMGPROXY_KEY",
          "and IMGPROXY_SALT must have the same number of entries, got "
              + keys.size() + " keys and " + salts.size() + " salts");
      return new SigningConfig(List.of(), List.of(), size, trusted);
    }
    return new SigningConfig(keys, salts, size, trusted);
  }

  /** True only when both keys and salts are configured. */
  public boolean signingEnabled() {
    return !keys.isEmpty() && !salts.isEmpty();
  }

  @Override
  public String toString() {
    return "SigningConfig[pairs=" + keys.size() + ", signatureSize=" + signatureSize
        + ", trustedSignatures=" + trustedSignatures.size() + "]";
  }
}
