// The authority's certificate registry in the database, and the one-time import of the JSON file
// earlier versions kept beside the authority's keys.
import { readFile, rename } from 'node:fs/promises';
import type { CrlReason } from '../../preload/contract/rules/reasons';
import type { Db } from '../db/connection';
import {
  authorityCrlNumbers,
  findAuthorityCertificate,
  insertAuthorityCertificate,
  listListedAuthorityCertificates,
  nextAuthorityCrlNumber,
  raiseAuthorityCrlNumber,
  revokeUnconfirmedAuthorityCertificates,
  updateAuthorityCertificateStatus,
  type AuthorityCertificateRow,
} from '../db/repositories/authority-registry';
import type { CertificateRecord, CertificateRegistry } from './certificate-registry';
import { AuthorityStateError, type KeyKind } from './issuer-authority';

const toRecord = (r: AuthorityCertificateRow): CertificateRecord => ({
  ...r,
  reason: r.reason as CrlReason | null,
});

/**
 * The registry on the mode's database (given as a getter: a practice start-over opens a new one).
 * Each call is one transaction; the counter confirms an issue in its own transaction with
 * confirmAuthorityCertificates, so a certificate is never good without the counter's record.
 */
export class DbCertificateRegistry implements CertificateRegistry {
  readonly #db: () => Db;

  constructor(db: () => Db) {
    this.#db = db;
  }

  async add(record: CertificateRecord): Promise<void> {
    await this.#db().transaction(async (tx) => {
      if (await findAuthorityCertificate(tx, record.serial))
        throw new AuthorityStateError(`serial ${record.serial} issued twice`);
      await insertAuthorityCertificate(tx, record);
    });
  }

  async get(serial: string): Promise<CertificateRecord | null> {
    const row = await findAuthorityCertificate(this.#db(), serial);
    return row ? toRecord(row) : null;
  }

  async update(record: CertificateRecord): Promise<void> {
    await this.#db().transaction(async (tx) => {
      if (!(await findAuthorityCertificate(tx, record.serial)))
        throw new AuthorityStateError(`no record for serial ${record.serial}`);
      await updateAuthorityCertificateStatus(tx, record);
    });
  }

  async listRevoked(kind: KeyKind): Promise<readonly CertificateRecord[]> {
    return (await listListedAuthorityCertificates(this.#db(), kind)).map(toRecord);
  }

  nextCrlNumber(kind: KeyKind): Promise<number> {
    return this.#db().transaction((tx) => nextAuthorityCrlNumber(tx, kind));
  }

  revokeUnconfirmed(before: Date, now: Date): Promise<readonly string[]> {
    return this.#db().transaction((tx) =>
      revokeUnconfirmedAuthorityCertificates(tx, before.toISOString(), now.toISOString()),
    );
  }
}

interface LegacyRegistryFile {
  readonly version: 1;
  readonly crlNumbers: Record<KeyKind, number>;
  readonly certificates: CertificateRecord[];
}

/** What importLegacyRegistry did: nothing (no file), or how many records it brought in. */
export type LegacyImport =
  | { readonly imported: false }
  | { readonly imported: true; readonly certificates: number; readonly backup: string };

/** The fields that make a record the same certificate; a status may have moved on since. */
const sameCertificate = (a: CertificateRecord, b: AuthorityCertificateRow): boolean =>
  a.kind === b.kind &&
  a.subjectId === b.subjectId &&
  a.notBefore === b.notBefore &&
  a.notAfter === b.notAfter;

/**
 * Brings the JSON registry at `path` into the database once, in one transaction, then renames the
 * file to `<path>.imported-<time>.bak` as a backup. A serial the database already holds for
 * another certificate stops the import with nothing written, and the file stays where it is: no
 * serial is ever dropped. Running again after a stop between the commit and the rename finds
 * every record already there and only renames.
 */
export async function importLegacyRegistry(db: Db, path: string, now: Date): Promise<LegacyImport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { imported: false };
    throw e;
  }
  let file: LegacyRegistryFile;
  try {
    file = JSON.parse(text) as LegacyRegistryFile;
  } catch {
    throw new AuthorityStateError(`certificate registry ${path} is not JSON`);
  }
  if (file.version !== 1 || !Array.isArray(file.certificates))
    throw new AuthorityStateError(`certificate registry ${path} is of another version`);

  await db.transaction(async (tx) => {
    for (const record of file.certificates) {
      const serial = record.serial.toUpperCase();
      const held = await findAuthorityCertificate(tx, serial);
      if (held) {
        if (!sameCertificate(record, held))
          throw new AuthorityStateError(
            `serial ${serial} of ${path} is another certificate in the database`,
          );
        continue;
      }
      await insertAuthorityCertificate(tx, { ...record, serial });
    }
    for (const kind of ['signing', 'auth'] as const)
      await raiseAuthorityCrlNumber(tx, kind, Number(file.crlNumbers?.[kind] ?? 0));
  });

  // Read back before the file goes: every serial of the file must be in the database.
  for (const record of file.certificates)
    if (!(await findAuthorityCertificate(db, record.serial.toUpperCase())))
      throw new AuthorityStateError(`serial ${record.serial} did not reach the database`);
  const numbers = await authorityCrlNumbers(db);
  for (const kind of ['signing', 'auth'] as const)
    if (numbers[kind] < Number(file.crlNumbers?.[kind] ?? 0))
      throw new AuthorityStateError(`the ${kind} CRL number did not reach the database`);

  const backup = `${path}.imported-${now.toISOString().replace(/[:.]/g, '-')}.bak`;
  await rename(path, backup);
  return { imported: true, certificates: file.certificates.length, backup };
}
