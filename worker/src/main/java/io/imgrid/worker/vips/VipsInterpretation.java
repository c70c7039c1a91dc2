package io.imgrid.worker.vips;

/** How to read an image's bands ({@code VipsInterpretation}). */
public enum VipsInterpretation implements VipsEnum {
  MULTIBAND("multiband"),
  B_W("b-w"),
  HISTOGRAM("histogram"),
  XYZ("xyz"),
  LAB("lab"),
  CMYK("cmyk"),
  LABQ("labq"),
  RGB("rgb"),
  CMC("cmc"),
  LCH("lch"),
  LABS("labs"),
  SRGB("srgb"),
  YXY("yxy"),
  FOURIER("fourier"),
  RGB16("rgb16"),
  GREY16("grey16"),
  MATRIX("matrix"),
  SCRGB("scrgb"),
  HSV("hsv");

  private final String nick;

  VipsInterpretation(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }

  /** The value for a nick libvips reports; {@link #MULTIBAND} for one this build does not know. */
  static VipsInterpretation ofNick(String nick) {
    for (VipsInterpretation i : values()) {
      if (i.nick.equals(nick)) {
        return i;
      }
    }
    return MULTIBAND;
  }
}
