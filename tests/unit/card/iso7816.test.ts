// ISO 7816 operations, each checked against a transcript that fails on any unexpected APDU.
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../main/card/apdu';
import {
  changeReferenceData,
  readBinary,
  readBinaryBytes,
  readPinStatus,
  readRecord,
  selectAid,
  selectEf,
  triesLeft,
  verify,
} from '../../../main/card/iso7816';
import { play } from './scripted-transport';

/** A DER-shaped file of `n` value bytes: 30 82 hi lo + a counting pattern. */
function derFile(n: number): Uint8Array {
  const out = new Uint8Array(4 + n);
  out.set([0x30, 0x82, n >> 8, n & 0xff]);
  for (let i = 0; i < n; i++) out[4 + i] = i & 0xff;
  return out;
}

describe('iso7816: select', () => {
  it('selects the JPKI application by AID without FCI', async () => {
    const { t, ch } = play(`
      => 00 A4 04 0C 0A D392F000260100000001
      <= 9000
    `);
    await selectAid(ch, fromHex('D392F000260100000001'));
    t.assertDone();
  });

  it('selects an EF and surfaces 6A82', async () => {
    const { t, ch } = play(`
      => 00 A4 02 0C 02 000A
      <= 9000
      => 00 A4 02 0C 02 0099
      <= 6A82
    `);
    await selectEf(ch, 0x000a);
    await expect(selectEf(ch, 0x0099)).rejects.toMatchObject({ sw: 0x6a82 });
    t.assertDone();
  });
});

describe('iso7816: read binary to the end of the TLV', () => {
  it('reads a 17-byte file in one chunk and drops the FF filler', async () => {
    const { t, ch } = play(`
      => 00 B0 00 00 00
      <= FF100C 353337363836363737313838 FFFF 9000
    `);
    expect(toHex(await readBinary(ch))).toBe('FF100C353337363836363737313838');
    t.assertDone();
  });

  it('reads a certificate in 256-byte chunks sized from its 30 82 header', async () => {
    const file = derFile(600); // 604 bytes: 256 + 256 + 92
    const { t, ch } = play(`
      => 00 B0 00 00 00
      <= ${toHex(file.subarray(0, 256))} 9000
      => 00 B0 01 00 00
      <= ${toHex(file.subarray(256, 512))} 9000
      => 00 B0 02 00 5C
      <= ${toHex(file.subarray(512))} 9000
    `);
    expect(toHex(await readBinary(ch))).toBe(toHex(file));
    t.assertDone();
  });

  it('continues after a short read near the end', async () => {
    const file = derFile(300); // 304 bytes
    const { t, ch } = play(`
      => 00 B0 00 00 00
      <= ${toHex(file.subarray(0, 256))} 9000
      => 00 B0 01 00 30
      <= ${toHex(file.subarray(256, 280))} 9000
      => 00 B0 01 18 18
      <= ${toHex(file.subarray(280))} 9000
    `);
    expect(toHex(await readBinary(ch))).toBe(toHex(file));
    t.assertDone();
  });

  it('accepts 6282 (end of file before Le) as a short read with valid data', async () => {
    const { t, ch } = play(`
      => 00 B0 00 00 00
      <= FF100C 353337363836363737313838 FFFF 6282
    `);
    expect(toHex(await readBinary(ch))).toBe('FF100C353337363836363737313838');
    t.assertDone();
  });

  it('an EF that answers 6B00 at offset 0 is empty', async () => {
    const { t, ch } = play(`
      => 00 B0 00 00 00
      <= 6B00
    `);
    expect((await readBinary(ch)).length).toBe(0);
    t.assertDone();
  });

  it('an all-FF EF (never written) is empty', async () => {
    const { t, ch } = play(`
      => 00 B0 00 00 00
      <= ${'FF'.repeat(256)} 9000
    `);
    expect((await readBinary(ch)).length).toBe(0);
    t.assertDone();
  });

  it('6B00 before the TLV ends is a data error, not a short file', async () => {
    const file = derFile(600);
    const { t, ch } = play(`
      => 00 B0 00 00 00
      <= ${toHex(file.subarray(0, 256))} 9000
      => 00 B0 01 00 00
      <= 6B00
    `);
    await expect(readBinary(ch)).rejects.toThrow(/inside its TLV/);
    t.assertDone();
  });

  it('a protected EF surfaces 6982', async () => {
    const { t, ch } = play(`
      => 00 B0 00 00 00
      <= 6982
    `);
    await expect(readBinary(ch)).rejects.toMatchObject({ sw: 0x6982 });
    t.assertDone();
  });

  it('reads a fixed number of bytes of a non-TLV file', async () => {
    const { t, ch } = play(`
      => 00 B0 00 00 20
      <= ${toHex(new TextEncoder().encode('JPKIAPICCTOKEN2'.padEnd(32, ' ')))} 9000
    `);
    expect(new TextDecoder().decode(await readBinaryBytes(ch, 32)).trimEnd()).toBe(
      'JPKIAPICCTOKEN2',
    );
    t.assertDone();
  });
});

