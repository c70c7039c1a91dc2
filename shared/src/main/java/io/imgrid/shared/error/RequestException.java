package io.imgrid.shared.error;

/** The request itself is refused: signature, path, options, presets, source URL (403/404). */
public final class RequestException extends ImgridException {
  public RequestException(ErrorKind kind, String detail) {
    super(kind, kind.status(), detail, null, false);
  }

  public static RequestException invalidUrl(String detail) {
    return new RequestException(ErrorKind.INVALID_URL, detail);
  }

  public static RequestException forbidden(String detail) {
    return new RequestException(ErrorKind.FORBIDDEN, detail);
  }
}
