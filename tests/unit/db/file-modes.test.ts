// Database, journal, backup and key files are their owner's only (0600), whatever the umask allows.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../main/db/backup';
import { openIssuanceDatabase } from '../../../main/db/index';
import { FileKeyProtector } from '../../../main/db/key-protector';
import { makeTempDir } from './support/temp-db';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let dir: string;
let cleanup: () => void;
let umask: number;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir());
  // The usual umask: without care, sqlite would create every file readable by all (0644).
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  cleanup();
});

// Windows has no POSIX mode bits (its files are guarded by ACLs): there is nothing to check there.
describe.skipIf(process.platform === 'win32')('file modes', () => {
  it('a new database and its journal files are 0600', async () => {
    const path = join(dir, 'issuance.sqlite3');
    const db = await openIssuanceDatabase(path, { mode: 'production' });
    try {
      expect(modeOf(path)).toBe(0o600);
      for (const journal of [`${path}-wal`, `${path}-shm`]) {
        expect(existsSync(journal)).toBe(true);
        expect(modeOf(journal)).toBe(0o600);
      }
      const backup = await backupDatabase(db, join(dir, 'backup.sqlite3'));
      expect(modeOf(backup.path)).toBe(0o600);
    } finally {
      await db.close();
    }
  });

  it('a new key file is 0600', () => {
    const path = join(dir, 'data.key');
    new FileKeyProtector(path);
    expect(modeOf(path)).toBe(0o600);
  });
});
