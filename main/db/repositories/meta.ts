// Database-wide facts: which mode (practice or production) a file belongs to, which app version last opened it.
import type { Db, Queryable } from '../connection';
import { DbModeMismatchError } from '../errors';

export type DatabaseMode = 'production' | 'practice';

/** Stamps a new database with its mode; refuses to go on with a database of the other mode. */
export async function ensureDatabaseMode(db: Db, mode: DatabaseMode): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await tx.get<{ value: string }>(`SELECT value FROM meta WHERE key = 'mode'`);
    if (!row) {
      await tx.run(`INSERT INTO meta (key, value) VALUES ('mode', ?)`, [mode]);
      return;
    }
    if (row.value !== mode) throw new DbModeMismatchError(mode, row.value);
  });
}

/**
 * Records the app version that opened the file, when it differs: an older app refusing the file
 * later can then name the version it needs.
 */
export async function recordAppVersion(db: Db, version: string): Promise<void> {
  const row = await db.get<{ value: string }>(`SELECT value FROM meta WHERE key = 'app_version'`);
  if (row?.value === version) return;
  await db.transaction((tx) =>
    tx.run(
      `INSERT INTO meta (key, value) VALUES ('app_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [version],
    ),
  );
}

/** The app version that last opened the file, and its mode; nulls when not recorded. */
export async function readDatabaseMeta(
  q: Queryable,
): Promise<{ appVersion: string | null; mode: string | null }> {
  const rows = await q.all<{ key: string; value: string }>(
    `SELECT key, value FROM meta WHERE key IN ('app_version', 'mode')`,
  );
  const of = (key: string) => rows.find((r) => r.key === key)?.value ?? null;
  return { appVersion: of('app_version'), mode: of('mode') };
}
