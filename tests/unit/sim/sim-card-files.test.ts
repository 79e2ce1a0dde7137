// Reading the simulated card's files: access rules, short reads, 6B00, filler, and the data formats of docs/card.md.
import { createHash, verify as verifySignature } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset, presetAuthority, presetData } from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import {
  readTlvFile,
  readWholeFile,
  selectApp,
  selectEf,
  send,
  toHex,
  verify,
} from './sim-helpers';
import { PUBLISHED_CARD_FILES } from '../../fixtures/published-test-card';

let card: SimCard;
const data = presetData('issued');
if (data.profile !== 'my-number') throw new Error('the issued preset is a My Number Card');
const holder = data.holder;
const pins = data.secrets;

beforeAll(async () => {
  card = await loadPreset('issued', { timing: false });
  card.powerOn();
});

describe('sim card: READ BINARY', () => {
  it('returns fewer bytes than Le near the end of a file, then 6B00 past it', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0006);
    const near = await send(card, '00B0009C10'); // offset 156 of a 160-byte file, Le 16
    expect(near.sw).toBe('9000');
    expect(near.data.length).toBe(4);
    expect((await send(card, '00B000A001')).sw).toBe('6B00');
    expect((await send(card, '00B07F0001')).sw).toBe('6B00');
  });

  it('JPKI 0006 is the 160-byte token information of the published card, label first', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0006);
    const info = await readWholeFile(card);
    expect(toHex(info)).toBe(toHex(PUBLISHED_CARD_FILES.jpki0006));
    expect(new TextDecoder().decode(info.slice(0, 32))).toBe('JPKIAPICCTOKEN2'.padEnd(32, ' '));
  });

  it('text 0006, 0007, 0008 and the blocked key 0012 are there as on the recorded cards', async () => {
    await selectApp(card, 'text');
    await selectEf(card, 0x0008);
    expect(toHex(await readWholeFile(card))).toBe(toHex(PUBLISHED_CARD_FILES.text0008));
    await selectEf(card, 0x0006);
    expect((await send(card, '00B0000000')).sw).toBe('6982');
    await selectEf(card, 0x0012);
    expect((await send(card, '00200080')).sw).toMatch(/^(63C0|6984)$/);
    expect((await send(card, '002000800431323334')).sw).toBe('6984');
    await selectEf(card, 0x0014);
    expect(await verify(card, holder.myNumber)).toBe('9000');
    await selectEf(card, 0x0006);
    const sessionKey = await readTlvFile(card);
    expect(toHex(sessionKey.slice(0, 1))).toBe('A1');
    await selectEf(card, 0x0007);
    const signed = await readTlvFile(card);
    expect(toHex(signed.slice(0, 2))).toBe('FF50');
    const body = signed.slice(signed[2] === 0x82 ? 5 : 3);
    // DF51 82 01 09 <key>, DF52 82 01 00 <signature>: two-byte tags, three-byte lengths.
    const df51Length = (body[3]! << 8) | body[4]!;
    const df51 = body.slice(0, 5 + df51Length);
    const df52 = body.slice(5 + df51Length + 5);
    expect(df52.length).toBe(256);
    expect(toHex(df51.slice(0, 2))).toBe('DF51');
    const { issuerKey } = await presetAuthority();
    expect(verifySignature('sha256', df51, issuerKey.publicKey, df52)).toBe(true);
  });

  it('JPKI 0008 says both certificates are present on an issued card', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0008);
    expect(toHex(await readWholeFile(card))).toBe(
      toHex(PUBLISHED_CARD_FILES.jpki0008BothCertificates),
    );
  });

  it('files carry FF filler after their TLV', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x000a);
    const whole = await readWholeFile(card);
    const tlv = await readTlvFile(card);
    expect(whole.length).toBeGreaterThan(tlv.length);
    expect(whole.slice(tlv.length).every((b) => b === 0xff)).toBe(true);
  });

  it('reads by short EF identifier in P1 (SFI 0A)', async () => {
    await selectApp(card, 'jpki');
    const reply = await send(card, '00B08A0004');
    expect(reply.sw).toBe('9000');
    expect(reply.data[0]).toBe(0x30);
  });

  it('refuses to read a PIN EF or a key EF (6982)', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0018);
    expect((await send(card, '00B0000004')).sw).toBe('6982');
    await selectEf(card, 0x001a);
    expect((await send(card, '00B0000004')).sw).toBe('6982');
  });
});

