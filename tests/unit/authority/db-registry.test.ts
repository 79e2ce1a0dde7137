// The authority's registry in the database: reserved until the counter records an issue, what a
// stopped process left behind revoked, and the JSON registry of earlier versions imported once.
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DbCertificateRegistry,
  importLegacyRegistry,
} from '../../../main/authority/db-certificate-registry';
import { AuthorityStateError } from '../../../main/authority/issuer-authority';
import {
  AUTHORITY_FILES,
  UNCONFIRMED_GRACE_MS,
  openLocalAuthority,
  type LocalAuthority,
} from '../../../main/authority/local-authority';
import {
  authorityCrlNumbers,
  confirmAuthorityCertificates,
  findAuthorityCertificate,
} from '../../../main/db/repositories/authority-registry';
import { openTestDb, type TestDb } from '../db/support/temp-db';
import { TestKeyProtector, facts, holderKey, isoDate, tempDirectory } from './authority-helpers';

const ISSUED = new Date('2026-11-25T01:00:00Z');

let t: TestDb;
let dir: { path: string; remove: () => Promise<void> };
let protector: TestKeyProtector;

beforeEach(async () => {
  t = await openTestDb();
  dir = await tempDirectory();
  protector = new TestKeyProtector();
});

afterEach(async () => {
  await t.dispose();
  await dir.remove();
});

function open(at: Date, registry = new DbCertificateRegistry(() => t.db)): Promise<LocalAuthority> {
  return openLocalAuthority({
    directory: dir.path,
    keyProtector: protector,
    registry,
    now: () => at,
  });
}

async function issuePair(authority: LocalAuthority): Promise<{ signing: string; auth: string }> {
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
    signing: new x509.X509Certificate(issued.signing!).serialNumber.toUpperCase(),
    auth: new x509.X509Certificate(issued.auth).serialNumber.toUpperCase(),
  };
}

const crlSerials = async (authority: LocalAuthority, kind: 'signing' | 'auth', now: Date) =>
  new x509.X509Crl(await authority.publishCrl(kind, now)).entries.map((e) => ({
    serial: e.serialNumber.toUpperCase(),
    reason: e.reason,
  }));

describe('issue and record', () => {
  it('a signed certificate is reserved until the counter records it, and good to askers meanwhile', async () => {
    const authority = await open(ISSUED);
    const pair = await issuePair(authority);
    expect((await findAuthorityCertificate(t.db, pair.signing))?.status).toBe('reserved');
    expect(await authority.certificateStatus(pair.signing)).toEqual({ status: 'good' });

    await t.db.transaction((tx) => confirmAuthorityCertificates(tx, [pair.signing, pair.auth]));
    expect((await findAuthorityCertificate(t.db, pair.signing))?.status).toBe('good');
    expect((await findAuthorityCertificate(t.db, pair.auth))?.status).toBe('good');
  });

  it('a certificate signed by a process that stopped before the record is revoked as superseded', async () => {
    const first = await open(ISSUED);
    const left = await issuePair(first);
    // The crash: the counter's transaction never ran. A restart within the grace keeps the row
    // (another counter may be about to record its issue) …
    const soon = new Date(ISSUED.getTime() + 60_000);
    await open(soon);
    expect((await findAuthorityCertificate(t.db, left.auth))?.status).toBe('reserved');
    // … and a later one revokes both, so the serials stay known and listed on the CRLs.
    const later = new Date(ISSUED.getTime() + UNCONFIRMED_GRACE_MS + 60_000);
    const reopened = await open(later);
    for (const serial of [left.signing, left.auth])
      expect(await reopened.certificateStatus(serial)).toEqual({
        status: 'revoked',
        reason: 'superseded',
        since: later,
      });
    expect(await crlSerials(reopened, 'auth', later)).toEqual([
      { serial: left.auth, reason: x509.X509CrlReason.superseded },
    ]);
  });

  it('a recorded certificate is never swept, and a revocation keeps its reason', async () => {
    const authority = await open(ISSUED);
    const pair = await issuePair(authority);
    await t.db.transaction((tx) => confirmAuthorityCertificates(tx, [pair.signing, pair.auth]));
    const later = new Date(ISSUED.getTime() + 2 * UNCONFIRMED_GRACE_MS);
    await authority.revoke(pair.signing, 'affiliationChanged', later);
    const reopened = await open(later);
    expect(await reopened.certificateStatus(pair.auth)).toEqual({ status: 'good' });
    expect(await crlSerials(reopened, 'signing', later)).toEqual([
      { serial: pair.signing, reason: x509.X509CrlReason.affiliationChanged },
    ]);
    expect((await authorityCrlNumbers(t.db)).signing).toBe(1);
  });
});

