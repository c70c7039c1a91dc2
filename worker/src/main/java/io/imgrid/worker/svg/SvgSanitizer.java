package io.imgrid.worker.svg;

import io.imgrid.shared.error.ImageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * imgproxy's SVG sanitizer ({@code IMGPROXY_SANITIZE_SVG=true}), byte-compatible: the SVG→SVG
 * passthrough result is the source with {@code <script>}, {@code <iframe>} and {@code <form>}
 * removed (with their content), every {@code on*} attribute removed and unsafe {@code href}/{@code
 * xlink:href} values removed (see {@link SvgRules}, {@link HrefPolicy}).
 *
 * <p>Everything else is re-serialised the way imgproxy's {@code xmlparser} writes its tree: text,
 * comments, CDATA, DOCTYPE and processing instructions verbatim; entities untouched; attributes
 * in source order as {@code  name="value"} (single quotes when the value holds a double quote),
 * whitespace inside tags collapsed; an element left without children written as {@code <x/>}.
 * Output is always UTF-8 (a UTF-16/32 source or a declared legacy encoding is transcoded and the
 * declaration rewritten, as imgproxy does).
 *
 * <p>Deliberate differences from imgproxy, each only on unusual or hostile input: an attribute
 * written {@code a=""} stays {@code a=""} (imgproxy writes a bare {@code a}, which is not XML); the
 * stricter href, event and animation rules of {@link SvgRules}/{@link HrefPolicy}; a DOCTYPE
 * internal subset with anything but plain-text entities is refused ({@link DoctypePolicy}).
 * Like imgproxy, elements still open at the end of the input are closed.
 *
 * <p>Safe by construction against XML attacks: nothing is resolved, expanded or fetched. The work
 * is one pass, linear in the input; the output is written while reading (an element's {@code >}
 * is only held back until its first kept child), and open elements live on an explicit stack, so
 * deep nesting cannot overflow the Java stack. Instances are immutable and thread-safe.
 */
