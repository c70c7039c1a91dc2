package io.imgrid.worker.pipeline.steps;

import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsSave;
import java.util.List;

/**
 * {@code strip_metadata} (imgproxy {@code stripMetadata}): decides which metadata the saver
 * writes. Off: everything the source had. On: nothing, except the ICC profile when it was kept
 * and, with {@code keep_copyright}, the EXIF Copyright and Artist tags (every other EXIF tag,
 * XMP and IPTC are removed; libvips rebuilds the EXIF block from the remaining tags on save).
 * XMP dc:rights and IPTC copyright fields are not kept (see the report).
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
    boolean copyright = false;
    if (ctx.options().keepCopyright()) {
      for (String f : COPYRIGHT_FIELDS) {
        copyright |= image.hasField(f);
      }
    }
    if (!icc && !copyright) {
      ctx.keep(VipsSave.Keep.NONE);
      return;
    }
    image = VipsOps.copy(image);
    for (String field : image.fields()) {
      if (removable(field, icc, copyright)) {
        image.remove(field);
      }
    }
    ctx.image(image);
    ctx.keep(copyright ? VipsSave.Keep.ALL : VipsSave.Keep.ICC);
  }

  private static boolean removable(String field, boolean icc, boolean copyright) {
    if (field.equals("icc-profile-data")) {
      return !icc;
    }
    if (field.equals("exif-data")) {
      return !copyright;
    }
    if (field.startsWith("exif-")) {
      return !(copyright && COPYRIGHT_FIELDS.contains(field));
    }
    return field.equals("xmp-data")
        || field.equals("iptc-data")
        || field.startsWith("png-comment")
        || field.startsWith("gif-comment")
        || field.startsWith("jpeg-thumbnail");
  }
}
