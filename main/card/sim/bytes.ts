// Byte helpers for the simulated card: hex, concatenation and the DER pieces certificates need.
import { encodeTlv } from '../tlv';

export type Bytes = Uint8Array;

export function fromHex(hex: string): Bytes {
  const clean = hex.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error('malformed hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function toHex(bytes: Bytes): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

export function concat(...parts: readonly Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function ascii(text: string): Bytes {
  return new TextEncoder().encode(text);
}

export const utf8 = ascii;

export function u16(value: number): Bytes {
  return Uint8Array.of((value >> 8) & 0xff, value & 0xff);
}

export function equalBytes(a: Bytes, b: Bytes): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
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
