// Drawn ID-photo portraits for fictional residents (practice mode, simulated cards): one look per seed.
import type { Sex } from '../../preload/contract/rules/sex';
import { createHash } from 'node:crypto';
import { encodeJp2 } from './jp2';
import type { RawImage } from './png';

type Rgb = readonly [number, number, number];

/** What the seed data knows about a resident, to draw someone plausible. */
export interface PortraitHints {
  readonly sex?: Sex;
  /** Age in years at the photo. */
  readonly age?: number;
}

export interface PortraitOptions extends PortraitHints {
  /** Default 300 × 400, the 3:4 of an application photo. */
  readonly width?: number;
  readonly height?: number;
  /** The wall behind the resident; default a pale blue, grey or cream picked by the seed. */
  readonly background?: Rgb;
}

const SKIN: readonly Rgb[] = [
  [246, 214, 190],
  [236, 196, 164],
  [224, 178, 140],
  [198, 150, 112],
  [170, 120, 86],
  [250, 224, 204],
];
const HAIR: readonly Rgb[] = [
  [28, 24, 22],
  [52, 38, 30],
  [86, 58, 38],
  [120, 84, 50],
  [40, 36, 44],
  [96, 44, 30],
];
const GREY_HAIR: readonly Rgb[] = [
  [150, 148, 146],
  [196, 194, 190],
  [228, 226, 222],
];
const CLOTHES: readonly Rgb[] = [
  [40, 52, 84],
  [70, 70, 76],
  [120, 36, 44],
  [36, 88, 70],
  [180, 160, 120],
  [90, 110, 150],
  [30, 30, 34],
  [140, 90, 120],
];
const WALLS: readonly Rgb[] = [
  [214, 228, 240],
  [226, 230, 234],
  [236, 234, 226],
  [200, 218, 232],
];
const IRIS: readonly Rgb[] = [
  [44, 30, 22],
  [64, 44, 30],
  [30, 26, 26],
];

type HairStyle = 'short' | 'side-part' | 'long' | 'bob' | 'receding' | 'bun';

/** The features a seed decides, all as fractions of the picture width. */
interface Look {
  readonly skin: Rgb;
  readonly skinShadow: Rgb;
  readonly brow: Rgb;
  readonly hair: Rgb;
  readonly clothes: Rgb;
  readonly wall: Rgb;
  readonly iris: Rgb;
  readonly style: HairStyle;
  readonly faceRx: number;
  readonly faceRy: number;
  readonly chin: number;
  readonly eyeGap: number;
  readonly eyeSize: number;
  readonly browTilt: number;
  readonly mouthWidth: number;
  readonly smile: number;
  readonly glasses: boolean;
  readonly part: number;
  readonly child: boolean;
}

/** Deterministic bytes from a seed: the same resident always gets the same face. */
function seedBytes(seed: string): Uint8Array {
  const a = createHash('sha256').update(`portrait:${seed}`).digest();
  const b = createHash('sha256').update(`portrait2:${seed}`).digest();
  return new Uint8Array([...a, ...b]);
}

function lookOf(seed: string, hints: PortraitHints): Look {
  const r = seedBytes(seed);
  let i = 0;
  const byte = (): number => r[i++ % r.length]!;
  const unit = (): number => byte() / 255;
  const pick = <T>(list: readonly T[]): T => list[byte() % list.length]!;
  const age = hints.age ?? 20 + (byte() % 50);
  const female =
    hints.sex === 'female' || (hints.sex !== 'male' && hints.sex !== undefined && unit() < 0.5);
  const child = age < 13;
  const styles: readonly HairStyle[] = female
    ? ['long', 'bob', 'bun', 'long', 'side-part']
    : age > 50
      ? ['short', 'side-part', 'receding']
      : ['short', 'side-part', 'short'];
  const grey = age >= 60 ? pick(GREY_HAIR) : null;
  const skin = pick(SKIN);
  const hair = grey ?? pick(HAIR);
  return {
    skin,
    skinShadow: shade(skin, 0.86),
    // Grey or white hair would vanish as brows: darker ones.
    brow: shade(hair, hair[0] > 140 ? 0.7 : 1),
    hair,
    clothes: pick(CLOTHES),
    wall: pick(WALLS),
    iris: pick(IRIS),
    style: pick(styles),
    faceRx: (child ? 0.2 : 0.175) + unit() * 0.035,
    faceRy: (child ? 0.235 : 0.25) + unit() * 0.035,
    chin: 0.08 + unit() * 0.18,
    eyeGap: 0.07 + unit() * 0.02,
    eyeSize: (child ? 1.2 : 1) * (0.9 + unit() * 0.25),
    browTilt: (unit() - 0.5) * 0.03,
    mouthWidth: 0.04 + unit() * 0.03,
    smile: unit() * 0.012,
    glasses: age > 40 ? unit() < 0.45 : unit() < 0.15,
    part: (unit() - 0.5) * 0.12,
    child,
  };
}

