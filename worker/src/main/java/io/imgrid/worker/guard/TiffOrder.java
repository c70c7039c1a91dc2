package io.imgrid.worker.guard;

/** TIFF byte order, from the {@code II*\0} / {@code MM\0*} header (also used inside EXIF). */
enum TiffOrder {
  LITTLE,
  BIG;

  /** The order of the TIFF header at offset 0, or null when there is none. */
  static TiffOrder of(Bytes b) {
    if (b.ascii(0, "II") && b.has(0, 4) && b.u16le(2) == 42) {
      return LITTLE;
    }
    if (b.ascii(0, "MM") && b.has(0, 4) && b.u16be(2) == 42) {
      return BIG;
    }
    return null;
  }

  int u16(Bytes b, long pos) {
    return this == LITTLE ? b.u16le(pos) : b.u16be(pos);
  }

  long u32(Bytes b, long pos) {
    return this == LITTLE ? b.u32le(pos) : b.u32be(pos);
  }
}
