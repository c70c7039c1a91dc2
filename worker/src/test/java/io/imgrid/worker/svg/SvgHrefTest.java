package io.imgrid.worker.svg;

import static io.imgrid.worker.svg.SvgSanitizerTest.inSvg;
import static io.imgrid.worker.svg.SvgSanitizerTest.sanitize;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** href / xlink:href rules per element, seen through the whole sanitizer. */
class SvgHrefTest {

  /** Sanitizes {@code <element attribute="value"/>} and tells whether the attribute survived. */
  private static boolean kept(String element, String attribute, String value) {
    String tag = "<" + element + " id=\"t\" " + attribute + "=\"" + value + "\"/>";
    String out = sanitize(inSvg(tag));
    if (out.equals(inSvg(tag))) {
      return true;
    }
    assertThat(out).isEqualTo(inSvg("<" + element + " id=\"t\"/>"));
    return false;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/",
        "http://example.com/a?b=1&amp;c=2",
        "HTTPS://EXAMPLE.COM/",
        " https://example.com/ ",
        "/absolute/path.svg",
        "relative/path.svg#frag",
        "//example.com/protocol-relative",
        "#fragment",
        "",
        "page?x=javascript:1",
        "dir/javascript:alert(1)",
        "1javascript:alert(1)",
      })
  void keepsSafeReferencesOnLinks(String href) {
    assertThat(kept("a", "href", href)).isTrue();
    assertThat(kept("a", "xlink:href", href)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "jAvAsCriPt:alert(1)",
        "  javascript:alert(1)",
        "&#10;javascript:alert(1)",
        "&#x20;javascript:alert(1)",
        "jav&#x61;script:alert(1)",
        "jav&#97;script:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "java&#9;script:alert(1)",
        "java&#x0A;script:alert(1)",
        "javascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
        "data:image/png;base64,AAAA",
        "mailto:someone@example.com",
        "ftp://example.com/file",
        "file:///etc/passwd",
      })
  void removesUnsafeReferencesOnLinks(String href) {
    assertThat(kept("a", "href", href)).isFalse();
    assertThat(kept("a", "xlink:href", href)).isFalse();
    assertThat(kept("g", "href", href)).isFalse();
  }

  @Test
  void removesJavascriptWithARealNewlineOrTabInTheAttribute() {
    assertThat(kept("a", "href", "\njavascript:alert(1)")).isFalse();
    assertThat(kept("a", "href", "java\tscript:alert(1)")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "data:image/png;base64,iVBORw0KGgo= | true",
        "DATA:image/gif;base64,R0lGOD==     | true",
        "https://example.com/a.png         | true",
        "images/a.png                      | true",
        "javascript:alert(1)               | false",
        "jav&#x61;script:alert(1)          | false",
        "vbscript:x                        | false",
      })
  void allowsDataOnImage(String href, boolean expected) {
    assertThat(kept("image", "href", href)).isEqualTo(expected);
    assertThat(kept("image", "xlink:href", href)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "#icon                             | true",
        "''                                | true",
        "sprite.svg#icon                   | false",
        "https://example.com/sprite.svg#i  | false",
        "data:image/svg+xml;base64,PHN2Zz4= | false",
        "&#35;icon                         | false",
      })
  void allowsOnlyInternalReferencesOnUse(String href, boolean expected) {
    assertThat(kept("use", "xlink:href", href)).isEqualTo(expected);
    assertThat(kept("use", "href", href)).isEqualTo(expected);
  }

  @Test
  void appliesTheStrictRuleToElementsOnlyNamedLikeImageOrUse() {
    assertThat(kept("IMAGE", "href", "data:image/png;base64,AA")).isFalse();
    assertThat(kept("svg:image", "href", "data:image/png;base64,AA")).isTrue();
    assertThat(kept("feImage", "href", "data:image/png;base64,AA")).isFalse();
  }

  @Test
  void seesThroughPlainTextEntitiesDeclaredInTheDoctype() {
    String doctype = "<!DOCTYPE svg [ <!ENTITY js \"javascript\"> <!ENTITY site \"https\"> ]>";
    String svg = doctype + inSvg("<a href=\"&js;:alert(1)\"/><a href=\"&site;://ok.example/\"/>");

    assertThat(sanitize(svg))
        .isEqualTo(doctype + inSvg("<a/><a href=\"&site;://ok.example/\"/>"));
  }

  @Test
  void removesAnUnknownEntityWhereTheSchemeWouldBe() {
    assertThat(kept("a", "href", "&unknown;:alert(1)")).isFalse();
    assertThat(kept("a", "href", "https://example.com/?q=&unknown;")).isTrue();
  }

  @Test
  void checksAnimationsThatRetargetAnHref() {
    assertThat(
            sanitize(
                inSvg(
                    "<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/>"
                        + "<animate attributeName=\"xlink:href\" values=\"#a;jav&#x61;script:x\""
                        + " from=\"#a\" dur=\"1s\"/>"
                        + "<animate attributeName=\"x\" to=\"javascript:1\"/></a>")))
        .isEqualTo(
            inSvg(
                "<a><set attributeName=\"href\"/>"
                    + "<animate attributeName=\"xlink:href\" from=\"#a\" dur=\"1s\"/>"
                    + "<animate attributeName=\"x\" to=\"javascript:1\"/></a>"));
  }
}
