package io.imgrid.shared.fetch;

/**
 * The origin response headers imgrid uses: validators and caching for the processed response,
 * the rest for {@code raw} passthrough. Null when the origin did not send the header. The
 * Content-Type is the origin's claim only: the worker sniffs the bytes.
 *
 * @param contentLength the declared length, -1 when not declared
 */
public record OriginHeaders(
    String contentType,
    long contentLength,
    String etag,
    String lastModified,
    String cacheControl,
    String expires,
    String contentEncoding,
    String contentRange,
    String acceptRanges) {

  public static final OriginHeaders NONE =
      new OriginHeaders(null, -1, null, null, null, null, null, null, null);

  public OriginHeaders withContentLength(long length) {
    return new OriginHeaders(
        contentType,
        length,
        etag,
        lastModified,
        cacheControl,
        expires,
        contentEncoding,
        contentRange,
        acceptRanges);
  }
}
