package io.imgrid.worker.vips;

/** Porter-Duff and PDF blend modes for {@code composite2} ({@code VipsBlendMode}). */
public enum VipsBlendMode implements VipsEnum {
  CLEAR("clear"),
  SOURCE("source"),
  OVER("over"),
  IN("in"),
  OUT("out"),
  ATOP("atop"),
  DEST("dest"),
  DEST_OVER("dest-over"),
  DEST_IN("dest-in"),
  DEST_OUT("dest-out"),
  DEST_ATOP("dest-atop"),
  XOR("xor"),
  ADD("add"),
  SATURATE("saturate"),
  MULTIPLY("multiply"),
  SCREEN("screen"),
  OVERLAY("overlay"),
  DARKEN("darken"),
  LIGHTEN("lighten"),
  COLOUR_DODGE("colour-dodge"),
  COLOUR_BURN("colour-burn"),
  HARD_LIGHT("hard-light"),
  SOFT_LIGHT("soft-light"),
  DIFFERENCE("difference"),
  EXCLUSION("exclusion");

  private final String nick;

  VipsBlendMode(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
