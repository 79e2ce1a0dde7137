// Issuance end to end: the local authority personalises a prepared simulated card through the card service.
import { createHash, verify as verifySignature } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IssuerSessionRefusedError,
  type IssuedCertificates,
} from '../../../main/authority/issuer-authority';
import { openLocalAuthority, type LocalAuthority } from '../../../main/authority/local-authority';
import { readChipState, selectCommon } from '../../../main/card/apps/common';
import { readCertificate, selectJpki, sign, verifyJpki } from '../../../main/card/apps/jpki';
import { readBasicFourFacts, selectText, verifyTextPin } from '../../../main/card/apps/text';
import { CardTerminatedError } from '../../../main/card/card-errors';
import { createCardService, type CardService } from '../../../main/card/card-service';
import { InvalidValueError, parsePin, parseSigningPassword } from '../../../main/card/domain';
import type { Pin } from '../../../main/card/domain';
import { loadPreset } from '../../../main/card/sim/presets';
import { SIM_READER_NAME, SimReader } from '../../../main/card/sim/sim-reader';
import { toHex } from '../../../main/card/apdu';
import { TestKeyProtector, tempDirectory } from './authority-helpers';

const NOW = new Date('2026-11-25T01:00:00Z');
/** A moment inside the certificates' validity (the library treats notBefore as exclusive). */
const CHECKED_AT = new Date('2026-11-25T01:05:00Z');
// Values the resident would type on the resident screen; test data only.
const SIGNING_PASSWORD = parseSigningPassword('mado2026');
const AUTH_PIN = parsePin('1357');
const JUKI_PIN = parsePin('2468');
const TEXT_PIN = parsePin('9753');

let dirs: { path: string; remove: () => Promise<void> }[] = [];
let authority: LocalAuthority;

async function authorityIn(): Promise<LocalAuthority> {
  const dir = await tempDirectory();
  dirs.push(dir);
  return openLocalAuthority({ directory: dir.path, keyProtector: new TestKeyProtector() });
}

/** A reader holding a card, and a card service whose transcript the test can inspect. */
async function counterWith(card: Awaited<ReturnType<typeof loadPreset>>) {
  const reader = new SimReader();
  await reader.start();
  reader.insert(card);
  const transcript: string[] = [];
  const service: CardService = createCardService({
    watcher: reader,
    exchangeTimeoutMs: 10_000,
    now: () => NOW,
    trace: (_reader, entry) => transcript.push(entry.command, entry.response ?? ''),
  });
  return { service, transcript };
}

beforeAll(async () => {
  authority = await authorityIn();
}, 60_000);

afterAll(async () => {
  for (const dir of dirs) await dir.remove();
  dirs = [];
});

