package io.imgrid.worker.vips;

import java.util.Objects;

/**
 * How {@link VipsLoad#buffer} decodes a source.
 *
 * <p><b>Truncated files.</b> The default {@link VipsFailOn#TRUNCATED} makes a file whose data
 * ends early (a JPEG without its last scans, a PNG without IEND) a {@link VipsException} and so a
 * 422, instead of serving a half-grey image that a CDN would then cache for a year. A body the
 * origin cut short is already caught by the fetcher (422 "Source response is incomplete"); this is
 * the case of a complete download of a truncated file. Files that are merely odd (libjpeg
 * warnings, bad CRCs in ancillary chunks) still load, as in imgproxy.
 *
 * <p><b>Access.</b> The default is random access, as imgproxy: rotation, smart crop and
 * animations read pixels out of order. {@link #sequential()} streams top to bottom with far less
 * memory, for pipelines that only scale and crop.
 *
 * @param sequential {@code access=sequential}
 * @param shrink JPEG shrink-on-load factor, 1, 2, 4 or 8 (JPEG only)
 * @param scale WebP/SVG scale-on-load factor, &gt; 0 (WebP and SVG only)
 * @param page first page/frame to load (GIF, WebP, HEIF, TIFF, JXL)
 * @param pages number of pages to load, -1 for all (GIF, WebP, HEIF, TIFF, JXL)
 * @param failOn which problems fail the load
 * @param thumbnail HEIC/AVIF only: decode the embedded thumbnail instead of the primary image
 *     ({@code heifload thumbnail=true}; libvips falls back to the primary image when the file has
 *     none). libvips' heifload has no shrink-on-load (8.13–8.16 declare {@code thumbnail} but no
 *     {@code shrink}), so this is the only cheaper way to decode a HEIF source.
 */
public record LoadOptions(
    boolean sequential, int shrink, double scale, int page, int pages, VipsFailOn failOn,
    boolean thumbnail) {

  public static final LoadOptions DEFAULT =
      new LoadOptions(false, 1, 1.0, 0, 1, VipsFailOn.TRUNCATED, false);

  public LoadOptions {
    Objects.requireNonNull(failOn, "failOn == null");
    if (shrink != 1 && shrink != 2 && shrink != 4 && shrink != 8) {
      throw new IllegalArgumentException("shrink must be 1, 2, 4 or 8: " + shrink);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be > 0: " + scale);
    }
    if (page < 0) {
      throw new IllegalArgumentException("page < 0: " + page);
    }
    if (pages != -1 && pages < 1) {
      throw new IllegalArgumentException("pages must be -1 or >= 1: " + pages);
    }
  }

  public LoadOptions withSequential(boolean value) {
    return new LoadOptions(value, shrink, scale, page, pages, failOn, thumbnail);
  }

  public LoadOptions withShrink(int value) {
    return new LoadOptions(sequential, value, scale, page, pages, failOn, thumbnail);
  }

  public LoadOptions withScale(double value) {
    return new LoadOptions(sequential, shrink, value, page, pages, failOn, thumbnail);
  }

  /** Loads {@code count} pages from {@code first}; {@code count} -1 means all. */
  public LoadOptions withPages(int first, int count) {
    return new LoadOptions(sequential, shrink, scale, first, count, failOn, thumbnail);
  }

  public LoadOptions withFailOn(VipsFailOn value) {
    return new LoadOptions(sequential, shrink, scale, page, pages, value, thumbnail);
  }

  public LoadOptions withThumbnail(boolean value) {
    return new LoadOptions(sequential, shrink, scale, page, pages, failOn, value);
  }
}
