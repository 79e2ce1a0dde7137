// The local authority's keys: created once, reloaded unchanged, never readable from its files.
import { createHash, verify } from 'node:crypto';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorityStateError } from '../../../main/authority/issuer-authority';
import {
  AUTHORITY_FILES,
  openLocalAuthority,
  type LocalAuthority,
} from '../../../main/authority/local-authority';
import { TestKeyProtector, facts, holderKey, isoDate, tempDirectory } from './authority-helpers';

const NOW = new Date('2026-11-25T01:00:00Z');

let dir: { path: string; remove: () => Promise<void> };
let protector: TestKeyProtector;
let first: LocalAuthority;

beforeAll(async () => {
  dir = await tempDirectory();
  protector = new TestKeyProtector();
  first = await openLocalAuthority({
    directory: dir.path,
    keyProtector: protector,
    now: () => NOW,
  });
}, 60_000);

afterAll(() => dir.remove());

const spkiOf = (key: { export(o: { type: 'spki'; format: 'der' }): Buffer }) =>
  key.export({ type: 'spki', format: 'der' }).toString('hex');

describe('local authority: first start and reload', () => {
  it('creates both CAs and the issuer key on first start, as files in its directory', async () => {
    expect(first.created).toBe(true);
    const files = await readdir(dir.path);
    for (const name of [
      AUTHORITY_FILES.manifest,
      AUTHORITY_FILES.signingCa,
      AUTHORITY_FILES.authCa,
      AUTHORITY_FILES.issuerKey,
    ])
      expect(files).toContain(name);
    // The data key went through the protector once, wrapped.
    expect(protector.protects).toBe(1);
  });

  it('names its CAs like the national ones, but as a local organisation', () => {
    const signing = new x509.X509Certificate(first.caCertificate('signing'));
    const auth = new x509.X509Certificate(first.caCertificate('auth'));
    expect(signing.subject).toBe(
      'C=JP, O=JPKI-LOCAL, OU=JPKI for digital signature, OU=Madoguchi Local Issuer Authority',
    );
    expect(auth.subject).toBe(
      'C=JP, O=JPKI-LOCAL, OU=JPKI for user authentication, OU=Madoguchi Local Issuer Authority',
    );
    expect(signing.issuer).toBe(signing.subject);
    expect(signing.publicKey.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5' });
    expect(signing.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
  });

  it('a second start loads the same keys instead of making new ones', async () => {
    const again = await openLocalAuthority({ directory: dir.path, keyProtector: protector });
    expect(again.created).toBe(false);
    expect(spkiOf(again.issuerPublicKey)).toBe(spkiOf(first.issuerPublicKey));
    expect(Buffer.from(again.caCertificate('signing'))).toEqual(
      Buffer.from(first.caCertificate('signing')),
    );
    expect(Buffer.from(again.caCertificate('auth'))).toEqual(
      Buffer.from(first.caCertificate('auth')),
    );
    expect(protector.protects).toBe(1);
    expect(protector.unprotects).toBeGreaterThanOrEqual(1);

    // The reloaded CA private key signs certificates that the first instance's CA cert verifies.
    const key = await holderKey();
    const issued = await again.issueCertificates({
      holder: facts('1980-02-17'),
      cardExpiry: isoDate('2035-02-17'),
      authPublicKey: key.spki,
      now: NOW,
    });
    const ca = new x509.X509Certificate(first.caCertificate('auth'));
    expect(await new x509.X509Certificate(issued.auth).verify({ publicKey: ca.publicKey })).toBe(
      true,
    );
  }, 30_000);

  it('the reloaded issuer key is the private half of the stored public key', async () => {
    // The session signer is internal, so prove it through a card-like check: a challenge signed
    // by the authority's issuer key verifies with the public key a simulated card is given.
    const again = await openLocalAuthority({ directory: dir.path, keyProtector: protector });
    const challenge = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    let signature: Uint8Array | null = null;
    const fakeCard = {
      async send(cmd: { ins: number; data?: Uint8Array }) {
        if (cmd.ins === 0x82) signature = cmd.data ?? null;
        return { data: cmd.ins === 0x84 ? challenge : new Uint8Array(0), sw: 0x9000 };
      },
      async exchange(cmd: { ins: number; data?: Uint8Array }) {
        return (await this.send(cmd)).data;
      },
    };
    await again.openIssuerSession(fakeCard);
    expect(signature).not.toBeNull();
    expect(verify('sha256', challenge, first.issuerPublicKey, signature!)).toBe(true);
    expect(verify('sha256', Uint8Array.of(9), first.issuerPublicKey, signature!)).toBe(false);
  });
});

describe('local authority: private keys at rest', () => {
  it('no file holds a private key in clear', async () => {
    for (const name of await readdir(dir.path)) {
      const text = await readFile(join(dir.path, name), 'utf8');
      expect(text).not.toMatch(/PRIVATE KEY/);
      // PKCS#8 of an RSA key starts with this DER; base64 of it would betray a clear key.
      expect(text).not.toContain('MIIEv');
      expect(text).not.toContain('MIIEu');
    }
    const ca = JSON.parse(await readFile(join(dir.path, AUTHORITY_FILES.signingCa), 'utf8'));
    expect(ca.privateKey).toMatchObject({ alg: 'A256GCM' });
    expect(Object.keys(ca.privateKey).sort()).toEqual(['alg', 'data', 'iv', 'tag']);
  });

  it('files are readable by their owner only', async () => {
    if (process.platform === 'win32') return;
    for (const name of await readdir(dir.path)) {
      const mode = (await stat(join(dir.path, name))).mode & 0o777;
      expect(mode).toBe(0o600);
    }
  });

  it('without the right key protector the keys cannot be opened', async () => {
    await expect(
      openLocalAuthority({ directory: dir.path, keyProtector: new TestKeyProtector() }),
    ).rejects.toThrow();
  });

  it('a key file changed after creation is refused, not used', async () => {
    const copy = await tempDirectory();
    try {
      await openLocalAuthority({ directory: copy.path, keyProtector: protector, now: () => NOW });
      const path = join(copy.path, AUTHORITY_FILES.issuerKey);
      const file = JSON.parse(await readFile(path, 'utf8'));
      // Swap in the signing CA's box: a valid box, but for another purpose.
      const ca = JSON.parse(await readFile(join(copy.path, AUTHORITY_FILES.signingCa), 'utf8'));
      await writeFile(path, JSON.stringify({ ...file, privateKey: ca.privateKey }, null, 2));
      await expect(
        openLocalAuthority({ directory: copy.path, keyProtector: protector }),
      ).rejects.toBeInstanceOf(AuthorityStateError);
    } finally {
      await copy.remove();
    }
  }, 30_000);

  it('a directory left without its manifest (a crash during creation) is created afresh', async () => {
    const copy = await tempDirectory();
    try {
      const made = await openLocalAuthority({ directory: copy.path, keyProtector: protector });
      await rm(join(copy.path, AUTHORITY_FILES.manifest));
      const remade = await openLocalAuthority({ directory: copy.path, keyProtector: protector });
      expect(remade.created).toBe(true);
      expect(spkiOf(remade.issuerPublicKey)).not.toBe(spkiOf(made.issuerPublicKey));
    } finally {
      await copy.remove();
    }
  }, 30_000);

  it('the manifest records a digest of every key file as written', async () => {
    const manifest = JSON.parse(
      await readFile(join(dir.path, AUTHORITY_FILES.manifest), 'utf8'),
    ) as { files: Record<string, string> };
    for (const [name, digest] of Object.entries(manifest.files)) {
      const text = await readFile(join(dir.path, name), 'utf8');
      expect(createHash('sha256').update(text).digest('hex')).toBe(digest);
    }
    expect(Object.keys(manifest.files).sort()).toEqual(
      [AUTHORITY_FILES.authCa, AUTHORITY_FILES.issuerKey, AUTHORITY_FILES.signingCa].sort(),
    );
  });

  it('the identity given at creation names the CAs (practice mode has its own)', async () => {
    const practice = await tempDirectory();
    try {
      const authority = await openLocalAuthority({
        directory: practice.path,
        keyProtector: protector,
        identity: { organization: 'JPKI-PRACTICE', operator: '見本県窓口市' },
      });
      const ca = new x509.X509Certificate(authority.caCertificate('signing'));
      expect(ca.subject).toBe(
        'C=JP, O=JPKI-PRACTICE, OU=JPKI for digital signature, OU=見本県窓口市',
      );
      // Its issuer key is not the production one.
      expect(spkiOf(authority.issuerPublicKey)).not.toBe(spkiOf(first.issuerPublicKey));
    } finally {
      await practice.remove();
    }
  }, 30_000);
});