describe('issuer session on a simulated card of this authority', () => {
  let service: CardService;
  let transcript: string[];
  let publicKeys: { signing: Uint8Array; auth: Uint8Array };
  let issued: IssuedCertificates;

  beforeAll(async () => {
    const card = await loadPreset('prepared', {
      timing: false,
      issuerPublicKey: authority.issuerPublicKey,
    });
    ({ service, transcript } = await counterWith(card));

    // 交付: set the four secrets, generate both keys, certify them, write everything.
    await service.withCard(SIM_READER_NAME, async (session) => {
      const issuer = await authority.openIssuerSession(session);
      await issuer.setPin('signing', SIGNING_PASSWORD);
      await issuer.setPin('auth', AUTH_PIN);
      await issuer.setPin('juki', JUKI_PIN);
      await issuer.setPin('text', TEXT_PIN);
      publicKeys = {
        signing: await issuer.generateKeyPair('signing'),
        auth: await issuer.generateKeyPair('auth'),
      };

      await selectText(session);
      expect(await verifyTextPin(session, TEXT_PIN)).toEqual({ kind: 'verified' });
      const holder = await readBasicFourFacts(session);
      issued = await authority.issueCertificates({
        holder,
        cardExpiry: session.identity.cardExpiry,
        signingPublicKey: publicKeys.signing,
        authPublicKey: publicKeys.auth,
        now: NOW,
        cardSerial: session.serial,
      });
      await issuer.writeCertificate('signing', issued.signing!);
      await issuer.writeCertificate('auth', issued.auth);
      await issuer.writeCertificate('signing-ca', authority.caCertificate('signing'));
      await issuer.writeCertificate('auth-ca', authority.caCertificate('auth'));
    });
  }, 60_000);

  it('the four secrets are set with full counters', async () => {
    const health = await service.readHealth(SIM_READER_NAME);
    expect(health.pins.map((p) => [p.kind, p.state, p.triesLeft])).toEqual([
      ['signing', 'ok', 5],
      ['auth', 'ok', 3],
      ['juki', 'ok', 3],
      ['text', 'ok', 3],
    ]);
    expect(health.certificates.map((c) => [c.kind, c.present])).toEqual([
      ['signing', true],
      ['auth', true],
    ]);
  });

  it('the certificates read back from the card certify the keys the card generated', async () => {
    await service.withCard(SIM_READER_NAME, async (session) => {
      await selectJpki(session);
      expect(await verifyJpki(session, { kind: 'signing', password: SIGNING_PASSWORD })).toEqual({
        kind: 'verified',
      });
      const signing = await readCertificate(session, 'signing');
      const auth = await readCertificate(session, 'auth');
      const signingCa = await readCertificate(session, 'signing-ca');
      const authCa = await readCertificate(session, 'auth-ca');
      expect(toHex(new Uint8Array(signing!.x509.rawData))).toBe(toHex(issued.signing!));
      expect(toHex(new Uint8Array(signing!.x509.publicKey.rawData))).toBe(
        toHex(publicKeys.signing),
      );
      expect(toHex(new Uint8Array(auth!.x509.publicKey.rawData))).toBe(toHex(publicKeys.auth));
      expect(
        await signing!.x509.verify({ publicKey: signingCa!.x509.publicKey, date: CHECKED_AT }),
      ).toBe(true);
      expect(await auth!.x509.verify({ publicKey: authCa!.x509.publicKey, date: CHECKED_AT })).toBe(
        true,
      );
    });
  });

  it('a test signature by each on-card key verifies with its certificate', async () => {
    await service.withCard(SIM_READER_NAME, async (session) => {
      await selectJpki(session);
      expect(await verifyJpki(session, { kind: 'auth', pin: AUTH_PIN })).toEqual({
        kind: 'verified',
      });
      expect(await verifyJpki(session, { kind: 'signing', password: SIGNING_PASSWORD })).toEqual({
        kind: 'verified',
      });
      for (const kind of ['auth', 'signing'] as const) {
        const message = Buffer.from(`test signature by the ${kind} key`);
        const digest = new Uint8Array(createHash('sha256').update(message).digest());
        const signature = await sign(session, kind, digest);
        const cert = new x509.X509Certificate(kind === 'auth' ? issued.auth : issued.signing!);
        const publicKey = Buffer.from(cert.publicKey.rawData);
        expect(
          verifySignature(
            'sha256',
            message,
            { key: publicKey, format: 'der', type: 'spki' },
            signature,
          ),
        ).toBe(true);
      }
    });
  });

  it('the 住基 PIN is set in both applications that hold one', async () => {
    // The common application's 001C answers VERIFY with the same value.
    await service.withCard(SIM_READER_NAME, async (session) => {
      await selectCommon(session);
      await session.exchange({
        cla: 0,
        ins: 0xa4,
        p1: 0x02,
        p2: 0x0c,
        data: Uint8Array.of(0, 0x1c),
      });
      const res = await session.send({
        cla: 0,
        ins: 0x20,
        p1: 0,
        p2: 0x80,
        data: new TextEncoder().encode(JUKI_PIN),
      });
      expect(res.sw).toBe(0x9000);
    });
  });

  it('no PIN value appears in the APDU transcript', () => {
    const joined = transcript.join('\n');
    expect(joined).toContain('002C0280'); // the RESET RETRY COUNTER commands were traced …
    for (const pin of [SIGNING_PASSWORD, AUTH_PIN, JUKI_PIN, TEXT_PIN])
      expect(joined).not.toContain(toHex(new TextEncoder().encode(pin))); // … but masked
  });

  it('a locked PIN is reset by the authority, with a fresh counter', async () => {
    const wrong = parsePin('0000');
    await service.withCard(SIM_READER_NAME, async (session) => {
      await selectJpki(session);
      for (let i = 0; i < 3; i++) await verifyJpki(session, { kind: 'auth', pin: wrong });
      expect(await verifyJpki(session, { kind: 'auth', pin: AUTH_PIN })).toEqual({
        kind: 'locked',
      });
      const issuer = await authority.openIssuerSession(session);
      await issuer.resetPin('auth', parsePin('8642'));
      await selectJpki(session);
      expect(await verifyJpki(session, { kind: 'auth', pin: parsePin('8642') })).toEqual({
        kind: 'verified',
      });
    });
  });

  it('a PIN of the wrong format never reaches the card, nor the error message', async () => {
    await service.withCard(SIM_READER_NAME, async (session) => {
      const issuer = await authority.openIssuerSession(session);
      const before = transcript.length;
      const bad = '12345' as Pin;
      const error = await issuer.setPin('auth', bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidValueError);
      expect(String((error as Error).message)).not.toContain('12345');
      expect(transcript.slice(before).join('\n')).not.toContain('002C0280');
    });
  });

  it('the card state is changed in an issuer session: suspended, then active again', async () => {
    await service.withCard(SIM_READER_NAME, async (session) => {
      const issuer = await authority.openIssuerSession(session);
      await issuer.setCardState('suspended');
      await selectCommon(session);
      expect(await readChipState(session)).toBe('suspended');
      await issuer.setCardState('active');
      await selectCommon(session);
      expect(await readChipState(session)).toBe('active');
    });
  });
});

