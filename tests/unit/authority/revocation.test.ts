// Holds, revocations, certificate status and the CRLs of the local authority.
import { readdir } from 'node:fs/promises';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateStatusError,
  UnknownCertificateError,
} from '../../../main/authority/issuer-authority';
import { InMemoryCertificateRegistry } from '../../../main/authority/certificate-registry';
import {
  AUTHORITY_FILES,
  openLocalAuthority,
  type LocalAuthority,
} from '../../../main/authority/local-authority';
import { TestKeyProtector, facts, holderKey, isoDate, tempDirectory } from './authority-helpers';

const ISSUED = new Date('2026-11-25T01:00:00Z');
const LOST = new Date('2026-12-01T09:00:00Z');
const GIVEN_UP = new Date('2026-12-10T09:00:00Z');

let dir: { path: string; remove: () => Promise<void> };
let protector: TestKeyProtector;
let authority: LocalAuthority;

/** Issues a signing + auth pair for an adult and returns their serials. */
async function issuePair(): Promise<{ signing: string; auth: string }> {
  const [s, a] = await Promise.all([holderKey(), holderKey()]);
  const issued = await authority.issueCertificates({
    holder: facts('1980-02-17'),
    cardExpiry: isoDate('2035-02-17'),
    signingPublicKey: s.spki,
    authPublicKey: a.spki,
    now: ISSUED,
    cardSerial: '990000000000001',
  });
  return {
    signing: new x509.X509Certificate(issued.signing!).serialNumber,
    auth: new x509.X509Certificate(issued.auth).serialNumber,
  };
}

async function crl(kind: 'signing' | 'auth', now: Date): Promise<x509.X509Crl> {
  const parsed = new x509.X509Crl(await authority.publishCrl(kind, now));
  const ca = new x509.X509Certificate(authority.caCertificate(kind));
  // Every CRL must verify against the CA that issued the certificates it lists.
  expect(await parsed.verify({ publicKey: ca.publicKey })).toBe(true);
  expect(parsed.issuer).toBe(ca.subject);
  return parsed;
}

beforeAll(async () => {
  dir = await tempDirectory();
  protector = new TestKeyProtector();
  authority = await openLocalAuthority({ directory: dir.path, keyProtector: protector });
}, 60_000);

afterAll(() => dir.remove());

