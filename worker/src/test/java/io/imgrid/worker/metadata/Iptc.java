package io.imgrid.worker.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds and reads IPTC IIM and Photoshop resource blocks for tests. */
public final class Iptc {
  private Iptc() {}

  /** One IIM dataset: 0x1C, record, dataset, 16-bit length, value. */
  public static byte[] dataset(int record, int dataset, String value) {
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x1C);
    out.write(record);
    out.write(dataset);
    out.write(v.length >> 8);
    out.write(v.length);
    out.writeBytes(v);
    return out.toByteArray();
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** An APP13 payload: "Photoshop 3.0\0", a named 0x0409 resource, then the IPTC resource. */
  public static byte[] photoshop(byte[] iim) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(IptcDatasets.PHOTOSHOP);
    resource(out, 0x0409, "thumb", new byte[] {1, 2, 3});
    resource(out, IptcDatasets.IPTC_RESOURCE, "", iim);
    return out.toByteArray();
  }

  private static void resource(ByteArrayOutputStream out, int id, String name, byte[] data) {
    out.writeBytes("8BIM".getBytes(StandardCharsets.ISO_8859_1));
    out.write(id >> 8);
    out.write(id);
    out.write(name.length());
    out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
    if ((name.length() + 1) % 2 != 0) {
      out.write(0);
    }
    out.write(data.length >>> 24);
    out.write(data.length >>> 16);
    out.write(data.length >>> 8);
    out.write(data.length);
    out.writeBytes(data);
    if (data.length % 2 != 0) {
      out.write(0);
    }
  }

  /** "record:dataset=value" for each dataset of an APP13 payload or raw IIM (simple lengths). */
  public static List<String> datasets(byte[] b) {
    List<String> found = new ArrayList<>();
    for (int p = 0; p + 5 <= b.length; p++) {
      if ((b[p] & 0xFF) == 0x1C && (b[p + 1] == 1 || b[p + 1] == 2)) {
        int len = ((b[p + 3] & 0xFF) << 8) | (b[p + 4] & 0xFF);
        if (p + 5 + len <= b.length) {
          found.add(b[p + 1] + ":" + (b[p + 2] & 0xFF) + "="
              + new String(b, p + 5, len, StandardCharsets.UTF_8));
          p += 4 + len;
        }
      }
    }
    return found;
  }
}
