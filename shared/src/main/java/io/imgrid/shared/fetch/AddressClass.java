package io.imgrid.shared.fetch;

/**
 * The SSRF classes of an IP address, one per imgproxy switch. An IPv6 address that embeds an
 * IPv4 address (mapped, compatible, 6to4, NAT64, Teredo, ISATAP) has the class of the embedded
 * address, because that is where the packets end up.
 */
public enum AddressClass {
  /** 127/8, ::1, and the unspecified 0.0.0.0/8 and ::, which reach this host. */
  LOOPBACK,
  /** 169.254/16, 224.0.0/24, fe80::/10, ff02::/16: cloud metadata lives here. */
  LINK_LOCAL,
  /** RFC 1918, 100.64/10 (CGNAT) and fc00::/7. */
  PRIVATE,
  /** Everything else. */
  PUBLIC
}
