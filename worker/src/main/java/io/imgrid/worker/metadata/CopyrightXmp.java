package io.imgrid.worker.metadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * {@code keep_copyright} for XMP: a minimal new packet holding only the source's {@code dc:rights},
 * {@code dc:creator}, {@code dc:contributor} and {@code dc:publisher} (imgproxy keeps these when
 * it strips metadata). Everything else in the packet (camera data, history, GPS, other
 * namespaces) is dropped.
 *
 * <p>The packet comes from the untrusted source, so it is parsed with DOCTYPEs refused and no
 * external access; a packet that does not parse keeps nothing. Properties written as attributes
 * of {@code rdf:Description} (the short form, for simple values) are kept as elements.
 */
public final class CopyrightXmp {
  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String X = "adobe:ns:meta/";
  /** The Dublin Core properties kept. */
  static final Set<String> KEPT = Set.of("rights", "creator", "contributor", "publisher");

  /**
   * Building a JAXP factory, parser or transformer looks services up and costs milliseconds; a job
   * must not pay that. One configured parser and transformer per worker thread, reset after use.
   */
  private static final ThreadLocal<DocumentBuilder> BUILDER =
      ThreadLocal.withInitial(CopyrightXmp::newBuilder);

  private static final ThreadLocal<Transformer> TRANSFORMER =
      ThreadLocal.withInitial(CopyrightXmp::newTransformer);

  private CopyrightXmp() {}

  /** The minimal packet, or empty when the source packet holds none of the kept properties. */
  public static Optional<byte[]> keep(byte[] xmp) {
    Document source = parse(xmp);
    if (source == null) {
      return Optional.empty();
    }
    List<Node> kept = new ArrayList<>();
    List<String[]> attributes = new ArrayList<>();
    NodeList descriptions = source.getElementsByTagNameNS(RDF, "Description");
    for (int i = 0; i < descriptions.getLength(); i++) {
      Element d = (Element) descriptions.item(i);
      for (Node c = d.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c.getNodeType() == Node.ELEMENT_NODE && DC.equals(c.getNamespaceURI())
            && KEPT.contains(c.getLocalName())) {
          kept.add(c);
        }
      }
      for (String name : KEPT) {
        if (d.hasAttributeNS(DC, name)) {
          attributes.add(new String[] {name, d.getAttributeNS(DC, name)});
        }
      }
    }
    if (kept.isEmpty() && attributes.isEmpty()) {
      return Optional.empty();
    }
    try {
      Document out = builder().newDocument();
      Element meta = out.createElementNS(X, "x:xmpmeta");
      meta.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:x", X);
      Element rdf = out.createElementNS(RDF, "rdf:RDF");
      rdf.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rdf", RDF);
      Element description = out.createElementNS(RDF, "rdf:Description");
      description.setAttributeNS(RDF, "rdf:about", "");
      description.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:dc", DC);
      for (Node node : kept) {
        description.appendChild(out.importNode(node, true));
      }
      for (String[] a : attributes) {
        Element e = out.createElementNS(DC, "dc:" + a[0]);
        e.setTextContent(a[1]);
        description.appendChild(e);
      }
      rdf.appendChild(description);
      meta.appendChild(rdf);
      out.appendChild(meta);
      return Optional.of(serialise(out));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static byte[] serialise(Document doc) throws Exception {
    Transformer t = TRANSFORMER.get();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      t.transform(new DOMSource(doc), new StreamResult(body));
    } finally {
      t.reset();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    }
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.writeBytes("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
        .getBytes(StandardCharsets.UTF_8));
    packet.writeBytes(body.toByteArray());
    packet.writeBytes("<?xpacket end=\"w\"?>".getBytes(StandardCharsets.UTF_8));
    return packet.toByteArray();
  }

  /** The parsed packet, or null for anything that is not well-formed, DOCTYPE-free XML. */
  static Document parse(byte[] xmp) {
    int end = xmp.length;
    while (end > 0 && xmp[end - 1] == 0) {
      end--; // some writers NUL-terminate the packet
    }
    try {
      return builder().parse(new ByteArrayInputStream(xmp, 0, end));
    } catch (Exception e) {
      return null;
    }
  }

  private static DocumentBuilder builder() {
    DocumentBuilder b = BUILDER.get();
    b.reset();
    b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // silent: a bad packet is dropped
    return b;
  }

  private static Transformer newTransformer() {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      return t;
    } catch (javax.xml.transform.TransformerConfigurationException e) {
      throw new IllegalStateException("no XML transformer in this JDK", e);
    }
  }

  private static DocumentBuilder newBuilder() {
    try {
      return configuredFactory().newDocumentBuilder();
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IllegalStateException("no secure XML parser in this JDK", e);
    }
  }

  private static DocumentBuilderFactory configuredFactory()
      throws javax.xml.parsers.ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }
}
