// Byte helpers for the simulated card: hex, concatenation and the DER pieces certificates need.
import { concatBytes, toHex as apduHex } from '../apdu';
import { encodeTlv } from '../tlv';

export type Bytes = Uint8Array;

export { equalBytes, fromHex } from '../apdu';

export function toHex(bytes: Bytes): string {
  return apduHex(bytes);
}

export function concat(...parts: readonly Bytes[]): Bytes {
  return concatBytes(parts);
}

export function ascii(text: string): Bytes {
  return new TextEncoder().encode(text);
}

export const utf8 = ascii;

export function u16(value: number): Bytes {
  return Uint8Array.of((value >> 8) & 0xff, value & 0xff);
}

// DER, for the parts of certificates @peculiar/x509 has no builder for (otherName).
export function derSequence(...items: readonly Bytes[]): Bytes {
  return encodeTlv(0x30, concat(...items));
}

export function derUtf8(text: string): Bytes {
  return encodeTlv(0x0c, utf8(text));
}

export function derOid(oid: string): Bytes {
  const arcs = oid.split('.').map((a) => BigInt(a));
  const [a0, a1, ...rest] = arcs;
  if (a0 === undefined || a1 === undefined) throw new Error('OID needs two arcs');
  const body: number[] = [];
  for (const arc of [a0 * 40n + a1, ...rest]) {
    const groups: number[] = [];
    let v = arc;
    do {
      groups.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    groups.forEach((g, i) => body.push(i < groups.length - 1 ? g | 0x80 : g));
  }
  return encodeTlv(0x06, Uint8Array.from(body));
}

/** A constructed context-specific tag [n] (A0 + n). */
export function derContext(n: number, content: Bytes): Bytes {
  return encodeTlv(0xa0 + n, content);
}
