package io.imgrid.shared.options;

import io.imgrid.shared.error.RequestException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies URL options and presets onto a {@link ProcessingOptions.Builder}, in URL order, later
 * ones winning (contract §1 step 6, §3). Every failure is a {@link RequestException}: 404 for an
 * unknown, forbidden or malformed option, an unknown preset or an expired URL; 403 for a
 * security option while {@code IMGPROXY_ALLOW_SECURITY_OPTIONS} is off.
 *
 * <p>Immutable and thread-safe; the recursion guard lives on the stack of each call.
 */
public final class OptionsParser {
  private final Presets presets;
  private final List<String> allowedOptions;
  private final boolean allowSecurityOptions;
  private final Clock clock;

  /**
   * @param allowedOptions {@code IMGPROXY_ALLOWED_PROCESSING_OPTIONS}: literal names; empty
   *     allows all. Options inside presets are exempt.
   */
  public OptionsParser(
      Presets presets, List<String> allowedOptions, boolean allowSecurityOptions, Clock clock) {
    this.presets = Objects.requireNonNull(presets, "presets == null");
    this.allowedOptions = List.copyOf(allowedOptions);
    this.allowSecurityOptions = allowSecurityOptions;
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Every option name and alias this parser accepts. */
  public static java.util.Set<String> optionNames() {
    return OptionTable.names();
  }

  /** Applies the {@code default} preset, if one is defined. */
  public void applyDefaultPreset(ProcessingOptions.Builder builder) {
    if (presets.get(Presets.DEFAULT).isPresent()) {
      new Run().applyPresets(builder, List.of(Presets.DEFAULT));
    }
  }

  /** Applies options taken from the URL, checking the allow-list. */
  public void applyUrlOptions(ProcessingOptions.Builder builder, List<UrlOption> options) {
    new Run().applyAll(builder, options, allowedOptions.isEmpty());
  }

  /**
   * Applies the URL's extension ({@code @ext} / {@code .ext}) exactly like {@code format:ext},
   * after every other option and outside the allow-list; an unknown name is a 404.
   */
  public void applyExtension(ProcessingOptions.Builder builder, String extension) {
    builder.format(OptionTable.format(List.of(extension)));
  }

  /**
   * The options part of a path written on its own, as {@code bin/imgrid process}, the benches and
   * the tests take it: {@code rs:fill:400:300/q:80@webp}, or {@code -} for none. Applies the
   * {@code default} preset, the options, then the extension, onto {@code builder}.
   *
   * @param separator {@code IMGPROXY_ARGUMENTS_SEPARATOR}
   * @throws RequestException for a segment without arguments or any option error
   */
  public ProcessingOptions parseOptionsText(
      String text, String separator, ProcessingOptions.Builder builder) {
    String optionsText = text.equals("-") ? "" : text;
    String extension = null;
    int at = optionsText.lastIndexOf('@');
    if (at >= 0 && optionsText.indexOf('/', at) < 0) {
      extension = optionsText.substring(at + 1);
      optionsText = optionsText.substring(0, at);
    }
    List<UrlOption> options = new ArrayList<>();
    for (String segment : UrlOption.split(optionsText, "/")) {
      if (segment.isEmpty()) {
        continue;
      }
      List<String> parts = UrlOption.split(segment, separator);
      if (parts.size() < 2) {
        throw RequestException.invalidUrl("Invalid option segment: " + segment);
      }
      options.add(new UrlOption(parts.get(0), parts.subList(1, parts.size())));
    }
    applyDefaultPreset(builder);
    applyUrlOptions(builder, options);
    if (extension != null && !extension.isEmpty()) {
      applyExtension(builder, extension);
    }
    return builder.build();
  }

  /** Applies presets by name, as {@code preset:a:b} or the only-presets first segment does. */
  public void applyPresets(ProcessingOptions.Builder builder, List<String> names) {
    new Run().applyPresets(builder, names);
  }

  /** Applies each preset to a fresh builder; returns one problem per preset that fails. */
  public List<String> validatePresets() {
    List<String> problems = new ArrayList<>();
    for (String name : presets.names()) {
      Run run = new Run();
      run.used.add(name);
      try {
        run.applyAll(ProcessingOptions.builder(), presets.get(name).orElseThrow(), true);
      } catch (RequestException e) {
        problems.add("error in preset `" + name + "`: " + e.detail());
      }
    }
    return problems;
  }

  /** One application, carrying the chain of presets in use to detect recursion. */
  private final class Run implements OptionContext {
    private final List<String> used = new ArrayList<>();

    void applyAll(ProcessingOptions.Builder b, List<UrlOption> options, boolean allowAll) {
      for (UrlOption option : options) {
        if (!allowAll && !allowedOptions.contains(option.name())) {
          throw RequestException.invalidUrl("Forbidden processing option " + option.name());
        }
        OptionTable.lookup(option.name())
            .orElseThrow(
                () -> RequestException.invalidUrl("Unknown processing option " + option.name()))
            .apply(this, b, option.args());
      }
    }

    @Override
    public void applyPresets(ProcessingOptions.Builder b, List<String> names) {
      for (String name : names) {
        List<UrlOption> options =
            presets
                .get(name)
                .orElseThrow(() -> RequestException.invalidUrl("Unknown preset: " + name));
        if (used.contains(name)) {
          continue; // recursive use: imgproxy logs it and skips
        }
        used.add(name);
        try {
          applyAll(b, options, true);
        } finally {
          used.remove(used.size() - 1);
        }
      }
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public boolean allowSecurityOptions() {
      return allowSecurityOptions;
    }
  }
}