const shade = (c: Rgb, f: number): Rgb => [c[0] * f, c[1] * f, c[2] * f];

// Hoisted: colourAt runs for every subsample, so it allocates nothing it can avoid.
const SIDES = [-1, 1] as const;
const FRAME: Rgb = [40, 40, 46];
const EYE_WHITE: Rgb = [246, 246, 244];
const LIPS: Rgb = [176, 92, 92];
const COLLAR: Rgb = [236, 236, 236];

/** Inside the ellipse (cx, cy, rx, ry), optionally rotated by `tilt` radians. */
function inEllipse(
  x: number,
  y: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  tilt = 0,
): boolean {
  let dx = x - cx;
  let dy = y - cy;
  if (tilt !== 0) {
    const c = Math.cos(tilt);
    const s = Math.sin(tilt);
    [dx, dy] = [dx * c + dy * s, -dx * s + dy * c];
  }
  return (dx * dx) / (rx * rx) + (dy * dy) / (ry * ry) <= 1;
}

/** The colour at (x, y), in units of the picture width (y runs to height / width). */
function colourAt(look: Look, x: number, y: number): Rgb {
  const cx = 0.5;
  const cy = look.child ? 0.56 : 0.54;
  const { faceRx: rx, faceRy: ry } = look;
  const skinShadow = look.skinShadow;

  // Face: an egg, narrower towards the chin.
  const below = Math.max(0, (y - cy) / ry);
  const inFace = inEllipse(x, y, cx, cy, rx * (1 - look.chin * below * below), ry);
  const hairTop = cy - ry * 0.42 + Math.abs(x - cx - look.part) * 0.25;

  // Eyes, brows, glasses, nose, mouth: drawn over the face.
  if (inFace) {
    const eyeY = cy - ry * 0.08;
    for (const side of SIDES) {
      const ex = cx + side * look.eyeGap;
      const s = look.eyeSize;
      if (look.glasses) {
        const d = Math.hypot(x - ex, y - eyeY);
        if (d > 0.052 && d < 0.059) return FRAME;
      }
      if (inEllipse(x, y, ex, eyeY, 0.011 * s, 0.011 * s)) return look.iris;
      if (inEllipse(x, y, ex, eyeY, 0.03 * s, 0.014 * s)) return EYE_WHITE;
      if (inEllipse(x, y, ex, eyeY - 0.04, 0.034, 0.007, side * look.browTilt * 8))
        return look.brow;
    }
    if (look.glasses && Math.abs(y - eyeY) < 0.004 && Math.abs(x - cx) < look.eyeGap - 0.05)
      return FRAME;
    const noseY = cy + ry * 0.22;
    if (inEllipse(x, y, cx, noseY, 0.022, 0.012)) return skinShadow;
    const mouthY = cy + ry * 0.5;
    const curve = look.smile * (1 - ((x - cx) / look.mouthWidth) ** 2);
    if (inEllipse(x, y - curve, cx, mouthY, look.mouthWidth, 0.009)) return LIPS;
    // Fringe and hairline over the forehead.
    if (look.style !== 'receding' && y < hairTop) return look.hair;
    if (look.style === 'receding' && y < cy - ry * 0.78) return look.hair;
    return look.skin;
  }

  // Ears.
  for (const side of SIDES) {
    if (inEllipse(x, y, cx + side * rx * 0.98, cy, 0.03, 0.055)) return skinShadow;
  }

  // Hair around the head.
  const crown = inEllipse(x, y, cx, cy - ry * 0.1, rx + 0.035, ry * 1.04);
  if (crown && y < cy - ry * 0.15) return look.hair;
  if (look.style === 'bun' && inEllipse(x, y, cx, cy - ry * 1.15, 0.07, 0.055)) return look.hair;
  if (
    (look.style === 'long' || look.style === 'bob') &&
    (y < cy || Math.abs(x - cx) > rx * 0.8) &&
    inEllipse(x, y, cx, cy + (look.style === 'long' ? 0.06 : -0.02), rx + 0.055, ry + 0.09)
  )
    return look.hair;
  if (
    look.style === 'long' &&
    y > cy &&
    inEllipse(x, y, cx, cy + ry * 0.55, rx + 0.055, ry * 0.75) &&
    Math.abs(x - cx) > rx * 0.8
  )
    return look.hair;

  // Neck, collar and shoulders.
  const shoulderTop = cy + ry + 0.11;
  if (inEllipse(x, y, cx, shoulderTop + 0.32, 0.46, 0.36)) {
    const v = Math.abs(x - cx) < (y - (shoulderTop - 0.01)) * 0.55;
    if (v && y < shoulderTop + 0.14) return look.skin;
    if (Math.abs(Math.abs(x - cx) - (y - shoulderTop) * 0.55) < 0.012 && y < shoulderTop + 0.15)
      return COLLAR;
    return look.clothes;
  }
  if (Math.abs(x - cx) < rx * 0.5 && y > cy && y < shoulderTop + 0.05) return skinShadow;

  return look.wall;
}

