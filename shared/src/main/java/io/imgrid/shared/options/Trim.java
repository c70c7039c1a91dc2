package io.imgrid.shared.options;

/** {@code trim}: remove a uniform border. A null colour means "the top-left pixel". */
public record Trim(double threshold, Color color, boolean equalHorizontal, boolean equalVertical) {}
