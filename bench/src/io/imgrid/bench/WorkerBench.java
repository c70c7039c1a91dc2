package io.imgrid.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.LibvipsConfig;
import io.imgrid.shared.config.OptionDefaults;
import io.imgrid.shared.config.UrlConfig;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.options.OptionsParser;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.ImageProcessor;
import io.imgrid.worker.ImageProcessorConfig;
import io.imgrid.worker.ProcessedImage;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.Vips;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CPU cost of one imgrid job, in-process: the real option parser and {@link ImageProcessor} on a
 * source held in memory, as a worker runs it (no HTTP, no event bus). Not part of the product:
 * {@code bench/worker.sh} compiles it against the shaded jar.
 *
 * <p>Each repetition runs a batch of jobs on this thread and divides the process CPU time (user +
 * sys of every thread, so libvips' pool threads, JIT and GC count) by the batch size; the median
 * of the repetitions is the figure, after warm-up jobs that let the JIT settle. The CPU other
 * processes used meanwhile is /proc/stat's busy time minus ours, in cores.
 *
 * <pre>
 * WorkerBench FILE OPTIONS BATCH REPS WARMUP [OUT]   one key=value line; OUT: the result (after warm-up)
 * WorkerBench --paced FILE ...  prints "ready" after the warm-up, then runs each repetition when
 *                               a line arrives on stdin and prints its "rep_cpu_ms=" line
 *                               (bench/worker.sh runs the C loop between repetitions)
 * WorkerBench --trace FILE OPTIONS             libvips' operation trace of one job (stdout)
 * </pre>
 *
 * OPTIONS is the options part of an imgproxy path ({@code rs:fill:400:300/q:80@jpeg}), read with
 * the settings in the environment, as {@code bin/imgrid process} reads it.
 * {@code IMGRID_LIBVIPS_PATH} selects the libvips library.
 */
public final class WorkerBench {
  private WorkerBench() {}

  public static void main(String[] args) throws IOException {
    boolean trace = args.length > 0 && args[0].equals("--trace");
    boolean paced = args.length > 0 && args[0].equals("--paced");
    String[] a = trace || paced ? Arrays.copyOfRange(args, 1, args.length) : args;
    if ((trace && a.length != 2) || (!trace && a.length != 5 && a.length != 6)) {
      System.err.println(
          "usage: WorkerBench [--paced] FILE OPTIONS BATCH REPS WARMUP [OUT]"
              + " | --trace FILE OPTIONS");
      System.exit(64);
    }
    Env env = Env.of(System.getenv());
    UrlConfig urlConfig = UrlConfig.from(env);
    OptionDefaults defaults = OptionDefaults.from(env);
    ImageProcessorConfig config = ImageProcessorConfig.from(env);
    LibvipsConfig libvips = LibvipsConfig.from(env);
    env.validate();

    byte[] source = Files.readAllBytes(Path.of(a[0]));
    ProcessingOptions options =
        parse(a[1], urlConfig.optionsParser(Clock.systemUTC()), defaults, urlConfig);
    Vips.init(libvips);
    ImageProcessor processor = new ImageProcessor(config, Vips.capabilities());

    if (trace) {
      trace(processor, source, options);
      return;
    }
    int batch = Integer.parseInt(a[2]);
    int reps = Integer.parseInt(a[3]);
    int warmup = Integer.parseInt(a[4]);
    ProcessedImage out = run(processor, source, options);
    for (int i = 1; i < warmup; i++) {
      out = run(processor, source, options);
    }
    if (a.length == 6) {
      Files.write(Path.of(a[5]), out.bytes());
    }
    double[] cpuMs = new double[reps];
    long busy = 0;
    long cpu = 0;
    long wall = 0;
    BufferedReader pace = paced ? new BufferedReader(new InputStreamReader(System.in, UTF_8)) : null;
    if (paced) {
      System.out.println("ready");
    }
    for (int r = 0; r < reps; r++) {
      if (paced && pace.readLine() == null) {
        System.exit(65); // the driver went away
      }
      long b0 = machineBusyNanos();
      long c0 = processCpuNanos();
      long w0 = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        out = run(processor, source, options);
      }
      long c = processCpuNanos() - c0;
      wall += System.nanoTime() - w0;
      busy += machineBusyNanos() - b0;
      cpu += c;
      cpuMs[r] = c / 1e6 / batch;
      if (paced) {
        System.out.printf(Locale.ROOT, "rep_cpu_ms=%.2f%n", cpuMs[r]);
      }
    }
    double others = Math.max(0, (double) (busy - cpu) / wall);
    double[] sorted = cpuMs.clone();
    Arrays.sort(sorted);
    List<String> each = new ArrayList<>();
    for (double v : cpuMs) {
      each.add(String.format(Locale.ROOT, "%.2f", v));
    }
    System.out.printf(Locale.ROOT,
        "impl=imgrid libvips=%s vectors=%d options=%s n=%dx%d cpu_ms_median=%.2f cpu_ms_reps=%s "
            + "wall_ms_per_img=%.2f out=%s:%dx%d:%d others_cores=%.2f%n",
        Vips.version(), Vips.vectorsEnabled() ? 1 : 0, a[1], reps, batch, median(sorted), String.join(",", each),
        wall / 1e6 / ((double) reps * batch), out.format().urlName(), out.width(), out.height(),
        out.bytes().length, others);
  }

  private static ProcessedImage run(ImageProcessor p, byte[] source, ProcessingOptions o) {
    return p.process(source, o, AcceptBucket.NONE, Deadline.none());
  }

  /**
   * One job with libvips' cache trace on: every operation built, including the ones operations
   * build internally, is printed by libvips on stdout ({@code vips cache : ...}).
   */
  private static void trace(ImageProcessor p, byte[] source, ProcessingOptions o) {
    NativeLibrary vips = NativeLibrary.getInstance(Vips.libraryFile());
    Function setTrace = vips.getFunction("vips_cache_set_trace");
    Function fflush = NativeLibrary.getInstance("c").getFunction("fflush");
    setTrace.invokeVoid(new Object[] {1});
    ProcessedImage out = run(p, source, o);
    setTrace.invokeVoid(new Object[] {0});
    fflush.invokeInt(new Object[] {null});
    System.out.printf("-> %s %dx%d %d bytes%n", out.format().urlName(), out.width(),
        out.height(), out.bytes().length);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static final Function CLOCK_GETTIME =
      NativeLibrary.getInstance("c").getFunction("clock_gettime");
  private static final int CLOCK_PROCESS_CPUTIME_ID = 2;

  /**
   * user + sys CPU of this process (all threads), in nanoseconds, from {@code
   * clock_gettime(CLOCK_PROCESS_CPUTIME_ID)} as the C loop reads it (the JDK's
   * getProcessCpuTime has 10 ms ticks here).
   */
  private static long processCpuNanos() {
    try (Memory ts = new Memory(16)) {
      if (CLOCK_GETTIME.invokeInt(new Object[] {CLOCK_PROCESS_CPUTIME_ID, ts}) != 0) {
        throw new IllegalStateException("clock_gettime failed");
      }
      return ts.getLong(0) * 1_000_000_000L + ts.getLong(8);
    }
  }

  /** Busy CPU time of the whole machine from /proc/stat (user nice system irq softirq). */
  private static long machineBusyNanos() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
        + Long.parseLong(f[6]) + Long.parseLong(f[7]);
    return ticks * 10_000_000L; // USER_HZ is 100 on Linux
  }

  /** The options part of a path plus an optional {@code @ext}, as bin/imgrid process reads it. */
  static ProcessingOptions parse(String text, OptionsParser parser, OptionDefaults defaults,
      UrlConfig urlConfig) {
    return parser.parseOptionsText(text, urlConfig.argumentsSeparator(), defaults.baseOptions());
  }
}
