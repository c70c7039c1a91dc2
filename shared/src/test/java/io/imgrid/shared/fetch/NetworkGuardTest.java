package io.imgrid.shared.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkGuardTest {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByAddress(literal, InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    // IPv4 loopback and unspecified
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "0.0.0.0, LOOPBACK",
    "0.1.2.3, LOOPBACK",
    // IPv4 link-local and link-local multicast
    "169.254.169.254, LINK_LOCAL",
    "169.254.0.1, LINK_LOCAL",
    "224.0.0.1, LINK_LOCAL",
    "224.0.0.255, LINK_LOCAL",
    // IPv4 private and CGNAT
    "10.0.0.1, PRIVATE",
    "10.255.255.255, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.1.1, PRIVATE",
    "100.64.0.1, PRIVATE",
    "100.127.255.255, PRIVATE",
    // IPv4 public, including the neighbours of every range
    "8.8.8.8, PUBLIC",
    "126.255.255.255, PUBLIC",
    "128.0.0.1, PUBLIC",
    "169.253.255.255, PUBLIC",
    "169.255.0.1, PUBLIC",
    "224.0.1.1, PUBLIC",
    "11.0.0.1, PUBLIC",
    "172.15.255.255, PUBLIC",
    "172.32.0.1, PUBLIC",
    "192.167.1.1, PUBLIC",
    "192.169.1.1, PUBLIC",
    "100.63.255.255, PUBLIC",
    "100.128.0.1, PUBLIC",
    // IPv6 native
    "::1, LOOPBACK",
    "::, LOOPBACK",
    "fe80::1, LINK_LOCAL",
    "febf:ffff::1, LINK_LOCAL",
    "ff02::1, LINK_LOCAL",
    "fc00::1, PRIVATE",
    "fd12:3456::1, PRIVATE",
    "2606:4700::1111, PUBLIC",
    "fec0::1, PUBLIC",
    "ff05::1, PUBLIC",
    "fe00::1, PUBLIC",
    // IPv4-mapped
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:169.254.169.254, LINK_LOCAL",
    "::ffff:10.0.0.1, PRIVATE",
    "::ffff:8.8.8.8, PUBLIC",
    // SIIT
    "::ffff:0:127.0.0.1, LOOPBACK",
    "::ffff:0:a9fe:a9fe, LINK_LOCAL",
    // IPv4-compatible
    "::127.0.0.1, LOOPBACK",
    "::7f00:1, LOOPBACK",
    "::169.254.169.254, LINK_LOCAL",
    "::10.0.0.1, PRIVATE",
    "::8.8.8.8, PUBLIC",
    "::2, LOOPBACK",
    // 6to4
    "2002:7f00:1::, LOOPBACK",
    "2002:a9fe:a9fe::1, LINK_LOCAL",
    "2002:c0a8:101::1, PRIVATE",
    "2002:0a00::, PRIVATE",
    "2002:808:808::1, PUBLIC",
    // NAT64 well-known and local-use
    "64:ff9b::7f00:1, LOOPBACK",
    "64:ff9b::169.254.169.254, LINK_LOCAL",
    "64:ff9b::a00:1, PRIVATE",
    "64:ff9b::100.64.0.1, PRIVATE",
    "64:ff9b::8.8.8.8, PUBLIC",
    "64:ff9b:1::127.0.0.1, LOOPBACK",
    "64:ff9b:1:abcd::10.0.0.1, PRIVATE",
    "64:ff9b:1::8.8.8.8, PUBLIC",
    "64:ff9c::10.0.0.1, PUBLIC",
    // Teredo (client address inverted)
    "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK",
    "2001:0:4136:e378:8000:63bf:f5ff:fffe, PRIVATE",
    "2001:0:4136:e378:8000:63bf:5601:5601, LINK_LOCAL",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7, PUBLIC",
    // ISATAP
    "fe80::5efe:10.0.0.1, PRIVATE",
    "2001:db8::5efe:127.0.0.1, LOOPBACK",
    "2001:db8::200:5efe:169.254.169.254, LINK_LOCAL",
    "2001:db8::5efe:8.8.8.8, PUBLIC",
  })
  void classifiesEveryRangeAndEmbedding(String literal, AddressClass expected) {
    assertThat(NetworkGuard.classify(ip(literal))).isEqualTo(expected);
  }

  @Test
  void defaultsBlockLoopbackAndLinkLocalButAllowPrivate() {
    NetworkGuard guard = new NetworkGuard(false, false, true);
    assertThat(guard.allows(ip("127.0.0.1"))).isFalse();
    assertThat(guard.allows(ip("0.0.0.0"))).isFalse();
    assertThat(guard.allows(ip("::"))).isFalse();
    assertThat(guard.allows(ip("169.254.169.254"))).isFalse();
    assertThat(guard.allows(ip("10.1.2.3"))).isTrue();
    assertThat(guard.allows(ip("93.184.216.34"))).isTrue();
  }

  @Test
  void eachSwitchOpensOnlyItsClass() {
    assertThat(new NetworkGuard(true, false, false).allows(ip("127.0.0.1"))).isTrue();
    assertThat(new NetworkGuard(true, false, false).allows(ip("169.254.1.1"))).isFalse();
    assertThat(new NetworkGuard(false, true, false).allows(ip("fe80::1"))).isTrue();
    assertThat(new NetworkGuard(false, true, false).allows(ip("::1"))).isFalse();
    assertThat(new NetworkGuard(false, false, true).allows(ip("fd00::1"))).isTrue();
    assertThat(new NetworkGuard(false, false, false).allows(ip("100.64.0.1"))).isFalse();
    assertThat(new NetworkGuard(false, false, false).allows(ip("1.1.1.1"))).isTrue();
  }

  @Test
  void refusalIsInvalidSourceUrl404() {
    NetworkGuard guard = new NetworkGuard(false, false, true);
    assertThatThrownBy(() -> guard.check(ip("::ffff:127.0.0.1")))
        .isInstanceOfSatisfying(
            RequestException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_URL);
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.publicMessage()).isEqualTo("Invalid source URL");
            });
  }

  /** Every IPv6 embedding of an IPv4 address has that address's class (imgproxy 4.0.12). */
  @Property(tries = 500)
  void everyEmbeddingClassifiesAsItsIpv4(
      @ForAll @IntRange(min = 0, max = 255) int a,
      @ForAll @IntRange(min = 0, max = 255) int b,
      @ForAll @IntRange(min = 0, max = 255) int c,
      @ForAll @IntRange(min = 0, max = 255) int d)
      throws UnknownHostException {
    byte[] v4 = {(byte) a, (byte) b, (byte) c, (byte) d};
    AddressClass expected = NetworkGuard.classify(InetAddress.getByAddress(v4));
    for (byte[] v6 : embeddings(v4)) {
      assertThat(NetworkGuard.classify(InetAddress.getByAddress(v6)))
          .as("%s embeds %d.%d.%d.%d", InetAddress.getByAddress(v6), a, b, c, d)
          .isEqualTo(expected);
    }
  }

  private static byte[][] embeddings(byte[] v4) {
    byte[] mapped = v6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff);
    byte[] siit = v6(0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0);
    byte[] nat64 = v6(0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0);
    byte[] nat64Local = v6(0, 0x64, 0xff, 0x9b, 0, 1, 0x12, 0x34, 0, 0, 0, 0);
    byte[] isatap = v6(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0x5e, 0xfe);
    byte[] teredo = v6(0x20, 0x01, 0, 0, 0x41, 0x36, 0xe3, 0x78, 0x80, 0, 0x63, 0xbf);
    for (byte[] x : new byte[][] {mapped, siit, nat64, nat64Local, isatap}) {
      System.arraycopy(v4, 0, x, 12, 4);
    }
    for (int i = 0; i < 4; i++) {
      teredo[12 + i] = (byte) ~v4[i];
    }
    byte[] sixToFour = v6(0x20, 0x02, 0, 0, 0, 0, 0xab, 0xcd, 0, 0, 0, 0);
    System.arraycopy(v4, 0, sixToFour, 2, 4);
    sixToFour[15] = 1;
    boolean nullOrOne = v4[0] == 0 && v4[1] == 0 && v4[2] == 0 && (v4[3] & 0xff) <= 1;
    byte[] compatible = v6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    System.arraycopy(v4, 0, compatible, 12, 4);
    return nullOrOne
        ? new byte[][] {mapped, siit, nat64, nat64Local, isatap, teredo, sixToFour}
        : new byte[][] {mapped, siit, nat64, nat64Local, isatap, teredo, sixToFour, compatible};
  }

  private static byte[] v6(int... first12) {
    byte[] out = new byte[16];
    for (int i = 0; i < first12.length; i++) {
      out[i] = (byte) first12[i];
    }
    return out;
  }
}
