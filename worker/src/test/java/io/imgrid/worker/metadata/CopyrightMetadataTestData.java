package io.imgrid.worker.metadata;

/** An XMP packet and IPTC datasets with copyright fields and others, for the tests. */
public final class CopyrightMetadataTestData {
  private CopyrightMetadataTestData() {}

  public static final String XMP = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
      + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF"
      + " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
      + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
      + " xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" tiff:Make=\"Camera\""
      + " dc:publisher=\"ACME Press\">"
      + "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">(c) ACME</rdf:li></rdf:Alt></dc:rights>"
      + "<dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>"
      + "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Secret title</rdf:li></rdf:Alt></dc:title>"
      + "<tiff:Model>Model X</tiff:Model>"
      + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";

  public static byte[] iim() {
    return Iptc.concat(Iptc.dataset(1, 90, "\u001b%G"), Iptc.dataset(2, 5, "Object name"),
        Iptc.dataset(2, 80, "Jane Doe"), Iptc.dataset(2, 105, "Headline"),
        Iptc.dataset(2, 110, "ACME Credit"), Iptc.dataset(2, 116, "(c) ACME"),
        Iptc.dataset(2, 25, "keyword"));
  }
}
