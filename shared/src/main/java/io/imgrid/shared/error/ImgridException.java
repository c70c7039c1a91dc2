package io.imgrid.shared.error;

import java.util.Objects;

/**
 * The root of every failure imgrid answers to a client. A small sealed family, one subclass per
 * stage (request, source, image, load, defect); each carries its {@link ErrorKind}, the HTTP
 * status, and an internal detail for the log that never reaches the response body.
 *
 * <p>Expected failures skip the stack trace: they are answers, not bugs.
 */
public abstract sealed class ImgridException extends RuntimeException
    permits RequestException, SourceException, ImageException, LoadException, InternalException {

  private final ErrorKind kind;
  private final int status;

  ImgridException(ErrorKind kind, int status, String detail, Throwable cause, boolean trace) {
    super(detail, cause, false, trace);
    this.kind = Objects.requireNonNull(kind, "kind == null");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status out of 400..599: " + status);
    }
    this.status = status;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }

  /** The response body. */
  public String publicMessage() {
    return kind.publicMessage();
  }

  /** Internal detail for the log only. */
  public String detail() {
    return getMessage();
  }

  /** Rebuilds a failure that crossed the event bus as (code, status, detail). */
  public static ImgridException fromWire(int code, int status, String detail) {
    ErrorKind kind = ErrorKind.ofCode(code);
    int safeStatus = status >= 400 && status <= 599 ? status : kind.status();
    return switch (kind) {
      case FORBIDDEN, SIGNATURE_LOOKS_LIKE_OPTION, SECURITY_OPTION_FORBIDDEN, INVALID_URL,
          INVALID_SOURCE_URL, NOT_FOUND -> new RequestException(kind, detail);
      case SOURCE_UNREACHABLE, SOURCE_TIMEOUT, SOURCE_INCOMPLETE ->
          new SourceException(kind, safeStatus, detail, null);
      case INVALID_SOURCE_IMAGE, BROKEN_IMAGE, UNSUPPORTED_FORMAT, QUARANTINED, RESULT_TOO_LARGE ->
          new ImageException(kind, detail, null);
      case TOO_MANY_REQUESTS, TIMEOUT, CANCELLED, BUS_INCOMPATIBLE -> new LoadException(kind, detail);
      case INTERNAL -> new InternalException(detail, null);
    };
  }
}