describe('sim card: JPKI access rules', () => {
  it('the signing certificate (0001) needs the signing password; the other certificates are free', async () => {
    await selectApp(card, 'jpki');
    for (const fid of [0x0002, 0x000a, 0x000b]) {
      await selectEf(card, fid);
      expect((await send(card, '00B0000004')).sw).toBe('9000');
    }
    await selectEf(card, 0x0001);
    expect((await send(card, '00B0000004')).sw).toBe('6982');
    await selectEf(card, 0x001b);
    expect(await verify(card, pins.signingPassword!.value)).toBe('9000');
    await selectEf(card, 0x0001);
    const head = await send(card, '00B0000004');
    expect(head.sw).toBe('9000');
    expect(head.data[0]).toBe(0x30);
  });

  it('the auth PIN does not open the signing certificate', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0018);
    expect(await verify(card, pins.authPin!.value)).toBe('9000');
    await selectEf(card, 0x0001);
    expect((await send(card, '00B0000004')).sw).toBe('6982');
  });
});

describe('sim card: text application', () => {
  it('0001, 0002 and 0003 are closed without a secret', async () => {
    await selectApp(card, 'text');
    for (const fid of [0x0001, 0x0002, 0x0003]) {
      await selectEf(card, fid);
      expect((await send(card, '00B0000004')).sw).toBe('6982');
    }
  });

  it('照合番号A opens 0001 and not 0002', async () => {
    await selectApp(card, 'text');
    await selectEf(card, 0x0014);
    expect(await verify(card, holder.myNumber)).toBe('9000');
    await selectEf(card, 0x0001);
    const file = await readWholeFile(card);
    expect(toHex(file)).toBe(
      `FF100C${Buffer.from(holder.myNumber).toString('hex').toUpperCase()}FFFF`,
    );
    await selectEf(card, 0x0002);
    expect((await send(card, '00B0000004')).sw).toBe('6982');
  });

  it('照合番号B (birth YYMMDD + expiry year + security code) opens 0002 and not 0001', async () => {
    await selectApp(card, 'text');
    await selectEf(card, 0x0015);
    const codeB =
      holder.birthDate.replaceAll('-', '').slice(2) +
      holder.cardExpiry.slice(0, 4) +
      holder.securityCode;
    expect(await verify(card, codeB)).toBe('9000');
    await selectEf(card, 0x0002);
    const file = await readTlvFile(card);
    expect(file[0]).toBe(0xff);
    expect(file[1]).toBe(0x20);
    expect(new TextDecoder().decode(file)).toContain(holder.name);
    await selectEf(card, 0x0001);
    expect((await send(card, '00B0000004')).sw).toBe('6982');
  });

  it('the text PIN opens 0001, 0002 and 0003, and 0003 verifies against the issuer key', async () => {
    await selectApp(card, 'text');
    await selectEf(card, 0x0011);
    expect(await verify(card, pins.textPin!.value)).toBe('9000');
    await selectEf(card, 0x0001);
    const myNumberFile = await readWholeFile(card);
    await selectEf(card, 0x0002);
    const attributes = await readTlvFile(card);
    await selectEf(card, 0x0003);
    const integrity = await readTlvFile(card);
    // FF 30 82 01 4B | DF31 20 <32> | DF32 20 <32> | DF33 82 0100 <256>
    expect(toHex(integrity.slice(0, 5))).toBe('FF3082014B');
    const digest1 = integrity.slice(8, 40);
    const digest2 = integrity.slice(43, 75);
    const sha = (b: Uint8Array): string =>
      createHash('sha256').update(b).digest('hex').toUpperCase();
    expect(toHex(digest1)).toBe(sha(myNumberFile));
    const df22 = (attributes[6]! << 8) | attributes[7]!;
    expect(toHex(digest2)).toBe(sha(attributes.slice(df22)));
    const signature = integrity.slice(80);
    const { issuerKey } = await presetAuthority();
    expect(verifySignature('sha256', integrity.slice(5, 75), issuerKey.publicKey, signature)).toBe(
      true,
    );
  });
});

