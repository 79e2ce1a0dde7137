// Card presets: every data file loads, the test card matches the published dump, certificates follow docs/card.md.
import * as x509 from '@peculiar/x509';
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isValidMyNumber } from '../../../main/card/sim/card-files';
import {
  PRESET_IDS,
  certificateValidity,
  listPresets,
  loadPreset,
  nthBirthdayAfter,
  presetData,
  type PresetId,
} from '../../../main/card/sim/presets';
import type { SimCard } from '../../../main/card/sim/sim-card';
import { DEFAULT_TIMING } from '../../../main/card/sim/timing';
import { PUBLISHED_CARD_FILES, PUBLISHED_TEST_CARD } from '../../fixtures/published-test-card';
import {
  readTlvFile,
  readWholeFile,
  selectApp,
  selectEf,
  send,
  toHex,
  verify,
} from './sim-helpers';

const cards = new Map<PresetId, SimCard>();

beforeAll(async () => {
  const loaded = await Promise.all(PRESET_IDS.map((id) => loadPreset(id, { timing: false })));
  PRESET_IDS.forEach((id, i) => cards.set(id, loaded[i]!));
  for (const card of cards.values()) card.powerOn();
}, 60_000);

function cardOf(id: PresetId): SimCard {
  const card = cards.get(id);
  if (!card) throw new Error(`preset ${id} did not load`);
  return card;
}

function myNumberData(id: PresetId) {
  const data = presetData(id);
  if (data.profile !== 'my-number') throw new Error(`${id} is not a My Number Card preset`);
  return data;
}

async function readCertificate(card: SimCard, fid: number): Promise<x509.X509Certificate> {
  await selectApp(card, 'jpki');
  if (fid === 0x0001) {
    // The signing certificate opens only with the signing password of that card.
    const id = [...cards.entries()].find(([, c]) => c === card)![0];
    await selectEf(card, 0x001b);
    expect(await verify(card, myNumberData(id).secrets.signingPassword!.value)).toBe('9000');
  }
  await selectEf(card, fid);
  return new x509.X509Certificate(await readTlvFile(card));
}

