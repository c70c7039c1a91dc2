package io.imgrid.shared.error;

/** The source bytes are not an image we will process: bad type, too large, broken (422). */
public final class ImageException extends ImgridException {
  public ImageException(ErrorKind kind, String detail, Throwable cause) {
    super(kind, kind.status(), detail, cause, false);
  }

  public static ImageException invalidSource(String detail) {
    return new ImageException(ErrorKind.INVALID_SOURCE_IMAGE, detail, null);
  }

  public static ImageException broken(String detail, Throwable cause) {
    return new ImageException(ErrorKind.BROKEN_IMAGE, detail, cause);
  }

  /** The requested result would be over the resolution limit (see {@link ErrorKind#RESULT_TOO_LARGE}). */
  public static ImageException resultTooLarge(String detail) {
    return new ImageException(ErrorKind.RESULT_TOO_LARGE, detail, null);
  }

  public static ImageException unsupportedFormat(String detail) {
    return new ImageException(ErrorKind.UNSUPPORTED_FORMAT, detail, null);
  }
}
