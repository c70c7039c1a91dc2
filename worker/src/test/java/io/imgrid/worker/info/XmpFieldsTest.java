package io.imgrid.worker.info;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.worker.metadata.CopyrightMetadataTestData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The XMP subset: simple properties and containers by prefix; nothing outside the packet. */
class XmpFieldsTest {
  private static Map<String, Map<String, Object>> read(String xmp) {
    return XmpFields.read(xmp.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void groupsPropertiesByPrefix() {
    Map<String, Map<String, Object>> m = read(CopyrightMetadataTestData.XMP);
    assertThat(m.get("dc")).containsEntry("creator", List.of("Jane Doe"))
        .containsEntry("rights", List.of("(c) ACME")).containsEntry("publisher", "ACME Press");
    assertThat(m.get("tiff")).containsEntry("Make", "Camera").containsEntry("Model", "Model X");
    assertThat(m).doesNotContainKeys("rdf", "x");
  }

  @Test
  void neverReadsEntitiesOrLeavesThePacket() {
    String hostile = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
        + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description"
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>&e;</dc:title>"
        + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    assertThat(read(hostile).toString()).doesNotContain("root:");
  }

  @Test
  void malformedPacketsKeepWhatWasRead() {
    assertThat(read("<x:xmpmeta")).isEmpty();
    assertThat(read("")).isEmpty();
    String cut = CopyrightMetadataTestData.XMP.substring(0, CopyrightMetadataTestData.XMP
        .indexOf("<tiff:Model>"));
    assertThat(read(cut).get("dc")).containsKey("creator");
  }
}