describe('presets', () => {
  it('lists every preset with a Japanese label', () => {
    const list = listPresets();
    expect(list.map((p) => p.id)).toEqual([...PRESET_IDS]);
    for (const preset of list) expect(preset.label).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('every preset loads, and every My Number preset answers the JPKI AID', async () => {
    for (const id of PRESET_IDS) {
      const card = cardOf(id);
      if (id === 'tampered' || id === 'tampered-no-atr' || id === 'unknown-card') continue;
      expect(await selectApp(card, 'jpki'), id).toBe('9000');
    }
  });

  it('timing on gives the model of the card ATR (about 1.02 ms a byte at Fi 372, Di 1), timing off none', async () => {
    const timed = await loadPreset('issued', { timing: true });
    expect(timed.timing).toEqual(DEFAULT_TIMING);
    expect(DEFAULT_TIMING.perByteMs).toBeCloseTo(1.023, 3);
    expect(cardOf('unknown-card').timing).toBeNull();
  });

  it('the two tamper presets: ATR then silence, and no ATR at all', () => {
    const withAtr = cardOf('tampered');
    const noAtr = cardOf('tampered-no-atr');
    expect(withAtr.tampered && noAtr.tampered).toBe(true);
    expect(toHex(withAtr.atr)).toBe('3BC5FF8131FB458073C6010000');
    expect(noAtr.atr.length).toBe(0);
  });

  it('rejects an unknown preset id', async () => {
    await expect(loadPreset('no-such-card', { timing: false })).rejects.toThrow(/no card preset/);
  });

  it('every fictional 個人番号 has a valid check digit', () => {
    for (const id of PRESET_IDS) {
      const data = presetData(id);
      if (data.profile === 'my-number')
        expect(isValidMyNumber(data.holder.myNumber), id).toBe(true);
    }
  });

  it('the unknown card has its own ATR and answers 6A82 to the JPKI AID', async () => {
    const card = cardOf('unknown-card');
    expect(toHex(card.atr)).not.toBe(toHex(cardOf('issued').atr));
    expect(await selectApp(card, 'jpki')).toBe('6A82');
  });

  it('My Number presets present the seen contact ATR, the tampered one too', () => {
    expect(toHex(cardOf('issued').atr)).toBe('3BC5FF8131FB458073C6010000');
    expect(toHex(cardOf('tampered').atr)).toBe('3BC5FF8131FB458073C6010000');
  });

  it('the locked presets are locked, the prepared one has no secret set', async () => {
    const signingLocked = cardOf('signing-locked');
    await selectApp(signingLocked, 'jpki');
    await selectEf(signingLocked, 0x001b);
    expect((await send(signingLocked, '00200080')).sw).toBe('6984');
    await selectEf(signingLocked, 0x0018);
    expect((await send(signingLocked, '00200080')).sw).toBe('63C3');
    const authLocked = cardOf('auth-locked');
    await selectApp(authLocked, 'jpki');
    await selectEf(authLocked, 0x0018);
    expect((await send(authLocked, '00200080')).sw).toBe('6984');
    const prepared = cardOf('prepared');
    await selectApp(prepared, 'text');
    await selectEf(prepared, 0x0011);
    expect((await send(prepared, '00200080')).sw).toBe('6A88');
  });

  it('suspended and terminated presets carry their chip state', async () => {
    const suspended = cardOf('suspended');
    await selectApp(suspended, 'common');
    await selectEf(suspended, 0x0003);
    expect(toHex((await send(suspended, '00B0000001')).data)).toBe('02');
    const terminated = cardOf('terminated');
    await selectApp(terminated, 'common');
    await selectEf(terminated, 0x0003);
    expect((await send(terminated, '00B0000001')).sw).toBe('6985');
  });

  it('the minor card has no signing certificate and no signing password', async () => {
    const card = cardOf('minor');
    await selectApp(card, 'jpki');
    await selectEf(card, 0x0008);
    expect(toHex(await readWholeFile(card))).toBe(
      toHex(PUBLISHED_CARD_FILES.jpki0008NoSigningCertificate),
    );
    await selectEf(card, 0x001b);
    expect((await send(card, '00200080')).sw).toBe('6A88');
  });
});

describe('presets: the published test card', () => {
  it('text 0001 and 0002 are byte-identical to the published dump', async () => {
    const card = cardOf('test-card');
    const data = myNumberData('test-card');
    await selectApp(card, 'text');
    await selectEf(card, 0x0011);
    expect(await verify(card, data.secrets.textPin!.value)).toBe('9000');
    await selectEf(card, 0x0001);
    expect(toHex(await readWholeFile(card))).toBe(toHex(PUBLISHED_TEST_CARD.text0001));
    await selectEf(card, 0x0002);
    expect(toHex(await readTlvFile(card))).toBe(toHex(PUBLISHED_TEST_CARD.text0002));
  });

  it('holds the published holder facts in the common record', async () => {
    const card = cardOf('test-card');
    await selectApp(card, 'common');
    await selectEf(card, 0x0001);
    const record = new TextDecoder().decode((await send(card, '00B2010400')).data.slice(2));
    expect(record).toBe(
      `${PUBLISHED_TEST_CARD.serial}${PUBLISHED_TEST_CARD.municipalityCode}${PUBLISHED_TEST_CARD.cardExpiry.replaceAll('-', '')}`,
    );
  });

  it('opens the visual age record with the era-year key 550217', async () => {
    const card = cardOf('test-card');
    await selectApp(card, 'visual');
    await selectEf(card, 0x0011);
    expect(await verify(card, '550217')).toBe('9000');
  });
});

describe('presets: certificates', () => {
  it('the signing certificate carries the four facts, the signing policy, and the test issuer', async () => {
    const card = cardOf('test-card');
    const certificate = await readCertificate(card, 0x0001);
    expect(certificate.issuer).toBe(
      'C=JP, O=JPKI-TEST, OU=JPKI for digital signature, OU=Japan Agency for Local Authority Information Systems',
    );
    expect(certificate.subject).toMatch(/^C=JP, CN=[0-9A-F]+$/);
    expect(certificate.signatureAlgorithm).toMatchObject({
      name: 'RSASSA-PKCS1-v1_5',
      hash: { name: 'SHA-256' },
    });
    const policies = certificate.getExtension(x509.CertificatePolicyExtension);
    expect(policies?.policies).toEqual(['1.2.392.200149.8.5.1.1.20']);
    const san = new TextDecoder().decode(certificate.getExtension('2.5.29.17')!.value);
    for (const value of ['黒桐\u3000幹也', '319800217', '東京都清瀬市観布子南１２－７－２０２']) {
      expect(san).toContain(value);
    }
    // The otherName OIDs 1.2.392.200149.8.5.5.1 (name) and .5 (address), DER-encoded (200149 = 8C 9B 55).
    const sanHex = toHex(new Uint8Array(certificate.getExtension('2.5.29.17')!.value));
    expect(sanHex).toContain('060A2A83088C9B5508050501');
    expect(sanHex).toContain('060A2A83088C9B5508050505');
  });

  it('the auth certificate carries the auth policy and no holder facts', async () => {
    const certificate = await readCertificate(cardOf('issued'), 0x000a);
    expect(certificate.issuer).toContain('OU=JPKI for user authentication');
    expect(certificate.getExtension(x509.CertificatePolicyExtension)?.policies).toEqual([
      '1.2.392.200149.8.5.1.3.30',
    ]);
    expect(certificate.getExtension('2.5.29.17')).toBeNull();
  });

  it('certificates chain to the CA certificates on the card', async () => {
    const card = cardOf('issued');
    const auth = new X509Certificate(Buffer.from((await readCertificate(card, 0x000a)).rawData));
    await selectEf(card, 0x000b);
    const authCa = new X509Certificate(Buffer.from(await readTlvFile(card)));
    expect(auth.verify(authCa.publicKey)).toBe(true);
    expect(auth.checkIssued(authCa)).toBe(true);
  });

  it('runs to the 5th birthday after issue, never past the card', () => {
    const issued = myNumberData('issued');
    const { notAfter } = certificateValidity(issued.holder, issued.certificates.issuedOn);
    expect(notAfter.toISOString()).toBe('2029-09-20T14:59:59.000Z');
    expect(nthBirthdayAfter('1980-02-17', '2025-06-02', 5)).toBe('2030-02-17');
    // A card that ends before the 5th birthday ends its certificates with it.
    const short = { ...issued.holder, cardExpiry: '2027-01-31' };
    expect(certificateValidity(short, '2025-04-01').notAfter.toISOString()).toBe(
      '2027-01-31T14:59:59.000Z',
    );
  });

  it('the cert-expired preset has certificates that expired in the past', async () => {
    const certificate = await readCertificate(cardOf('cert-expired'), 0x000a);
    expect(certificate.notAfter.getTime()).toBeLessThan(Date.now());
  });

  it('the issued card certificates are valid today', async () => {
    const certificate = await readCertificate(cardOf('issued'), 0x000a);
    expect(certificate.notBefore.getTime()).toBeLessThan(Date.now());
    expect(certificate.notAfter.getTime()).toBeGreaterThan(Date.now());
  });
});
