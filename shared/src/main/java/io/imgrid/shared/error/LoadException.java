package io.imgrid.shared.error;

/**
 * The grid is too busy or too slow for this request: 429, 503, or the client left (499); or no
 * reachable node could read it ({@link ErrorKind#BUS_INCOMPATIBLE}, 500).
 */
public final class LoadException extends ImgridException {
  public LoadException(ErrorKind kind, String detail) {
    super(kind, kind.status(), detail, null, false);
  }

  public static LoadException tooManyRequests() {
    return new LoadException(ErrorKind.TOO_MANY_REQUESTS, "requests queue is full");
  }

  public static LoadException timeout(String detail) {
    return new LoadException(ErrorKind.TIMEOUT, detail);
  }
}
