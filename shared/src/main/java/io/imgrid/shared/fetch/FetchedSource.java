package io.imgrid.shared.fetch;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
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

  /**
   * The body as an array, for reading only: the buffer's own backing array when it holds exactly
   * the body (a download sized by its Content-Length, a local file), else a copy. Sharing saves
   * copying a multi-megabyte source once more per request; a fetched body is never written after
   * the fetch completes, and callers must not write to the array either.
   */
  public byte[] bytes() {
    if (body instanceof BufferInternal) {
      ByteBuf buf = ((BufferInternal) body).getByteBuf();
      if (buf.hasArray() && buf.arrayOffset() == 0 && buf.array().length == buf.readableBytes()) {
        return buf.array();
      }
    }
    return body.getBytes();
  }
}
