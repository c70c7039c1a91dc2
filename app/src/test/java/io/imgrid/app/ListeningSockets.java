package io.imgrid.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets this process listens on, read from Linux's {@code /proc}: the inodes of this
 * process's socket descriptors ({@code /proc/self/fd}) matched against the LISTEN rows of {@code
 * /proc/net/tcp} and {@code tcp6}. Returned as {@code ip:port} ({@code [ip6]:port} for IPv6).
 */
final class ListeningSockets {
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  static List<String> ofThisProcess() throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    List<String> out = new ArrayList<>();
    read(Path.of("/proc/net/tcp"), inodes, out);
    read(Path.of("/proc/net/tcp6"), inodes, out);
    return out;
  }

  private static void read(Path table, Set<String> inodes, List<String> out) throws IOException {
    if (!Files.exists(table)) {
      return;
    }
    List<String> lines = Files.readAllLines(table);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 9 && f[3].equals(LISTEN) && inodes.contains(f[9])) {
        out.add(address(f[1]));
      }
    }
  }

  /** {@code 0100007F:1F90} → {@code 127.0.0.1:8080}; IPv6 rows as bracketed hex words. */
  static String address(String hex) {
    String[] parts = hex.split(":");
    int port = Integer.parseInt(parts[1], 16);
    String ip = parts[0];
    if (ip.length() == 8) {
      long v = Long.parseLong(ip, 16);
      return (v & 0xff) + "." + (v >> 8 & 0xff) + "." + (v >> 16 & 0xff) + "." + (v >> 24 & 0xff)
          + ":" + port;
    }
    if (ip.equals("0000000000000000FFFF00000100007F")) {
      return "127.0.0.1:" + port; // v4-mapped loopback
    }
    return "[" + ip + "]:" + port;
  }
}