public final class SvgSanitizer {
  /** imgproxy's (libvips') SVG size limit, 10 MiB, kept unless {@code IMGPROXY_SVG_UNLIMITED}. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  private final long maxBytes;

  /**
   * @param maxBytes the largest source accepted, in bytes; {@code Long.MAX_VALUE} for none
   */
  public SvgSanitizer(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes <= 0: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** A sanitizer with imgproxy's default 10 MiB limit. */
  public static SvgSanitizer withDefaultLimit() {
    return new SvgSanitizer(DEFAULT_MAX_BYTES);
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Sanitizes an SVG document.
   *
   * @param svg the source bytes (not modified)
   * @return the sanitized document, UTF-8
   * @throws ImageException 422 {@code INVALID_SOURCE_IMAGE} when {@code svg} is larger than the
   *     limit; 422 {@code BROKEN_IMAGE} for malformed XML or a refused DOCTYPE
   */
  public byte[] sanitize(byte[] svg) {
    if (svg.length > maxBytes) {
      throw ImageException.invalidSource(
          "SVG is " + svg.length + " bytes, over the " + maxBytes + " byte limit");
    }
    return new Run(svg).sanitize();
  }

  /** One sanitizing pass: the tokenizer, the output and the stack of open elements. */
  private static final class Run {
    private final XmlTokenizer tokens;
    private final ByteArrayOutputStream out;
    private final Deque<Open> open = new ArrayDeque<>();
    private final Map<String, String> entities = new HashMap<>();
    /** How many of the open elements are inside (or are) a removed element. */
    private int removedDepth;

    Run(byte[] svg) {
      this.tokens = new XmlTokenizer(svg);
      this.out = new ByteArrayOutputStream(svg.length);
    }

    byte[] sanitize() {
      XmlTokenKind kind;
      while ((kind = tokens.next()) != null) {
        switch (kind) {
          case START_TAG:
            startTag();
            break;
          case END_TAG:
            endTag();
            break;
          case DOCTYPE:
            for (Map.Entry<String, String> e :
                DoctypePolicy.check(tokens.buffer(), tokens.start(), tokens.end()).entrySet()) {
              entities.putIfAbsent(e.getKey(), e.getValue());
            }
            writeLeaf("<!DOCTYPE", ">");
            break;
          case COMMENT:
            writeLeaf("<!--", "-->");
            break;
          case CDATA:
            writeLeaf("<![CDATA[", "]]>");
            break;
          case TEXT:
            writeLeaf("", "");
            break;
          case PROC_INST:
            procInst();
            break;
          default:
            throw new IllegalStateException("unknown token " + kind);
        }
      }
      while (!open.isEmpty()) {
        close(open.pop());
      }
      return out.toByteArray();
    }

    private void startTag() {
      String name = tokens.name();
      boolean removed = removedDepth > 0 || SvgRules.isRemovedElement(name);
      if (!removed) {
        childOfTop();
        writeAscii("<");
        writeName(name);
        List<XmlAttribute> kept = SvgRules.keptAttributes(name, tokens.attributes(), entities);
        for (XmlAttribute attr : kept) {
          writeAttribute(attr);
        }
        if (tokens.selfClosing()) {
          writeAscii("/>");
        }
      }
      if (!tokens.selfClosing()) {
        open.push(new Open(name, !removed));
        if (removed) {
          removedDepth++;
        }
      }
    }

    private void endTag() {
      String name = tokens.name();
      Open top = open.peek();
      if (top == null) {
        throw ImageException.broken(
            "malformed SVG: closing tag </" + name + "> while no element is open", null);
      }
      if (!top.name.equals(name)) {
        throw ImageException.broken(
            "malformed SVG: closing tag </" + name + "> for open <" + top.name + ">", null);
      }
      close(open.pop());
    }

    private void close(Open element) {
      if (!element.kept) {
        removedDepth--;
      } else if (element.startTagPending) {
        writeAscii("/>");
      } else {
        writeAscii("</");
        writeName(element.name);
        writeAscii(">");
      }
    }

    private void procInst() {
      if (removedDepth > 0) {
        return;
      }
      childOfTop();
      writeAscii("<?");
      writeName(tokens.piTarget());
      byte[] data = tokens.piData();
      if (data.length > 0) {
        if (!XmlTokenizer.isSpace(data[0])) {
          writeAscii(" ");
        }
        out.write(data, 0, data.length);
      }
      writeAscii("?>");
    }

    /** Writes a text-like token: its delimiters around the raw content. */
    private void writeLeaf(String before, String after) {
      if (removedDepth > 0) {
        return;
      }
      childOfTop();
      writeAscii(before);
      out.write(tokens.buffer(), tokens.start(), tokens.end() - tokens.start());
      writeAscii(after);
    }

    /** A kept child is about to be written: the parent's start tag gets its {@code >}. */
    private void childOfTop() {
      Open parent = open.peek();
      if (parent != null && parent.startTagPending) {
        writeAscii(">");
        parent.startTagPending = false;
      }
    }

    private void writeAttribute(XmlAttribute attr) {
      writeAscii(" ");
      writeName(attr.name());
      if (!attr.hasValue()) {
        return;
      }
      byte[] value = attr.rawValue();
      String quote = indexOf(value, (byte) '"') >= 0 ? "'" : "\"";
      writeAscii("=");
      writeAscii(quote);
      out.write(value, 0, value.length);
      writeAscii(quote);
    }

    private void writeName(String name) {
      byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
      out.write(bytes, 0, bytes.length);
    }

    private void writeAscii(String s) {
      for (int i = 0; i < s.length(); i++) {
        out.write(s.charAt(i));
      }
    }

    private static int indexOf(byte[] bytes, byte b) {
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == b) {
          return i;
        }
      }
      return -1;
    }
  }

  /** An element whose end tag has not been read yet. */
  private static final class Open {
    final String name;
    final boolean kept;
    /** Its start tag is written up to the attributes; {@code >} or {@code />} is still due. */
    boolean startTagPending;

    Open(String name, boolean kept) {
      this.name = name;
      this.kept = kept;
      this.startTagPending = kept;
    }
  }
}
