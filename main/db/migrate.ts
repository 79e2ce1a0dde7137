// Applies the numbered migrations, one transaction each: sqlite tracks them in PRAGMA
// user_version, PostgreSQL in the one-row schema_version table.
import type { Db, Queryable, Tx } from './connection';
import { DbTooNewError } from './errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations';

export async function schemaVersion(db: Pick<Queryable, 'get' | 'dialect'>): Promise<number> {
  if (db.dialect === 'postgres') {
    // pg_class read as a table (this statement's snapshot): to_regclass may answer from a cache
    // that has not yet heard of a table another counter's migration has just committed.
    const table = await db.get<{ n: number }>(
      `SELECT count(*) AS n FROM pg_class
        WHERE relname = 'schema_version' AND relnamespace = current_schema()::regnamespace`,
    );
    if (!table?.n) return 0;
    const row = await db.get<{ version: number }>(
      'SELECT version FROM schema_version WHERE id = 1',
    );
    return row?.version ?? 0;
  }
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  return row?.user_version ?? 0;
}

export interface MigrateResult {
  readonly from: number;
  readonly to: number;
}

/**
 * Brings the database up to `target` (default: latest). A database from a newer app is refused
 * before anything is written. Each migration and its version bump share one transaction, so
 * a crash leaves the database at the previous version, never between two. On PostgreSQL every
 * transaction holds the office write lock, so two counters starting at once migrate once.
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
  const pg = db.dialect === 'postgres';
  for (const m of migrations) {
    if (m.version > target) break;
    // Outside the transaction: sqlite ignores this pragma inside one.
    if (m.rebuildsReferencedTable && !pg) await db.exec('PRAGMA foreign_keys = OFF');
    try {
      await db.transaction(async (tx) => {
        // Re-read inside the lock: another process may have applied it meanwhile.
        const current = await schemaVersion(tx);
        if (current >= m.version) return;
        if (current !== m.version - 1)
          throw new Error(`migration ${m.version} found version ${current}`);
        if (pg) {
          await tx.exec(m.postgres);
          await setPgVersion(tx, m.version);
          return;
        }
        await m.up(tx);
        if (m.rebuildsReferencedTable) {
          const broken = await tx.all('PRAGMA foreign_key_check');
          if (broken.length > 0)
            throw new Error(`migration ${m.version} left ${broken.length} broken references`);
        }
        await tx.exec(`PRAGMA user_version = ${m.version}`);
      });
    } finally {
      if (m.rebuildsReferencedTable && !pg) await db.exec('PRAGMA foreign_keys = ON');
    }
  }
  return { from, to: await schemaVersion(db) };
}

async function setPgVersion(tx: Tx, version: number): Promise<void> {
  await tx.exec(`CREATE TABLE IF NOT EXISTS schema_version (
                   id      INTEGER PRIMARY KEY CHECK (id = 1),
                   version INTEGER NOT NULL CHECK (version >= 1))`);
  await tx.run(
    `INSERT INTO schema_version (id, version) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version`,
    [version],
  );
}

export { LATEST_SCHEMA_VERSION };
