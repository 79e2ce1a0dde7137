// The OCSP responder's refusals and the client's checks: what a wrong request or answer gets.
import { AsnConvert } from '@peculiar/asn1-schema';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryCertificateRegistry } from '../../../main/authority/certificate-registry';
import { openLocalAuthority, type LocalAuthority } from '../../../main/authority/local-authority';
import {
  OcspAnswerError,
  askResponder,
  buildOcspRequest,
  readOcspResponse,
} from '../../../main/authority/ocsp';
import { OCSP_RESPONSE_STATUS, OcspResponse } from '../../../main/authority/ocsp-asn1';
import { TestKeyProtector, facts, holderKey, isoDate, tempDirectory } from './authority-helpers';

const NOW = new Date('2026-12-01T00:00:00Z');

let dir: { path: string; remove: () => Promise<void> };
let other: { path: string; remove: () => Promise<void> };
let authority: LocalAuthority;
let stranger: LocalAuthority;
let auth: string;

const statusOf = (der: Uint8Array): number => AsnConvert.parse(der, OcspResponse).responseStatus;

beforeAll(async () => {
  [dir, other] = await Promise.all([tempDirectory(), tempDirectory()]);
  const open = (path: string) =>
    openLocalAuthority({
      directory: path,
      keyProtector: new TestKeyProtector(),
      registry: new InMemoryCertificateRegistry(),
    });
  [authority, stranger] = await Promise.all([open(dir.path), open(other.path)]);
  const key = await holderKey();
  const issued = await authority.issueCertificates({
    holder: facts('1980-02-17'),
    cardExpiry: isoDate('2035-02-17'),
    authPublicKey: key.spki,
    now: NOW,
  });
  auth = new x509.X509Certificate(issued.auth).serialNumber;
}, 60_000);

afterAll(async () => {
  await Promise.all([dir.remove(), other.remove()]);
});

describe('the responder', () => {
  it('answers malformedRequest to bytes that are no OCSP request', async () => {
    expect(statusOf(await authority.answerOcsp(new Uint8Array([0x30, 0x03, 1, 2, 3]), NOW))).toBe(
      OCSP_RESPONSE_STATUS.malformedRequest,
    );
  });

  it('answers unauthorized for certificates of a CA that is not its own', async () => {
    const request = buildOcspRequest(stranger.caCertificate('auth'), [auth]);
    expect(statusOf(await authority.answerOcsp(request.der, NOW))).toBe(
      OCSP_RESPONSE_STATUS.unauthorized,
    );
  });

  it('answers a serial of its auth CA asked of its signing CA as unknown', async () => {
    const statuses = await askResponder(
      { answerOcsp: authority.answerOcsp, caCertificate: authority.caCertificate },
      'signing',
      [auth],
      NOW,
    );
    expect(statuses.get(auth.toUpperCase())).toEqual({ status: 'unknown' });
  });

  it('a revocation carries its reason and time', async () => {
    const at = new Date('2026-12-02T03:04:05Z');
    await authority.revoke(auth, 'keyCompromise', at);
    const statuses = await askResponder(authority, 'auth', [auth], NOW);
    expect(statuses.get(auth.toUpperCase())).toEqual({
      status: 'revoked',
      reason: 'keyCompromise',
      since: at,
    });
  });
});

describe('the client', () => {
  it('refuses an answer signed by another CA, and one without its nonce', async () => {
    const ca = authority.caCertificate('auth');
    const request = buildOcspRequest(ca, [auth]);
    const answer = await authority.answerOcsp(request.der, NOW);
    await expect(
      readOcspResponse(answer, stranger.caCertificate('auth'), request),
    ).rejects.toBeInstanceOf(OcspAnswerError);
    const another = buildOcspRequest(ca, [auth]);
    await expect(readOcspResponse(answer, ca, another)).rejects.toBeInstanceOf(OcspAnswerError);
    expect((await readOcspResponse(answer, ca, request)).size).toBe(1);
  });

  it('refuses an answer whose signed bytes were changed', async () => {
    const ca = authority.caCertificate('auth');
    const request = buildOcspRequest(ca, [auth]);
    const answer = Uint8Array.from(await authority.answerOcsp(request.der, NOW));
    // The producedAt digits sit inside the signed data: change one.
    const text = Buffer.from(answer).toString('latin1');
    const at = text.indexOf('20261201');
    expect(at).toBeGreaterThan(0);
    answer[at + 3] = '7'.charCodeAt(0);
    await expect(readOcspResponse(answer, ca, request)).rejects.toBeInstanceOf(OcspAnswerError);
  });
});
