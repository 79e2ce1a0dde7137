// A synchronous standby promoted during a run: while it is a standby a counter's write is refused
// as db-unavailable (nothing recorded); once promoted, the same handle writes, and what the
// primary committed before is there.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbUnavailableError } from '../../main/db/errors';
import { migrate } from '../../main/db/migrate';
import { openPgDatabase } from '../../main/db/pg-connection';
import {
  postgresOwnedDir,
  standbyDataDir,
  startPostgres,
  type PgServer,
} from '../../scripts/postgres-server';
import { connectionTo } from '../fixtures/postgres';

const to = (s: PgServer) => ({
  ...connectionTo({ host: s.host, port: s.port, password: s.superuserPassword }, 'postgres'),
  connectTimeoutMs: 3000,
});

describe('a standby promoted during a run', () => {
  it('refuses writes as a standby, takes them once promoted, with the primary’s commits', async () => {
    const primary = await startPostgres({ settings: { fsync: 'off' } });
    const folder = postgresOwnedDir('madoguchi-standby-');
    let standby: PgServer | null = null;
    try {
      const db = await openPgDatabase(to(primary));
      await migrate(db);
      standbyDataDir(primary, join(folder, 'data'));
      standby = await startPostgres({
        existingDataDir: join(folder, 'data'),
        superuserPassword: primary.superuserPassword,
        settings: { fsync: 'off' },
      });
      // Synchronous from now on: a commit returns only once the standby has it.
      await db.exec(`ALTER SYSTEM SET synchronous_standby_names = '*'`);
      await db.exec('SELECT pg_reload_conf()');
      await db.transaction((tx) => tx.run(`INSERT INTO meta (key, value) VALUES ('before', '1')`));
      await db.close();

      const counter = await openPgDatabase(to(standby));
      try {
        await expect(
          counter.transaction((tx) => tx.run(`INSERT INTO meta (key, value) VALUES ('x', '1')`)),
        ).rejects.toBeInstanceOf(DbUnavailableError);
        // The primary is lost; IT promotes the standby.
        await primary.stop();
        await counter.get('SELECT pg_promote(true) AS done');
        await counter.transaction((tx) =>
          tx.run(`INSERT INTO meta (key, value) VALUES ('after', '1')`),
        );
        const keys = await counter.all<{ key: string }>(
          `SELECT key FROM meta WHERE key IN ('before', 'x', 'after') ORDER BY key`,
        );
        expect(keys.map((k) => k.key)).toEqual(['after', 'before']);
      } finally {
        await counter.close();
      }
    } finally {
      await standby?.stop();
      await primary.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
