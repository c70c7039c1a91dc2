package io.imgrid.worker.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SvgSanitizerTest {
  private static final String SVG_OPEN =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">";

  static String sanitize(String svg) {
    return new String(
        SvgSanitizer.withDefaultLimit().sanitize(svg.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8);
  }

  static String inSvg(String body) {
    return SVG_OPEN + body + "</svg>";
  }

  static void assertRefused(String svg, ErrorKind kind) {
    assertThatThrownBy(() -> sanitize(svg))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.status()).isEqualTo(422);
            });
  }

  @Test
  void sanitizesADocumentLikeImgproxysGoldenPair() {
    String source =
        "<svg width=\"50\" height=\"40\" xmlns=\"http://www.w3.org/2000/svg\""
            + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" onload=\"alert(1)\">\n"
            + "  <circle onmouseover=\"alert(2)\" r=\"9\" fill=\"red\" />\n"
            + "  <script>\n    <![CDATA[\n    alert(3);\n    ]]>\n  </script>"
            + "<use xlink:href=\"data:image/svg+xml;base64,PHN2Zy8+#x\"/>\n"
            + "  <foreignObject>\n"
            + "    <p xmlns=\"http://www.w3.org/1999/xhtml\"><iframe src=\"javascript:alert(4)\">\n"
            + "    </iframe></p>\n"
            + "  </foreignObject>\n"
            + "  <a href=\"javascript:alert(5)\"><circle r=\"1\"/></a>\n"
            + "  <a href=\"https://example.org/\"><circle r=\"2\"/></a>\n"
            + "  <image href=\"data:image/png;base64,iVBORw0KGgo=\"/>\n"
            + "</svg>\n";

    assertThat(sanitize(source))
        .isEqualTo(
            "<svg width=\"50\" height=\"40\" xmlns=\"http://www.w3.org/2000/svg\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
                + "  <circle r=\"9\" fill=\"red\"/>\n"
                + "  <use/>\n"
                + "  <foreignObject>\n"
                + "    <p xmlns=\"http://www.w3.org/1999/xhtml\"/>\n"
                + "  </foreignObject>\n"
                + "  <a><circle r=\"1\"/></a>\n"
                + "  <a href=\"https://example.org/\"><circle r=\"2\"/></a>\n"
                + "  <image href=\"data:image/png;base64,iVBORw0KGgo=\"/>\n"
                + "</svg>\n");
  }

  @Nested
  class Serialisation {
    @Test
    void keepsPrologCommentsDoctypeAndProcessingInstructionsVerbatim() {
      String svg =
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
              + "<!-- Created with a tool -->\n"
              + "<?xml-stylesheet href=\"style.css\" type=\"text/css\"?>\n"
              + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\""
              + " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
              + inSvg("<!--inner--><?app data?><g>\n</g>")
              + "\n";

      assertThat(sanitize(svg)).isEqualTo(svg);
    }

    @Test
    void reserialisesAttributesWithImgproxysQuoting() {
      assertThat(sanitize(inSvg("<rect  width = '10'\n\theight=20 title='say \"hi\"' y=\"it's\" />")))
          .isEqualTo(inSvg("<rect width=\"10\" height=\"20\" title='say \"hi\"' y=\"it's\"/>"));
    }

    @Test
    void keepsEmptyAndValuelessAttributesAsWritten() {
      assertThat(sanitize(inSvg("<g class=\"\" hidden data-x=''/>")))
          .isEqualTo(inSvg("<g class=\"\" hidden data-x=\"\"/>"));
    }

    @Test
    void writesChildlessElementsSelfClosedAndTidiesEndTags() {
      assertThat(sanitize(inSvg("<g></g><g> </g><text>t</text  >")))
          .isEqualTo(inSvg("<g/><g> </g><text>t</text>"));
    }

    @Test
    void preservesUnicodeEntitiesAndCdataUntouched() {
      String svg =
          inSvg(
              "<text xml:lang=\"ja\" aria-label=\"Grüße &amp; 日本\">Grüße 日本 🎉 &lt;&#x41;&nbsp;</text>"
                  + "<style><![CDATA[ text > tspan { fill: url(#g) } ]]></style>");

      assertThat(sanitize(svg)).isEqualTo(svg);
    }

    @Test
    void keepsNamespacedNamesAndDuplicateAttributesInOrder() {
      String svg = "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:g a=\"1\" a=\"2\"/></svg:svg>";

      assertThat(sanitize(svg)).isEqualTo(svg);
    }

    @Test
    void stripsAUtf8ByteOrderMark() {
      byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
      byte[] body = inSvg("<g/>").getBytes(StandardCharsets.UTF_8);
      byte[] input = new byte[bom.length + body.length];
      System.arraycopy(bom, 0, input, 0, bom.length);
      System.arraycopy(body, 0, input, bom.length, body.length);

      assertThat(SvgSanitizer.withDefaultLimit().sanitize(input)).isEqualTo(body);
    }

    @Test
    void transcodesUtf16WithAByteOrderMarkAndRewritesTheDeclaration() {
      String svg = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + inSvg("<text>Ωμέγα</text>");
      byte[] utf16 = svg.getBytes(StandardCharsets.UTF_16); // big-endian with a BOM

      byte[] out = SvgSanitizer.withDefaultLimit().sanitize(utf16);

      assertThat(new String(out, StandardCharsets.UTF_8))
          .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + inSvg("<text>Ωμέγα</text>"));
    }

    @Test
    void transcodesADeclaredLegacyEncodingToUtf8() {
      String svg = "<?xml version='1.0' encoding='ISO-8859-1'?>" + inSvg("<text>café €</text>");
      byte[] cp1252 = svg.getBytes(Charset.forName("windows-1252"));

      byte[] out = SvgSanitizer.withDefaultLimit().sanitize(cp1252);

      assertThat(new String(out, StandardCharsets.UTF_8))
          .isEqualTo("<?xml version='1.0' encoding=\"UTF-8\"?>" + inSvg("<text>café €</text>"));
    }

    @Test
    void refusesAnUnknownDeclaredEncoding() {
      assertRefused(
          "<?xml version=\"1.0\" encoding=\"x-no-such\"?>" + inSvg(""), ErrorKind.BROKEN_IMAGE);
    }

    @Test
    void closesElementsLeftOpenAtTheEndLikeImgproxy() {
      assertThat(sanitize(SVG_OPEN + "<g><rect/>")).isEqualTo(SVG_OPEN + "<g><rect/></g></svg>");
    }

    @Test
    void survivesVeryDeepNesting() {
      int depth = 200_000;
      String svg = SVG_OPEN + "<g>".repeat(depth) + "</g>".repeat(depth) + "</svg>";

      assertThat(sanitize(svg))
          .isEqualTo(SVG_OPEN + "<g>".repeat(depth - 1) + "<g/>" + "</g>".repeat(depth - 1) + "</svg>");
    }
  }

  @Nested
  class ElementRemoval {
    @Test
    void removesScriptWithItsContent() {
      assertThat(sanitize(inSvg("<g/><script type=\"text/javascript\">alert(1)</script><g/>")))
          .isEqualTo(inSvg("<g/><g/>"));
    }

    @Test
    void removesSelfClosingAndPrefixedAndUpperCaseScripts() {
      assertThat(
              sanitize(
                  inSvg(
                      "<script href=\"x.js\"/><svg:script>a()</svg:script>"
                          + "<SCRIPT>b()</SCRIPT><Script/>")))
          .isEqualTo(SVG_OPEN.replace(">", "/>"));
    }

    @Test
    void removesNestedScriptsAndLeavesEmptyParentsSelfClosed() {
      assertThat(sanitize(inSvg("<g><g><script><![CDATA[x()]]></script></g></g>")))
          .isEqualTo(inSvg("<g><g/></g>"));
    }

    @Test
    void removesIframeInsideForeignObject() {
      assertThat(
              sanitize(
                  inSvg(
                      "<foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\">"
                          + "<iframe src=\"https://evil.example/\"><p>x</p></iframe><p>ok</p>"
                          + "</body></foreignObject>")))
          .isEqualTo(
              inSvg(
                  "<foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"><p>ok</p>"
                      + "</body></foreignObject>"));
    }

    @Test
    void removesFormsWithEverythingInsideIncludingNestedRemovedElements() {
      assertThat(
              sanitize(
                  inSvg(
                      "<form action=\"javascript:alert(1)\"><input type=\"submit\"/>"
                          + "<form><script>x</script><!-- c --><?pi?></form>text</form>"
                          + "<iframe/><rect/>")))
          .isEqualTo(inSvg("<rect/>"));
    }

    @Test
    void stillChecksWellFormednessInsideRemovedElements() {
      assertRefused(inSvg("<script><g></script>"), ErrorKind.BROKEN_IMAGE);
    }

    @Test
    void keepsLookalikeElements() {
      String svg = inSvg("<scripts/><formula/><noscript/>");

      assertThat(sanitize(svg)).isEqualTo(svg);
    }
  }

  @Nested
  class EventAttributes {
    @Test
    void removesImgproxysListedHandlers() {
      assertThat(
              sanitize(
                  inSvg(
                      "<rect onclick=\"a()\" width=\"1\" onload=\"b()\" onmouseover='c()'"
                          + " onbegin=\"d()\" onfocusin=\"e()\"/>")))
          .isEqualTo(inSvg("<rect width=\"1\"/>"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"ONLOAD", "onLoad", "xlink:onload", "onscrollend", "onbeforetoggle", "on"})
    void removesAnyOnAttributeInAnyCaseOrNamespace(String attribute) {
      assertThat(sanitize(inSvg("<g " + attribute + "=\"alert(1)\" id=\"k\"/>")))
          .isEqualTo(inSvg("<g id=\"k\"/>"));
    }

    @Test
    void keepsAttributesThatMerelyContainOn() {
      String svg = inSvg("<stop offset=\"1\" opacity=\"0.5\" data-on=\"1\" button=\"x\"/>");

      assertThat(sanitize(svg)).isEqualTo(svg);
    }
  }

  @Nested
  class Limits {
    @Test
    void refusesASourceOverTheLimitAsInvalidSourceImage() {
      byte[] svg = inSvg("<g/>").getBytes(StandardCharsets.UTF_8);
      SvgSanitizer sanitizer = new SvgSanitizer(svg.length - 1);

      assertThatThrownBy(() -> sanitizer.sanitize(svg))
          .isInstanceOfSatisfying(
              ImageException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
                assertThat(e.status()).isEqualTo(422);
              });
    }

    @Test
    void acceptsASourceExactlyAtTheLimit() {
      byte[] svg = inSvg("<g/>").getBytes(StandardCharsets.UTF_8);

      assertThat(new SvgSanitizer(svg.length).sanitize(svg)).isEqualTo(svg);
    }

    @Test
    void defaultsToImgproxysTenMegabytes() {
      byte[] big = new byte[(int) SvgSanitizer.DEFAULT_MAX_BYTES + 1];

      assertThat(SvgSanitizer.withDefaultLimit().maxBytes()).isEqualTo(10L * 1024 * 1024);
      assertThatThrownBy(() -> SvgSanitizer.withDefaultLimit().sanitize(big))
          .isInstanceOfSatisfying(
              ImageException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE));
    }

    @Test
    void rejectsANonPositiveLimit() {
      assertThatThrownBy(() -> new SvgSanitizer(0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Malformed {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "<svg><g></svg>",
          "<svg></svg></svg>",
          "</svg>",
          "< svg/>",
          "<svg><!-- unterminated </svg>",
          "<svg><![CDATA[ unterminated </svg>",
          "<svg><![CDAT[x]]></svg>",
          "<svg a=\"unterminated/>",
          "<svg a=\"1\"",
          "<svg/ >",
          "<svg =\"1\"/>",
          "<!doctype svg><svg/>",
          "<!DOCTYPE svg <x>><svg/>",
          "<!DOCTYPE svg ]><svg/>",
          "<? x?><svg/>",
          "<?xml version=\"1.0\"<svg/>",
          "<svg/><",
          "<svg></svg:svg>",
        })
    void refusesAsBrokenImage(String svg) {
      assertRefused(svg, ErrorKind.BROKEN_IMAGE);
    }
  }
}
