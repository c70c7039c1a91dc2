package io.imgrid.worker.info;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The XMP subset {@code /info} answers with, in imgproxy Pro's shape: properties grouped by their
 * namespace prefix ({@code {"dc": {"creator": ["..."]}, "photoshop": {...}}}); a simple property
 * (an attribute of {@code rdf:Description} or a text element) as its text, an
 * {@code rdf:Seq}/{@code rdf:Bag}/{@code rdf:Alt} as the list of its items' texts. Structured
 * values (nested resources) are left out. The parser resolves no entities and no DTD, so a
 * hostile packet cannot reach outside it; a malformed packet answers what was read before the
 * error.
 */
final class XmpFields {
  private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  private static final int MAX_PROPERTIES = 1_000;
  private static final ThreadLocal<XMLInputFactory> INPUT =
      ThreadLocal.withInitial(XmpFields::newInputFactory);

  private XmpFields() {}

  static Map<String, Map<String, Object>> read(byte[] xmp) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    XMLStreamReader in = null;
    try {
      in = INPUT.get().createXMLStreamReader(new ByteArrayInputStream(xmp));
      int count = 0;
      while (in.hasNext() && count < MAX_PROPERTIES) {
        if (in.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (RDF.equals(in.getNamespaceURI()) && "Description".equals(in.getLocalName())) {
          for (int i = 0; i < in.getAttributeCount(); i++) {
            String prefix = in.getAttributePrefix(i);
            if (prefix != null && !prefix.isEmpty() && !RDF.equals(in.getAttributeNamespace(i))) {
              put(out, prefix, in.getAttributeLocalName(i), in.getAttributeValue(i));
              count++;
            }
          }
        } else if (!RDF.equals(in.getNamespaceURI()) && in.getPrefix() != null
            && !in.getPrefix().isEmpty() && !"x".equals(in.getPrefix())) {
          String prefix = in.getPrefix();
          String name = in.getLocalName();
          Object value = property(in);
          if (value != null) {
            put(out, prefix, name, value);
            count++;
          }
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      // what was read before the error stands
    } finally {
      if (in != null) {
        try {
          in.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
    return out;
  }

  /**
   * The value of the property element the reader is on: its text, or its container's items;
   * null for a structured value. Leaves the reader on the property's end element.
   */
  private static Object property(XMLStreamReader in) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    List<String> items = null;
    boolean structured = false;
    int depth = 1;
    while (depth > 0 && in.hasNext()) {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (RDF.equals(in.getNamespaceURI()) && "li".equals(in.getLocalName())) {
          items = items == null ? new ArrayList<>() : items;
          items.add(in.getElementText().trim());
          depth--;
        } else if (!RDF.equals(in.getNamespaceURI())) {
          structured = true;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        text.append(in.getText());
      }
    }
    if (structured) {
      return null;
    }
    if (items != null) {
      return items;
    }
    String t = text.toString().trim();
    return t.isEmpty() ? null : t;
  }

  private static void put(Map<String, Map<String, Object>> out, String prefix, String name,
      Object value) {
    out.computeIfAbsent(prefix, k -> new LinkedHashMap<>()).putIfAbsent(name, value);
  }

  private static XMLInputFactory newInputFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return f;
  }
}
