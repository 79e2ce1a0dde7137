// Database-wide facts: which mode (practice or production) a file belongs to.
import type { Db } from '../connection';
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
