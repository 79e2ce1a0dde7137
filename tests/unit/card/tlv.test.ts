// TLV headers: 1- and 2-byte tags, short and long lengths, and files cut mid-header.
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../main/card/apdu';
import { isFiller, parseTlv, parseTlvHeader, parseTlvList } from '../../../main/card/tlv';

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
