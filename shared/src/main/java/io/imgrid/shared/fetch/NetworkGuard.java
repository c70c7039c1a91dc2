package io.imgrid.shared.fetch;

import io.imgrid.shared.config.FetchConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import java.net.InetAddress;

/**
 * The SSRF guard: decides from an already resolved IP whether imgrid may connect to it. It is
 * applied to the address actually dialled, on every hop, so neither a redirect nor a second DNS
 * answer can lead to an internal address (imgproxy {@code privatenet/privatenet.go}).
 *
 * <p>Pure and immutable: no DNS, no I/O.
 */
public final class NetworkGuard {
  private final boolean allowLoopback;
  private final boolean allowLinkLocal;
  private final boolean allowPrivate;

  public NetworkGuard(boolean allowLoopback, boolean allowLinkLocal, boolean allowPrivate) {
    this.allowLoopback = allowLoopback;
    this.allowLinkLocal = allowLinkLocal;
    this.allowPrivate = allowPrivate;
  }

  public static NetworkGuard from(FetchConfig config) {
    return new NetworkGuard(config.allowLoopback(), config.allowLinkLocal(), config.allowPrivate());
  }

  /** Whether connecting to {@code address} is allowed by the three switches. */
  public boolean allows(InetAddress address) {
    switch (classify(address)) {
      case LOOPBACK:
        return allowLoopback;
      case LINK_LOCAL:
        return allowLinkLocal;
      case PRIVATE:
        return allowPrivate;
      default:
        return true;
    }
  }

  /**
   * Refuses {@code address} with 404 "Invalid source URL" unless {@link #allows} it.
   *
   * @throws RequestException of kind {@link ErrorKind#INVALID_SOURCE_URL}
   */
  public void check(InetAddress address) {
    if (!allows(address)) {
      throw new RequestException(
          ErrorKind.INVALID_SOURCE_URL,
          "source address " + address.getHostAddress() + " is " + classify(address));
    }
  }

  /** The class of {@code address}, looking through IPv6 forms that embed IPv4. */
  public static AddressClass classify(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return classifyV4(b);
    }
    byte[] embedded = embeddedIpv4(b);
    if (embedded != null) {
      return classifyV4(embedded);
    }
    return classifyV6(b);
  }

  /**
   * The IPv4 address carried by an IPv6 address, or null: IPv4-mapped {@code ::ffff:a.b.c.d},
   * SIIT {@code ::ffff:0:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, 6to4 {@code 2002::/16},
   * NAT64 {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, Teredo {@code 2001:0::/32} (client
   * address inverted) and ISATAP {@code …:0:5efe:a.b.c.d} (also {@code 200:5efe}).
   */
  static byte[] embeddedIpv4(byte[] b) {
    if (b.length != 16) {
      return null;
    }
    if (zero(b, 0, 10) && u8(b[10]) == 0xff && u8(b[11]) == 0xff) {
      return low32(b); // mapped
    }
    if (zero(b, 0, 8) && u8(b[8]) == 0xff && u8(b[9]) == 0xff && zero(b, 10, 12)) {
      return low32(b); // SIIT translated
    }
    if (zero(b, 0, 12) && !(zero(b, 12, 15) && u8(b[15]) <= 1)) {
      return low32(b); // compatible; :: and ::1 stay IPv6
    }
    if (u8(b[0]) == 0x20 && u8(b[1]) == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]}; // 6to4
    }
    if (u8(b[0]) == 0x00 && u8(b[1]) == 0x64 && u8(b[2]) == 0xff && u8(b[3]) == 0x9b) {
      boolean wellKnown = zero(b, 4, 12);
      boolean localUse = u8(b[4]) == 0x00 && u8(b[5]) == 0x01;
      if (wellKnown || localUse) {
        return low32(b); // NAT64
      }
    }
    if (u8(b[0]) == 0x20 && u8(b[1]) == 0x01 && u8(b[2]) == 0x00 && u8(b[3]) == 0x00) {
      byte[] v4 = low32(b); // Teredo: the client address, every bit inverted
      for (int i = 0; i < 4; i++) {
        v4[i] = (byte) ~v4[i];
      }
      return v4;
    }
    if ((u8(b[8]) & 0xfd) == 0x00 && u8(b[9]) == 0x00 && u8(b[10]) == 0x5e && u8(b[11]) == 0xfe) {
      return low32(b); // ISATAP
    }
    return null;
  }

  private static AddressClass classifyV4(byte[] b) {
    int a0 = u8(b[0]);
    int a1 = u8(b[1]);
    int a2 = u8(b[2]);
    if (a0 == 127 || a0 == 0) {
      return AddressClass.LOOPBACK;
    }
    if ((a0 == 169 && a1 == 254) || (a0 == 224 && a1 == 0 && a2 == 0)) {
      return AddressClass.LINK_LOCAL;
    }
    if (a0 == 10
        || (a0 == 172 && (a1 & 0xf0) == 16)
        || (a0 == 192 && a1 == 168)
        || (a0 == 100 && (a1 & 0xc0) == 64)) {
      return AddressClass.PRIVATE;
    }
    return AddressClass.PUBLIC;
  }

  private static AddressClass classifyV6(byte[] b) {
    if (zero(b, 0, 15) && (u8(b[15]) == 0 || u8(b[15]) == 1)) {
      return AddressClass.LOOPBACK; // :: and ::1
    }
    if ((u8(b[0]) == 0xfe && (u8(b[1]) & 0xc0) == 0x80) || (u8(b[0]) == 0xff && u8(b[1]) == 0x02)) {
      return AddressClass.LINK_LOCAL;
    }
    if ((u8(b[0]) & 0xfe) == 0xfc) {
      return AddressClass.PRIVATE;
    }
    return AddressClass.PUBLIC;
  }

  private static byte[] low32(byte[] b) {
    return new byte[] {b[12], b[13], b[14], b[15]};
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static int u8(byte b) {
    return b & 0xff;
  }

  @Override
  public String toString() {
    return "NetworkGuard[loopback="
        + allowLoopback
        + ", linkLocal="
        + allowLinkLocal
        + ", private="
        + allowPrivate
        + "]";
  }
}
