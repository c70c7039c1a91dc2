package io.imgrid.shared.options;

import io.imgrid.shared.format.ImageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a request asks for, after presets, URL options and configuration defaults: one
 * immutable, typed value (contract §3.2). The parser builds it through {@link Builder}; the
 * geometry, the format decision, the job key and the worker's pipeline read it.
 *
 * <p>Nullable components are documented on their builder setters; everything else is non-null.
 * Collections are copied and unmodifiable.
 */
public record ProcessingOptions(
    ResizingType resizingType,
    int width,
    int height,
    int minWidth,
    int minHeight,
    double zoomX,
    double zoomY,
    double dpr,
    boolean enlarge,
    Extend extend,
    Extend extendAspectRatio,
    Gravity gravity,
    Crop crop,
    Trim trim,
    Padding padding,
    boolean autoRotate,
    int rotate,
    boolean flipHorizontal,
    boolean flipVertical,
    Color background,
    double blur,
    double sharpen,
    int pixelate,
    Watermark watermark,
    boolean stripMetadata,
    boolean keepCopyright,
    boolean stripColorProfile,
    boolean preserveHdr,
    boolean enforceThumbnail,
    int quality,
    Map<ImageFormat, Integer> formatQuality,
    int maxBytes,
    ImageFormat format,
    Set<ImageFormat> skipProcessing,
    boolean raw,
    String cachebuster,
    long expires,
    String filename,
    boolean returnAttachment,
    SecurityLimits limits) {

  /** imgproxy's defaults with every setting at its default value. */
  public static final ProcessingOptions DEFAULT = builder().build();

  public ProcessingOptions {
    Objects.requireNonNull(resizingType, "resizingType == null");
    Objects.requireNonNull(extend, "extend == null");
    Objects.requireNonNull(extendAspectRatio, "extendAspectRatio == null");
    Objects.requireNonNull(gravity, "gravity == null");
    Objects.requireNonNull(crop, "crop == null");
    Objects.requireNonNull(padding, "padding == null");
    Objects.requireNonNull(watermark, "watermark == null");
    Objects.requireNonNull(formatQuality, "formatQuality == null");
    Objects.requireNonNull(skipProcessing, "skipProcessing == null");
    Objects.requireNonNull(cachebuster, "cachebuster == null");
    Objects.requireNonNull(limits, "limits == null");
    formatQuality =
        formatQuality.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(formatQuality));
    skipProcessing =
        skipProcessing.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(skipProcessing));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
          .resizingType(resizingType)
          .width(width)
          .height(height)
          .minWidth(minWidth)
          .minHeight(minHeight)
          .zoomX(zoomX)
          .zoomY(zoomY)
          .dpr(dpr)
          .enlarge(enlarge)
          .extend(extend)
          .extendAspectRatio(extendAspectRatio)
          .gravity(gravity)
          .crop(crop)
          .trim(trim)
          .padding(padding)
          .autoRotate(autoRotate)
          .rotate(rotate)
          .flipHorizontal(flipHorizontal)
          .flipVertical(flipVertical)
          .background(background)
          .blur(blur)
          .sharpen(sharpen)
          .pixelate(pixelate)
          .watermark(watermark)
          .stripMetadata(stripMetadata)
          .keepCopyright(keepCopyright)
          .stripColorProfile(stripColorProfile)
          .preserveHdr(preserveHdr)
          .enforceThumbnail(enforceThumbnail)
          .quality(quality)
          .formatQuality(formatQuality)
          .maxBytes(maxBytes)
          .format(format)
          .skipProcessing(skipProcessing)
          .raw(raw)
          .cachebuster(cachebuster)
          .expires(expires)
          .filename(filename)
          .returnAttachment(returnAttachment)
          .limits(limits);
  }

  /** Mutable, reusable; the parser applies options in URL order, later ones win. */
  public static final class Builder {
    private ResizingType resizingType = ResizingType.FIT;
    private int width = 0;
    private int height = 0;
    private int minWidth = 0;
    private int minHeight = 0;
    private double zoomX = 1;
    private double zoomY = 1;
    private double dpr = 1;
    private boolean enlarge = false;
    private Extend extend = Extend.NONE;
    private Extend extendAspectRatio = Extend.NONE;
    private Gravity gravity = Gravity.CENTER;
    private Crop crop = Crop.NONE;
    private Trim trim = null;
    private Padding padding = Padding.NONE;
    private boolean autoRotate = true;
    private int rotate = 0;
    private boolean flipHorizontal = false;
    private boolean flipVertical = false;
    private Color background = null;
    private double blur = 0;
    private double sharpen = 0;
    private int pixelate = 1;
    private Watermark watermark = Watermark.NONE;
    private boolean stripMetadata = true;
    private boolean keepCopyright = true;
    private boolean stripColorProfile = true;
    private boolean preserveHdr = false;
    private boolean enforceThumbnail = false;
    private int quality = 0;
    private Map<ImageFormat, Integer> formatQuality = Map.of();
    private int maxBytes = 0;
    private ImageFormat format = null;
    private Set<ImageFormat> skipProcessing = Set.of();
    private boolean raw = false;
    private String cachebuster = "";
    private long expires = 0;
    private String filename = null;
    private boolean returnAttachment = false;
    private SecurityLimits limits = SecurityLimits.DEFAULT;

    private Builder() {}

    /** How the source fits the box. */
    public Builder resizingType(ResizingType resizingType) {
      this.resizingType = resizingType;
      return this;
    }

    /** Target width; 0 means from the aspect ratio. */
    public Builder width(int width) {
      this.width = width;
      return this;
    }

    /** Target height; 0 means from the aspect ratio. */
    public Builder height(int height) {
      this.height = height;
      return this;
    }

    public Builder minWidth(int minWidth) {
      this.minWidth = minWidth;
      return this;
    }

    public Builder minHeight(int minHeight) {
      this.minHeight = minHeight;
      return this;
    }

    public Builder zoomX(double zoomX) {
      this.zoomX = zoomX;
      return this;
    }

    public Builder zoomY(double zoomY) {
      this.zoomY = zoomY;
      return this;
    }

    public Builder dpr(double dpr) {
      this.dpr = dpr;
      return this;
    }

    public Builder enlarge(boolean enlarge) {
      this.enlarge = enlarge;
      return this;
    }

    public Builder extend(Extend extend) {
      this.extend = extend;
      return this;
    }

    public Builder extendAspectRatio(Extend extendAspectRatio) {
      this.extendAspectRatio = extendAspectRatio;
      return this;
    }

    public Builder gravity(Gravity gravity) {
      this.gravity = gravity;
      return this;
    }

    public Builder crop(Crop crop) {
      this.crop = crop;
      return this;
    }

    /** Null when trim is off. */
    public Builder trim(Trim trim) {
      this.trim = trim;
      return this;
    }

    public Builder padding(Padding padding) {
      this.padding = padding;
      return this;
    }

    public Builder autoRotate(boolean autoRotate) {
      this.autoRotate = autoRotate;
      return this;
    }

    /** A multiple of 90, normalised to 0..270. */
    public Builder rotate(int rotate) {
      this.rotate = rotate;
      return this;
    }

    public Builder flipHorizontal(boolean flipHorizontal) {
      this.flipHorizontal = flipHorizontal;
      return this;
    }

    public Builder flipVertical(boolean flipVertical) {
      this.flipVertical = flipVertical;
      return this;
    }

    /** Null when no background is set. */
    public Builder background(Color background) {
      this.background = background;
      return this;
    }

    public Builder blur(double blur) {
      this.blur = blur;
      return this;
    }

    public Builder sharpen(double sharpen) {
      this.sharpen = sharpen;
      return this;
    }

    /** Block size; 1 (or 0) is off. */
    public Builder pixelate(int pixelate) {
      this.pixelate = pixelate;
      return this;
    }

    public Builder watermark(Watermark watermark) {
      this.watermark = watermark;
      return this;
    }

    public Builder stripMetadata(boolean stripMetadata) {
      this.stripMetadata = stripMetadata;
      return this;
    }

    public Builder keepCopyright(boolean keepCopyright) {
      this.keepCopyright = keepCopyright;
      return this;
    }

    public Builder stripColorProfile(boolean stripColorProfile) {
      this.stripColorProfile = stripColorProfile;
      return this;
    }

    public Builder preserveHdr(boolean preserveHdr) {
      this.preserveHdr = preserveHdr;
      return this;
    }

    public Builder enforceThumbnail(boolean enforceThumbnail) {
      this.enforceThumbnail = enforceThumbnail;
      return this;
    }

    /** 0 means resolve from format_quality and settings. */
    public Builder quality(int quality) {
      this.quality = quality;
      return this;
    }

    /** Per-format quality from the URL. */
    public Builder formatQuality(Map<ImageFormat, Integer> formatQuality) {
      this.formatQuality = formatQuality;
      return this;
    }

    public Builder maxBytes(int maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    /** The requested format (option or extension); null means auto. */
    public Builder format(ImageFormat format) {
      this.format = format;
      return this;
    }

    /** Source formats passed through untouched. */
    public Builder skipProcessing(Set<ImageFormat> skipProcessing) {
      this.skipProcessing = skipProcessing;
      return this;
    }

    public Builder raw(boolean raw) {
      this.raw = raw;
      return this;
    }

    public Builder cachebuster(String cachebuster) {
      this.cachebuster = cachebuster;
      return this;
    }

    /** Unix seconds; 0 means never. */
    public Builder expires(long expires) {
      this.expires = expires;
      return this;
    }

    /** Content-Disposition stem, already decoded; null means derived. */
    public Builder filename(String filename) {
      this.filename = filename;
      return this;
    }

    public Builder returnAttachment(boolean returnAttachment) {
      this.returnAttachment = returnAttachment;
      return this;
    }

    public Builder limits(SecurityLimits limits) {
      this.limits = limits;
      return this;
    }

    public Extend extend() {
      return extend;
    }

    public Extend extendAspectRatio() {
      return extendAspectRatio;
    }

    public Gravity gravity() {
      return gravity;
    }

    public Crop crop() {
      return crop;
    }

    public Trim trim() {
      return trim;
    }

    public Padding padding() {
      return padding;
    }

    public Watermark watermark() {
      return watermark;
    }

    public Map<ImageFormat, Integer> formatQuality() {
      return formatQuality;
    }

    public Set<ImageFormat> skipProcessing() {
      return skipProcessing;
    }

    public SecurityLimits limits() {
      return limits;
    }

    public boolean raw() {
      return raw;
    }

    public ProcessingOptions build() {
      return new ProcessingOptions(
          resizingType,
          width,
          height,
          minWidth,
          minHeight,
          zoomX,
          zoomY,
          dpr,
          enlarge,
          extend,
          extendAspectRatio,
          gravity,
          crop,
          trim,
          padding,
          autoRotate,
          rotate,
          flipHorizontal,
          flipVertical,
          background,
          blur,
          sharpen,
          pixelate,
          watermark,
          stripMetadata,
          keepCopyright,
          stripColorProfile,
          preserveHdr,
          enforceThumbnail,
          quality,
          formatQuality,
          maxBytes,
          format,
          skipProcessing,
          raw,
          cachebuster,
          expires,
          filename,
          returnAttachment,
          limits);
    }
  }
}
