// Opening the issuance database as the app uses it: checked, migrated, in the right mode.
import { openDatabase, quickCheck } from './connection';
import type { Db, OpenOptions } from './connection';
import { DataKeyError, DbCorruptError, DbTooNewError } from './errors';
import type { KeyProtector } from './key-protector';
import { migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { ensureDatabaseMode, readDatabaseMeta, recordAppVersion } from './repositories/meta';
import type { DatabaseMode } from './repositories/meta';

export interface OpenIssuanceOptions extends Omit<OpenOptions, 'maxSchemaVersion' | 'readOnly'> {
  /** Practice and production each have their own file; the wrong one is refused. */
  readonly mode: DatabaseMode;
  /**
   * The app's version: recorded in the file, and named with the file's when a newer app's file is
   * refused. Tools that only read or copy the file leave it out.
   */
  readonly appVersion?: string;
}

/**
 * Opens (or creates) the issuance database, refuses a newer one, migrates, checks the mode. A file
 * that needs migrating gets its page check first, whatever `integrityCheck` says: a migration
 * rewrites tables, and a damaged file must be refused before that, not after.
 */
export async function openIssuanceDatabase(
  path: string,
  options: OpenIssuanceOptions,
): Promise<Db> {
  let db: Db;
  try {
    db = await openDatabase(path, { ...options, maxSchemaVersion: LATEST_SCHEMA_VERSION });
  } catch (err) {
    if (err instanceof DbTooNewError && options.appVersion !== undefined) {
      throw new DbTooNewError(err.found, err.supported, {
        database: await lastAppVersion(path),
        app: options.appVersion,
      });
    }
    throw err;
  }
  try {
    const version = await schemaVersion(db);
    if (version > 0 && version < LATEST_SCHEMA_VERSION && options.integrityCheck === 'skip') {
      const problems = await quickCheck(db);
      if (problems.length > 0) throw new DbCorruptError(path, problems);
    }
    await migrate(db);
    await ensureDatabaseMode(db, options.mode);
    if (options.appVersion !== undefined) await recordAppVersion(db, options.appVersion);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

/** The version a newer app recorded in its file, read without writing; null when it cannot be read. */
async function lastAppVersion(path: string): Promise<string | null> {
  try {
    const reader = await openDatabase(path, { readOnly: true, integrityCheck: 'skip' });
    try {
      return (await readDatabaseMeta(reader)).appVersion;
    } finally {
      await reader.close();
    }
  } catch {
    return null;
  }
}

/**
 * The protector as the app uses it. Whatever its kind (a key file, the OS key store) throws when
 * it cannot unwrap or wrap the data key becomes a DataKeyError, so the clerk learns that the key
 * does not open the data instead of an internal error, and IT gets the cause in the error log.
 */
export function withKeyErrors(protector: KeyProtector): KeyProtector {
  return {
    protect(key) {
      try {
        return protector.protect(key);
      } catch (e) {
        throw new DataKeyError('unavailable', { cause: e });
      }
    },
    unprotect(blob) {
      try {
        return protector.unprotect(blob);
      } catch (e) {
        throw new DataKeyError('wrong-key', { cause: e });
      }
    },
  };
}
