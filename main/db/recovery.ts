// Moving the data keys to another machine: what a recovery package holds, and a restore that rewraps them.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { deriveAuditKeys } from '../audit/audit-keys';
import { appendAudit } from '../audit/audit-log';
import { withAuditKeys } from '../audit/keyed-db';
import { backupDatabase } from './backup';
import type { Clock } from './clock';
import { openDatabase } from './connection';
import type { Queryable } from './connection';
import { openIssuanceDatabase } from './index';
import type { KeyProtector } from './key-protector';
import { MyNumberCipher, openMyNumberCipher } from './my-number-crypto';
import type { RecoveryKeys } from './recovery-package';
import type { DatabaseMode } from './repositories/meta';
import { listWrappedDataKeys, rewrapDataKey } from './repositories/data-keys';
import { firstStoredMyNumber } from './repositories/residents';

/**
 * Every key the KeyProtector seals that reading a backup needs: each row of data_keys, whatever
 * its purpose, so a key stored there under a new purpose travels without a change here. A key
 * sealed somewhere else would join RecoveryKeys as a field of its own, filled here and rewrapped
 * in restoreBackup.
 */
export async function collectRecoveryKeys(
  q: Queryable,
  protector: KeyProtector,
): Promise<RecoveryKeys> {
  const dataKeys: Record<string, Buffer> = {};
  for (const row of await listWrappedDataKeys(q)) {
    dataKeys[row.purpose] = protector.unprotect(row.wrapped);
  }
  return { dataKeys };
}

export type RestoreErrorReason = 'target-exists' | 'missing-key' | 'wrong-key' | 'left-journal';

export class RestoreError extends Error {
  override readonly name = 'RestoreError';
  constructor(
    readonly reason: RestoreErrorReason,
    detail: string,
  ) {
    super(`restore refused (${reason}): ${detail}`);
  }
}

export interface RestoreOptions {
  /** A backup file (admin:backup-database, npm run db:backup). */
  readonly backupPath: string;
  /** Where the app will find its database; must not exist yet. */
  readonly databasePath: string;
  /** The mode of this machine: a practice backup never becomes a production database. */
  readonly mode: DatabaseMode;
  /** The keys from the recovery package, in clear. */
  readonly keys: RecoveryKeys;
  /** This machine's protector: the keys are wrapped anew under it. */
  readonly protector: KeyProtector;
  readonly clock?: Clock;
}

export interface RestoreResult {
  readonly path: string;
  readonly dataKeys: readonly string[];
  /** False when the backup holds no resident, so no stored number could confirm the key. */
  readonly keyConfirmed: boolean;
}

/**
 * Restores a backup as this machine's database. The backup is copied (verified, 0600) beside the
 * target, migrated and checked for its mode; the package's key must open a stored 個人番号 of
 * this very backup; every data key is then wrapped under `protector`, with an audit row, in one
 * transaction. Only then does the copy take the database's name. A database already in place is
 * never replaced.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const target = options.databasePath;
  for (const f of [target, `${target}-wal`, `${target}-journal`]) {
    if (existsSync(f)) throw new RestoreError('target-exists', f);
  }
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  try {
    const source = await openDatabase(options.backupPath, {
      readOnly: true,
      integrityCheck: 'full',
    });
    try {
      await backupDatabase(source, staging);
    } finally {
      await source.close();
    }
    const result = await rewrapInPlace(staging, options);
    // The app reopens the file by its name alone: nothing may be left in a journal beside it.
    if (existsSync(`${staging}-wal`)) throw new RestoreError('left-journal', `${staging}-wal`);
    renameSync(staging, target);
    return { ...result, path: target };
  } catch (err) {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
    throw err;
  }
}

async function rewrapInPlace(
  path: string,
  options: RestoreOptions,
): Promise<Omit<RestoreResult, 'path'>> {
  const db = await openIssuanceDatabase(path, { mode: options.mode, create: false });
  try {
    const rows = await listWrappedDataKeys(db);
    for (const { purpose } of rows) {
      if (!options.keys.dataKeys[purpose]) throw new RestoreError('missing-key', purpose);
    }
    const keyConfirmed = await confirmMyNumberKey(db, options.keys);
    // The restore's audit row joins the backup's chain: keyed with the package's audit key when
    // the backup holds one, plain when the backup is from before its chain was keyed.
    const keyed = rows.some((r) => r.purpose === 'audit-chain');
    const auditKey = options.keys.dataKeys['audit-chain'];
    const target = keyed && auditKey ? withAuditKeys(db, { keys: deriveAuditKeys(auditKey) }) : db;
    await target.transaction(async (tx) => {
      for (const { purpose } of rows) {
        await rewrapDataKey(
          tx,
          purpose,
          options.protector.protect(options.keys.dataKeys[purpose]!),
        );
      }
      await appendAudit(
        tx,
        { operatorId: null, action: 'database.restored', details: { dataKeys: rows.length } },
        options.clock,
      );
    });
    // The new protector must give back what it was given, before the file is handed over.
    await openMyNumberCipher(db, options.protector);
    return { dataKeys: rows.map((r) => r.purpose), keyConfirmed };
  } finally {
    await db.close();
  }
}

/** The package's 個人番号 key must decrypt a stored number of this backup and match its HMAC. */
async function confirmMyNumberKey(q: Queryable, keys: RecoveryKeys): Promise<boolean> {
  const sample = await firstStoredMyNumber(q);
  const key = keys.dataKeys['my-number'];
  if (!sample || !key) return false;
  const cipher = new MyNumberCipher(key);
  try {
    if (cipher.lookupHmac(cipher.decrypt(sample.enc)).equals(sample.hmac)) return true;
  } catch {
    // Falls through: the key does not belong to this backup.
  }
  throw new RestoreError('wrong-key', 'my-number');
}
