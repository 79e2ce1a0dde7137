// Drawn portraits: the same seed draws the same face, other seeds other faces; the chip form is small grey JP2.
import { describe, expect, it } from 'vitest';
import { decodeJp2 } from '../../../main/images/jp2';
import {
  CHIP_PHOTO_SIZE,
  chipPhotoOf,
  defaultChipPhoto,
  downscale,
  drawPortrait,
  toGreyscale,
} from '../../../main/images/portrait';

/** RSA key generation and OpenJPEG take seconds when the machine runs other suites too. */
const SLOW = { timeout: 30_000 };

const differingPixels = (a: Uint8Array, b: Uint8Array): number =>
  a.reduce((n, v, i) => n + (v === b[i] ? 0 : 1), 0);

describe('drawPortrait', SLOW, () => {
  it('draws an RGB ID photo, 300 × 400 by default, the same every time for a seed', () => {
    const a = drawPortrait('MD-2026-0001', { sex: 'female', age: 34 });
    const b = drawPortrait('MD-2026-0001', { sex: 'female', age: 34 });
    expect([a.width, a.height, a.channels]).toEqual([300, 400, 3]);
    // Buffer comparison: a deep equality of 360 000 samples is needlessly slow.
    expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
    expect(
      differingPixels(a.data, drawPortrait('MD-2026-0001', { sex: 'male', age: 70 }).data),
    ).toBeGreaterThan(0);
  });

  it('draws another face for another seed', () => {
    const a = drawPortrait('MD-2026-0001');
    const b = drawPortrait('MD-2026-0012');
    expect(differingPixels(a.data, b.data)).toBeGreaterThan(a.data.length / 10);
  });

  it('has a face in the middle that differs from the wall at the edge', () => {
    const wall = [40, 40, 60];
    const image = drawPortrait('MD-2026-0001', { background: [40, 40, 60] as const });
    const at = (x: number, y: number): number[] =>
      Array.from(image.data.subarray((y * 300 + x) * 3, (y * 300 + x) * 3 + 3));
    expect(at(2, 2)).toEqual(wall);
    expect(at(150, 230)).not.toEqual(wall);
  });

  it('takes another size', () => {
    const image = drawPortrait('x', { width: 90, height: 120 });
    expect(image.data.length).toBe(90 * 120 * 3);
  });
});

describe('image helpers', SLOW, () => {
  it('toGreyscale weighs R, G and B as BT.601', () => {
    const grey = toGreyscale({
      width: 3,
      height: 1,
      channels: 3,
      data: Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255),
    });
    expect(Array.from(grey.data)).toEqual([76, 150, 29]);
  });

  it('downscale averages the pixels under each target pixel', () => {
    const image = {
      width: 4,
      height: 2,
      channels: 1 as const,
      data: Uint8Array.of(0, 100, 10, 30, 200, 100, 50, 70),
    };
    expect(Array.from(downscale(image, 2, 1).data)).toEqual([100, 40]);
    expect(() => downscale(image, 8, 2)).toThrow(RangeError);
  });
});

describe('chip photo', SLOW, () => {
  it('is a small greyscale JPEG 2000 of the portrait that fits the visual EF with room to spare', async () => {
    const portrait = drawPortrait('MD-2026-0001', { sex: 'female', age: 34 });
    const jp2 = await chipPhotoOf(portrait);
    expect(jp2.length).toBeLessThan(4096);
    const image = await decodeJp2(jp2);
    expect([image.width, image.height, image.channels]).toEqual([
      CHIP_PHOTO_SIZE.width,
      CHIP_PHOTO_SIZE.height,
      1,
    ]);
    // Close to the grey of the shrunk portrait: the same face, only compressed.
    const expected = toGreyscale(
      downscale(portrait, CHIP_PHOTO_SIZE.width, CHIP_PHOTO_SIZE.height),
    );
    const meanError =
      image.data.reduce((n, v, i) => n + Math.abs(v - expected.data[i]!), 0) / image.data.length;
    expect(meanError).toBeLessThan(6);
  });

  it('defaultChipPhoto is encoded once per seed and process', async () => {
    const first = defaultChipPhoto('990000000000042', { sex: 'male', age: 50 });
    const again = defaultChipPhoto('990000000000042', { sex: 'male', age: 50 });
    expect(again).toBe(first);
    expect(await defaultChipPhoto('990000000000043')).not.toEqual(await first);
  });
});
