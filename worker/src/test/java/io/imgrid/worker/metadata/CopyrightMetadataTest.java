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
    // the result is itself a packet the parser reads, with the properties in the DC namespace
    assertThat(CopyrightXmp.parse(out.getBytes(StandardCharsets.UTF_8))
        .getElementsByTagNameNS(CopyrightXmp.DC, "rights").getLength()).isEqualTo(1);
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
    assertThat(Arrays.copyOf(app13, CopyrightIptc.PHOTOSHOP.length))
        .isEqualTo(CopyrightIptc.PHOTOSHOP);
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
    assertThat(CopyrightIptc.keep(CopyrightIptc.PHOTOSHOP)).isEmpty();
  }
}
