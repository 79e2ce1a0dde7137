// Applies the numbered migrations, one transaction each, tracked by PRAGMA user_version.
import type { Db } from './connection';
import { DbTooNewError } from './errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations';

export async function schemaVersion(db: Pick<Db, 'get'>): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  return row?.user_version ?? 0;
}

export interface MigrateResult {
  readonly from: number;
  readonly to: number;
}

/**
 * Brings the database up to `target` (default: latest). A database from a newer app is refused
 * before anything is written. Each migration and its user_version bump share one transaction, so
 * a crash leaves the database at the previous version, never between two.
 */
export async function migrate(
  db: Db,
  options: { target?: number; migrations?: readonly Migration[] } = {},
): Promise<MigrateResult> {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const target = options.target ?? latest;
  const from = await schemaVersion(db);
  if (from > latest) throw new DbTooNewError(from, latest);
  for (const m of migrations) {
    if (m.version > target) break;
    // Outside the transaction: sqlite ignores this pragma inside one.
    if (m.rebuildsReferencedTable) await db.exec('PRAGMA foreign_keys = OFF');
    try {
      await db.transaction(async (tx) => {
        // Re-read inside the lock: another process may have applied it meanwhile.
        const row = await tx.get<{ user_version: number }>('PRAGMA user_version');
        const current = row?.user_version ?? 0;
        if (current >= m.version) return;
        if (current !== m.version - 1)
          throw new Error(`migration ${m.version} found version ${current}`);
        await m.up(tx);
        if (m.rebuildsReferencedTable) {
          const broken = await tx.all('PRAGMA foreign_key_check');
          if (broken.length > 0)
            throw new Error(`migration ${m.version} left ${broken.length} broken references`);
        }
        await tx.exec(`PRAGMA user_version = ${m.version}`);
      });
    } finally {
      if (m.rebuildsReferencedTable) await db.exec('PRAGMA foreign_keys = ON');
    }
  }
  return { from, to: await schemaVersion(db) };
}

export { LATEST_SCHEMA_VERSION };