/**
 * Draws a head-and-shoulders portrait, 2×2 supersampled. RGB, 8 bits; the same seed and options
 * always give the same pixels.
 */
export function drawPortrait(seed: string, options: PortraitOptions = {}): RawImage {
  const width = options.width ?? 300;
  const height = options.height ?? 400;
  const base = lookOf(seed, options);
  const look = options.background ? { ...base, wall: options.background } : base;
  const data = new Uint8Array(width * height * 3);
  const offsets = [0.25, 0.75];
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const oy of offsets) {
        for (const ox of offsets) {
          // Both axes in units of the width, the portrait kept 3:4 and centred.
          const x = (px + ox) / width;
          const y = ((py + oy) / height) * (4 / 3);
          const c = colourAt(look, x, y);
          r += c[0];
          g += c[1];
          b += c[2];
        }
      }
      const at = (py * width + px) * 3;
      data[at] = Math.round(r / 4);
      data[at + 1] = Math.round(g / 4);
      data[at + 2] = Math.round(b / 4);
    }
  }
  return { width, height, channels: 3, data };
}

/** ITU-R BT.601 luma of an RGB image: the chip photo is greyscale, as on the card. */
export function toGreyscale(image: RawImage): RawImage {
  if (image.channels !== 3) throw new RangeError('an RGB image is needed');
  const n = image.width * image.height;
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [image.data[i * 3]!, image.data[i * 3 + 1]!, image.data[i * 3 + 2]!];
    data[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return { width: image.width, height: image.height, channels: 1, data };
}

/** Shrinks by averaging the source pixels under each target pixel (area sampling). */
export function downscale(image: RawImage, width: number, height: number): RawImage {
  if (width > image.width || height > image.height) throw new RangeError('only shrinks');
  const { channels } = image;
  const data = new Uint8Array(width * height * channels);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let yy = y0; yy < y1; yy++)
          for (let xx = x0; xx < x1; xx++)
            sum += image.data[(yy * image.width + xx) * channels + c]!;
        data[(y * width + x) * channels + c] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
      }
    }
  }
  return { width, height, channels, data };
}

/** The chip photo's size: small and greyscale, so it costs few READ BINARYs (about 2–3 KB). */
export const CHIP_PHOTO_SIZE = { width: 150, height: 200 } as const;
const CHIP_PHOTO_RATIO = 16;

/** The photo as the card holds it: the portrait shrunk, in grey, lossy JPEG 2000 (JP2 file). */
export async function chipPhotoOf(portrait: RawImage): Promise<Uint8Array> {
  const grey = toGreyscale(downscale(portrait, CHIP_PHOTO_SIZE.width, CHIP_PHOTO_SIZE.height));
  return encodeJp2(grey.data, grey.width, grey.height, { compressionRatio: CHIP_PHOTO_RATIO });
}

const defaultPhotos = new Map<string, Promise<Uint8Array>>();

/** A drawn chip photo for a simulated card that was given none (one encoding per seed and process). */
export function defaultChipPhoto(seed: string, hints: PortraitHints = {}): Promise<Uint8Array> {
  const key = `${seed}|${hints.sex ?? ''}|${hints.age ?? ''}`;
  let photo = defaultPhotos.get(key);
  if (!photo) {
    // Drawn straight at chip size: a quarter of the pixels of a full portrait.
    photo = chipPhotoOf(drawPortrait(seed, { ...hints, ...CHIP_PHOTO_SIZE }));
    defaultPhotos.set(key, photo);
  }
  return photo;
}
