package io.imgrid.shared.error;

/**
 * Fetching the source failed. The status may differ from the kind's default: an origin 4xx is
 * mirrored and an origin 5xx becomes 502, as imgproxy does.
 */
public final class SourceException extends ImgridException {
  public SourceException(ErrorKind kind, int status, String detail, Throwable cause) {
    super(kind, status, detail, cause, false);
  }

  public SourceException(ErrorKind kind, String detail) {
    this(kind, kind.status(), detail, null);
  }

  /** The origin answered {@code originStatus}: 4xx mirrored, 5xx → 502, anything else → 404. */
  public static SourceException originStatus(int originStatus, String detail) {
    int status;
    if (originStatus >= 400 && originStatus < 500) {
      status = originStatus;
    } else if (originStatus >= 500 && originStatus < 600) {
      status = 502;
    } else {
      status = ErrorKind.SOURCE_UNREACHABLE.status();
    }
    return new SourceException(ErrorKind.SOURCE_UNREACHABLE, status, detail, null);
  }
}
