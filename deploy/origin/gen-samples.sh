#!/bin/sh
# Fills the sample origin's web root at container start (docker-compose.yml, service `origin`):
# copies this folder's files and writes gradient.bmp, a 320x240 24-bit BMP made here with printf,
# so the repository holds no binary image. It is larger than the quick-start request's 300x200, so
# that request (rs:fill, no enlarge) answers exactly 300x200. POSIX sh (dash): runs in the stock
# nginx image.
#   usage: gen-samples.sh WEBROOT
set -eu
root="${1:?usage: gen-samples.sh WEBROOT}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$root"
copied=0
for f in "$here"/*; do
  case "$f" in *.sh) continue ;; esac
  if [ -f "$f" ]; then cp "$f" "$root/"; copied=$((copied + 1)); fi
done

w=320
h=240
# Every line awk prints is octal escapes for printf: the header, then one line per pixel row
# (bottom-up, blue-green-red; 320 x 3 bytes is a multiple of 4, so rows need no padding).
awk -v w="$w" -v h="$h" '
  function le(n, k,   s, i) { s = ""; for (i = 0; i < k; i++) { s = s sprintf("\\%03o", n % 256); n = int(n / 256) } return s }
  BEGIN {
    img = w * h * 3
    printf "%s%s%s%s%s\n", "\\102\\115", le(54 + img, 4), le(0, 4), le(54, 4), ""
    printf "%s%s%s%s%s%s%s%s%s%s%s\n", le(40, 4), le(w, 4), le(h, 4), le(1, 2), le(24, 2), le(0, 4), le(img, 4), le(2835, 4), le(2835, 4), le(0, 4), le(0, 4)
    for (y = 0; y < h; y++) {
      row = ""
      for (x = 0; x < w; x++) {
        r = int(255 * x / (w - 1)); g = int(255 * y / (h - 1)); b = 128
        row = row sprintf("\\%03o\\%03o\\%03o", b, g, r)
      }
      print row
    }
  }' | while IFS= read -r line; do
  # shellcheck disable=SC2059  # the line is the format: octal escapes made above
  printf "$line"
done > "$root/gradient.bmp"
echo "gen-samples: wrote $root/gradient.bmp and copied $copied file(s) from $here"
