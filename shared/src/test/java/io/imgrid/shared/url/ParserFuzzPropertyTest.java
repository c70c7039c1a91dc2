package io.imgrid.shared.url;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.RequestException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the path, {@link UrlParser#parse} answers or throws a RequestException, nothing else. */
class ParserFuzzPropertyTest {
  private static final List<UrlParser> PARSERS =
      List.of(
          Parsers.parser(),
          Parsers.parser("IMGPROXY_KEY", "736563726574", "IMGPROXY_SALT", "68656C6C6F"),
          Parsers.parser("IMGPROXY_PRESETS", "default=q:50,a=pr:b/w:1,b=pr:a",
              "IMGPROXY_ALLOWED_SOURCES", "http://a.com/", "IMGPROXY_BASE64_URL_INCLUDES_FILENAME", "1",
              "IMGPROXY_URL_REPLACEMENTS", "x://*=http://${1}/$2$$"),
          Parsers.parser("IMGPROXY_ONLY_PRESETS", "true", "IMGPROXY_PRESETS", "a=w:1"));

  private static final List<String> SEEDS =
      List.of(
          "/_/rs:fill:300:400:0/g:sm/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png",
          "/insecure/pr:a/w:10/plain/http://a.com/x.jpg@webp",
          "/x/plain/http:/a.com/%40x@png",
          "/a/fn:abc:1/exp:99999999999999999999/wm:1:re:1:1:1/t:1:fff:1:1/pd:1:2:3",
          "/a:b/c");

  @Property(tries = 2000)
  void randomPathsOnlyEverThrowRequestException(@ForAll("paths") String path) {
    for (UrlParser p : PARSERS) {
      Throwable t = catchThrowable(() -> p.parse(path));
      if (t != null) {
        assertThat(t).as(path).isInstanceOf(RequestException.class);
        // the safety net in UrlParser.parse must not have been needed
        assertThat(((RequestException) t).detail()).as(path).doesNotStartWith("Unparseable path");
      }
    }
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> junk =
        Arbitraries.strings()
            .withChars("/:@.%=+?#_-~ aAzZ09\u0000\u00e9\u2713\ud83d\ude00")
            .withCharRange('!', '~')
            .ofMaxLength(80);
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(60);
    Arbitrary<String> huge =
        Arbitraries.of("w:", "h:", "rs:fit:", "exp:", "msr:", "rot:", "bl:", "z:", "q:", "pd:")
            .flatMap(o -> Arbitraries.strings().numeric().ofMinLength(10).ofMaxLength(400).map(n -> "/_/" + o + n + "/plain/http://a.com/x"));
    Arbitrary<String> mutated =
        Arbitraries.of(SEEDS)
            .flatMap(seed -> Arbitraries.integers().between(0, seed.length())
                .flatMap(i -> Arbitraries.of("", "/", "//", ":", "@", "@@", ".", "..", "%", "%3A", "%zz",
                        "plain/", "enc/", "pr:a", "\u00ff", "?", "=", "-", "sm", "fit/")
                    .map(ins -> seed.substring(0, i) + ins + seed.substring(i))));
    Arbitrary<String> segments =
        Arbitraries.of("_", "unsafe", "rs:fill:1:1", "g:fp:0.5:0.5", "plain", "a", "", "@", ".",
                "pr:a", "info", "enc", "fit", "%", "aGk", "bg:1:2:3", "wm:0.5:re:1", "skp:gif:")
            .list().ofMaxSize(8).map(l -> "/" + String.join("/", l));
    return Arbitraries.oneOf(junk, anyChars, huge, mutated, segments);
  }
}
