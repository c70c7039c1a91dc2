package io.imgrid.app;

import io.imgrid.shared.config.ConfigException;
import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.LibvipsConfig;
import io.imgrid.shared.config.OptionDefaults;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.config.UrlConfig;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.options.OptionsParser;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.ImageProcessor;
import io.imgrid.worker.ImageProcessorConfig;
import io.imgrid.worker.ProcessedImage;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsUnavailableException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bin/imgrid process IN OPTIONS OUT}: runs one job in-process on a local file, through the
 * same option parser (with the env's settings: presets, allowed options, security options,
 * defaults) and the same {@link ImageProcessor} a worker uses.
 *
 * <p>OPTIONS is the options part of an imgproxy path, e.g. {@code rs:fill:400:300/q:80}, optionally
 * ending in {@code @webp} (the URL extension); {@code -} or an empty string means no options.
 *
 * <p>The job's deadline is {@code IMGPROXY_TIMEOUT} (default 10 s) from the command's start, as a
 * worker counts it from when the gateway accepted the request; a job over it answers 503.
 *
 * <p>Exit status:
 *
 * <ul>
 *   <li>0: OUT written;
 *   <li>1: a 4xx answer, 2: a 5xx answer; stderr holds the status and the public message a
 *       gateway would answer with ({@code 422 Broken or unsupported image}) and the detail;
 *   <li>64: bad command line, 66: IN unreadable, 73: OUT unwritable, 69: libvips unavailable,
 *       78: bad settings (the sysexits.h codes).
 * </ul>
 */
public final class ProcessCommand {
  static final int OK = 0;
  static final int CLIENT_ERROR = 1;
  static final int SERVER_ERROR = 2;
  static final int USAGE = 64;
  static final int NO_INPUT = 66;
  static final int UNAVAILABLE = 69;
  static final int CANT_CREATE = 73;
  static final int CONFIG = 78;

  /** Held so the level set by {@link #quietLogs} is not lost with a collected logger. */
  private static final Logger IMGRID_LOG = Logger.getLogger("io.imgrid");

  private ProcessCommand() {}

  public static int run(String[] args, Map<String, String> env, PrintStream err) {
    if (args.length != 3) {
      err.println("usage: imgrid process IN OPTIONS OUT   (e.g. rs:fill:400:300/q:80@webp)");
      return USAGE;
    }
    long started = System.currentTimeMillis();
    Env settings = Env.of(env);
    ServerConfig server = ServerConfig.from(settings);
    UrlConfig urlConfig = UrlConfig.from(settings);
    OptionDefaults defaults = OptionDefaults.from(settings);
    ImageProcessorConfig config = ImageProcessorConfig.from(settings);
    LibvipsConfig libvips = LibvipsConfig.from(settings);
    try {
      settings.validate();
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println("imgrid: " + p));
      return CONFIG;
    }
    quietLogs(server.logLevel());

    byte[] source;
    try {
      source = Files.readAllBytes(Path.of(args[0]));
    } catch (IOException | RuntimeException e) {
      err.println("imgrid: cannot read " + args[0] + ": " + e.getMessage());
      return NO_INPUT;
    }

    ProcessedImage result;
    try {
      ProcessingOptions options =
          parse(args[1], urlConfig.optionsParser(Clock.systemUTC()), defaults, urlConfig);
      Vips.init(libvips);
      ImageProcessor processor = new ImageProcessor(config, Vips.capabilities());
      Deadline deadline = Deadline.at(started + server.timeout().toMillis());
      result = processor.process(source, options, AcceptBucket.NONE, deadline);
    } catch (VipsUnavailableException e) {
      err.println("imgrid: " + e.getMessage());
      return UNAVAILABLE;
    } catch (RuntimeException | StackOverflowError e) {
      ImgridException failure = InternalException.wrap(e);
      err.println(failure.status() + " " + failure.publicMessage());
      err.println("detail: " + failure.detail());
      return failure.status() < 500 ? CLIENT_ERROR : SERVER_ERROR;
    }

    try {
      Files.write(Path.of(args[2]), result.bytes());
    } catch (IOException | RuntimeException e) {
      err.println("imgrid: cannot write " + args[2] + ": " + e.getMessage());
      return CANT_CREATE;
    }
    err.println(result.format().urlName() + " " + result.width() + "x" + result.height() + " "
        + result.bytes().length + " bytes");
    return OK;
  }

  /**
   * stderr is for the one status line (and its detail): imgrid's own INFO lines (the libvips
   * capability probe…) appear only at {@code IMGPROXY_LOG_LEVEL=debug}.
   */
  private static void quietLogs(ServerConfig.LogLevel level) {
    Level jul = switch (level) {
      case DEBUG -> Level.FINE;
      case INFO, WARN -> Level.WARNING;
      case ERROR -> Level.SEVERE;
    };
    IMGRID_LOG.setLevel(jul);
  }

  /** Options text as a gateway reads the options part of a path, plus the {@code @ext}. */
  /** Options text as a gateway reads the options part of a path, plus the {@code @ext}. */
  static ProcessingOptions parse(String text, OptionsParser parser, OptionDefaults defaults,
      UrlConfig urlConfig) {
    return parser.parseOptionsText(text, urlConfig.argumentsSeparator(), defaults.baseOptions());
  }
}
