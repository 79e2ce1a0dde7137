// The local authority's OCSP responder as an outside client sees it: openssl ocsp asks over HTTP
// on loopback and must accept the signed answers for a good, a revoked and a suspended certificate.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryCertificateRegistry } from '../../../main/authority/certificate-registry';
import { openLocalAuthority, type LocalAuthority } from '../../../main/authority/local-authority';
import { serveOcspOverHttp, type OcspHttpServer } from '../../../main/authority/ocsp-http';
import {
  TestKeyProtector,
  facts,
  holderKey,
  isoDate,
} from '../../unit/authority/authority-helpers';

const run = promisify(execFile);

let dir: string;
let authority: LocalAuthority;
let server: OcspHttpServer;
const pem: Record<string, string> = {};

async function issue(): Promise<{ signing: x509.X509Certificate; auth: x509.X509Certificate }> {
  const [s, a] = await Promise.all([holderKey(), holderKey()]);
  const issued = await authority.issueCertificates({
    holder: facts('1980-02-17'),
    cardExpiry: isoDate('2035-02-17'),
    signingPublicKey: s.spki,
    authPublicKey: a.spki,
    now: new Date(),
    cardSerial: '990000000000001',
  });
  return {
    signing: new x509.X509Certificate(issued.signing!),
    auth: new x509.X509Certificate(issued.auth),
  };
}

async function save(name: string, cert: x509.X509Certificate): Promise<string> {
  const path = join(dir, `${name}.pem`);
  await writeFile(path, cert.toString('pem'));
  pem[name] = path;
  return path;
}

/** openssl ocsp's whole output for one certificate of `kind`, checked against that CA only. */
async function ask(kind: 'signing' | 'auth', cert: string): Promise<string> {
  const ca = pem[`ca-${kind}`]!;
  const { stdout, stderr } = await run('openssl', [
    'ocsp',
    '-issuer',
    ca,
    '-cert',
    cert,
    '-CAfile',
    ca,
    '-url',
    server.url,
  ]);
  return `${stdout}\n${stderr}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'madoguchi-ocsp-'));
  authority = await openLocalAuthority({
    directory: dir,
    keyProtector: new TestKeyProtector(),
    registry: new InMemoryCertificateRegistry(),
  });
  for (const kind of ['signing', 'auth'] as const)
    await save(`ca-${kind}`, new x509.X509Certificate(authority.caCertificate(kind)));
  server = await serveOcspOverHttp(authority);
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('openssl ocsp against the local responder', () => {
  it('accepts a good answer, then a suspension and a revocation with their reasons', async () => {
    const card = await issue();
    const signing = await save('signing', card.signing);
    const auth = await save('auth', card.auth);

    const good = await ask('signing', signing);
    expect(good).toContain('Response verify OK');
    expect(good).toMatch(/signing\.pem: good/);

    await authority.hold(card.auth.serialNumber);
    const held = await ask('auth', auth);
    expect(held).toContain('Response verify OK');
    expect(held).toMatch(/auth\.pem: revoked/);
    expect(held).toContain('Reason: certificateHold');

    // A change of the card's facts revokes the signing certificate: the reason travels.
    await authority.revoke(card.signing.serialNumber, 'affiliationChanged');
    const revoked = await ask('signing', signing);
    expect(revoked).toContain('Response verify OK');
    expect(revoked).toMatch(/signing\.pem: revoked/);
    expect(revoked).toContain('Reason: affiliationChanged');
  });

  it('answers unknown, signed, for a serial it never issued', async () => {
    const { stdout, stderr } = await run('openssl', [
      'ocsp',
      '-issuer',
      pem['ca-signing']!,
      '-serial',
      '0x0123456789ABCDEF',
      '-CAfile',
      pem['ca-signing']!,
      '-url',
      server.url,
    ]);
    expect(`${stdout}${stderr}`).toContain('Response verify OK');
    expect(stdout).toMatch(/0x0123456789ABCDEF: unknown/);
  });

  it('serves each CA’s CRL, which openssl reads with the reasons', async () => {
    const response = await fetch(`${server.url}/crl/auth.crl`);
    expect(response.headers.get('content-type')).toBe('application/pkix-crl');
    const path = join(dir, 'auth.crl');
    await writeFile(path, Buffer.from(await response.arrayBuffer()));
    const { stdout } = await run('openssl', [
      'crl',
      '-inform',
      'der',
      '-in',
      path,
      '-noout',
      '-text',
      '-CAfile',
      pem['ca-auth']!,
    ]);
    expect(stdout).toContain('Certificate Hold');
  });
});
