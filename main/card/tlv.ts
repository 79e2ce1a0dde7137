// BER-TLV as the My Number Card files use it: 1- or 2-byte tags, definite lengths; read and written.
import type { Bytes } from './transport';

export interface TlvHeader {
  /** The tag bytes as one number: 0x30, 0xFF20, 0xDF22. */
  readonly tag: number;
  readonly headerLength: number;
  readonly length: number;
  /** headerLength + length: how many bytes of the file the object covers. */
  readonly totalLength: number;
}

export interface Tlv extends TlvHeader {
  /** Offset of the tag in the bytes it was parsed from. */
  readonly offset: number;
  readonly value: Bytes;
}

/** A file or field does not have the layout docs/card.md describes. */
export class CardDataError extends Error {
  override readonly name = 'CardDataError';
}

/**
 * Parses the header at `offset`. Returns null when the bytes end inside the header, so a caller
 * reading a file in chunks knows to read more; throws on what no card file contains.
 */
export function parseTlvHeader(bytes: Bytes, offset = 0): TlvHeader | null {
  let at = offset;
  const first = bytes[at++];
  if (first === undefined) return null;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Multi-byte tag: subsequent bytes follow while bit 8 is set. Cards here use two bytes at most.
    let next: number | undefined;
    do {
      next = bytes[at++];
      if (next === undefined) return null;
      tag = tag * 256 + next;
      if (at - offset > 3) throw new CardDataError('tag longer than 3 bytes');
    } while (next & 0x80);
  }
  const lenByte = bytes[at++];
  if (lenByte === undefined) return null;
  let length = lenByte;
  if (lenByte & 0x80) {
    const count = lenByte & 0x7f;
    if (count === 0 || count > 3) throw new CardDataError('unsupported TLV length form');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[at++];
      if (b === undefined) return null;
      length = length * 256 + b;
    }
  }
  const headerLength = at - offset;
  return { tag, headerLength, length, totalLength: headerLength + length };
}

/** Parses one complete TLV at `offset`; throws when it is cut short. */
export function parseTlv(bytes: Bytes, offset = 0): Tlv {
  const header = parseTlvHeader(bytes, offset);
  if (!header || offset + header.totalLength > bytes.length) {
    throw new CardDataError('TLV runs past the end of the data');
  }
  const start = offset + header.headerLength;
  return { ...header, offset, value: bytes.subarray(start, start + header.length) };
}

/**
 * Parses consecutive TLVs from `offset` to `end`, stopping at filler (00 or FF where a tag
 * would start), which cards leave after the last object.
 */
export function parseTlvList(bytes: Bytes, offset = 0, end = bytes.length): Tlv[] {
  const out: Tlv[] = [];
  let at = offset;
  while (at < end) {
    const b = bytes[at];
    if (b === 0x00 || (b === 0xff && (bytes[at + 1] === 0xff || at + 1 >= end))) break;
    const tlv = parseTlv(bytes.subarray(0, end), at);
    out.push(tlv);
    at += tlv.totalLength;
  }
  return out;
}

/** Whether the bytes start with filler instead of an object: an empty (never written) file. */
export function isFiller(bytes: Bytes): boolean {
  const b0 = bytes[0];
  return b0 === undefined || b0 === 0x00 || (b0 === 0xff && (bytes[1] ?? 0xff) === 0xff);
}

/** A BER definite length: short form under 128, else 81 xx or 82 xx xx. */
export function encodeTlvLength(length: number): Bytes {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`TLV length ${length}`);
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  if (length < 0x10000) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  throw new RangeError('TLV value too long');
}

/** One TLV; the tag is written as the number reads (0x30 one byte, 0xDF22 two), as parsed above. */
export function encodeTlv(tag: number, value: Bytes): Bytes {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffff) throw new RangeError(`TLV tag ${tag}`);
  const tagBytes = tag > 0xff ? Uint8Array.of(tag >> 8, tag & 0xff) : Uint8Array.of(tag);
  const length = encodeTlvLength(value.length);
  const out = new Uint8Array(tagBytes.length + length.length + value.length);
  out.set(tagBytes);
  out.set(length, tagBytes.length);
  out.set(value, tagBytes.length + length.length);
  return out;
}

/**
 * A template whose first object, DF21, holds the 2-byte offsets (from the file start) of the
 * objects that follow it: the layout of the text and card-face applications' EF 0002.
 */
export function encodeWithOffsetTable(outerTag: number, fields: readonly Bytes[]): Bytes {
  const tableLength = 3 + 2 * fields.length;
  const innerLength = tableLength + fields.reduce((n, f) => n + f.length, 0);
  const header = encodeTlv(outerTag, new Uint8Array(innerLength)).length - innerLength;
  const offsets = new Uint8Array(2 * fields.length);
  let at = header + tableLength;
  fields.forEach((field, i) => {
    offsets[i * 2] = at >> 8;
    offsets[i * 2 + 1] = at & 0xff;
    at += field.length;
  });
  const inner = new Uint8Array(innerLength);
  inner.set(encodeTlv(0xdf21, offsets));
  let put = tableLength;
  for (const field of fields) {
    inner.set(field, put);
    put += field.length;
  }
  return encodeTlv(outerTag, inner);
}
