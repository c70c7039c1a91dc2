package io.imgrid.shared.url;

import io.imgrid.shared.config.UrlConfig;
import io.imgrid.shared.error.RequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the source segments of a path into the source URL and the requested extension (contract
 * §1 steps 7–8): {@code plain/…[@ext]} percent-decoded once, or base64 chunks {@code …[.ext]},
 * then the URL replacements and the base URL. {@code enc/} sources are PRO only: 404.
 */
final class SourceDecoder {
  /** The decoded source URL and the extension after {@code @} or {@code .} (may be empty). */
  record Decoded(String url, String extension) {}

  private final UrlConfig config;

  SourceDecoder(UrlConfig config) {
    this.config = config;
  }

  Decoded decode(List<String> parts) {
    if (parts.isEmpty()) {
      throw RequestException.invalidUrl("Image URL is empty");
    }
    if (parts.size() > 1 && parts.get(0).equals("plain")) {
      return decodePlain(parts.subList(1, parts.size()));
    }
    if (parts.size() > 1 && parts.get(0).equals("enc")) {
      throw RequestException.invalidUrl("Encrypted source URLs are a PRO feature");
    }
    return decodeBase64(parts);
  }

  private Decoded decodePlain(List<String> parts) {
    String encoded = String.join("/", parts);
    List<String> urlParts = io.imgrid.shared.options.UrlOption.split(encoded, "@");
    if (urlParts.get(0).isEmpty()) {
      throw RequestException.invalidUrl("Image URL is empty");
    }
    if (urlParts.size() > 2) {
      throw RequestException.invalidUrl("Multiple formats are specified: " + encoded);
    }
    String ext = urlParts.size() == 2 ? urlParts.get(1) : "";
    String url = pathUnescape(urlParts.get(0));
    return new Decoded(preprocess(url), ext);
  }

  private Decoded decodeBase64(List<String> parts) {
    List<String> chunks = parts;
    if (chunks.size() > 1 && config.base64UrlIncludesFilename()) {
      chunks = chunks.subList(0, chunks.size() - 1);
    }
    String encoded = String.join("", chunks);
    List<String> urlParts = io.imgrid.shared.options.UrlOption.split(encoded, ".");
    if (urlParts.get(0).isEmpty()) {
      throw RequestException.invalidUrl("Image URL is empty");
    }
    if (urlParts.size() > 2) {
      throw RequestException.invalidUrl("Multiple formats are specified: " + encoded);
    }
    String ext = urlParts.size() == 2 ? urlParts.get(1) : "";
    String url =
        Base64Url.decodeToString(urlParts.get(0), true)
            .orElseThrow(() -> RequestException.invalidUrl("Invalid url encoding: " + encoded));
    return new Decoded(preprocess(url), ext);
  }

  private String preprocess(String url) {
    String u = url;
    for (UrlReplacement r : config.urlReplacements()) {
      u = r.apply(u);
    }
    String base = config.baseUrl();
    if (base.isEmpty() || u.startsWith(base)) {
      return u;
    }
    return base + u;
  }

  /**
   * Go's {@code url.PathUnescape}: {@code %XX} decoded, {@code +} kept, a {@code %} without two
   * hex digits is a 404. The decoded bytes are read as UTF-8.
   */
  static String pathUnescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b != '%') {
        out.write(b);
        continue;
      }
      int hi = i + 1 < in.length ? Character.digit(in[i + 1], 16) : -1;
      int lo = i + 2 < in.length ? Character.digit(in[i + 2], 16) : -1;
      if (hi < 0 || lo < 0) {
        throw RequestException.invalidUrl("Invalid url encoding: " + s);
      }
      out.write(hi * 16 + lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
