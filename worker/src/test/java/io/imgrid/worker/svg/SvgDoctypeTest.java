package io.imgrid.worker.svg;

import static io.imgrid.worker.svg.SvgSanitizerTest.assertRefused;
import static io.imgrid.worker.svg.SvgSanitizerTest.inSvg;
import static io.imgrid.worker.svg.SvgSanitizerTest.sanitize;
import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XXE, entity bombs and what a DOCTYPE may carry. Nothing is ever expanded or fetched. */
class SvgDoctypeTest {

  @Test
  void keepsIllustratorStyleNamespaceEntitiesVerbatim() {
    String svg =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\""
            + " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n"
            + "\t<!ENTITY ns_extend \"http://ns.adobe.com/Extensibility/1.0/\">\n"
            + "\t<!-- a comment, with 'quotes' -->\n"
            + "\t<!ENTITY st0 'fill:#FFFFFF;'>\n"
            + "]>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:x=\"&ns_extend;\">"
            + "<rect style=\"&st0;\"/></svg>\n";

    assertThat(sanitize(svg)).isEqualTo(svg);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">",
        "<!ENTITY xxe PUBLIC \"-//x//y\" \"http://127.0.0.1/evil.dtd\">",
        "<!ENTITY % pe SYSTEM \"http://127.0.0.1/evil.dtd\"> %pe;",
        "<!ENTITY x \"<script>alert(1)</script>\">",
        "<!ENTITY x \"&#60;script&#62;alert(1)&#60;/script&#62;\">",
        "<!ENTITY a \"ha\"><!ENTITY b \"&a;&a;\">",
        "<!ATTLIST svg onload CDATA \"alert(1)\">",
        "<!ELEMENT svg ANY>",
        "<!NOTATION n SYSTEM \"x\">",
        "<?pi in subset?>",
        "%pe;",
        "<!ENTITY x \"unterminated>",
      })
  void refusesAnyOtherInternalSubset(String declaration) {
    assertRefused("<!DOCTYPE svg [" + declaration + "]>" + inSvg("<text>&x;</text>"),
        ErrorKind.BROKEN_IMAGE);
  }

  @Test
  void refusesXxeWithoutReadingTheFile() {
    String svg =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + inSvg("<text>&xxe;</text>");

    assertRefused(svg, ErrorKind.BROKEN_IMAGE);
  }

  @Test
  @Timeout(5)
  void refusesBillionLaughsAtOnce() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE svg [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10));
      dtd.append("\">");
    }
    dtd.append("]>");

    assertRefused(dtd + inSvg("<text>&lol9;</text>"), ErrorKind.BROKEN_IMAGE);
  }

  @Test
  void passesUndeclaredReferencesThroughUnexpanded() {
    String svg = inSvg("<text a=\"&lol9;\">&lol9;&xxe;</text>");

    assertThat(sanitize(svg)).isEqualTo(svg);
  }

  @Test
  void keepsADoctypeWithoutInternalSubsetOrWithAnEmptyOne() {
    String plain = "<!DOCTYPE svg SYSTEM \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">";
    String empty = "<!DOCTYPE svg [ ]>";

    assertThat(sanitize(plain + inSvg("<g/>"))).isEqualTo(plain + inSvg("<g/>"));
    assertThat(sanitize(empty + inSvg("<g/>"))).isEqualTo(empty + inSvg("<g/>"));
  }

  @Test
  @Timeout(10)
  void handlesAHugeFlatDocumentInLinearTime() {
    String svg = inSvg("<rect width=\"1\" onclick=\"x()\"/>".repeat(200_000));
    long startNanos = System.nanoTime();

    String out = sanitize(svg);

    assertThat(out).isEqualTo(inSvg("<rect width=\"1\"/>".repeat(200_000)));
    assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(5));
  }
}
