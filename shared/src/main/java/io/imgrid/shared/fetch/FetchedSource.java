package io.imgrid.shared.fetch;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * A fetched source: the status that matters to the caller, the body and the origin headers.
 *
 * <p>For {@link FetchMode#PROCESS} the status is 200 (a full-range 206 is reported as 200) or
 * 304 (only when validators were forwarded; the body is then empty). For {@link FetchMode#RAW}
 * it is the origin's status as it came.
 *
 * @param url the URL that answered, after redirects (for logs; never for security decisions)
 */
public record FetchedSource(int status, Buffer body, OriginHeaders headers, String url) {

  public FetchedSource {
    Objects.requireNonNull(body, "body == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(url, "url == null");
  }

  public boolean notModified() {
    return status == 304;
  }

  /** A copy of the body as an array. */
  public byte[] bytes() {
    return body.getBytes();
  }
}
