// Opening the issuance database as the app uses it: checked, migrated, in the right mode.
import { openDatabase } from './connection';
import type { Db, OpenOptions } from './connection';
import { migrate } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { ensureDatabaseMode } from './repositories/meta';
import type { DatabaseMode } from './repositories/meta';

export interface OpenIssuanceOptions extends Omit<OpenOptions, 'maxSchemaVersion' | 'readOnly'> {
  /** Practice and production each have their own file; the wrong one is refused. */
  readonly mode: DatabaseMode;
}

/** Opens (or creates) the issuance database, refuses a newer one, migrates, checks the mode. */
export async function openIssuanceDatabase(
  path: string,
  options: OpenIssuanceOptions,
): Promise<Db> {
  const db = await openDatabase(path, { ...options, maxSchemaVersion: LATEST_SCHEMA_VERSION });
  try {
    await migrate(db);
    await ensureDatabaseMode(db, options.mode);
    return db;
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}