describe('terminating a card', () => {
  it('once terminated, the card answers nothing but SELECT and the service reports it', async () => {
    const card = await loadPreset('prepared', {
      timing: false,
      issuerPublicKey: authority.issuerPublicKey,
    });
    const { service } = await counterWith(card);
    await service.withCard(SIM_READER_NAME, async (session) => {
      const issuer = await authority.openIssuerSession(session);
      await issuer.setCardState('terminated');
    });
    await expect(service.readHealth(SIM_READER_NAME)).rejects.toBeInstanceOf(CardTerminatedError);
  }, 30_000);
});

describe('issuer session refused', () => {
  it('a card made for another authority refuses the issuer session, and nothing is written', async () => {
    const other = await authorityIn();
    const card = await loadPreset('prepared', {
      timing: false,
      issuerPublicKey: other.issuerPublicKey,
    });
    const { service, transcript } = await counterWith(card);
    await service.withCard(SIM_READER_NAME, async (session) => {
      await expect(authority.openIssuerSession(session)).rejects.toBeInstanceOf(
        IssuerSessionRefusedError,
      );
    });
    // EXTERNAL AUTHENTICATE was answered 6982 and no issuer command followed.
    expect(transcript.some((line) => line.endsWith('6982'))).toBe(true);
    expect(transcript.some((line) => /^00(2C|47|D6)/.test(line))).toBe(false);
    // Its own authority is accepted by the same card.
    await service.withCard(SIM_READER_NAME, async (session) => {
      const issuer = await other.openIssuerSession(session);
      await issuer.setPin('text', TEXT_PIN);
    });
  }, 60_000);

  it('a card of the preset issuer refuses this local authority', async () => {
    const card = await loadPreset('prepared', { timing: false });
    const { service } = await counterWith(card);
    await service.withCard(SIM_READER_NAME, async (session) => {
      await expect(authority.openIssuerSession(session)).rejects.toBeInstanceOf(
        IssuerSessionRefusedError,
      );
    });
  }, 30_000);
});
