package io.imgrid.worker.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sanitizing rules, separate from parsing and writing: which elements go (with everything
 * inside them) and which attributes go. Names are compared by local part, so a prefix such as
 * {@code svg:script} or {@code xlink:href} changes nothing.
 *
 * <p>imgproxy's rules, with three deliberate widenings that only ever remove more, never keep
 * more, and change nothing for ordinary files:
 *
 * <ul>
 *   <li>element names match case-insensitively ({@code <SCRIPT>} is inert in XML but not when
 *       the markup ends up inlined into HTML);
 *   <li>every attribute whose local name starts with {@code on} goes, not just the 110 names of
 *       imgproxy's {@code unsafe_attrs.go}: browsers keep adding events ({@code onscrollend},
 *       {@code onbeforetoggle}, …) and SVG defines no other attribute starting with {@code on};
 *   <li>{@code <set>}/{@code <animate>} targeting {@code href} have their {@code to}, {@code
 *       from}, {@code by} and {@code values} checked like an href, since they can animate a link
 *       into {@code javascript:}.
 * </ul>
 */
final class SvgRules {
  private static final Set<String> REMOVED_ELEMENTS = Set.of("script", "iframe", "form");
  private static final Set<String> ANIMATIONS = Set.of("set", "animate");
  private static final Set<String> ANIMATION_VALUES = Set.of("to", "from", "by", "values");

  private SvgRules() {}

  /** Whether the element, and everything inside it, is dropped. */
  static boolean isRemovedElement(String qualifiedName) {
    return REMOVED_ELEMENTS.contains(lower(XmlTokenizer.localPart(qualifiedName)));
  }

  /** The attributes of a kept element that may stay, in their original order. */
  static List<XmlAttribute> keptAttributes(
      String elementName, List<XmlAttribute> attributes, Map<String, String> entities) {
    String element = XmlTokenizer.localPart(elementName);
    boolean hrefAnimation = ANIMATIONS.contains(element) && animatesHref(attributes);
    List<XmlAttribute> kept = new ArrayList<>(attributes.size());
    for (XmlAttribute attr : attributes) {
      String local = lower(attr.localName());
      if (local.startsWith("on")) {
        continue;
      }
      if (local.equals("href") && !isSafeHref(element, attr, entities)) {
        continue;
      }
      if (hrefAnimation && ANIMATION_VALUES.contains(local) && !isSafeAnimation(attr, entities)) {
        continue;
      }
      kept.add(attr);
    }
    return kept;
  }

  /**
   * {@code <use>} may only point inside the document (imgproxy checks the raw value); {@code
   * <image>} may also embed {@code data:}; anything else gets http(s) or relative references.
   * The element names are matched exactly here, so the lenient rules never apply by accident.
   */
  private static boolean isSafeHref(
      String element, XmlAttribute attr, Map<String, String> entities) {
    if (element.equals("use")) {
      byte[] raw = attr.rawValue();
      return raw.length == 0 || raw[0] == '#';
    }
    Set<String> schemes = element.equals("image") ? HrefPolicy.IMAGE_SCHEMES : HrefPolicy.SCHEMES;
    return HrefPolicy.isSafe(attr.rawText(), schemes, entities);
  }

  private static boolean animatesHref(List<XmlAttribute> attributes) {
    for (XmlAttribute attr : attributes) {
      if (lower(attr.localName()).equals("attributename")) {
        String target = HrefPolicy.decode(attr.rawText(), Map.of()).trim();
        if (lower(XmlTokenizer.localPart(target)).equals("href")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isSafeAnimation(XmlAttribute attr, Map<String, String> entities) {
    String decoded = HrefPolicy.decode(attr.rawText(), entities);
    for (String value : decoded.split(";", -1)) {
      if (!HrefPolicy.isSafe(value, HrefPolicy.SCHEMES, Map.of())) {
        return false;
      }
    }
    return true;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
