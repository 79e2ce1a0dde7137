// The card client against the simulated card (main/card/sim): health, the text files, and signing.
import { describe, expect, it } from 'vitest';
import { readCertificate, selectJpki, sign, verifyJpki } from '../../../main/card/apps/jpki';
import {
  readBasicFourFacts,
  readMyNumber,
  selectText,
  verifyTextPin,
} from '../../../main/card/apps/text';
import { cardErrorToAppError } from '../../../main/card/card-errors';
import { createCardService } from '../../../main/card/card-service';
import { parsePin } from '../../../main/card/domain';
import { loadPreset, presetData } from '../../../main/card/sim/presets';
import { SIM_READER_NAME, SimReader } from '../../../main/card/sim/sim-reader';
import { PUBLISHED_TEST_CARD } from '../../fixtures/published-test-card';

async function withPreset(id: string) {
  const reader = new SimReader();
  await reader.start();
  reader.insert(await loadPreset(id, { timing: false }));
  return {
    reader,
    service: createCardService({
      watcher: reader,
      exchangeTimeoutMs: 2000,
      now: () => new Date('2026-11-25T03:00:00Z'),
    }),
  };
}

function secretOf(id: 'test-card', which: 'textPin' | 'authPin'): string {
  const data = presetData(id);
  if (data.profile !== 'my-number') throw new Error('not a My Number preset');
  const s = data.secrets[which];
  if (!s) throw new Error(`${which} not set in preset`);
  return s.value;
}

describe('card client on the simulated card', () => {
  it('health of the published test card matches its published facts', async () => {
    const { service } = await withPreset('test-card');
    const health = await service.readHealth(SIM_READER_NAME);
    expect(health).toMatchObject({
      serial: PUBLISHED_TEST_CARD.serial,
      municipalityCode: PUBLISHED_TEST_CARD.municipalityCode,
      cardExpiry: PUBLISHED_TEST_CARD.cardExpiry,
      chipState: 'active',
    });
    expect(health.pins.map((p) => p.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
  }, 30_000);

  it('after the text PIN, the 個人番号 and four facts read back as published', async () => {
    const { service } = await withPreset('test-card');
    const read = await service.withCard(SIM_READER_NAME, async (s) => {
      await selectText(s);
      expect(await verifyTextPin(s, parsePin(secretOf('test-card', 'textPin')))).toEqual({
        kind: 'verified',
      });
      return { myNumber: await readMyNumber(s), facts: await readBasicFourFacts(s) };
    });
    expect(read.myNumber).toBe(PUBLISHED_TEST_CARD.myNumber);
    expect(read.facts).toEqual({
      name: PUBLISHED_TEST_CARD.name,
      address: PUBLISHED_TEST_CARD.address,
      birthDate: PUBLISHED_TEST_CARD.birthDate,
      sex: PUBLISHED_TEST_CARD.sex,
    });
  }, 30_000);

  it('an auth signature over a digest verifies with the auth certificate', async () => {
    const { service } = await withPreset('test-card');
    const digest = new Uint8Array(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode('challenge')),
    );
    const { signature, cert } = await service.withCard(SIM_READER_NAME, async (s) => {
      await selectJpki(s);
      const cert = await readCertificate(s, 'auth');
      await verifyJpki(s, { kind: 'auth', pin: parsePin(secretOf('test-card', 'authPin')) });
      return { signature: await sign(s, 'auth', digest), cert };
    });
    expect(cert).not.toBeNull();
    const key = await cert!.x509.publicKey.export({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, [
      'verify',
    ]);
    const ok = await crypto.subtle.verify(
      'RSASSA-PKCS1-v1_5',
      key,
      signature,
      new TextEncoder().encode('challenge'),
    );
    expect(ok).toBe(true);
  }, 30_000);

  it('a terminated card and a foreign card are told apart', async () => {
    const terminated = await withPreset('terminated');
    const e1 = await terminated.service.readHealth(SIM_READER_NAME).catch((e: unknown) => e);
    expect(cardErrorToAppError(e1).code).toBe('card-terminated');
    const foreign = await withPreset('unknown-card');
    const e2 = await foreign.service.readHealth(SIM_READER_NAME).catch((e: unknown) => e);
    expect(cardErrorToAppError(e2).code).toBe('not-my-number-card');
  }, 30_000);
});
