// Opening the office's PostgreSQL database as the app uses it: password, TLS pin, checked, migrated.
import { readFileSync, statSync } from 'node:fs';
import type { OfficeDatabaseConfig } from '../config/config';
import type { Db } from './connection';
import { DbError, DbTooNewError } from './errors';
import type { KeyProtector } from './key-protector';
import { migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { openPgDatabase, type PgConnectionOptions } from './pg-connection';
import { ensureDatabaseMode, recordAppVersion } from './repositories/meta';
import type { DatabaseMode } from './repositories/meta';

/** The office database's settings are wrong or its password file is unsafe; nothing was written. */
export class OfficeDatabaseError extends DbError {
  override readonly name = 'OfficeDatabaseError';
  constructor(
    readonly reason: 'password-file-exposed' | 'password-file-unreadable' | 'not-c-collation',
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'password-file-exposed' ? 'data-key-exposed' : 'db-unavailable',
      reason === 'password-file-exposed'
        ? `the database password file may be read by other users (chmod 600): ${path}`
        : reason === 'not-c-collation'
          ? `the office database must be created with LOCALE 'C': ${path}`
          : `the database password file cannot be read: ${path}`,
      options,
    );
  }
}

/**
 * A password file as IT leaves it: owned by the account the app runs as, readable by nobody else.
 * A wider mode is refused, as the key file is: the password is only as safe as the file.
 */
export function readPasswordFile(path: string): string {
  let mode: number;
  let uid: number;
  try {
    ({ mode, uid } = statSync(path));
  } catch (e) {
    throw new OfficeDatabaseError('password-file-unreadable', path, { cause: e });
  }
  const self = process.getuid?.();
  if ((mode & 0o077) !== 0 || (self !== undefined && uid !== self)) {
    throw new OfficeDatabaseError('password-file-exposed', path);
  }
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/** The password, read when a connection is made: from its file, or unsealed by this machine's protector. */
export function passwordSource(
  config: OfficeDatabaseConfig,
  protector: KeyProtector | undefined,
): () => string {
  if (config.passwordFile !== undefined) {
    const file = config.passwordFile;
    return () => readPasswordFile(file);
  }
  const sealed = config.sealedPasswordFile!;
  return () => {
    if (!protector) throw new Error('a sealed password file needs the key protector');
    return protector.unprotect(readFileSync(sealed)).toString('utf8');
  };
}

/** The connection options of a configuration (the CA read now: a missing file is told at start). */
export function pgOptionsOf(
  config: OfficeDatabaseConfig,
  protector: KeyProtector | undefined,
  counterNumber?: number,
): PgConnectionOptions {
  return {
    host: config.host,
    port: config.port,
    database: config.database,
    user: config.user,
    password: passwordSource(config, protector),
    tls: {
      ca: readFileSync(config.tls.caFile, 'utf8'),
      serverCertSha256: config.tls.serverCertSha256,
    },
    // ASCII: PostgreSQL shows other characters of application_name as '?'.
    applicationName:
      counterNumber === undefined ? 'madoguchi' : `madoguchi counter ${counterNumber}`,
  };
}

export interface OpenOfficeOptions {
  readonly mode: DatabaseMode;
  readonly appVersion?: string;
}

/**
 * Opens the office database, refuses one a newer app migrated, migrates (once for the office: the
 * migrations hold the office write lock), checks the mode. Text must compare byte-wise, as sqlite
 * compares it (search ranges, serials, times): a database made with another locale is refused.
 */
export async function openOfficeDatabase(
  options: PgConnectionOptions,
  open: OpenOfficeOptions,
): Promise<Db> {
  const db = await openPgDatabase(options);
  try {
    const collation = await db.get<{ c: string }>(
      'SELECT datcollate AS c FROM pg_database WHERE datname = current_database()',
    );
    if (!['C', 'POSIX', 'C.UTF-8', 'C.utf8'].includes(collation?.c ?? '')) {
      throw new OfficeDatabaseError('not-c-collation', db.path);
    }
    const found = await schemaVersion(db);
    if (found > LATEST_SCHEMA_VERSION) throw new DbTooNewError(found, LATEST_SCHEMA_VERSION);
    await migrate(db);
    await ensureDatabaseMode(db, open.mode);
    if (open.appVersion !== undefined) await recordAppVersion(db, open.appVersion);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
