// The PNG writer: what it writes reads back, CRCs and all, to the same pixels.
import { describe, expect, it } from 'vitest';
import { encodeBilevelPng, encodePng, readPngText } from '../../../main/images/png';
import { pngPixels, readPng } from './png-reader';

describe('encodePng', () => {
  it('writes greyscale, RGB and RGBA that read back to the same samples', () => {
    for (const channels of [1, 2, 3, 4] as const) {
      const [width, height] = [7, 5];
      const data = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 37) % 256);
      const png = encodePng({ width, height, channels, data });
      const read = readPng(png);
      expect([read.width, read.height, read.bitDepth]).toEqual([width, height, 8]);
      expect(read.colourType).toBe({ 1: 0, 2: 4, 3: 2, 4: 6 }[channels]);
      expect(read.chunkTypes).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect(pngPixels(png)).toEqual(data);
    }
  });

  it('refuses pixel data of the wrong length and an empty image', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).toThrow(
      RangeError,
    );
    expect(() => encodePng({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) })).toThrow(
      RangeError,
    );
  });
});

describe('encodeBilevelPng', () => {
  it('writes 1-bit greyscale: inked pixels 0, the rest and the row padding 1', () => {
    const png = encodeBilevelPng(10, 3, (x, y) => x === y);
    const read = readPng(png);
    expect([read.width, read.height, read.bitDepth, read.colourType]).toEqual([10, 3, 1, 0]);
    expect(read.rows.map((r) => Array.from(r))).toEqual([
      [0b01111111, 0b11111111],
      [0b10111111, 0b11111111],
      [0b11011111, 0b11111111],
    ]);
  });

  it('is all white without ink (the card-face placeholders)', () => {
    const read = readPng(encodeBilevelPng(24, 12));
    expect(read.rows.every((r) => r.every((b) => b === 0xff))).toBe(true);
  });

  it('carries UTF-8 words in an iTXt chunk that readPngText finds by keyword', () => {
    const png = encodeBilevelPng(96, 16, undefined, { Description: '転居　健太' });
    expect(readPngText(png, 'Description')).toBe('転居　健太');
    expect(readPngText(png, 'Title')).toBeNull();
    expect(readPngText(encodeBilevelPng(96, 16), 'Description')).toBeNull();
    // The pixels are read as before: the chunk sits between IHDR and IDAT.
    expect(readPng(png).rows.every((r) => r.every((b) => b === 0xff))).toBe(true);
    expect(readPngText(Uint8Array.of(1, 2, 3), 'Description')).toBeNull();
  });
});
