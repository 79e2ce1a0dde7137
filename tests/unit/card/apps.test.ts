// Application modules over transcripts: JPKI, common, visual, 住基 — domain values out, never bytes.
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../main/card/apdu';
import { parseCardIdentity, readCardIdentity, readChipState } from '../../../main/card/apps/common';
import {
  parseCertificatePresence,
  readCertificate,
  readTokenLabel,
  sha256DigestInfo,
  sign,
  verifyJpki,
} from '../../../main/card/apps/jpki';
import { readJukiPinStatus, selectJuki } from '../../../main/card/apps/juki';
import { verifyTextPin } from '../../../main/card/apps/text';
import { parseVisualBasicInfo } from '../../../main/card/apps/visual';
import { parsePin, parseSigningPassword } from '../../../main/card/domain';
import { AID, identityRecordHex, makeCertificate, readTlvScript } from './card-script';
import { play } from './scripted-transport';

describe('apps: JPKI', () => {
  it('reads and trims the token label', async () => {
    const label = toHex(new TextEncoder().encode('JPKIAPICCTOKEN2'.padEnd(32, ' ')));
    const { t, ch } = play(`
      => 00A4020C02 0006
      <= 9000
      => 00B0000020
      <= ${label} 9000
    `);
    expect(await readTokenLabel(ch)).toBe('JPKIAPICCTOKEN2');
    t.assertDone();
  });

  it('EF 0008: byte 0 signing, byte 1 auth; 00 means absent', () => {
    expect(parseCertificatePresence(fromHex('8F8F00'))).toEqual({ signing: true, auth: true });
    expect(parseCertificatePresence(fromHex('008F00'))).toEqual({ signing: false, auth: true });
    expect(parseCertificatePresence(fromHex('000000'))).toEqual({ signing: false, auth: false });
  });

  it('reads and parses the auth certificate; an empty EF is null', async () => {
    const der = await makeCertificate('2025-02-17T00:00:00Z', '2030-02-17T14:59:59Z');
    const { t, ch } = play(`
      => 00A4020C02 000A
      <= 9000
      ${readTlvScript(der)}
      => 00A4020C02 000B
      <= 9000
      => 00B0000000
      <= 6B00
    `);
    const cert = await readCertificate(ch, 'auth');
    expect(cert?.notAfter.toISOString()).toBe('2030-02-17T14:59:59.000Z');
    expect(cert?.issuer).toContain('O=JPKI-TEST');
    expect(await readCertificate(ch, 'auth-ca')).toBeNull();
    t.assertDone();
  });

  it('the signing certificate without the password surfaces 6982', async () => {
    const { t, ch } = play(`
      => 00A4020C02 0001
      <= 9000
      => 00B0000000
      <= 6982
    `);
    await expect(readCertificate(ch, 'signing')).rejects.toMatchObject({ sw: 0x6982 });
    t.assertDone();
  });

  it('builds the 51-byte SHA-256 DigestInfo', () => {
    const di = sha256DigestInfo(new Uint8Array(32).fill(0xab));
    expect(di.length).toBe(51);
    expect(toHex(di)).toBe('3031300D060960864801650304020105000420' + 'AB'.repeat(32));
    expect(() => sha256DigestInfo(new Uint8Array(20))).toThrow(RangeError);
  });

  it('auth: verify the PIN, then select key 0017 and sign 80 2A 00 80', async () => {
    const digest = new Uint8Array(32).fill(0x11);
    const signature = 'CD'.repeat(256);
    const { t, ch } = play(`
      => 00A4020C02 0018
      <= 9000
      => 0020008004 31323334
      <= 9000
      => 00A4020C02 0017
      <= 9000
      => 802A008033 3031300D060960864801650304020105000420${'11'.repeat(32)} 00
      <= ${signature} 9000
    `);
    expect(await verifyJpki(ch, { kind: 'auth', pin: parsePin('1234') })).toEqual({
      kind: 'verified',
    });
    expect(toHex(await sign(ch, 'auth', digest))).toBe(signature);
    t.assertDone();
  });

  it('signing: a wrong password reports tries left; signing without it surfaces 6982', async () => {
    const { t, ch } = play(`
      => 00A4020C02 001B
      <= 9000
      => 002000800A 41424331323358595A39
      <= 63C4
      => 00A4020C02 001A
      <= 9000
      => 802A008033 3031300D060960864801650304020105000420${'22'.repeat(32)} 00
      <= 6982
    `);
    const password = parseSigningPassword('abc123xyz9');
    expect(await verifyJpki(ch, { kind: 'signing', password })).toEqual({
      kind: 'wrong',
      triesLeft: 4,
    });
    await expect(sign(ch, 'signing', new Uint8Array(32).fill(0x22))).rejects.toMatchObject({
      sw: 0x6982,
    });
    t.assertDone();
  });
});

