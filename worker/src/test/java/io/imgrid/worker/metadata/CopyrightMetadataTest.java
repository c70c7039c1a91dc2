package io.imgrid.worker.metadata;

import static io.imgrid.worker.metadata.CopyrightMetadataTestData.XMP;
import static io.imgrid.worker.metadata.CopyrightMetadataTestData.iim;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyrightMetadataTest {
  @Test
  void xmpKeepsOnlyTheDublinCoreRightsProperties() {
    byte[] kept = CopyrightXmp.keep(XMP.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    String out = new String(kept, StandardCharsets.UTF_8);
    assertThat(out).startsWith("<?xpacket begin=").endsWith("<?xpacket end=\"w\"?>")
        .contains("(c) ACME", "Jane Doe", "ACME Press", "xml:lang=\"x-default\"")
        .doesNotContain("Secret title", "Camera", "Model X", "tiff:");
    assertThat(out.split("<dc:rights>", -1)).hasSize(2);
    // the result is itself a packet that keeps everything: kept again, it comes back unchanged
    assertThat(CopyrightXmp.keep(kept)).hasValueSatisfying(again -> assertThat(again).isEqualTo(kept));
  }

  @Test
  void xmpPropertiesOfEveryDescriptionAreKeptInTheirNamespace() {
    String two = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><r:RDF xmlns:r=\"" + CopyrightXmp.RDF
        + "\"><r:Description xmlns:d=\"" + CopyrightXmp.DC + "\"><d:rights>A &amp; B</d:rights>"
        + "<d:title>gone</d:title></r:Description><r:Description xmlns:p=\"" + CopyrightXmp.DC
        + "\" p:creator=\"Jo\"><p:contributor><r:Bag><r:li>Al</r:li></r:Bag></p:contributor>"
        + "<!-- c --></r:Description></r:RDF></x:xmpmeta>";
    String out = new String(CopyrightXmp.keep(two.getBytes(StandardCharsets.UTF_8)).orElseThrow(),
        StandardCharsets.UTF_8);
    assertThat(out).contains("A &amp; B", "<dc:creator>Jo</dc:creator>", "Al")
        .doesNotContain("gone", "<!--");
    assertThat(CopyrightXmp.keep(out.getBytes(StandardCharsets.UTF_8))).isPresent();

    String defaultNamespace = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><r:RDF xmlns:r=\""
        + CopyrightXmp.RDF + "\"><r:Description><rights xmlns=\"" + CopyrightXmp.DC
        + "\">(c) &lt;me&gt;</rights></r:Description></r:RDF></x:xmpmeta>";
    String kept = new String(CopyrightXmp.keep(defaultNamespace.getBytes(StandardCharsets.UTF_8))
        .orElseThrow(), StandardCharsets.UTF_8);
    assertThat(kept).contains("<rights xmlns=\"" + CopyrightXmp.DC + "\">(c) &lt;me&gt;</rights>");
  }

  @Test
  void xmpWithoutRightsOrNotParsingOrWithADoctypeKeepsNothing() {
    assertThat(CopyrightXmp.keep("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>".getBytes())).isEmpty();
    assertThat(CopyrightXmp.keep("<x/>".getBytes())).isEmpty();
    assertThat(CopyrightXmp.keep("<<not xml".getBytes())).isEmpty();
    String doctype = "<!DOCTYPE x [<!ENTITY e \"(c)\">]>" + XMP.substring(XMP.indexOf("<x:"));
    assertThat(CopyrightXmp.keep(doctype.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void iptcKeepsOnlyByLineCreditAndCopyrightInBothLayouts() {
    byte[] raw = CopyrightIptc.keep(iim()).orElseThrow();
    assertThat(Iptc.datasets(raw))
        .containsExactly("2:80=Jane Doe", "2:110=ACME Credit", "2:116=(c) ACME");

    byte[] app13 = CopyrightIptc.keep(Iptc.photoshop(iim())).orElseThrow();
    assertThat(Arrays.copyOf(app13, IptcDatasets.PHOTOSHOP.length))
        .isEqualTo(IptcDatasets.PHOTOSHOP);
    assertThat(Iptc.datasets(app13))
        .containsExactly("2:80=Jane Doe", "2:110=ACME Credit", "2:116=(c) ACME");
    assertThat(new String(app13, StandardCharsets.ISO_8859_1)).doesNotContain("thumb");
  }

  @Test
  void iptcWithoutTheDatasetsOrMalformedKeepsNothing() {
    assertThat(CopyrightIptc.keep(Iptc.dataset(2, 105, "Headline"))).isEmpty();
    byte[] truncated = Arrays.copyOf(iim(), iim().length - 3);
    assertThat(CopyrightIptc.keep(truncated)).isEmpty();
    byte[] block = Iptc.photoshop(iim());
    assertThat(CopyrightIptc.keep(Arrays.copyOf(block, block.length - 10))).isEmpty();
    assertThat(CopyrightIptc.keep(new byte[0])).isEmpty();
    assertThat(CopyrightIptc.keep(IptcDatasets.PHOTOSHOP)).isEmpty();
  }
}
