package io.imgrid.gateway.http;

import io.imgrid.shared.error.ImgridException;
import io.vertx.core.MultiMap;

/**
 * Turns an incoming processing request into a {@link JobRequest}: split the path, verify the
 * signature, parse options and presets, check the source, compute the job key and the Accept
 * bucket, and pick the conditional headers to forward ({@link ConditionalRequest#forOrigin}).
 *
 * <p>Synchronous and cheap (no I/O): it runs on the event loop. It knows nothing of the HTTP
 * server, so {@code bin/imgrid parse} can call it too.
 */
@FunctionalInterface
public interface RequestAuthenticator {
  /**
   * @param requestId the response's {@code X-Request-ID}
   * @param requestUri the request URI as received (path and query, percent-encoding intact), with
   *     {@code IMGPROXY_PATH_PREFIX} removed; it starts with {@code /}
   * @param headers the request headers
   * @param deadlineEpochMillis when this request times out (503)
   * @throws ImgridException for every refusal (403, 404, …)
   */
  JobRequest authenticate(
      String requestId, String requestUri, MultiMap headers, long deadlineEpochMillis);
}
