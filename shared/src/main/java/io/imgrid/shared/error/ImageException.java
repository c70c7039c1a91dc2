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

  public static ImageException unsupportedFormat(String detail) {
    return new ImageException(ErrorKind.UNSUPPORTED_FORMAT, detail, null);
  }
}
