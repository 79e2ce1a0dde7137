// The commands real cards answer, as recorded from them (docs/card.md, the conformance table), under each card generation.
import {
  X509Certificate,
  constants,
  createHash,
  publicDecrypt,
  verify as verifySignature,
  type KeyObject,
} from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATIONS, GENERATION_IDS, atrFacts } from '../../../main/card/sim/generations';
import { loadPreset, presetData } from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { exchangeCostMs, timingForAtr } from '../../../main/card/sim/timing';
import { readTlvFile, selectApp, selectEf, send, toHex, verify } from './sim-helpers';

const issued = presetData('issued');
if (issued.profile !== 'my-number') throw new Error('the issued preset is a My Number Card');
const authPin = issued.secrets.authPin!.value;

const sha256 = (data: Uint8Array | string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(data).digest());
const DIGEST_INFO_PREFIX = '3031300D060960864801650304020105000420';
const hexOf = (data: Uint8Array | string): string =>
  toHex(typeof data === 'string' ? new TextEncoder().encode(data) : data);
const lc1 = (data: Uint8Array | string): string => {
  const n = typeof data === 'string' ? new TextEncoder().encode(data).length : data.length;
  return n.toString(16).padStart(2, '0');
};

describe.each(GENERATION_IDS)('generation %s', (generation) => {
  const profile = GENERATIONS[generation];
  let card: SimCard;
  let authKey: KeyObject;

  beforeAll(async () => {
    card = await loadPreset('issued', { timing: false, generation });
    card.powerOn();
    await selectApp(card, 'jpki');
    await selectEf(card, 0x000a);
    authKey = new X509Certificate(Buffer.from(await readTlvFile(card))).publicKey;
  });

  /** A fresh session with the auth PIN verified by short EF identifier, no SELECT of the key. */
  async function authSession(): Promise<void> {
    expect(await selectApp(card, 'jpki')).toBe('9000');
    expect((await send(card, `0020009804${hexOf(authPin)}`)).sw).toBe('9000');
  }

  it('presents its own ATR, and the ATR says what it accepts', () => {
    expect(toHex(card.atr)).toBe(toHex(profile.atr));
    const facts = atrFacts(card.atr);
    expect(facts.extendedLength).toBe(generation === 'second');
    expect(facts.commandChaining).toBe(generation === 'second');
    expect(facts.di).toBe(generation === 'second' ? 4 : 1);
    expect(facts.ifsc).toBe(0xfb);
  });

  it('signs with each scheme P1 00..05, the key named by P2 97 (auth key) without a SELECT', async () => {
    await authSession();
    const message = 'challenge from a verifier';
    const hash = sha256(message);
    const pkcs1 = (signature: Uint8Array): string =>
      toHex(
        new Uint8Array(
          publicDecrypt({ key: authKey, padding: constants.RSA_PKCS1_PADDING }, signature),
        ),
      );
    const pss = (signature: Uint8Array): boolean =>
      verifySignature(
        'sha256',
        Buffer.from(message),
        { key: authKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        signature,
      );
    const digestInfo = `${DIGEST_INFO_PREFIX}${toHex(hash)}`;

    const p00 = await send(card, `802A009733${digestInfo}00`);
    expect(p00.sw).toBe('9000');
    expect(pkcs1(p00.data)).toBe(digestInfo);
    const p01 = await send(card, `802A0197${lc1(message)}${hexOf(message)}00`);
    expect(pkcs1(p01.data)).toBe(toHex(hash));
    const p02 = await send(card, `802A029720${toHex(hash)}00`);
    expect(pkcs1(p02.data)).toBe(digestInfo);
    const p03 = await send(card, `802A0397${lc1(message)}${hexOf(message)}00`);
    expect(toHex(p03.data)).toBe(toHex(p02.data));
    const p04 = await send(card, `802A049720${toHex(hash)}00`);
    expect(p04.sw).toBe('9000');
    expect(pss(p04.data)).toBe(true);
    const p05 = await send(card, `802A0597${lc1(message)}${hexOf(message)}00`);
    expect(pss(p05.data)).toBe(true);
    // P2 80 after a SELECT of the key EF signs the same (PKCS#1 v1.5 is deterministic).
    await selectEf(card, 0x0017);
    expect(toHex((await send(card, `802A028020${toHex(hash)}00`)).data)).toBe(toHex(p02.data));
  });

  it('refuses an unknown scheme (6A86), a hash of the wrong size (6700), the other key (6982)', async () => {
    await authSession();
    expect((await send(card, `802A069720${'00'.repeat(32)}00`)).sw).toBe('6A86');
    expect((await send(card, `802A00A020${'00'.repeat(32)}00`)).sw).toBe('6A86');
    expect((await send(card, `802A02971F${'00'.repeat(31)}00`)).sw).toBe('6700');
    expect((await send(card, `802A029A20${'00'.repeat(32)}00`)).sw).toBe('6982');
  });

  it('GET CHALLENGE gives exactly the length asked, 1 to 256; an extended Le is refused', async () => {
    await selectApp(card, 'jpki');
    expect((await send(card, '0084000001')).data.length).toBe(1);
    expect((await send(card, '0084000010')).data.length).toBe(16);
    expect((await send(card, '0084000000')).data.length).toBe(256);
    expect((await send(card, '00840000000010')).sw).toBe(generation === 'second' ? '6985' : '6700');
  });

  it('GET DATA 5F51 answers the contact ATR without TS; other tags 6A88', async () => {
    card.reset();
    const atMf = await send(card, '00CA5F5100');
    expect(atMf.sw).toBe(profile.contactAtrWithoutApplication ? '9000' : '6A88');
    await selectApp(card, 'jpki');
    const reply = await send(card, '00CA5F5100');
    expect(reply.sw).toBe('9000');
    expect(toHex(reply.data)).toBe(toHex(profile.atr.slice(1)));
    expect((await send(card, '00CA006600')).sw).toBe('6A88');
  });

  it('SELECT 00 A4 00 00 answers 6A86 after reset, and 9000 without effect in an application', async () => {
    card.reset();
    expect((await send(card, '00A40000')).sw).toBe('6A86');
    await selectApp(card, 'jpki');
    expect((await send(card, '00A40000')).sw).toBe('9000');
    expect(await selectEf(card, 0x0006)).toBe('9000');
  });

  it('refuses the phone token last-command indicator 80 FC with 6700', async () => {
    expect((await send(card, '80FC0000')).sw).toBe('6700');
  });

  it('takes an extended Le only where the ATR announces it', async () => {
    await selectApp(card, 'jpki');
    await selectEf(card, 0x000a);
    const reply = await send(card, '00B00000000400');
    if (generation === 'second') {
      expect(reply.sw).toBe('9000');
      expect(reply.data.length).toBe(0x400);
    } else {
      expect(reply.sw).toBe('6700');
    }
  });

  it('text EF 0012 is blocked from the factory', async () => {
    await selectApp(card, 'text');
    await selectEf(card, 0x0012);
    expect((await send(card, '00200080')).sw).toBe(
      profile.emptyVerifyWhenLocked.toString(16).toUpperCase(),
    );
    expect(await verify(card, '1234')).toBe('6984');
  });
});

describe('timing per ATR', () => {
  it('a byte costs 11 etu: about 1.02 ms at Fi 372 / Di 1, a quarter of that at TA1 = 13', () => {
    const first = timingForAtr(GENERATIONS.first.atr);
    const second = timingForAtr(GENERATIONS.second.atr);
    expect(first.perByteMs).toBeCloseTo((372 / 4_000_000) * 11 * 1000, 6);
    expect(second.perByteMs).toBeCloseTo(first.perByteMs / 4, 6);
    expect(second.perApduMs).toBeLessThan(first.perApduMs);
  });

  it('a response longer than the information field size costs another block', () => {
    const model = timingForAtr(GENERATIONS.first.atr);
    const one = exchangeCostMs(model, 5, 251, 0);
    const two = exchangeCostMs(model, 5, 252, 0);
    expect(two - one).toBeCloseTo(model.perByteMs + model.perBlockMs!, 6);
  });
});
