package io.imgrid.shared.config;

import io.imgrid.shared.format.EncoderConfig;
import io.imgrid.shared.format.FormatConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting imgrid reads, read once at start from the environment and validated together:
 * {@link #load} reports all bad values in one {@link ConfigException} and the process refuses to
 * start. Components receive the record they need through their constructors; nothing else reads
 * the environment.
 */
public record ImgridConfig(
    ServerConfig server,
    SigningConfig signing,
    UrlConfig url,
    OptionDefaults defaults,
    FormatConfig formats,
    EncoderConfig encoder,
    ProcessingConfig processing,
    FetchConfig fetch,
    WatermarkConfig watermark,
    ClusterConfig cluster,
    LibvipsConfig libvips,
    TelemetryConfig telemetry,
    List<String> warnings) {

  public ImgridConfig {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(signing, "signing == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(defaults, "defaults == null");
    Objects.requireNonNull(formats, "formats == null");
    Objects.requireNonNull(encoder, "encoder == null");
    Objects.requireNonNull(processing, "processing == null");
    Objects.requireNonNull(fetch, "fetch == null");
    Objects.requireNonNull(watermark, "watermark == null");
    Objects.requireNonNull(cluster, "cluster == null");
    Objects.requireNonNull(libvips, "libvips == null");
    Objects.requireNonNull(telemetry, "telemetry == null");
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads and validates every setting.
   *
   * @throws ConfigException listing every bad setting
   */
  public static ImgridConfig load(Map<String, String> vars) {
    return load(vars, false);
  }

  /**
   * As {@link #load(Map)}, for a clustered role ({@code gateway}, {@code worker}) when {@code
   * clustered}: then {@code IMGRID_CLUSTER_NAME} is required.
   *
   * @throws ConfigException listing every bad setting
   */
  public static ImgridConfig load(Map<String, String> vars, boolean clustered) {
    Env env = Env.of(vars);
    ImgridConfig config = read(env, clustered);
    env.validate();
    return config;
  }

  private static ImgridConfig read(Env env, boolean clustered) {
    ServerConfig server = ServerConfig.from(env);
    SigningConfig signing = SigningConfig.from(env);
    UrlConfig url = UrlConfig.from(env);
    OptionDefaults defaults = OptionDefaults.from(env);
    FormatConfig formats = FormatConfig.from(env);
    EncoderConfig encoder = EncoderConfig.from(env);
    ProcessingConfig processing = ProcessingConfig.from(env);
    FetchConfig fetch = FetchConfig.from(env);
    WatermarkConfig watermark = WatermarkConfig.from(env);
    ClusterConfig cluster = ClusterConfig.from(env, clustered);
    LibvipsConfig libvips = LibvipsConfig.from(env);
    TelemetryConfig telemetry = TelemetryConfig.from(env);
    if (clustered && cluster.workerSilence().compareTo(server.timeout()) >= 0) {
      env.warn("IMGRID_WORKER_SILENCE_MS (" + cluster.workerSilence().toMillis()
          + ") is not below IMGPROXY_TIMEOUT: a silent worker's jobs time out before they can"
          + " be retried elsewhere");
    }
    return new ImgridConfig(server, signing, url, defaults, formats, encoder, processing, fetch,
        watermark, cluster, libvips, telemetry, env.warnings());
  }

  /** Every setting name imgrid reads (deprecated v3 aliases included). */
  public static Set<String> knownNames() {
    return settingsRegistry().namesRead();
  }

  /**
   * An {@link Env} that has read every setting from an empty environment: its names, the defaults
   * the typed reads used and the v3 aliases. {@code bin/imgrid settings} prints it as a table.
   */
  public static Env settingsRegistry() {
    Env env = Env.of(Map.of());
    read(env, false);
    return env;
  }

  /**
   * The settings that change output bytes, as one string: part of every job key, so nodes with
   * different output settings never share results.
   */
  public String outputFingerprint() {
    return "formats{" + formats.fingerprint() + "} encoder{" + encoder.fingerprint() + "} "
        + "processing{" + processing.fingerprint() + "} "
        + "watermark{" + watermark.fingerprint() + "}";
  }
}
