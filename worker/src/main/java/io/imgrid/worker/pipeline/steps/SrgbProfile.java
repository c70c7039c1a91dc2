package io.imgrid.worker.pipeline.steps;

import java.util.Arrays;

/**
 * Recognises the ubiquitous HP "sRGB IEC61966-2.1" ICC profile by its header, as imgproxy does
 * ({@code vips_icc_is_srgb_iec61966}): pixels tagged with it are already sRGB, so transforming
 * them to sRGB would cost a few milliseconds per image and change nothing.
 */
final class SrgbProfile {
  private static final byte[] VERSION_2_1 = {2, 0x10, 0, 0};
  private static final byte[] CREATED_1998_02_09 = {0x07, (byte) 0xCE, 0, 2, 0, 9};
  private static final int HEADER = 128;

  private SrgbProfile() {}

  static boolean isIec61966(byte[] profile) {
    return profile.length >= HEADER
        && range(profile, 8, VERSION_2_1)
        && range(profile, 24, CREATED_1998_02_09)
        && ascii(profile, 48, "IEC ")
        && ascii(profile, 52, "sRGB")
        && ascii(profile, 80, "HP  ");
  }

  private static boolean range(byte[] data, int offset, byte[] expected) {
    return Arrays.equals(data, offset, offset + expected.length, expected, 0, expected.length);
  }

  private static boolean ascii(byte[] data, int offset, String expected) {
    return range(data, offset, expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
