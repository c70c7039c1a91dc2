package io.imgrid.worker.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code keep_copyright} for IPTC: only the IIM datasets imgproxy keeps, 2:80 (By-line), 2:110
 * (Credit) and 2:116 (Copyright Notice), in the order the source has them.
 *
 * <p>A Photoshop resource block is rebuilt with one IPTC resource, raw IIM datasets (TIFF) are
 * filtered as they are ({@link IptcDatasets}). Anything malformed keeps nothing rather than
 * guessing.
 */
public final class CopyrightIptc {
  private CopyrightIptc() {}

  /** The filtered block in the source's layout, or empty when none of the datasets is there. */
  public static Optional<byte[]> keep(byte[] iptc) {
    ByteArrayOutputStream iim = new ByteArrayOutputStream();
    for (IptcDatasets.Dataset d : IptcDatasets.read(iptc).orElse(List.of())) {
      if (kept(d.record(), d.number())) {
        iim.write(iptc, d.start(), d.end() - d.start());
      }
    }
    if (iim.size() == 0) {
      return Optional.empty();
    }
    return Optional.of(IptcDatasets.isResourceBlock(iptc)
        ? resourceBlock(iim.toByteArray())
        : iim.toByteArray());
  }

  /** Whether a dataset is one imgproxy keeps. */
  static boolean kept(int record, int dataset) {
    return record == 2 && (dataset == 80 || dataset == 110 || dataset == 116);
  }

  /** {@code "Photoshop 3.0\0"} and one 8BIM 0x0404 resource (empty name) holding {@code iim}. */
  private static byte[] resourceBlock(byte[] iim) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(IptcDatasets.PHOTOSHOP);
    out.writeBytes("8BIM".getBytes(StandardCharsets.ISO_8859_1));
    out.write(IptcDatasets.IPTC_RESOURCE >> 8);
    out.write(IptcDatasets.IPTC_RESOURCE & 0xFF);
    out.write(0); // empty Pascal name, padded
    out.write(0);
    out.write(iim.length >>> 24);
    out.write(iim.length >>> 16);
    out.write(iim.length >>> 8);
    out.write(iim.length);
    out.writeBytes(iim);
    if (iim.length % 2 != 0) {
      out.write(0);
    }
    return out.toByteArray();
  }
}