describe('the JSON registry of earlier versions', () => {
  /** An authority of an earlier version: its registry is the JSON file in its directory. */
  async function legacy(): Promise<{ pair: { signing: string; auth: string }; path: string }> {
    const old = await openLocalAuthority({
      directory: dir.path,
      keyProtector: protector,
      now: () => ISSUED,
    });
    const pair = await issuePair(old);
    await old.hold(pair.auth, ISSUED);
    await old.publishCrl('auth', ISSUED);
    await old.publishCrl('auth', ISSUED);
    return { pair, path: join(dir.path, AUTHORITY_FILES.registry) };
  }

  it('is imported once, with its CRL numbers, and kept as a backup', async () => {
    const { pair, path } = await legacy();
    const result = await importLegacyRegistry(t.db, path, ISSUED);
    expect(result).toMatchObject({ imported: true, certificates: 2 });
    expect(existsSync(path)).toBe(false);
    expect((await readdir(dir.path)).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
    expect(await importLegacyRegistry(t.db, path, ISSUED)).toEqual({ imported: false });

    const authority = await open(ISSUED);
    expect(await authority.certificateStatus(pair.auth)).toMatchObject({ status: 'on-hold' });
    expect(await authority.certificateStatus(pair.signing)).toEqual({ status: 'good' });
    const crl = new x509.X509Crl(await authority.publishCrl('auth', ISSUED));
    // The CRL number goes on from the file's (2), never back to 1.
    const number = crl.getExtension('2.5.29.20');
    expect(number).not.toBeNull();
    expect((await authorityCrlNumbers(t.db)).auth).toBe(3);
  });

  it('refuses to lose a serial: a clash with the database writes nothing and keeps the file', async () => {
    const { pair, path } = await legacy();
    const text = await readFile(path, 'utf8');
    // The database already holds the auth serial for another certificate.
    const other = JSON.parse(text) as { certificates: { serial: string; subjectId: string }[] };
    const clash = other.certificates.find((c) => c.serial === pair.auth)!;
    await t.db.transaction((tx) =>
      tx.run(
        `INSERT INTO authority_certificates (serial, kind, subject_id, card_serial, not_before,
           not_after, issued_at, status) VALUES (?, 'auth', 'SOMEONE-ELSE', NULL, ?, ?, ?, 'good')`,
        [clash.serial, ISSUED.toISOString(), ISSUED.toISOString(), ISSUED.toISOString()],
      ),
    );
    await expect(importLegacyRegistry(t.db, path, ISSUED)).rejects.toBeInstanceOf(
      AuthorityStateError,
    );
    expect(existsSync(path)).toBe(true);
    expect(await findAuthorityCertificate(t.db, pair.signing)).toBeUndefined();
  });

  it('a file that is not JSON stops the import', async () => {
    const path = join(dir.path, AUTHORITY_FILES.registry);
    await writeFile(path, 'not json');
    await expect(importLegacyRegistry(t.db, path, ISSUED)).rejects.toBeInstanceOf(
      AuthorityStateError,
    );
    expect(existsSync(path)).toBe(true);
  });
});
