// Backup: a consistent online copy with sqlite's backup API, verified before it is handed over.
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { openDatabase } from './connection';
import type { Db } from './connection';
import { DbCorruptError, DbError } from './errors';

export interface BackupResult {
  readonly path: string;
  readonly bytes: number;
  readonly pages: number;
}

/**
 * Copies the live database to `destPath` while the counter keeps working, then opens the copy
 * read-only and requires `PRAGMA integrity_check` = ok. The copy is written beside the target and
 * renamed only once verified, so `destPath` never holds a half-written backup. An existing
 * `destPath` is refused rather than overwritten. The file is its owner's only (0600) from the
 * first byte: sqlite would create it readable by everyone the umask allows.
 */
export async function backupDatabase(db: Db, destPath: string): Promise<BackupResult> {
  if (existsSync(destPath)) throw new DbError('backup-exists', `backup target exists: ${destPath}`);
  const partial = `${destPath}.partial`;
  rmSync(partial, { force: true });
  try {
    // sqlite's backup writes into an existing empty file as into a new database, keeping its mode.
    closeSync(openSync(partial, 'wx', 0o600));
    const { pages } = await db.backupTo(partial);
    const copy = await openDatabase(partial, { readOnly: true, integrityCheck: 'full' });
    try {
      const rows = await copy.all<{ integrity_check: string }>('PRAGMA integrity_check');
      if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') {
        throw new DbCorruptError(
          partial,
          rows.map((r) => r.integrity_check),
        );
      }
    } finally {
      await copy.close();
    }
    renameSync(partial, destPath);
    return { path: destPath, bytes: statSync(destPath).size, pages };
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}
