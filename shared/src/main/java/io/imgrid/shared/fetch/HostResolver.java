package io.imgrid.shared.fetch;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.util.List;

/**
 * Turns a host name into the addresses to dial. The fetcher checks every address it returns
 * with the {@link NetworkGuard} and then connects to a checked address itself, so whatever a
 * resolver answers (a rebinding DNS server included) is what gets checked.
 */
@FunctionalInterface
public interface HostResolver {

  /** The host's addresses, never empty; fails when it cannot be resolved. */
  Future<List<InetAddress>> resolve(String host);

  /** The JVM's resolver, off the event loop (it blocks). IP literals need no DNS. */
  static HostResolver system(Vertx vertx) {
    return host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
  }
}
