package io.imgrid.worker.info;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The ICC description from v2 and v4 profiles built byte by byte, and refusals. */
class IccDescriptionTest {
  /** A profile header and a one-tag table whose 'desc' tag holds {@code tag}. */
  private static byte[] profile(byte[] tag) {
    ByteBuffer b = ByteBuffer.allocate(128 + 4 + 12 + tag.length);
    b.position(128);
    b.putInt(1).putInt(0x64657363).putInt(144).putInt(tag.length).put(tag);
    return b.array();
  }

  private static byte[] v2(String text) {
    byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(12 + ascii.length + 79);
    b.putInt(0x64657363).putInt(0).putInt(ascii.length).put(ascii);
    return b.array();
  }

  private static byte[] v4(String text) {
    byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(28);
    b.putInt(0x6d6c7563).putInt(0).putInt(1).putInt(12).putShort((short) 0x656e)
        .putShort((short) 0x5553).putInt(utf16.length).putInt(28);
    out.writeBytes(b.array());
    out.writeBytes(utf16);
    return out.toByteArray();
  }

  @Test
  void readsV2AndV4Descriptions() {
    assertThat(IccDescription.of(profile(v2("sRGB IEC61966-2.1")))).contains("sRGB IEC61966-2.1");
    assertThat(IccDescription.of(profile(v4("Display P3")))).contains("Display P3");
  }

  @Test
  void malformedProfilesHaveNone() {
    byte[] good = profile(v4("Display P3"));
    assertThat(IccDescription.of(Arrays.copyOf(good, good.length - 4))).isEmpty();
    assertThat(IccDescription.of(new byte[10])).isEmpty();
    assertThat(IccDescription.of(new byte[200])).isEmpty();
    byte[] lying = good.clone();
    lying[128 + 4 + 4 + 2] = 0x7f; // tag offset far past the end
    assertThat(IccDescription.of(lying)).isEmpty();
  }
}
