package io.imgrid.shared.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GravityTransformTest {

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource({
    "NORTH, 90, WEST", "EAST, 90, NORTH", "SOUTH, 90, EAST", "WEST, 90, SOUTH",
    "NORTH_WEST, 90, SOUTH_WEST", "NORTH_EAST, 90, NORTH_WEST",
    "SOUTH_WEST, 90, SOUTH_EAST", "SOUTH_EAST, 90, NORTH_EAST",
    "NORTH, 180, SOUTH", "EAST, 180, WEST", "NORTH_WEST, 180, SOUTH_EAST",
    "NORTH_EAST, 180, SOUTH_WEST",
    "NORTH, 270, EAST", "EAST, 270, SOUTH", "NORTH_WEST, 270, NORTH_EAST",
    "SOUTH_EAST, 270, SOUTH_WEST",
    "CENTER, 90, CENTER", "SMART, 270, SMART", "NORTH, 0, NORTH", "NORTH, 450, WEST",
  })
  void rotatesTypes(GravityType from, int angle, GravityType to) {
    assertThat(GravityTransform.rotateAndFlip(new Gravity(from, 0, 0), angle, false, false).type())
        .isEqualTo(to);
  }

  @Test
  void rotatesOffsets() {
    Gravity centre = new Gravity(GravityType.CENTER, 10, 20);
    assertThat(GravityTransform.rotateAndFlip(centre, 90, false, false))
        .isEqualTo(new Gravity(GravityType.CENTER, 20, -10));
    assertThat(GravityTransform.rotateAndFlip(centre, 180, false, false))
        .isEqualTo(new Gravity(GravityType.CENTER, -10, -20));
    assertThat(GravityTransform.rotateAndFlip(centre, 270, false, false))
        .isEqualTo(new Gravity(GravityType.CENTER, -20, 10));
    // north becomes west, and west's offsets rotate like the centre's
    assertThat(GravityTransform.rotateAndFlip(new Gravity(GravityType.NORTH, 3, 7), 90, false, false))
        .isEqualTo(new Gravity(GravityType.WEST, 7, -3));
    // north-east becomes north-west: corner offsets just swap
    assertThat(
            GravityTransform.rotateAndFlip(new Gravity(GravityType.NORTH_EAST, 3, 7), 90, false, false))
        .isEqualTo(new Gravity(GravityType.NORTH_WEST, 7, 3));
    Gravity fp = new Gravity(GravityType.FOCUS_POINT, 0.2, 0.3);
    assertThat(GravityTransform.rotateAndFlip(fp, 90, false, false))
        .isEqualTo(new Gravity(GravityType.FOCUS_POINT, 0.3, 0.8));
    assertThat(GravityTransform.rotateAndFlip(fp, 270, false, false))
        .isEqualTo(new Gravity(GravityType.FOCUS_POINT, 0.7, 0.2));
  }

  @Test
  void flips() {
    assertThat(GravityTransform.rotateAndFlip(new Gravity(GravityType.EAST, 5, 1), 0, true, false))
        .isEqualTo(new Gravity(GravityType.WEST, 5, 1));
    assertThat(GravityTransform.rotateAndFlip(new Gravity(GravityType.NORTH, 5, 1), 0, true, false))
        .isEqualTo(new Gravity(GravityType.NORTH, -5, 1));
    assertThat(GravityTransform.rotateAndFlip(new Gravity(GravityType.NORTH, 5, 1), 0, false, true))
        .isEqualTo(new Gravity(GravityType.SOUTH, 5, 1));
    assertThat(
            GravityTransform.rotateAndFlip(new Gravity(GravityType.SOUTH_EAST, 0, 0), 0, true, true))
        .isEqualTo(new Gravity(GravityType.NORTH_WEST, 0, 0));
    assertThat(
            GravityTransform.rotateAndFlip(new Gravity(GravityType.FOCUS_POINT, 0.2, 0.3), 0, true, true))
        .isEqualTo(new Gravity(GravityType.FOCUS_POINT, 0.8, 0.7));
  }

  @Test
  void sourceCropAppliesTheUserRotationThenTheExifOne() {
    // EXIF 6 (90°) and rotate 90: north -> west (user) -> south (EXIF)
    Gravity g =
        GravityTransform.forSourceCrop(
            new Gravity(GravityType.NORTH, 0, 0), Orientation.ofExif(6, true), 90, false, false);
    assertThat(g.type()).isEqualTo(GravityType.SOUTH);
    // EXIF 2 (mirror): east -> west
    Gravity m =
        GravityTransform.forSourceCrop(
            new Gravity(GravityType.EAST, 0, 0), Orientation.ofExif(2, true), 0, false, false);
    assertThat(m.type()).isEqualTo(GravityType.WEST);
  }

  @Test
  void planExposesTheRemappedCropGravity() {
    var o =
        io.imgrid.shared.options.ProcessingOptions.builder()
            .crop(new io.imgrid.shared.options.Crop(50, 50, new Gravity(GravityType.NORTH, 0, 0)))
            .flipVertical(true)
            .build();
    assertThat(Geometry.plan(200, 100, 1, o, false).sourceCropGravity().type())
        .isEqualTo(GravityType.SOUTH);
  }
}
