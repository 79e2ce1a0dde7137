// Test helper: reads back the PNGs main/images/png.ts writes (8-bit, filters None and Sub; 1-bit grey).
import { crc32, inflateSync } from 'node:zlib';

export interface ReadPng {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colourType: number;
  /** Unfiltered rows, packed as in the file (1-bit rows are bytes of 8 pixels). */
  readonly rows: Uint8Array[];
  readonly chunkTypes: string[];
}

const SIGNATURE = '89504e470d0a1a0a';

export function readPng(bytes: Uint8Array): ReadPng {
  const buf = Buffer.from(bytes);
  if (buf.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG');
  let at = 8;
  const chunkTypes: string[] = [];
  const idat: Buffer[] = [];
  let ihdr: Buffer | null = null;
  while (at < buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.subarray(at + 4, at + 8).toString('latin1');
    const data = buf.subarray(at + 8, at + 8 + length);
    const crc = buf.readUInt32BE(at + 8 + length);
    if (crc32(buf.subarray(at + 4, at + 8 + length)) !== crc) throw new Error(`bad CRC in ${type}`);
    chunkTypes.push(type);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  if (!ihdr) throw new Error('no IHDR');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const bitDepth = ihdr[8]!;
  const colourType = ihdr[9]!;
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType] ?? 0;
  const bpp = Math.max(1, (channels * bitDepth) / 8);
  const rowBytes = Math.ceil((width * channels * bitDepth) / 8);
  const raw = inflateSync(Buffer.concat(idat));
  const rows: Uint8Array[] = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)]!;
    const row = new Uint8Array(raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1)));
    if (filter === 1)
      for (let x = bpp; x < rowBytes; x++) row[x] = (row[x]! + row[x - bpp]!) & 0xff;
    else if (filter !== 0) throw new Error(`filter ${filter} not expected`);
    rows.push(row);
  }
  return { width, height, bitDepth, colourType, rows, chunkTypes };
}

/** All rows of an 8-bit PNG joined: the pixel samples. */
export function pngPixels(bytes: Uint8Array): Uint8Array {
  const png = readPng(bytes);
  const out = new Uint8Array(png.rows.reduce((n, r) => n + r.length, 0));
  png.rows.forEach((r, i) => out.set(r, i * r.length));
  return out;
}
