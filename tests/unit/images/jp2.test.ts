// JPEG 2000 through OpenJPEG (WebAssembly): checked against Debian's opj_compress / opj_decompress.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Jp2Error,
  decodeJp2,
  decodeJp2ToPng,
  encodeJp2,
  isJpeg2000,
} from '../../../main/images/jp2';
import { pngPixels, readPng } from './png-reader';

/** RSA key generation and OpenJPEG take seconds when the machine runs other suites too. */
const SLOW = { timeout: 30_000 };

const work = mkdtempSync(join(tmpdir(), 'jp2-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A known image: every pixel a different mix, so a shifted or swapped channel shows. */
function knownRgb(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      data[p] = (x * 9) % 256;
      data[p + 1] = (y * 13) % 256;
      data[p + 2] = (x * y + 40) % 256;
    }
  }
  return data;
}

/** Writes a binary PPM (P6) or PGM (P5), the input format opj_compress reads. */
function writePnm(
  path: string,
  width: number,
  height: number,
  data: Uint8Array,
  channels: 1 | 3,
): void {
  const header = Buffer.from(
    `${channels === 3 ? 'P6' : 'P5'}\n${width} ${height}\n255\n`,
    'latin1',
  );
  writeFileSync(path, Buffer.concat([header, Buffer.from(data)]));
}

/** The samples of a PPM/PGM opj_decompress wrote: magic, size and maxval lines, `#` comments skipped. */
function readPnmPixels(path: string): Uint8Array {
  const bytes = readFileSync(path);
  let lines = 0;
  let at = 0;
  while (lines < 3) {
    const end = bytes.indexOf(0x0a, at);
    if (bytes[at] !== 0x23) lines++;
    at = end + 1;
  }
  return new Uint8Array(bytes.subarray(at));
}

function opj(tool: 'opj_compress' | 'opj_decompress', args: string[]): void {
  execFileSync(tool, args, { stdio: 'ignore' });
}

describe('decodeJp2', SLOW, () => {
  it('decodes a lossless JP2 from opj_compress to exactly the pixels it was made from', async () => {
    const [w, h] = [61, 47];
    const rgb = knownRgb(w, h);
    writePnm(join(work, 'known.ppm'), w, h, rgb, 3);
    opj('opj_compress', ['-i', join(work, 'known.ppm'), '-o', join(work, 'known.jp2'), '-n', '4']);
    const jp2 = new Uint8Array(readFileSync(join(work, 'known.jp2')));
    expect(isJpeg2000(jp2)).toBe(true);
    const image = await decodeJp2(jp2);
    expect([image.width, image.height, image.channels]).toEqual([w, h, 3]);
    expect(image.data).toEqual(rgb);
  });

  it('decodes a bare codestream (.j2k) in greyscale too', async () => {
    const [w, h] = [40, 33];
    const grey = Uint8Array.from({ length: w * h }, (_, i) => (i * 7) % 256);
    writePnm(join(work, 'grey.pgm'), w, h, grey, 1);
    opj('opj_compress', ['-i', join(work, 'grey.pgm'), '-o', join(work, 'grey.j2k'), '-n', '3']);
    const image = await decodeJp2(new Uint8Array(readFileSync(join(work, 'grey.j2k'))));
    expect([image.width, image.height, image.channels]).toEqual([w, h, 1]);
    expect(image.data).toEqual(grey);
  });

  it('hands the renderer a PNG of the same pixels', async () => {
    const jp2 = new Uint8Array(readFileSync(join(work, 'known.jp2')));
    const png = await decodeJp2ToPng(jp2);
    const read = readPng(png);
    expect([read.width, read.height, read.colourType]).toEqual([61, 47, 2]);
    expect(pngPixels(png)).toEqual(knownRgb(61, 47));
  });

  it('refuses what is not JPEG 2000, and a JP2 header with no codestream, with Jp2Error', async () => {
    await expect(decodeJp2(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).rejects.toBeInstanceOf(
      Jp2Error,
    );
    const headerOnly = Uint8Array.from(
      Buffer.from('0000000C6A5020200D0A870A00000014667479706A703220000000006A703220', 'hex'),
    );
    await expect(decodeJp2(headerOnly)).rejects.toBeInstanceOf(Jp2Error);
  });
});

describe('encodeJp2', SLOW, () => {
  it('writes a lossless JP2 file that opj_decompress reads back to the same RGB pixels', async () => {
    const [w, h] = [52, 38];
    const rgb = knownRgb(w, h);
    const jp2 = await encodeJp2(rgb, w, h);
    expect(Buffer.from(jp2.subarray(0, 12)).toString('hex')).toBe('0000000c6a5020200d0a870a');
    writeFileSync(join(work, 'ours.jp2'), jp2);
    opj('opj_decompress', ['-i', join(work, 'ours.jp2'), '-o', join(work, 'ours.ppm')]);
    expect(readPnmPixels(join(work, 'ours.ppm'))).toEqual(rgb);
  });

  it('writes greyscale as one component, and lossy at a ratio makes it smaller but close', async () => {
    const [w, h] = [120, 160];
    const grey = Uint8Array.from(
      { length: w * h },
      (_, i) => 60 + (((i % w) + Math.floor(i / w)) % 128),
    );
    const lossless = await encodeJp2(grey, w, h);
    const lossy = await encodeJp2(grey, w, h, { compressionRatio: 16 });
    expect(lossy.length).toBeLessThan(lossless.length);
    expect(lossy.length).toBeLessThan((w * h) / 8);
    const back = await decodeJp2(lossy);
    expect([back.width, back.height, back.channels]).toEqual([w, h, 1]);
    const meanError = back.data.reduce((n, v, i) => n + Math.abs(v - grey[i]!), 0) / grey.length;
    expect(meanError).toBeLessThan(8);
    writeFileSync(join(work, 'lossy.jp2'), lossy);
    opj('opj_decompress', ['-i', join(work, 'lossy.jp2'), '-o', join(work, 'lossy.pgm')]);
    expect(readPnmPixels(join(work, 'lossy.pgm'))).toEqual(back.data);
  });

  it('refuses pixel data that is neither grey nor RGB for the size', async () => {
    await expect(encodeJp2(new Uint8Array(10), 3, 3)).rejects.toBeInstanceOf(Jp2Error);
  });
});
