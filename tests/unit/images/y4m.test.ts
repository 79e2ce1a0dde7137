// The fake camera's Y4M: the header Chromium reads, and 4:2:0 planes of BT.601 studio-range values.
import { describe, expect, it } from 'vitest';
import type { RawImage } from '../../../main/images/png';
import { encodeY4m } from '../../../main/images/y4m';

function solid(width: number, height: number, rgb: [number, number, number]): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set(rgb, i);
  return { width, height, channels: 3, data };
}

describe('encodeY4m', () => {
  it('writes the header, then FRAME and Y, Cb, Cr planes for each frame', () => {
    const video = encodeY4m([solid(4, 2, [255, 255, 255]), solid(4, 2, [0, 0, 0])], 25);
    const header = 'YUV4MPEG2 W4 H2 F25:1 Ip A1:1 C420jpeg\n';
    const text = new TextDecoder('latin1');
    expect(text.decode(video.subarray(0, header.length))).toBe(header);
    const frameSize = 6 + 8 + 2 + 2;
    expect(video.length).toBe(header.length + 2 * frameSize);
    const white = video.subarray(header.length, header.length + frameSize);
    const black = video.subarray(header.length + frameSize);
    expect(text.decode(white.subarray(0, 6))).toBe('FRAME\n');
    // Studio range: white Y 235, black Y 16, neutral chroma 128.
    expect(Array.from(white.subarray(6))).toEqual([...Array(8).fill(235), 128, 128, 128, 128]);
    expect(Array.from(black.subarray(6))).toEqual([...Array(8).fill(16), 128, 128, 128, 128]);
  });

  it('averages chroma over each 2 × 2 block: pure red has Cr 240, Cb 90', () => {
    const video = encodeY4m([solid(2, 2, [255, 0, 0])]);
    const planes = video.subarray(video.length - 6);
    expect(Array.from(planes)).toEqual([81, 81, 81, 81, 90, 240]);
  });

  it('refuses odd sizes, no frames and frames of different sizes', () => {
    expect(() => encodeY4m([solid(3, 2, [0, 0, 0])])).toThrow(RangeError);
    expect(() => encodeY4m([])).toThrow(RangeError);
    expect(() => encodeY4m([solid(2, 2, [0, 0, 0]), solid(4, 2, [0, 0, 0])])).toThrow(RangeError);
  });
});