describe('certificate status', () => {
  it('a serial this authority never issued is unknown', async () => {
    expect(await authority.certificateStatus('0123456789ABCDEF')).toEqual({ status: 'unknown' });
    await expect(authority.hold('0123456789ABCDEF')).rejects.toBeInstanceOf(
      UnknownCertificateError,
    );
    await expect(authority.revoke('0123456789ABCDEF', 'keyCompromise')).rejects.toBeInstanceOf(
      UnknownCertificateError,
    );
  });

  it('a suspension holds, then the revocation carries its reason into the CRL', async () => {
    const pair = await issuePair();
    await authority.hold(pair.signing, LOST);
    await authority.hold(pair.auth, LOST);
    expect(await authority.certificateStatus(pair.signing)).toEqual({
      status: 'on-hold',
      since: LOST,
    });

    const held = await crl('signing', LOST);
    const heldEntry = held.findRevoked(pair.signing);
    expect(heldEntry?.reason).toBe(x509.X509CrlReason.certificateHold);
    expect(heldEntry?.revocationDate.toISOString()).toBe(LOST.toISOString());
    // One CRL per CA: the auth certificate is on the auth CA's list, not the signing CA's.
    expect(held.findRevoked(pair.auth)).toBeNull();
    expect((await crl('auth', LOST)).findRevoked(pair.auth)?.reason).toBe(
      x509.X509CrlReason.certificateHold,
    );

    await authority.revoke(pair.signing, 'keyCompromise', GIVEN_UP);
    expect(await authority.certificateStatus(pair.signing)).toEqual({
      status: 'revoked',
      reason: 'keyCompromise',
      since: GIVEN_UP,
    });
    const revoked = (await crl('signing', GIVEN_UP)).findRevoked(pair.signing);
    expect(revoked?.reason).toBe(x509.X509CrlReason.keyCompromise);
    expect(revoked?.revocationDate.toISOString()).toBe(GIVEN_UP.toISOString());
  }, 30_000);

  it('a hold is never lifted: holding again changes nothing, a revoked one cannot be held', async () => {
    const pair = await issuePair();
    await authority.hold(pair.auth, LOST);
    await authority.hold(pair.auth, GIVEN_UP);
    expect(await authority.certificateStatus(pair.auth)).toEqual({
      status: 'on-hold',
      since: LOST,
    });
    // The interface has no release; the only way on is revocation.
    expect('release' in authority).toBe(false);
    expect((await crl('auth', GIVEN_UP)).findRevoked(pair.auth)?.reason).toBe(
      x509.X509CrlReason.certificateHold,
    );
    await authority.revoke(pair.auth, 'cessationOfOperation', GIVEN_UP);
    await expect(authority.hold(pair.auth, GIVEN_UP)).rejects.toBeInstanceOf(
      CertificateStatusError,
    );
    expect((await authority.certificateStatus(pair.auth)).status).toBe('revoked');
  }, 30_000);

  it('each counter reason reaches the CRL as its RFC 5280 code', async () => {
    const reasons = [
      ['keyCompromise', x509.X509CrlReason.keyCompromise],
      ['affiliationChanged', x509.X509CrlReason.affiliationChanged],
      ['superseded', x509.X509CrlReason.superseded],
      ['cessationOfOperation', x509.X509CrlReason.cessationOfOperation],
    ] as const;
    const serials: string[] = [];
    for (const [reason] of reasons) {
      const pair = await issuePair();
      await authority.revoke(pair.signing, reason, GIVEN_UP);
      serials.push(pair.signing);
    }
    const list = await crl('signing', GIVEN_UP);
    reasons.forEach(([, code], i) => expect(list.findRevoked(serials[i]!)?.reason).toBe(code));
  }, 60_000);

  it('revoking again with the same reason is a no-op; another reason is refused', async () => {
    const pair = await issuePair();
    await authority.revoke(pair.auth, 'superseded', LOST);
    await authority.revoke(pair.auth, 'superseded', GIVEN_UP);
    expect(await authority.certificateStatus(pair.auth)).toEqual({
      status: 'revoked',
      reason: 'superseded',
      since: LOST,
    });
    await expect(authority.revoke(pair.auth, 'keyCompromise')).rejects.toBeInstanceOf(
      CertificateStatusError,
    );
  }, 30_000);

  it('a good certificate is not on the CRL', async () => {
    const pair = await issuePair();
    const list = await crl('signing', GIVEN_UP);
    expect(list.findRevoked(pair.signing)).toBeNull();
    expect(list.entries.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('CRL publication', () => {
  it('numbers CRLs 1, 2, 3 … per CA, and dates them from the publication time', async () => {
    const numberOf = (c: x509.X509Crl): number => {
      const ext = c.getExtension('2.5.29.20');
      if (!ext) throw new Error('no CRL number');
      // INTEGER: tag 02, length, big-endian value.
      const v = new Uint8Array(ext.value);
      return v.subarray(2).reduce((n, b) => n * 256 + b, 0);
    };
    const a = await crl('auth', GIVEN_UP);
    const b = await crl('auth', GIVEN_UP);
    expect(numberOf(b)).toBe(numberOf(a) + 1);
    expect(a.thisUpdate.toISOString()).toBe(GIVEN_UP.toISOString());
    expect(a.nextUpdate!.getTime()).toBeGreaterThan(GIVEN_UP.getTime());
  });

  it('drops a certificate from the CRL once it has expired', async () => {
    const pair = await issuePair();
    await authority.revoke(pair.signing, 'superseded', GIVEN_UP);
    expect((await crl('signing', GIVEN_UP)).findRevoked(pair.signing)).not.toBeNull();
    const after = new Date('2031-03-01T00:00:00Z');
    expect((await crl('signing', after)).findRevoked(pair.signing)).toBeNull();
    // Its status stays known.
    expect((await authority.certificateStatus(pair.signing)).status).toBe('revoked');
  }, 30_000);

  it('statuses survive a restart of the authority', async () => {
    const pair = await issuePair();
    await authority.hold(pair.signing, LOST);
    await authority.revoke(pair.auth, 'affiliationChanged', GIVEN_UP);
    const reopened = await openLocalAuthority({ directory: dir.path, keyProtector: protector });
    expect(await reopened.certificateStatus(pair.signing)).toEqual({
      status: 'on-hold',
      since: LOST,
    });
    expect(await reopened.certificateStatus(pair.auth)).toEqual({
      status: 'revoked',
      reason: 'affiliationChanged',
      since: GIVEN_UP,
    });
  }, 30_000);
});

describe('certificate registry seam', () => {
  it('an authority given another registry keeps its statuses there, not in a file', async () => {
    const registry = new InMemoryCertificateRegistry();
    const other = await tempDirectory();
    try {
      const withRegistry = await openLocalAuthority({
        directory: other.path,
        keyProtector: protector,
        registry,
      });
      const key = await holderKey();
      const issued = await withRegistry.issueCertificates({
        holder: facts('1980-02-17'),
        cardExpiry: isoDate('2035-02-17'),
        authPublicKey: key.spki,
        now: ISSUED,
        cardSerial: '990000000000001',
      });
      const serial = new x509.X509Certificate(issued.auth).serialNumber;
      await withRegistry.hold(serial, LOST);
      expect(await registry.get(serial.toUpperCase())).toMatchObject({
        kind: 'auth',
        status: 'on-hold',
        cardSerial: '990000000000001',
        heldAt: LOST.toISOString(),
      });
      expect(await readdir(other.path)).not.toContain(AUTHORITY_FILES.registry);
    } finally {
      await other.remove();
    }
  }, 60_000);
});
