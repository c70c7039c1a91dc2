package io.imgrid.shared.url;

import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.SecurityLimits;
import java.util.Objects;

/**
 * The options a URL needs so that a server whose defaults are {@code base} parses it back to
 * {@code target}: one {@link UrlBuilder} call per option that differs.
 */
final class OptionsDiff {
  private OptionsDiff() {}

  /** Adds to {@code u} every option of {@code t} (the target) that differs from {@code b}. */
  static void write(ProcessingOptions t, ProcessingOptions b, UrlBuilder u) {
    if (t.resizingType() != b.resizingType()) u.resizingType(t.resizingType());
    if (t.width() != b.width()) u.width(t.width());
    if (t.height() != b.height()) u.height(t.height());
    if (t.minWidth() != b.minWidth()) u.minWidth(t.minWidth());
    if (t.minHeight() != b.minHeight()) u.minHeight(t.minHeight());
    if (t.zoomX() != b.zoomX() || t.zoomY() != b.zoomY()) u.zoom(t.zoomX(), t.zoomY());
    if (t.dpr() != b.dpr()) u.dpr(t.dpr());
    if (t.enlarge() != b.enlarge()) u.enlarge(t.enlarge());
    if (!t.extend().equals(b.extend())) u.extend(t.extend());
    if (!t.extendAspectRatio().equals(b.extendAspectRatio())) u.extendAspectRatio(t.extendAspectRatio());
    if (!t.gravity().equals(b.gravity())) u.gravity(t.gravity());
    if (!t.crop().equals(b.crop())) u.crop(t.crop());
    if (!Objects.equals(t.trim(), b.trim())) u.trim(t.trim());
    if (!t.padding().equals(b.padding())) u.padding(t.padding());
    if (t.autoRotate() != b.autoRotate()) u.autoRotate(t.autoRotate());
    if (t.rotate() != b.rotate()) u.rotate(t.rotate());
    if (t.flipHorizontal() != b.flipHorizontal() || t.flipVertical() != b.flipVertical()) {
      u.flip(t.flipHorizontal(), t.flipVertical());
    }
    if (!Objects.equals(t.background(), b.background())) u.background(t.background());
    if (Double.compare(t.blur(), b.blur()) != 0) u.blur(t.blur());
    if (Double.compare(t.sharpen(), b.sharpen()) != 0) u.sharpen(t.sharpen());
    if (t.pixelate() != b.pixelate()) u.pixelate(t.pixelate());
    if (!t.watermark().equals(b.watermark())) u.watermark(t.watermark());
    if (t.stripMetadata() != b.stripMetadata()) u.stripMetadata(t.stripMetadata());
    if (t.keepCopyright() != b.keepCopyright()) u.keepCopyright(t.keepCopyright());
    if (t.stripColorProfile() != b.stripColorProfile()) u.stripColorProfile(t.stripColorProfile());
    if (t.preserveHdr() != b.preserveHdr()) u.preserveHdr(t.preserveHdr());
    if (t.enforceThumbnail() != b.enforceThumbnail()) u.enforceThumbnail(t.enforceThumbnail());
    if (t.quality() != b.quality()) u.quality(t.quality());
    if (!t.formatQuality().equals(b.formatQuality())) u.formatQuality(t.formatQuality());
    if (t.maxBytes() != b.maxBytes()) u.maxBytes(t.maxBytes());
    if (t.format() != null && t.format() != b.format()) u.format(t.format());
    if (!t.skipProcessing().equals(b.skipProcessing())) u.skipProcessing(t.skipProcessing());
    if (t.raw() != b.raw()) u.raw(t.raw());
    if (!t.cachebuster().equals(b.cachebuster())) u.cachebuster(t.cachebuster());
    if (t.expires() != b.expires()) u.expires(t.expires());
    if (t.filename() != null && !t.filename().equals(b.filename())) u.filename(t.filename());
    if (t.returnAttachment() != b.returnAttachment()) u.returnAttachment(t.returnAttachment());
    SecurityLimits tl = t.limits();
    SecurityLimits bl = b.limits();
    if (tl.maxSrcResolution() != bl.maxSrcResolution()) u.maxSrcResolution(tl.maxSrcResolution());
    if (tl.maxSrcFileSize() != bl.maxSrcFileSize()) u.maxSrcFileSize(tl.maxSrcFileSize());
    if (tl.maxAnimationFrames() != bl.maxAnimationFrames()) u.maxAnimationFrames(tl.maxAnimationFrames());
    if (tl.maxAnimationFrameResolution() != bl.maxAnimationFrameResolution()) {
      u.maxAnimationFrameResolution(tl.maxAnimationFrameResolution());
    }
    if (tl.maxResultDimension() != bl.maxResultDimension()) u.maxResultDimension(tl.maxResultDimension());
  }
}
