// A small PNG writer (node:zlib deflate): the renderer gets PNGs, so its CSP never needs wasm.
import { deflateSync, inflateSync } from 'node:zlib';

/** 8-bit samples, row by row, `channels` samples a pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  readonly data: Uint8Array;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const COLOUR_TYPE: Readonly<Record<RawImage['channels'], number>> = { 1: 0, 2: 4, 3: 2, 4: 6 };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function assemble(
  width: number,
  height: number,
  bitDepth: number,
  colourType: number,
  filtered: Uint8Array,
  extra: readonly Uint8Array[] = [],
): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError('PNG size must be positive integers');
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([bitDepth, colourType, 0, 0, 0], 8); // deflate, adaptive filtering, no interlace
  return new Uint8Array(
    Buffer.concat([
      SIGNATURE,
      chunk('IHDR', ihdr),
      ...extra,
      chunk('IDAT', new Uint8Array(deflateSync(filtered))),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

/** Rows prefixed with filter type 1 (Sub): drawn and photographic images both deflate better. */
function subFiltered(
  rowBytes: number,
  height: number,
  stride: number,
  rows: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const src = y * rowBytes;
    const dst = y * (rowBytes + 1);
    out[dst] = 1;
    for (let x = 0; x < rowBytes; x++) {
      const left = x >= stride ? rows[src + x - stride]! : 0;
      out[dst + 1 + x] = (rows[src + x]! - left) & 0xff;
    }
  }
  return out;
}

/** An 8-bit PNG of a raw image (greyscale, grey+alpha, RGB or RGBA after `channels`). */
export function encodePng(image: RawImage): Uint8Array {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels)
    throw new RangeError('pixel data does not match width × height × channels');
  const rowBytes = width * channels;
  return assemble(
    width,
    height,
    8,
    COLOUR_TYPE[channels],
    subFiltered(rowBytes, height, channels, data),
  );
}

/**
 * A 1-bit greyscale PNG, the format of the card's rendered name, address and codes. `ink(x, y)`
 * says which pixels are black; the rest are white.
 */
export function encodeBilevelPng(
  width: number,
  height: number,
  ink: (x: number, y: number) => boolean = () => false,
  text: Readonly<Record<string, string>> = {},
): Uint8Array {
  const rowBytes = Math.ceil(width / 8);
  const raw = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const row = y * (rowBytes + 1);
    for (let x = 0; x < rowBytes * 8; x++) {
      // 1 is white in a 1-bit greyscale PNG; padding bits stay white too.
      const at = row + 1 + (x >> 3);
      if (x >= width || !ink(x, y)) raw[at] = raw[at]! | (0x80 >> (x & 7));
    }
  }
  const chunks = Object.entries(text).map(([keyword, value]) => textChunk(keyword, value));
  return assemble(width, height, 1, 0, raw, chunks);
}

/** An uncompressed iTXt chunk: keyword, no language, UTF-8 text (PNG 1.2, 11.3.4.5). */
function textChunk(keyword: string, value: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new RangeError('PNG text keyword');
  const enc = new TextEncoder();
  const body = Buffer.concat([
    enc.encode(keyword),
    // NUL after the keyword, compression flag 0 and method 0, empty language and translated keyword.
    Uint8Array.of(0, 0, 0, 0, 0),
    enc.encode(value),
  ]);
  return chunk('iTXt', new Uint8Array(body));
}

/**
 * The UTF-8 text of a PNG's uncompressed iTXt chunk with `keyword`, or null when it has none
 * (or is not a PNG). Reads the chunk list only; the pixels are not decoded.
 */
export function readPngText(png: Uint8Array, keyword: string): string | null {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) return null;
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'iTXt') {
      const nul = body.indexOf(0);
      if (nul > 0 && body.toString('latin1', 0, nul) === keyword && body[nul + 1] === 0) {
        // After the flags, the language and the translated keyword, each ended by a NUL.
        const language = body.indexOf(0, nul + 3);
        const translated = language < 0 ? -1 : body.indexOf(0, language + 1);
        if (translated >= 0) return body.toString('utf8', translated + 1);
      }
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return null;
}

/**
 * Reads an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB or RGBA): the test face photos the
 * photos script takes from Debian packages. Anything else is refused.
 */
export function decodePng(png: Uint8Array): RawImage {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!bytes.subarray(0, 8).equals(SIGNATURE)) throw new RangeError('not a PNG');
  let width = 0;
  let height = 0;
  let channels: RawImage['channels'] = 1;
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const found = Object.entries(COLOUR_TYPE).find(([, t]) => t === body[9]);
      if (body[8] !== 8 || !found || body[12] !== 0)
        throw new RangeError('only 8-bit, non-interlaced grey or RGB(A) PNGs');
      channels = Number(found[0]) as RawImage['channels'];
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[y * stride + x - channels]! : 0;
      const b = y > 0 ? data[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      data[y * stride + x] = (line[x]! + predicted) & 0xff;
    }
  }
  return { width, height, channels, data };
}