describe('apps: common', () => {
  it('record 1 gives serial, municipality and expiry', async () => {
    const { t, ch } = play(`
      => 00A4040C0A ${AID.common}
      <= 9000
      => 00A4020C02 0001
      <= 9000
      => 00B2010400
      <= ${identityRecordHex()} 9000
    `);
    expect(await readCardIdentity(ch)).toEqual({
      serial: '400000012719843',
      municipalityCode: '13221',
      cardExpiry: '2035-02-17',
    });
    t.assertDone();
  });

  it('a record without 01 1C is refused', () => {
    expect(() => parseCardIdentity(fromHex('021C' + '30'.repeat(28)))).toThrow(/01 1C/);
    // 2035-13-45 is no date: a card data error, not an internal one.
    const badDate =
      '011C' + toHex(new TextEncoder().encode('400000012719843' + '13221' + '20351345'));
    expect(() => parseCardIdentity(fromHex(badDate))).toThrow(/common record 1: date/);
  });

  it('chip state: no EF (a real card) is active, 02 suspended, 03 terminated, others an error', async () => {
    const { t, ch } = play(`
      => 00A4020C02 0003
      <= 6A82
      => 00A4020C02 0003
      <= 9000
      => 00B0000001
      <= 02 9000
      => 00A4020C02 0003
      <= 9000
      => 00B0000001
      <= 03 9000
      => 00A4020C02 0003
      <= 9000
      => 00B0000001
      <= 07 9000
    `);
    expect(await readChipState(ch)).toBe('active');
    expect(await readChipState(ch)).toBe('suspended');
    expect(await readChipState(ch)).toBe('terminated');
    await expect(readChipState(ch)).rejects.toThrow(/unknown chip state/);
    t.assertDone();
  });
});

describe('apps: visual, 住基, text', () => {
  it('visual EF 0003: DF34 is the municipality code', () => {
    // FF 30 <len>: DF31 layout id, DF33 version, DF34 '13221', then FF filler.
    const inner = 'DF3104 06030E01' + 'DF3301 01' + 'DF3405 3133323231';
    const bytes = fromHex(`FF30 13 ${inner} FFFF`);
    expect(parseVisualBasicInfo(bytes)).toEqual({ municipalityCode: '13221' });
    expect(() => parseVisualBasicInfo(fromHex('FF30 07 DF3104 06030E01'))).toThrow(/no DF34/);
  });

  it('住基 PIN status: select the application, key 001C, empty VERIFY', async () => {
    const { t, ch } = play(`
      => 00A4040C0A ${AID.juki}
      <= 9000
      => 00A4020C02 001C
      <= 9000
      => 00200080
      <= 63C1
    `);
    await selectJuki(ch);
    expect(await readJukiPinStatus(ch)).toEqual({ state: 'ok', triesLeft: 1, maxTries: 3 });
    t.assertDone();
  });

  it('text PIN verify selects 0011 and reports a lock', async () => {
    const { t, ch } = play(`
      => 00A4020C02 0011
      <= 9000
      => 0020008004 39393939
      <= 6984
    `);
    expect(await verifyTextPin(ch, parsePin('9999'))).toEqual({ kind: 'locked' });
    t.assertDone();
  });
});
