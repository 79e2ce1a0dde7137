// A card made for one application, as it reaches the counter for 交付: holder files, nothing else.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  loadApplicationCard,
  securityCodeOf,
  type ApplicationCardFacts,
} from '../../../main/card/sim/application-card';
import { loadPreset, presetData } from '../../../main/card/sim/presets';
import {
  openIssuerSession,
  readTlvFile,
  readWholeFile,
  selectApp,
  selectEf,
  send,
  toHex,
  verify,
} from './sim-helpers';

/** RSA key generation and OpenJPEG take seconds when the machine runs other suites too. */
const SLOW = { timeout: 30_000 };

const issuer = generateKeyPairSync('rsa', { modulusLength: 2048 });

const prepared = presetData('prepared');
if (prepared.profile !== 'my-number') throw new Error('the prepared preset is a My Number Card');
const h = prepared.holder;

/** The prepared preset's holder, in the form the database gives. */
const FACTS: ApplicationCardFacts = {
  name: h.name,
  address: h.address,
  birthDate: h.birthDate,
  sex: 'female',
  myNumber: h.myNumber,
  municipalityCode: h.municipalityCode,
  serial: h.serial,
  cardExpiry: h.cardExpiry,
  securityCode: h.securityCode,
};

describe('loadApplicationCard', SLOW, () => {
  it('holds the same text files as the prepared preset for the same holder', async () => {
    const card = await loadApplicationCard(FACTS, {
      timing: false,
      issuerPublicKey: issuer.publicKey,
    });
    const preset = await loadPreset('prepared', { timing: false });
    const textFiles = async (c: typeof card): Promise<string[]> => {
      c.powerOn();
      await selectApp(c, 'text');
      await selectEf(c, 0x0014);
      expect(await verify(c, h.myNumber)).toBe('9000');
      await selectEf(c, 0x0001);
      const myNumber = toHex(await readWholeFile(c));
      await selectApp(c, 'text');
      await selectEf(c, 0x0015);
      const codeB =
        h.birthDate.replaceAll('-', '').slice(2) + h.cardExpiry.slice(0, 4) + h.securityCode;
      expect(await verify(c, codeB)).toBe('9000');
      await selectEf(c, 0x0002);
      return [myNumber, toHex(await readTlvFile(c))];
    };
    expect(await textFiles(card)).toEqual(await textFiles(preset));
  });

  it('has no PIN, no key, no certificate, an active chip, and the serial in the common record', async () => {
    const card = await loadApplicationCard(FACTS, {
      timing: false,
      issuerPublicKey: issuer.publicKey,
    });
    card.powerOn();
    await selectApp(card, 'jpki');
    for (const pinEf of [0x0018, 0x001b]) {
      await selectEf(card, pinEf);
      expect((await send(card, '00200080')).sw).toBe('6A88');
    }
    await selectEf(card, 0x0008);
    expect(toHex(await readWholeFile(card))).toBe('000000');
    await selectEf(card, 0x0017);
    expect((await send(card, '0047810000')).sw).toBe('6A88');
    for (const [app, pinEf] of [
      ['text', 0x0011],
      ['juki', 0x001c],
      ['common', 0x001c],
    ] as const) {
      await selectApp(card, app);
      await selectEf(card, pinEf);
      expect((await send(card, '00200080')).sw).toBe('6A88');
    }
    await selectApp(card, 'common');
    await selectEf(card, 0x0003);
    expect(toHex(await readWholeFile(card))).toBe('01');
    await selectEf(card, 0x0001);
    const record = await send(card, '00B2010400');
    expect(new TextDecoder().decode(record.data.slice(2, 17))).toBe(FACTS.serial);
    expect(card.keyGenerations('sign') + card.keyGenerations('auth')).toBe(0);
  });

  it('trusts the issuer key it was given, and no other', async () => {
    const card = await loadApplicationCard(FACTS, {
      timing: false,
      issuerPublicKey: issuer.publicKey,
    });
    card.powerOn();
    await selectApp(card, 'jpki');
    expect(await openIssuerSession(card, issuer.privateKey)).toBe('9000');
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(await openIssuerSession(card, stranger.privateKey)).toBe('6982');
  });

  it('derives a stable 4-digit security code from the serial when none is given', async () => {
    expect(securityCodeOf('990000000000001')).toMatch(/^\d{4}$/);
    expect(securityCodeOf('990000000000001')).toBe(securityCodeOf('990000000000001'));
    expect(securityCodeOf('990000000000001')).not.toBe(securityCodeOf('990000000000002'));
    const { securityCode: _code, ...withoutCode } = FACTS;
    const card = await loadApplicationCard(withoutCode, {
      timing: false,
      issuerPublicKey: issuer.publicKey,
    });
    card.powerOn();
    await selectApp(card, 'visual');
    await selectEf(card, 0x0012);
    const codeB =
      h.birthDate.replaceAll('-', '').slice(2) +
      h.cardExpiry.slice(0, 4) +
      securityCodeOf(h.serial);
    expect(await verify(card, codeB)).toBe('9000');
  });

  it('refuses facts no card could hold, naming the field and not the value', async () => {
    const bad = { ...FACTS, myNumber: '123456789012' };
    const failure = await loadApplicationCard(bad, {
      timing: false,
      issuerPublicKey: issuer.publicKey,
    }).catch((e: unknown) => e as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain('myNumber');
    expect((failure as Error).message).not.toContain('123456789012');
    await expect(
      loadApplicationCard(FACTS, {
        timing: false,
        issuerPublicKey: issuer.publicKey,
        photo: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0),
      }),
    ).rejects.toThrow(/JPEG 2000/);
  });

  it('takes the time of a real card when timing is on', async () => {
    const card = await loadApplicationCard(FACTS, {
      timing: true,
      issuerPublicKey: issuer.publicKey,
    });
    expect(card.timing).not.toBeNull();
  });
});
