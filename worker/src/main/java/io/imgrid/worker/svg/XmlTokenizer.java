package io.imgrid.worker.svg;

import io.imgrid.shared.error.ImageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small pull tokenizer over raw XML bytes that keeps what imgproxy's {@code xmlparser} keeps, so
 * the sanitized bytes can match imgproxy's byte for byte. The JDK's StAX cannot do this: it
 * decodes entities, forgets attribute quoting and normalises whitespace.
 *
 * <p>It accepts exactly what imgproxy's decoder accepts (a lenient, non-validating grammar):
 * text is everything up to the next {@code <}; names are runs of {@code [A-Za-z0-9_:.-]} or any
 * non-ASCII byte; attribute values may be double-, single- or un-quoted; a valueless attribute is
 * allowed. Anything else after {@code <} is a syntax error, reported as a 422 "broken image".
 *
 * <p>No DTD is ever read, no entity is ever expanded and nothing is fetched: entity references
 * stay as bytes in text and attribute values. XXE and entity-expansion bombs therefore cannot
 * happen here; what a DOCTYPE may carry is decided by {@link DoctypePolicy}.
 *
 * <p>The only transformation is imgproxy's: a UTF-16/32 byte-order mark, or a non-UTF-8 encoding
 * in the {@code <?xml?>} declaration, transcodes the rest of the input to UTF-8 (see
 * {@link XmlEncoding}). Work and memory are linear in the input size.
 */
final class XmlTokenizer {
  private static final byte[] COMMENT_START = ascii("<!--");
  private static final byte[] COMMENT_END = ascii("-->");
  private static final byte[] CDATA_START = ascii("<![CDATA[");
  private static final byte[] CDATA_END = ascii("]]>");
  private static final byte[] DOCTYPE_START = ascii("<!DOCTYPE");
  private static final byte[] PROC_INST_END = ascii("?>");

  private byte[] buf;
  private int pos;

  private int start;
  private int end;
  private String name;
  private List<XmlAttribute> attributes = List.of();
  private boolean selfClosing;
  private String piTarget;
  private byte[] piData;

  XmlTokenizer(byte[] input) {
    this.buf = XmlEncoding.fromByteOrderMark(input);
  }

  /** Reads the next token and returns its kind, or {@code null} at the end of the input. */
  XmlTokenKind next() {
    if (pos >= buf.length) {
      return null;
    }
    if (buf[pos] != '<') {
      start = pos;
      pos = indexOf((byte) '<', pos);
      end = pos;
      return XmlTokenKind.TEXT;
    }
    // Any valid markup has at least two bytes after '<' (imgproxy peeks three).
    if (pos + 3 > buf.length) {
      throw syntax("unexpected EOF");
    }
    byte b1 = buf[pos + 1];
    byte b2 = buf[pos + 2];
    if (b1 == '/') {
      return readEndTag();
    }
    if (b1 == '?') {
      return readProcInst();
    }
    if (b1 == '!' && b2 == '-') {
      return readDelimited(COMMENT_START, COMMENT_END, XmlTokenKind.COMMENT);
    }
    if (b1 == '!' && b2 == '[') {
      return readDelimited(CDATA_START, CDATA_END, XmlTokenKind.CDATA);
    }
    if (b1 == '!') {
      return readDoctype();
    }
    return readStartTag();
  }

  /** The input currently being tokenized (it changes after an encoding switch). */
  byte[] buffer() {
    return buf;
  }

  /** Start of the current TEXT, COMMENT, CDATA or DOCTYPE content, without its delimiters. */
  int start() {
    return start;
  }

  /** End (exclusive) of the current token's content. */
  int end() {
    return end;
  }

  /** The qualified name of the current START_TAG or END_TAG, bytes as Latin-1 chars. */
  String name() {
    return name;
  }

  List<XmlAttribute> attributes() {
    return attributes;
  }

  boolean selfClosing() {
    return selfClosing;
  }

  /** The target of the current PROC_INST, bytes as Latin-1 chars. */
  String piTarget() {
    return piTarget;
  }

  /** Everything between the PROC_INST target and {@code ?>}, after any encoding rewrite. */
  byte[] piData() {
    return piData;
  }

  /** The part after the first colon of a qualified name, the whole name when it has none. */
  static String localPart(String qualifiedName) {
    int colon = qualifiedName.indexOf(':');
    return colon < 0 ? qualifiedName : qualifiedName.substring(colon + 1);
  }

  private XmlTokenKind readStartTag() {
    pos++;
    name = readName("expected name after <");
    List<XmlAttribute> attrs = new ArrayList<>();
    selfClosing = false;
    while (true) {
      skipSpaces();
      byte b = mustRead();
      if (b == '/') {
        if (mustRead() != '>') {
          throw syntax("expected '>' at the end of self-closing tag");
        }
        selfClosing = true;
        break;
      }
      if (b == '>') {
        break;
      }
      pos--;
      String attrName = readName("expected attribute name");
      skipSpaces();
      if (mustRead() != '=') {
        pos--;
        attrs.add(new XmlAttribute(attrName, new byte[0], false));
        continue;
      }
      skipSpaces();
      attrs.add(new XmlAttribute(attrName, readAttrValue(), true));
    }
    attributes = attrs;
    return XmlTokenKind.START_TAG;
  }

