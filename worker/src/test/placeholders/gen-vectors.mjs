// Generates worker/src/test/resources/placeholder-vectors.json: small RGBA images made here
// (gradients, noise, hard edges, alpha, odd sizes) and the hashes that the algorithms' reference
// implementations (npm: thumbhash by Evan Wallace, blurhash by Wolt) compute for them.
// imgrid's Java encoders (worker/.../info/ThumbHash, BlurHash) must give the same strings.
// Run: npm ci && node gen-vectors.mjs   (from this folder)
import { writeFileSync } from 'node:fs';
import { rgbaToThumbHash } from 'thumbhash';
import { encode as blurhashEncode } from 'blurhash';

let seed = 12345;
const rand = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 16) & 255; };

function image(name, w, h, pixel) {
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const [r, g, b, a] = pixel(x, y, w, h);
      rgba.set([r, g, b, a], (y * w + x) * 4);
    }
  return { name, w, h, rgba };
}

const images = [
  image('gradient-32x24', 32, 24, (x, y, w, h) => [255 * x / (w - 1), 255 * y / (h - 1), 128, 255]),
  image('noise-40x30', 40, 30, () => [rand(), rand(), rand(), 255]),
  image('edges-portrait-18x50', 18, 50, (x, y) => (x < 9) !== (y < 25) ? [250, 20, 30, 255] : [10, 40, 200, 255]),
  image('alpha-ring-33x33', 33, 33, (x, y) => {
    const d = Math.hypot(x - 16, y - 16);
    return [200, 180, 40, d < 8 ? 255 : d < 14 ? 128 : 0];
  }),
  image('grey-100x7', 100, 7, (x) => { const v = (x * 5) % 256; return [v, v, v, 255]; }),
  image('tiny-1x1', 1, 1, () => [17, 99, 230, 255]),
  image('transparent-8x8', 8, 8, () => [0, 0, 0, 0]),
  image('photo-like-64x48', 64, 48, (x, y) => [
    Math.min(255, 120 + 80 * Math.sin(x / 7) + rand() / 8),
    Math.min(255, 90 + 60 * Math.cos(y / 5) + rand() / 8),
    Math.min(255, 60 + x + y / 2), 255]),
];

const vectors = images.map(({ name, w, h, rgba }) => ({
  name, width: w, height: h,
  rgba: Buffer.from(rgba).toString('base64'),
  thumbhash: Buffer.from(rgbaToThumbHash(w, h, rgba)).toString('base64'),
  blurhash: {
    '4x3': blurhashEncode(rgba, w, h, 4, 3),
    '1x1': blurhashEncode(rgba, w, h, 1, 1),
    '9x9': blurhashEncode(rgba, w, h, 9, 9),
    '3x5': blurhashEncode(rgba, w, h, 3, 5),
  },
}));
const out = new URL('../resources/placeholder-vectors.json', import.meta.url);
writeFileSync(out, JSON.stringify({
  generator: 'worker/src/test/placeholders/gen-vectors.mjs',
  references: { thumbhash: '0.1.1', blurhash: '2.0.5' },
  vectors,
}, null, 1) + '\n');
console.log(`wrote ${vectors.length} vectors to ${out.pathname}`);
