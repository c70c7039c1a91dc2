package io.imgrid.worker.info;

import io.imgrid.worker.metadata.IptcDatasets;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPTC-IIM subset {@code /info} answers with: the application record's (2:xx) text datasets
 * under the names imgproxy Pro uses ({@code Name}, {@code Caption}, {@code Copyright Notice},
 * {@code Keywords}...), a repeatable dataset as a list. Values are read as UTF-8 (what every
 * current writer uses; IIM's own character-set dataset is not honoured). Unknown datasets are
 * left out; a malformed block answers nothing.
 */
final class IptcFields {
  private static final Map<Integer, String> NAMES = Map.ofEntries(
      Map.entry(5, "Name"),
      Map.entry(7, "Edit Status"),
      Map.entry(10, "Urgency"),
      Map.entry(15, "Category"),
      Map.entry(20, "Supplemental Category"),
      Map.entry(25, "Keywords"),
      Map.entry(40, "Special Instructions"),
      Map.entry(55, "Date Created"),
      Map.entry(60, "Time Created"),
      Map.entry(65, "Originating Program"),
      Map.entry(80, "By-line"),
      Map.entry(85, "By-line Title"),
      Map.entry(90, "City"),
      Map.entry(92, "Sub-location"),
      Map.entry(95, "Province/State"),
      Map.entry(100, "Country Code"),
      Map.entry(101, "Country Name"),
      Map.entry(103, "Original Transmission Reference"),
      Map.entry(105, "Headline"),
      Map.entry(110, "Credit"),
      Map.entry(115, "Source"),
      Map.entry(116, "Copyright Notice"),
      Map.entry(118, "Contact"),
      Map.entry(120, "Caption"),
      Map.entry(122, "Writer/Editor"));

  /** Datasets IIM lets repeat: always a list, even with one value. */
  private static final List<Integer> REPEATABLE = List.of(20, 25, 80, 85, 118, 122);

  private IptcFields() {}

  /** The named datasets of libvips' {@code iptc-data}, in first-seen order. */
  static Map<String, Object> read(byte[] iptc) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (IptcDatasets.Dataset d : IptcDatasets.read(iptc).orElse(List.of())) {
      String name = NAMES.get(d.number());
      if (d.record() != 2 || name == null) {
        continue;
      }
      String value = new String(d.value(iptc), StandardCharsets.UTF_8).trim();
      if (REPEATABLE.contains(d.number())) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) out.computeIfAbsent(name, k -> new ArrayList<String>());
        list.add(value);
      } else {
        out.putIfAbsent(name, value);
      }
    }
    return out;
  }
}