describe('sim card: visual and common applications', () => {
  it('visual 0002 is an FF 20 template whose offset table points at DF22..DF2A', async () => {
    await selectApp(card, 'visual');
    await selectEf(card, 0x0002);
    expect((await send(card, '00B0000004')).sw).toBe('6982');
    await selectEf(card, 0x0013);
    expect(await verify(card, holder.myNumber)).toBe('9000');
    await selectEf(card, 0x0002);
    const face = await readTlvFile(card);
    expect(toHex(face.slice(0, 2))).toBe('FF20');
    const headerLength = face[2]! & 0x80 ? 3 + (face[2]! & 0x7f) : 3;
    expect(toHex(face.slice(headerLength, headerLength + 3))).toBe('DF2112');
    const tags: string[] = [];
    for (let i = 0; i < 9; i++) {
      const at = headerLength + 3 + i * 2;
      const offset = (face[at]! << 8) | face[at + 1]!;
      tags.push(toHex(face.slice(offset, offset + 2)));
    }
    expect(tags).toEqual(['DF22', 'DF23', 'DF24', 'DF25', 'DF26', 'DF27', 'DF28', 'DF29', 'DF2A']);
  });

  it('visual 0001 opens with the era-year birth-date key, 0005 with A only', async () => {
    await selectApp(card, 'visual');
    await selectEf(card, 0x0012);
    const codeB =
      holder.birthDate.replaceAll('-', '').slice(2) +
      holder.cardExpiry.slice(0, 4) +
      holder.securityCode;
    expect(await verify(card, codeB)).toBe('9000');
    await selectEf(card, 0x0005);
    expect((await send(card, '00B0000004')).sw).toBe('6982');
    await selectEf(card, 0x0011);
    // 1985-09-20 is 昭和60年.
    expect(await verify(card, '600920')).toBe('9000');
    await selectEf(card, 0x0001);
    expect((await send(card, '00B0000002')).data).toEqual(Uint8Array.from([0xff, 0x10]));
  });

  it('visual 0003 (municipality code) is free', async () => {
    await selectApp(card, 'visual');
    await selectEf(card, 0x0003);
    const info = await readTlvFile(card);
    expect(new TextDecoder().decode(info)).toContain(holder.municipalityCode);
  });

  it('common EF 0001 record 1 is 01 1C + serial + municipality code + expiry, free to read', async () => {
    await selectApp(card, 'common');
    await selectEf(card, 0x0001);
    const reply = await send(card, '00B2010400');
    expect(reply.sw).toBe('9000');
    const digits = holder.serial + holder.municipalityCode + holder.cardExpiry.replaceAll('-', '');
    expect(toHex(reply.data)).toBe(`011C${Buffer.from(digits).toString('hex').toUpperCase()}`);
    // The same record by short EF identifier 01.
    expect((await send(card, '00B2010C00')).data).toEqual(reply.data);
    expect((await send(card, '00B2020400')).sw).toBe('6A83');
  });
});

describe('sim card: keys stay on the card', () => {
  it('neither JSON nor the own keys of the card object carry private key material', () => {
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/PRIVATE KEY|"d":|privateKey|"p":|"q":/);
    expect(Object.keys(card)).toEqual([
      'cardTimeMs',
      'apduCount',
      'bytesIn',
      'bytesOut',
      'timing',
      'profile',
      'generation',
      'atrFacts',
    ]);
    for (const value of Object.values(card)) {
      expect(value?.constructor?.name).not.toBe('KeyObject');
    }
    expect(JSON.stringify(card)).not.toContain(pins.signingPassword!.value);
  });
});
