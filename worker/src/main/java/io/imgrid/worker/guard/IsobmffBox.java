package io.imgrid.worker.guard;

/**
 * One ISO base media file format box header (ISO/IEC 14496-12 §4.2), as AVIF/HEIC files and the
 * JPEG XL container are laid out: its type, where its body starts and where it ends.
 */
record IsobmffBox(String type, long body, long end) {

  /**
   * The box at {@code pos}: a 32-bit size (1: a 64-bit size follows; 0: to the end of the
   * parent) and a four-character type. Its end is clamped to {@code parentEnd}.
   */
  static IsobmffBox read(Bytes b, long pos, long parentEnd) {
    long size = b.u32be(pos);
    String type = b.fourcc(pos + 4);
    long header = 8;
    if (size == 1) {
      size = b.u64be(pos + 8);
      header = 16;
    } else if (size == 0) {
      size = parentEnd - pos;
    }
    if (size < header) {
      throw b.broken("box '" + type + "' has size " + size);
    }
    long end = size > parentEnd - pos ? parentEnd : pos + size;
    return new IsobmffBox(type, pos + header, end);
  }
}
