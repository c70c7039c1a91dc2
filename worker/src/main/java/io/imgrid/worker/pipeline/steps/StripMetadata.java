package io.imgrid.worker.pipeline.steps;

import io.imgrid.worker.metadata.CopyrightIptc;
import io.imgrid.worker.metadata.CopyrightXmp;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsSave;
import java.util.List;
import java.util.Optional;

/**
 * {@code strip_metadata} (imgproxy {@code stripMetadata}): decides which metadata the saver
 * writes. Off: everything the source had. On: nothing, except the ICC profile when it was kept
 * and, with {@code keep_copyright}, what imgproxy keeps: the EXIF Copyright and Artist tags
 * (libvips rebuilds the EXIF block from the remaining tags on save), the IPTC datasets 2:80, 2:110
 * and 2:116 ({@link CopyrightIptc}) and the XMP dc:rights, dc:creator, dc:contributor and
 * dc:publisher, in a new minimal packet ({@link CopyrightXmp}). Which of them reach the file is
 * the saver's business: libvips writes IPTC to JPEG and TIFF only, XMP to JPEG, PNG, WebP, TIFF
 * and HEIF.
 */
public final class StripMetadata implements Step {
  /** The EXIF tags {@code keep_copyright} keeps, as libvips names them. */
  static final List<String> COPYRIGHT_FIELDS =
      List.of("exif-ifd0-Copyright", "exif-ifd0-Artist");

  @Override
  public boolean perFrame() {
    return false;
  }

  @Override
  public void apply(PipelineContext ctx) {
    if (!ctx.options().stripMetadata()) {
      ctx.keep(VipsSave.Keep.ALL);
      return;
    }
    VipsImage image = ctx.image();
    boolean icc = ctx.iccKept() && image.hasField("icc-profile-data");
    boolean exif = false;
    Optional<byte[]> xmp = Optional.empty();
    Optional<byte[]> iptc = Optional.empty();
    if (ctx.options().keepCopyright()) {
      for (String f : COPYRIGHT_FIELDS) {
        exif |= image.hasField(f);
      }
      xmp = image.blobField("xmp-data").flatMap(CopyrightXmp::keep);
      iptc = image.blobField("iptc-data").flatMap(CopyrightIptc::keep);
    }
    boolean copyright = exif || xmp.isPresent() || iptc.isPresent();
    // the fields go even when the saver is told to strip: libvips 8.14's webpsave writes the
    // source's XMP despite strip=true
    image = VipsOps.copy(image);
    for (String field : image.fields()) {
      if (removable(field, icc, exif)) {
        image.remove(field);
      }
    }
    if (xmp.isPresent()) {
      image.setBlob("xmp-data", xmp.get());
    }
    if (iptc.isPresent()) {
      image.setBlob("iptc-data", iptc.get());
    }
    ctx.image(image);
    ctx.keep(copyright ? VipsSave.Keep.ALL : icc ? VipsSave.Keep.ICC : VipsSave.Keep.NONE);
  }

  private static boolean removable(String field, boolean icc, boolean exif) {
    if (field.equals("icc-profile-data")) {
      return !icc;
    }
    if (field.equals("exif-data")) {
      return !exif;
    }
    if (field.startsWith("exif-")) {
      return !(exif && COPYRIGHT_FIELDS.contains(field));
    }
    return field.equals("xmp-data")
        || field.equals("iptc-data")
        || field.startsWith("png-comment")
        || field.startsWith("gif-comment")
        || field.startsWith("jpeg-thumbnail");
  }
}
