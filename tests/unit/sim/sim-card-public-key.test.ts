// GENERATE ASYMMETRIC KEY PAIR P1=81 on the simulated card: reading back the key a card already holds.
import type { KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset, presetAuthority } from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { openIssuerSession, selectApp, selectEf, send, toHex } from './sim-helpers';

/** RSA key generation and OpenJPEG take seconds when the machine runs other suites too. */
const SLOW = { timeout: 30_000 };

let issuerKey: KeyObject;

beforeAll(async () => {
  issuerKey = (await presetAuthority()).issuerKey.privateKey;
});

/** Sends a GENERATE (P1 80 or 81) and follows 61xx with GET RESPONSE, as a reader driver does. */
async function generateCommand(
  card: SimCard,
  p1: '80' | '81',
): Promise<{ spki: string; sw: string }> {
  const first = await send(card, `0047${p1}0000`);
  if (!first.sw.startsWith('61')) return { spki: toHex(first.data), sw: first.sw };
  const rest = await send(card, `00C00000${first.sw.slice(2)}`);
  return { spki: toHex(first.data) + toHex(rest.data), sw: rest.sw };
}

describe('sim card: read the existing public key (GENERATE P1=81)', SLOW, () => {
  it('answers 6A88 while the key EF holds no key, and needs no issuer session to ask', async () => {
    const card = await loadPreset('prepared', { timing: false });
    card.powerOn();
    await selectApp(card, 'jpki');
    for (const keyEf of [0x0017, 0x001a]) {
      await selectEf(card, keyEf);
      expect((await send(card, '0047810000')).sw).toBe('6A88');
    }
    expect(card.keyGenerations('auth')).toBe(0);
    expect(card.keyGenerations('sign')).toBe(0);
  });

  it('returns the very key GENERATE P1=80 made, in the same 61xx pieces, without an issuer session', async () => {
    const card = await loadPreset('prepared', { timing: false });
    card.powerOn();
    await selectApp(card, 'jpki');
    expect(await openIssuerSession(card, issuerKey)).toBe('9000');
    await selectEf(card, 0x0017);
    const generated = await generateCommand(card, '80');
    expect(generated.sw).toBe('9000');
    expect(card.keyGenerations('auth')).toBe(1);

    // A new card session: reset ends the issuer session; the public key stays readable.
    card.reset();
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0017);
    const first = await send(card, '0047810000');
    expect(first.sw).toBe('6126');
    const read = await generateCommand(card, '81');
    expect(read).toEqual(generated);
    // Reading generated nothing; the signing key EF is still empty.
    expect(card.keyGenerations('auth')).toBe(1);
    await selectEf(card, 0x001a);
    expect((await send(card, '0047810000')).sw).toBe('6A88');
  });

  it('counts every key pair a key EF is given', async () => {
    const card = await loadPreset('issued', { timing: false });
    card.powerOn();
    // Made at the factory with its certificate.
    expect(card.keyGenerations('sign')).toBe(1);
    await selectApp(card, 'jpki');
    expect(await openIssuerSession(card, issuerKey)).toBe('9000');
    await selectEf(card, 0x001a);
    const before = await generateCommand(card, '81');
    const again = await generateCommand(card, '80');
    expect(again.sw).toBe('9000');
    expect(again.spki).not.toBe(before.spki);
    expect(card.keyGenerations('sign')).toBe(2);
    expect(card.keyGenerations('auth')).toBe(1);
    expect((await generateCommand(card, '81')).spki).toBe(again.spki);
  });

  it('still needs an issuer session to generate (6982), a key EF (6985) and P1 80 or 81 (6A86)', async () => {
    const card = await loadPreset('prepared', { timing: false });
    card.powerOn();
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0017);
    expect((await send(card, '0047800000')).sw).toBe('6982');
    expect((await send(card, '0047820000')).sw).toBe('6A86');
    await selectEf(card, 0x0018); // a PIN EF, not a key EF
    expect((await send(card, '0047810000')).sw).toBe('6985');
    expect(card.keyGenerations('auth')).toBe(0);
  });
});
