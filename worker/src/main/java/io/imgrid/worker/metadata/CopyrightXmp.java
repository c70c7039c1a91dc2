package io.imgrid.worker.metadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code keep_copyright} for XMP: a minimal new packet holding only the source's {@code dc:rights},
 * {@code dc:creator}, {@code dc:contributor} and {@code dc:publisher} (imgproxy keeps these when
 * it strips metadata). Everything else in the packet (camera data, history, GPS, other
 * namespaces) is dropped.
 *
 * <p>The packet comes from the untrusted source, so a packet with a DOCTYPE, or one that is not
 * well-formed, keeps nothing, and nothing external is ever read. Properties written as attributes
 * of {@code rdf:Description} (the short form, for simple values) are kept as elements.
 *
 * <p>One streaming pass (StAX) from the source packet to the new one: a worker runs this on every
 * job whose source carries XMP, and a DOM plus an XSLT identity transform cost milliseconds of JIT
 * compilation and garbage per job that this does not.
 */
public final class CopyrightXmp {
  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String X = "adobe:ns:meta/";
  /** The Dublin Core properties kept. */
  static final Set<String> KEPT = Set.of("rights", "creator", "contributor", "publisher");

  private static final byte[] HEADER = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] TRAILER = "<?xpacket end=\"w\"?>".getBytes(StandardCharsets.UTF_8);

  /** The JDK's StAX factories are not safe to share between threads; one per worker thread. */
  private static final ThreadLocal<XMLInputFactory> INPUT =
      ThreadLocal.withInitial(CopyrightXmp::newInputFactory);

  private static final ThreadLocal<XMLOutputFactory> OUTPUT =
      ThreadLocal.withInitial(CopyrightXmp::newOutputFactory);

  private CopyrightXmp() {}

  /** The minimal packet, or empty when the source packet holds none of the kept properties. */
  public static Optional<byte[]> keep(byte[] xmp) {
    int end = xmp.length;
    while (end > 0 && xmp[end - 1] == 0) {
      end--; // some writers NUL-terminate the packet
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(256);
    XMLStreamReader in = null;
    try {
      in = INPUT.get().createXMLStreamReader(new ByteArrayInputStream(xmp, 0, end));
      XMLStreamWriter out = OUTPUT.get().createXMLStreamWriter(body, "UTF-8");
      out.writeStartElement("x", "xmpmeta", X);
      out.writeStartElement("rdf", "RDF", RDF);
      out.writeStartElement("rdf", "Description", RDF);
      out.writeAttribute("rdf", RDF, "about", "");
      out.writeNamespace("dc", DC);
      int kept = copyKept(in, out);
      out.writeEndDocument();
      out.close();
      if (kept == 0) {
        return Optional.empty();
      }
    } catch (XMLStreamException | RuntimeException e) {
      return Optional.empty(); // not well-formed, or a DOCTYPE: nothing is kept
    } finally {
      close(in);
    }
    ByteArrayOutputStream packet =
        new ByteArrayOutputStream(HEADER.length + body.size() + TRAILER.length);
    packet.writeBytes(HEADER);
    packet.writeBytes(body.toByteArray());
    packet.writeBytes(TRAILER);
    return Optional.of(packet.toByteArray());
  }

  /**
   * Reads the whole source packet and writes each kept property of every {@code rdf:Description}
   * (child elements as they are, attributes as elements); the number written.
   */
  private static int copyKept(XMLStreamReader in, XMLStreamWriter out)
      throws XMLStreamException {
    int kept = 0;
    Deque<Boolean> inDescription = new ArrayDeque<>(); // per open element: is it a Description
    while (in.hasNext()) {
      switch (in.next()) {
        case XMLStreamConstants.DTD -> throw new XMLStreamException("DOCTYPE in an XMP packet");
        case XMLStreamConstants.START_ELEMENT -> {
          boolean parentIsDescription = Boolean.TRUE.equals(inDescription.peek());
          if (parentIsDescription && isKept(in.getNamespaceURI(), in.getLocalName())) {
            copyElement(in, out);
            kept++;
            continue; // copyElement consumed the element's end
          }
          boolean description = RDF.equals(in.getNamespaceURI())
              && "Description".equals(in.getLocalName());
          if (description) {
            for (int i = 0; i < in.getAttributeCount(); i++) {
              if (isKept(in.getAttributeNamespace(i), in.getAttributeLocalName(i))) {
                out.writeStartElement("dc", in.getAttributeLocalName(i), DC);
                out.writeCharacters(in.getAttributeValue(i));
                out.writeEndElement();
                kept++;
              }
            }
          }
          inDescription.push(description);
        }
        case XMLStreamConstants.END_ELEMENT -> inDescription.pop();
        default -> { }
      }
    }
    return kept;
  }

  private static boolean isKept(String namespace, String localName) {
    return DC.equals(namespace) && KEPT.contains(localName);
  }

  /** Copies the element the reader is on, with its subtree, up to and including its end. */
  private static void copyElement(XMLStreamReader in, XMLStreamWriter out)
      throws XMLStreamException {
    int depth = 0;
    do {
      switch (in.getEventType()) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          out.writeStartElement(prefix(in.getPrefix()), in.getLocalName(), ns(in.getNamespaceURI()));
          for (int i = 0; i < in.getAttributeCount(); i++) {
            out.writeAttribute(prefix(in.getAttributePrefix(i)),
                ns(in.getAttributeNamespace(i)), in.getAttributeLocalName(i),
                in.getAttributeValue(i));
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          out.writeEndElement();
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA,
            XMLStreamConstants.SPACE -> out.writeCharacters(in.getText());
        default -> { } // comments and processing instructions are not copied
      }
      if (depth > 0) {
        in.next();
      }
    } while (depth > 0);
  }

  private static String prefix(String p) {
    return p == null ? "" : p;
  }

  private static String ns(String uri) {
    return uri == null ? "" : uri;
  }

  private static void close(XMLStreamReader in) {
    if (in != null) {
      try {
        in.close();
      } catch (XMLStreamException ignored) {
        // nothing to release beyond the byte array
      }
    }
  }

  private static XMLInputFactory newInputFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return f;
  }

  private static XMLOutputFactory newOutputFactory() {
    XMLOutputFactory f = XMLOutputFactory.newDefaultFactory();
    f.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true); // declares what copies use
    return f;
  }
}
