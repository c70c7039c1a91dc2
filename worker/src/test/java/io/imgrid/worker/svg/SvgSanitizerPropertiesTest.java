package io.imgrid.worker.svg;

import static io.imgrid.worker.svg.SvgSanitizerTest.sanitize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated documents mixing every construct the rules care about. */
class SvgSanitizerPropertiesTest {
  private static final Pattern REMOVED_ELEMENT =
      Pattern.compile("<(\\w+:)?(script|iframe|form)[\\s/>]", Pattern.CASE_INSENSITIVE);
  private static final Pattern EVENT_ATTRIBUTE =
      Pattern.compile("\\s(\\w+:)?on\\w*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern SCRIPT_HREF =
      Pattern.compile("href=[\"']\\s*(javascript|jav&#x61;script)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATA_HREF = Pattern.compile("<([\\w:]+)[^>]*href=[\"']data:");

  @Property(tries = 300)
  void isIdempotent(@ForAll("documents") String svg) {
    String once = sanitize(svg);

    assertThat(sanitize(once)).isEqualTo(once);
  }

  @Property(tries = 300)
  void leavesNoScriptCapableConstruct(@ForAll("documents") String svg) {
    String out = sanitize(svg);

    assertThat(REMOVED_ELEMENT.matcher(out).find()).as(out).isFalse();
    assertThat(EVENT_ATTRIBUTE.matcher(out).find()).as(out).isFalse();
    assertThat(SCRIPT_HREF.matcher(out).find()).as(out).isFalse();
    Matcher data = DATA_HREF.matcher(out);
    while (data.find()) {
      assertThat(data.group(1)).as("only <image> may embed data: %s", out).isEqualTo("image");
    }
  }

  @Provide
  Arbitrary<String> documents() {
    return Arbitraries.recursive(this::leaf, this::element, 0, 5)
        .list()
        .ofMaxSize(4)
        .map(children -> "<svg xmlns=\"http://www.w3.org/2000/svg\">" + String.join("", children) + "</svg>\n");
  }

  private Arbitrary<String> leaf() {
    return Arbitraries.of(
        "t", " \n ", "&amp;&#x41;", "<![CDATA[ a < b ]]>", "<!-- c -->", "<?pi x?>", "ü日🎉",
        "<rect/>", "<script/>", "<use href=\"#a\"/>");
  }

  private Arbitrary<String> element(Arbitrary<String> inner) {
    Arbitrary<String> name =
        Arbitraries.of("g", "a", "use", "image", "text", "script", "SCRIPT", "svg:script", "iframe",
            "form", "foreignObject");
    Arbitrary<String> attribute =
        Combinators.combine(
                Arbitraries.of("id", "fill", "onload", "onClick", "xlink:onerror", "href",
                    "xlink:href"),
                Arbitraries.of("#a", "javascript:alert(1)", "jav&#x61;script:x", "https://e.x/",
                    "data:image/png;base64,AA", "data:text/html,x", "x'y", "x\"y", "", " rel"))
            .as((n, v) -> " " + n + (v.contains("\"") ? "='" + v + "'" : "=\"" + v + "\""));
    Arbitrary<List<String>> children = inner.list().ofMaxSize(3);
    return Combinators.combine(name, attribute.list().ofMaxSize(3), children)
        .as(
            (n, attrs, kids) ->
                kids.isEmpty()
                    ? "<" + n + String.join("", attrs) + "/>"
                    : "<" + n + String.join("", attrs) + ">" + String.join("", kids) + "</" + n + ">");
  }
}