describe('iso7816: records, secrets', () => {
  it('reads record 1 of the current EF', async () => {
    const { t, ch } = play(`
      => 00 B2 01 04 00
      <= 011C 3430303030303031323731393834333133323231323033353032313790 00
    `);
    expect((await readRecord(ch, 1)).length).toBe(30);
    t.assertDone();
  });

  it('VERIFY: 9000 verified, 63Cx wrong with tries left, 6984 locked, 6A88 not set', async () => {
    const { t, ch } = play(`
      => 00 20 00 80 04 31323334
      <= 9000
      => 00 20 00 80 04 31323334
      <= 63C1
      => 00 20 00 80 04 31323334
      <= 6984
      => 00 20 00 80 04 31323334
      <= 6A88
    `);
    const pin = fromHex('31323334');
    expect(await verify(ch, pin)).toEqual({ kind: 'verified' });
    expect(await verify(ch, pin)).toEqual({ kind: 'wrong', triesLeft: 1 });
    expect(await verify(ch, pin)).toEqual({ kind: 'locked' });
    expect(await verify(ch, pin)).toEqual({ kind: 'not-set' });
    t.assertDone();
  });

  it('tries query is an empty VERIFY: 63Cx, 63C0, 9000, 6984, 6A88', async () => {
    const { t, ch } = play(`
      => 00 20 00 80
      <= 63C3
      => 00 20 00 80
      <= 63C0
      => 00 20 00 80
      <= 9000
      => 00 20 00 80
      <= 6984
      => 00 20 00 80
      <= 6A88
    `);
    expect(await triesLeft(ch)).toEqual({ kind: 'tries', triesLeft: 3 });
    expect(await triesLeft(ch)).toEqual({ kind: 'locked' });
    expect(await triesLeft(ch)).toEqual({ kind: 'verified' });
    expect(await triesLeft(ch)).toEqual({ kind: 'locked' });
    expect(await triesLeft(ch)).toEqual({ kind: 'not-set' });
    t.assertDone();
  });

  it('PIN status selects the key EF first and spends no try', async () => {
    const { t, ch } = play(`
      => 00 A4 02 0C 02 001B
      <= 9000
      => 00 20 00 80
      <= 63C5
    `);
    expect(await readPinStatus(ch, 0x001b, 5)).toEqual({ state: 'ok', triesLeft: 5, maxTries: 5 });
    t.assertDone();
  });

  it('CHANGE REFERENCE DATA is 00 24 01 80 Lc new', async () => {
    const { t, ch } = play(`
      => 00 24 01 80 04 35363738
      <= 9000
    `);
    await changeReferenceData(ch, fromHex('35363738'));
    t.assertDone();
  });
});
