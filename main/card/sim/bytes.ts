// Byte helpers for the simulated card: hex, concatenation, BER-TLV and the DER pieces certificates need.

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

/** A BER/DER definite length: short form under 128, else 81 xx or 82 xxxx. */
export function berLength(length: number): Bytes {
  if (length < 0x80) return Uint8Array.of(length);
  if (length < 0x100) return Uint8Array.of(0x81, length);
  if (length < 0x10000) return Uint8Array.of(0x82, length >> 8, length & 0xff);
  throw new Error('TLV value too long');
}

/** A TLV with a one- or two-byte tag (tags above 0xFF are written as two bytes). */
export function tlv(tag: number, value: Bytes): Bytes {
  const tagBytes = tag > 0xff ? u16(tag) : Uint8Array.of(tag);
  return concat(tagBytes, berLength(value.length), value);
}

/** Total length of the BER-TLV at the start of `bytes` (header included), or null if unreadable. */
export function tlvTotalLength(bytes: Bytes): number | null {
  let at = 0;
  const first = bytes[at++];
  if (first === undefined) return null;
  if ((first & 0x1f) === 0x1f) {
    let b: number | undefined;
    do {
      b = bytes[at++];
      if (b === undefined) return null;
    } while (b & 0x80);
  }
  const l0 = bytes[at++];
  if (l0 === undefined) return null;
  if (l0 < 0x80) return at + l0;
  const n = l0 & 0x7f;
  if (n === 0 || n > 3 || at + n > bytes.length) return null;
  let len = 0;
  for (let i = 0; i < n; i++) len = (len << 8) | (bytes[at + i] ?? 0);
  return at + n + len;
}

// DER, for the parts of certificates @peculiar/x509 has no builder for (otherName).
export function derSequence(...items: readonly Bytes[]): Bytes {
  return tlv(0x30, concat(...items));
}

export function derUtf8(text: string): Bytes {
  return tlv(0x0c, utf8(text));
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
  return tlv(0x06, Uint8Array.from(body));
}

/** A constructed context-specific tag [n] (A0 + n). */
export function derContext(n: number, content: Bytes): Bytes {
  return tlv(0xa0 + n, content);
}
