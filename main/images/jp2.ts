// JPEG 2000 in main: decode the chip photo with OpenJPEG (WebAssembly build) and hand out PNG; encode portraits.
import { createRequire } from 'node:module';
import { encodePng, type RawImage } from './png';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

/** The embind classes of @cornerstonejs/codec-openjpeg (J2KDecoder.hpp, J2KEncoder.hpp). */
interface J2kDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

interface J2kEncoder {
  getDecodedBuffer(frame: FrameInfo): Uint8Array;
  setQuality(lossless: boolean, layers: number): void;
  setCompressionRatio(layer: number, ratio: number): void;
  setDecompositions(levels: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

interface OpenJpegModule {
  J2KDecoder: new () => J2kDecoder;
  J2KEncoder: new () => J2kEncoder;
}

type ModuleFactory = (overrides: {
  print: (text: string) => void;
  printErr: (text: string) => void;
}) => Promise<OpenJpegModule>;

/** The image is not JPEG 2000, or OpenJPEG could not decode or encode it. */
export class Jp2Error extends Error {
  override readonly name = 'Jp2Error';
}

let codec: Promise<OpenJpegModule> | null = null;

/**
 * Loads the WebAssembly module once per process. It is required from node_modules at run time
 * rather than bundled: the Emscripten glue finds its .wasm next to itself (__dirname), which a
 * bundle would break. OpenJPEG's info and error lines go nowhere: failures surface as Jp2Error.
 */
function openJpeg(): Promise<OpenJpegModule> {
  codec ??= (async () => {
    const require = createRequire(import.meta.url);
    const factory = require('@cornerstonejs/codec-openjpeg/wasmjs') as ModuleFactory;
    return factory({ print: () => undefined, printErr: () => undefined });
  })();
  codec.catch(() => {
    codec = null; // a failed load may be retried
  });
  return codec;
}

const JP2_SIGNATURE = Uint8Array.of(0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a);
const J2K_SOC_SIZ = Uint8Array.of(0xff, 0x4f, 0xff, 0x51);

const startsWith = (bytes: Uint8Array, prefix: Uint8Array): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** A JP2 file (signature box) or a bare JPEG 2000 codestream (SOC then SIZ marker). */
export function isJpeg2000(bytes: Uint8Array): boolean {
  return startsWith(bytes, JP2_SIGNATURE) || startsWith(bytes, J2K_SOC_SIZ);
}

/** 8-bit samples whatever the codestream's precision (the screen shows 8 bits anyway). */
function toEightBit(decoded: Uint8Array, frame: FrameInfo): Uint8Array {
  const samples = frame.width * frame.height * frame.componentCount;
  if (frame.bitsPerSample <= 8) {
    // Copied out of WebAssembly memory, and a Uint8Array rather than the clamped view it is.
    const out = new Uint8Array(decoded.buffer, decoded.byteOffset, samples).slice();
    if (frame.isSigned) for (let i = 0; i < out.length; i++) out[i] = (out[i]! + 128) & 0xff;
    return out;
  }
  const view = new DataView(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  const shift = frame.bitsPerSample - 8;
  const out = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) {
    const v = frame.isSigned
      ? view.getInt16(i * 2, true) + (1 << (frame.bitsPerSample - 1))
      : view.getUint16(i * 2, true);
    out[i] = Math.max(0, Math.min(255, v >> shift));
  }
  return out;
}

/** Decodes a JP2 file or a JPEG 2000 codestream into 8-bit pixels (1, 3 or 4 samples a pixel). */
export async function decodeJp2(jp2: Uint8Array): Promise<RawImage> {
  if (!isJpeg2000(jp2)) throw new Jp2Error('not a JPEG 2000 image');
  const m = await openJpeg();
  const decoder = new m.J2KDecoder();
  try {
    decoder.getEncodedBuffer(jp2.length).set(jp2);
    try {
      decoder.decode();
    } catch {
      throw new Jp2Error('OpenJPEG could not decode the image');
    }
    const frame = decoder.getFrameInfo();
    const channels = frame.componentCount;
    if (channels !== 1 && channels !== 3 && channels !== 4)
      throw new Jp2Error(`unsupported component count ${channels}`);
    if (frame.bitsPerSample > 16) throw new Jp2Error('unsupported sample precision');
    // The decoded buffer is a view into WebAssembly memory: copy it before the decoder goes.
    const data = toEightBit(decoder.getDecodedBuffer(), frame);
    return { width: frame.width, height: frame.height, channels, data };
  } finally {
    decoder.delete();
  }
}

/** Decodes JPEG 2000 and re-encodes it as PNG, the only image form the renderer receives. */
export async function decodeJp2ToPng(jp2: Uint8Array): Promise<Uint8Array> {
  return encodePng(await decodeJp2(jp2));
}

export interface EncodeJp2Options {
  /** Lossy (irreversible 9/7 wavelet) at this compression ratio; omitted: lossless (5/3). */
  readonly compressionRatio?: number;
}

function box(type: string, ...contents: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(contents);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return new Uint8Array(Buffer.concat([head, body]));
}

/**
 * Wraps a codestream in the JP2 file format (ISO/IEC 15444-1 annex I): signature, file type,
 * header (image header + enumerated colour space), codestream. The encoder only writes bare
 * codestreams, and a .jp2 file should be one.
 */
function jp2File(
  codestream: Uint8Array,
  width: number,
  height: number,
  channels: number,
): Uint8Array {
  const ihdr = new Uint8Array(14);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, height);
  v.setUint32(4, width);
  v.setUint16(8, channels);
  ihdr.set([7, 7, 0, 0], 10); // 8-bit unsigned, compression type 7 (JPEG 2000), colour space known, no IPR
  const colr = new Uint8Array(7);
  colr[0] = 1; // enumerated colour space
  new DataView(colr.buffer).setUint32(3, channels === 1 ? 17 : 16); // 17 greyscale, 16 sRGB
  const ftyp = Uint8Array.of(0x6a, 0x70, 0x32, 0x20, 0, 0, 0, 0, 0x6a, 0x70, 0x32, 0x20);
  return new Uint8Array(
    Buffer.concat([
      JP2_SIGNATURE,
      box('ftyp', ftyp),
      box('jp2h', box('ihdr', ihdr), box('colr', colr)),
      box('jp2c', codestream),
    ]),
  );
}

/**
 * Encodes 8-bit pixels (greyscale or RGB, inferred from the data length) as a JP2 file with
 * OpenJPEG's encoder. Lossless unless a compression ratio is given.
 */
export async function encodeJp2(
  pixels: Uint8Array,
  width: number,
  height: number,
  options: EncodeJp2Options = {},
): Promise<Uint8Array> {
  const channels = pixels.length / (width * height);
  if (channels !== 1 && channels !== 3)
    throw new Jp2Error('pixels must be width × height × 1 (grey) or × 3 (RGB) bytes');
  const m = await openJpeg();
  const encoder = new m.J2KEncoder();
  try {
    const frame = { width, height, bitsPerSample: 8, componentCount: channels, isSigned: false };
    encoder.getDecodedBuffer(frame).set(pixels);
    const ratio = options.compressionRatio;
    encoder.setQuality(ratio === undefined, 1);
    encoder.setCompressionRatio(0, ratio ?? 0);
    // Five levels need 32 pixels a side; small images get fewer.
    encoder.setDecompositions(
      Math.max(0, Math.min(5, Math.floor(Math.log2(Math.min(width, height))) - 1)),
    );
    try {
      encoder.encode();
    } catch {
      throw new Jp2Error('OpenJPEG could not encode the image');
    }
    return jp2File(encoder.getEncodedBuffer().slice(), width, height, channels);
  } finally {
    encoder.delete();
  }
}