  private byte[] readAttrValue() {
    byte quote = mustRead();
    if (quote == '"' || quote == '\'') {
      int close = indexOf(quote, pos);
      if (close >= buf.length) {
        throw syntax("unexpected EOF in attribute value");
      }
      byte[] value = slice(pos, close);
      pos = close + 1;
      return value;
    }
    pos--;
    int from = pos;
    while (pos < buf.length && isUnquotedValueByte(buf[pos])) {
      pos++;
    }
    if (pos >= buf.length) {
      throw syntax("unexpected EOF in attribute value");
    }
    return slice(from, pos);
  }

  private XmlTokenKind readEndTag() {
    pos += 2;
    name = readName("expected name after </");
    skipSpaces();
    if (mustRead() != '>') {
      throw syntax("expected '>' at the end of end element");
    }
    return XmlTokenKind.END_TAG;
  }

  private XmlTokenKind readProcInst() {
    pos += 2;
    piTarget = readName("expected target name after <?");
    int close = indexOf(PROC_INST_END, pos);
    if (close < 0) {
      throw syntax("unexpected EOF in processing instruction");
    }
    byte[] data = slice(pos, close);
    pos = close + PROC_INST_END.length;
    if (piTarget.equals("xml")) {
      XmlEncoding.Switch sw = XmlEncoding.fromDeclaration(data);
      if (sw != null) {
        data = sw.rewrittenDeclaration();
        if (sw.charset() != null) {
          buf = XmlEncoding.transcode(buf, pos, sw.charset());
          pos = 0;
        }
      }
    }
    piData = data;
    return XmlTokenKind.PROC_INST;
  }

  private XmlTokenKind readDelimited(byte[] open, byte[] close, XmlTokenKind kind) {
    if (!startsWith(open, pos)) {
      throw syntax("invalid sequence after <!");
    }
    start = pos + open.length;
    end = indexOf(close, start);
    if (end < 0) {
      throw syntax("unexpected EOF in " + kind.name().toLowerCase(java.util.Locale.ROOT));
    }
    pos = end + close.length;
    return kind;
  }

  /** Reads up to the closing '>' tracking quotes and one level of brackets, as imgproxy does. */
  private XmlTokenKind readDoctype() {
    if (!startsWith(DOCTYPE_START, pos)) {
      throw syntax("invalid sequence <! not part of <!DOCTYPE, <!--, or <![CDATA[");
    }
    pos += DOCTYPE_START.length;
    start = pos;
    byte inQuote = 0;
    boolean inBrackets = false;
    while (true) {
      byte b = mustRead();
      if (inQuote != 0) {
        if (b == inQuote) {
          inQuote = 0;
        }
      } else if (b == '"' || b == '\'') {
        inQuote = b;
      } else if (b == ']') {
        if (!inBrackets) {
          throw syntax("unexpected ']' in DOCTYPE");
        }
        inBrackets = false;
      } else if (b == '[') {
        if (inBrackets) {
          throw syntax("nested '[' in DOCTYPE");
        }
        inBrackets = true;
      } else if (!inBrackets && b == '<') {
        throw syntax("unexpected '<' in DOCTYPE");
      } else if (!inBrackets && b == '>') {
        end = pos - 1;
        return XmlTokenKind.DOCTYPE;
      }
    }
  }

  private String readName(String error) {
    int from = pos;
    while (pos < buf.length && isNameByte(buf[pos])) {
      pos++;
    }
    if (pos >= buf.length) {
      throw syntax("unexpected EOF");
    }
    if (pos == from) {
      throw syntax(error);
    }
    return new String(buf, from, pos - from, StandardCharsets.ISO_8859_1);
  }

  private void skipSpaces() {
    while (pos < buf.length && isSpace(buf[pos])) {
      pos++;
    }
    if (pos >= buf.length) {
      throw syntax("unexpected EOF");
    }
  }

  private byte mustRead() {
    if (pos >= buf.length) {
      throw syntax("unexpected EOF");
    }
    return buf[pos++];
  }

  private int indexOf(byte b, int from) {
    for (int i = from; i < buf.length; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return buf.length;
  }

  private int indexOf(byte[] needle, int from) {
    for (int i = from; i + needle.length <= buf.length; i++) {
      if (startsWith(needle, i)) {
        return i;
      }
    }
    return -1;
  }

  private boolean startsWith(byte[] prefix, int at) {
    if (at + prefix.length > buf.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private byte[] slice(int from, int to) {
    byte[] out = new byte[to - from];
    System.arraycopy(buf, from, out, 0, out.length);
    return out;
  }

  private ImageException syntax(String message) {
    return ImageException.broken("SVG XML syntax error at byte " + pos + ": " + message, null);
  }

  static boolean isSpace(byte b) {
    return b == ' ' || b == '\r' || b == '\n' || b == '\t';
  }

  /** A byte of an XML name: ASCII letters, digits, {@code _ : . -}, or any non-ASCII byte. */
  static boolean isNameByte(byte b) {
    return b < 0 // any non-ASCII byte
        || (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '_'
        || b == ':'
        || b == '.'
        || b == '-';
  }

  private static boolean isUnquotedValueByte(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '_'
        || b == ':'
        || b == '-';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
