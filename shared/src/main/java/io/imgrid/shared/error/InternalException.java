package io.imgrid.shared.error;

/** A defect of ours (500). Keeps its stack trace: this one is a bug to fix. */
public final class InternalException extends ImgridException {
  public InternalException(String detail, Throwable cause) {
    super(ErrorKind.INTERNAL, ErrorKind.INTERNAL.status(), detail, cause, true);
  }

  /** Wraps anything that is not already an {@link ImgridException}. */
  public static ImgridException wrap(Throwable t) {
    if (t instanceof ImgridException e) {
      return e;
    }
    return new InternalException(String.valueOf(t), t);
  }
}
