// TLV headers: 1- and 2-byte tags, short and long lengths, files cut mid-header; the encoder.
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../main/card/apdu';
import {
  encodeTlv,
  isFiller,
  parseTlv,
  parseTlvHeader,
  parseTlvList,
} from '../../../main/card/tlv';

describe('tlv', () => {
  it('reads a 2-byte tag with a short length (FF 10 0C)', () => {
    expect(parseTlvHeader(fromHex('FF100C'))).toEqual({
      tag: 0xff10,
      headerLength: 3,
      length: 12,
      totalLength: 15,
    });
  });

  it('reads a DER certificate header (30 82 05 1A)', () => {
    expect(parseTlvHeader(fromHex('3082051A3082'))).toMatchObject({
      tag: 0x30,
      headerLength: 4,
      length: 0x51a,
      totalLength: 0x51e,
    });
  });

  it('reads 81 xx lengths', () => {
    expect(parseTlvHeader(fromHex('DF2381C8'))).toMatchObject({ tag: 0xdf23, length: 200 });
  });

  it('returns null when the bytes end inside the header', () => {
    expect(parseTlvHeader(fromHex('3082'))).toBeNull();
    expect(parseTlvHeader(fromHex('FF'))).toBeNull();
  });

  it('parseTlv refuses a value cut short', () => {
    expect(() => parseTlv(fromHex('DF2505 3131'))).toThrow(/past the end/);
  });

  it('lists children and stops at filler', () => {
    const list = parseTlvList(fromHex('DF2401 31 DF2501 32 FFFF'));
    expect(list.map((t) => [t.tag, t.offset])).toEqual([
      [0xdf24, 0],
      [0xdf25, 4],
    ]);
  });

  it('tells an unwritten file', () => {
    expect(isFiller(fromHex('FFFFFF'))).toBe(true);
    expect(isFiller(new Uint8Array(0))).toBe(true);
    expect(isFiller(fromHex('FF1000'))).toBe(false);
  });
});

describe('tlv encoder', () => {
  it('writes 1- and 2-byte tags as the parser reads them', () => {
    expect(toHex(encodeTlv(0x30, fromHex('0102')))).toBe('30020102');
    expect(toHex(encodeTlv(0xdf25, fromHex('31')))).toBe('DF250131');
  });

  it('writes short, 81 xx and 82 xx xx lengths', () => {
    expect(toHex(encodeTlv(0xdf23, new Uint8Array(0x7f))).slice(0, 6)).toBe('DF237F');
    expect(toHex(encodeTlv(0xdf23, new Uint8Array(200))).slice(0, 8)).toBe('DF2381C8');
    expect(toHex(encodeTlv(0x30, new Uint8Array(0x51a))).slice(0, 8)).toBe('3082051A');
  });

  it('round-trips through the parser', () => {
    for (const [tag, n] of [
      [0x04, 0],
      [0xff20, 127],
      [0xdf27, 128],
      [0x7f21, 300],
    ] as const) {
      const value = Uint8Array.from({ length: n }, (_, i) => i & 0xff);
      const tlv = parseTlv(encodeTlv(tag, value));
      expect([tlv.tag, tlv.length, toHex(tlv.value)]).toEqual([tag, n, toHex(value)]);
    }
  });

  it('refuses a value or a tag it cannot write', () => {
    expect(() => encodeTlv(0x04, new Uint8Array(0x10000))).toThrow(RangeError);
    expect(() => encodeTlv(0x5f7f49, new Uint8Array(1))).toThrow(RangeError);
  });
});
