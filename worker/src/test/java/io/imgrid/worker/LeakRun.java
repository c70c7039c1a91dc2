package io.imgrid.worker;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.OptionDefaults;
import io.imgrid.shared.config.UrlConfig;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.options.OptionsParser;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.codec.BmpEncoder;
import io.imgrid.worker.codec.Pixels;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOperation;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPipelineOps;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import io.imgrid.worker.vips.VipsUnavailableException;
import io.imgrid.worker.vips.VipsWebpPreset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link LeakTest} forks: mixed jobs through the real {@link ImageProcessor} on two
 * worker threads (a worker's slots), with libvips' tracked memory and the process RSS printed
 * after init, after the warm-up and at the end, one {@code LEAK phase=...} line each.
 *
 * <p>Sources are generated here with libvips and the Java BMP encoder (textured, so the codecs do
 * real work): JPEG (one with EXIF orientation 6), PNG with alpha, WebP, a 3-frame GIF, SVG and
 * BMP. Options mix fill/fit, crop, rotate, blur, sharpen, smart crop, extend, padding, trim and
 * the output formats JPEG, PNG, WebP, GIF and (every 100th job) AVIF, read by the real option
 * parser. Any failed job is printed and makes the exit status 1; a missing libvips exits 69 with
 * the install hint.
 *
 * <pre>LeakRun WARMUP JOBS</pre>
 */
public final class LeakRun {
  static final int THREADS = 2;

  /** Option paths, each with the {@code @ext} of its output format; cycled per source. */
  static final List<String> OPTIONS = List.of(
      "rs:fill:300:200/q:75@jpeg",
      "rs:fit:320:240@png",
      "rs:fill:200:200/g:sm@webp",
      "c:300:200/rs:fit:150:150@jpeg",
      "rot:90/rs:fit:200:0@webp",
      "bl:2/rs:fill:256:192@png",
      "rs:fit:120:90@gif",
      "rs:fit:300:300/ex:1/bg:255:0:0@jpeg",
      "sh:1/rs:fit:250:0@webp",
      "pd:10/rs:fit:200:200@png",
      "rs:fill-down:180:180/rot:270@jpeg",
      "t:10/rs:fit:200:200@webp",
      "rs:fit:400:400");

  /** Every 100th job (offset 7) asks for AVIF instead: the encoder is slow. */
  static final String AVIF = "rs:fill:160:120@avif";

  static final int AVIF_EVERY = 100;

  private LeakRun() {}

  public static void main(String[] args) throws Exception {
    int warmup = Integer.parseInt(args[0]);
    int jobs = Integer.parseInt(args[1]);
    try {
      Vips.init(TestImages.libvipsConfig());
    } catch (VipsUnavailableException e) {
      System.out.println("libvips is required: apt-get install -y libvips42 (" + e.getMessage()
          + ")");
      System.exit(69);
    }
    Map<String, String> env = Map.of("IMGPROXY_MAX_ANIMATION_FRAMES", "5");
    ImageProcessor processor =
        new ImageProcessor(ImageProcessorConfig.of(env), Vips.capabilities());
    List<byte[]> sources = sources();
    List<ProcessingOptions> options = new ArrayList<>();
    Env settings = Env.of(env);
    OptionDefaults defaults = OptionDefaults.from(settings);
    OptionsParser parser = UrlConfig.from(settings).optionsParser(Clock.systemUTC());
    settings.validate();
    for (String o : OPTIONS) {
      options.add(parse(o, parser, defaults));
    }
    ProcessingOptions avif = parse(AVIF, parser, defaults);
    report("init", 0);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger failures = new AtomicInteger();
    try {
      run(pool, processor, sources, options, avif, 0, warmup, failures);
      report("warm", warmup);
      long start = System.nanoTime();
      run(pool, processor, sources, options, avif, warmup, warmup + jobs, failures);
      long wall = System.nanoTime() - start;
      report("end", warmup + jobs);
      System.out.printf("LEAK wall_ms=%d per_job_wall_ms=%.2f threads=%d%n", wall / 1_000_000,
          wall / 1e6 / jobs, THREADS);
    } finally {
      pool.shutdown();
    }
    System.out.println("LEAK failures=" + failures.get());
    System.exit(failures.get() == 0 ? 0 : 1);
  }

  /** Jobs {@code from} (inclusive) to {@code to}: source i mod n, options every n jobs. */
  private static void run(ExecutorService pool, ImageProcessor processor, List<byte[]> sources,
      List<ProcessingOptions> options, ProcessingOptions avif, int from, int to,
      AtomicInteger failures) throws Exception {
    List<Future<?>> pending = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int job = i;
      byte[] source = sources.get(job % sources.size());
      ProcessingOptions o = job % AVIF_EVERY == 7 ? avif
          : options.get((job / sources.size()) % options.size());
      pending.add(pool.submit(() -> {
        try {
          processor.process(source, o, AcceptBucket.NONE, Deadline.none());
        } catch (RuntimeException e) {
          if (failures.incrementAndGet() <= 10) {
            System.out.println("job " + job + " (source " + job % sources.size() + ") failed: "
                + e);
          }
        }
      }));
    }
    for (Future<?> f : pending) {
      f.get();
    }
  }

  private static void report(String phase, int jobs) throws IOException, InterruptedException {
    System.gc();
    Thread.sleep(200);
    System.out.printf("LEAK phase=%s jobs=%d tracked_mem=%d tracked_allocs=%d tracked_files=%d "
            + "tracked_highwater=%d rss_kb=%d heap_used_kb=%d%n",
        phase, jobs, Vips.trackedMemory(), Vips.trackedAllocs(), Vips.trackedFiles(),
        Vips.trackedMaxMemory(), rssKb(),
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1024);
  }

  /** VmRSS from /proc/self/status. */
  static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  static ProcessingOptions parse(String text, OptionsParser parser, OptionDefaults defaults) {
    return parser.parseOptionsText(text, ":", defaults.baseOptions());
  }

  /** The generated sources, each a few hundred pixels. */
  static List<byte[]> sources() {
    List<byte[]> out = new ArrayList<>();
    try (VipsScope scope = new VipsScope()) {
      out.add(TestImages.jpeg(texture(scope, 512, 384, 3)));
      VipsImage rotated = VipsOps.copy(texture(scope, 480, 360, 3));
      rotated.setInt("orientation", 6);
      out.add(TestImages.jpeg(rotated));
      out.add(TestImages.png(texture(scope, 320, 240, 4)));
      out.add(VipsSave.webp(texture(scope, 400, 300, 3),
          new VipsSave.Webp(80, 4, VipsWebpPreset.DEFAULT, VipsSave.Keep.NONE)));
      out.add(gif(scope));
      out.add(BmpEncoder.encode(
          new Pixels(256, 192, 3, VipsSave.toPixels(texture(scope, 256, 192, 3)))));
    }
    out.add(("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\">"
        + "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#f80\"/>"
        + "<stop offset=\"1\" stop-color=\"#08f\"/></linearGradient></defs>"
        + "<rect width=\"300\" height=\"200\" fill=\"url(#g)\"/>"
        + "<circle cx=\"150\" cy=\"100\" r=\"60\" fill=\"#fff\" fill-opacity=\"0.5\"/></svg>")
        .getBytes(StandardCharsets.UTF_8));
    Vips.threadShutdown();
    return out;
  }

  /** Smoothed noise per band, 8-bit sRGB (a 4th band is a varying alpha). */
  static VipsImage texture(VipsScope scope, int width, int height, int bands) {
    VipsImage[] b = new VipsImage[bands];
    for (int i = 0; i < bands; i++) {
      b[i] = VipsOps.gaussblur(VipsOps.gaussnoise(scope, width, height, 128, 80), 1.5);
    }
    VipsImage joined = VipsOperation.call(scope, "bandjoin").input("in", b).outputImage("out");
    return VipsPipelineOps.withInterpretation(VipsOps.cast(joined, VipsBandFormat.UCHAR),
        VipsInterpretation.SRGB);
  }

  /** A 3-frame 200×150 animated GIF. */
  static byte[] gif(VipsScope scope) {
    VipsImage[] frames = {
      texture(scope, 200, 150, 3), texture(scope, 200, 150, 3), texture(scope, 200, 150, 3)};
    VipsImage strip = VipsOps.copy(VipsOps.arrayjoin(frames, 1));
    strip.setInt("page-height", 150);
    strip.setInt("n-pages", 3);
    strip.setIntArray("delay", new int[] {80, 80, 80});
    strip.setInt("loop", 0);
    return VipsSave.gif(strip, new VipsSave.Gif(8, VipsSave.Keep.ALL));
  }
}
