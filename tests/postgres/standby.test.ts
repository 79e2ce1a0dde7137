// A synchronous standby promoted during a run: while it is a standby a counter's write is refused
// as db-unavailable (nothing recorded); once promoted, the same handle writes, and what the
// primary committed before is there; a counter in the middle of a 交付 finishes it there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
import { adminClient, connectionTo, testOfficeKey } from '../fixtures/postgres';
import { advance, NOTICE, openIssuance } from '../integration/support/issuance-script';
import { routerCall, startCore } from '../integration/support/router-calls';

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

  // Three server starts, a pg_basebackup and a 交付: more than the project's minute on a busy machine.
  it(
    'a 交付 whose primary is lost mid-way finishes on the promoted standby at the same address',
    { timeout: 240_000 },
    async () => {
      const primary = await startPostgres({ settings: { fsync: 'off' } });
      const folder = postgresOwnedDir('madoguchi-standby-');
      const servers: PgServer[] = [primary];
      const core = await startCore(mkdtempSync(join(tmpdir(), 'madoguchi-standby-core-')), {
        officeConnection: () => Promise.resolve(to(primary)),
        officeKey: testOfficeKey,
        counterNumber: 1,
      });
      try {
        standbyDataDir(primary, join(folder, 'data'));
        const standby = await startPostgres({
          existingDataDir: join(folder, 'data'),
          superuserPassword: primary.superuserPassword,
          settings: { fsync: 'off' },
        });
        servers.push(standby);
        const admin = adminClient({
          host: primary.host,
          port: primary.port,
          password: primary.superuserPassword,
        });
        await admin.connect();
        await admin.query(`ALTER SYSTEM SET synchronous_standby_names = '*'`);
        await admin.query('SELECT pg_reload_conf()');
        await admin.end();

        const call = routerCall(core);
        let dto = await openIssuance(call);
        await call('clerk', 'sim:insert-application-card', { noticeNumber: NOTICE });
        const reader = core.cards.readers().readers[0]!.name;
        while (dto.step !== 'face') dto = await advance(call, reader, dto);
        const before = await core
          .db()!
          .get<{ n: number }>(
            'SELECT count(*) AS n FROM procedure_journal WHERE procedure_id = ?',
            [dto.procedureId],
          );
        // The primary is lost: the step is refused, nothing recorded.
        await primary.stop();
        servers.shift();
        await expect(advance(call, reader, dto)).rejects.toThrow(/db-unavailable/);
        // IT moves the address to the standby (here: its port) and promotes it.
        await standby.stop({ keepData: true });
        servers.pop();
        const promoted = await startPostgres({
          existingDataDir: join(folder, 'data'),
          port: primary.port,
          superuserPassword: primary.superuserPassword,
          settings: { fsync: 'off' },
        });
        servers.push(promoted);
        const promote = adminClient({
          host: promoted.host,
          port: promoted.port,
          password: promoted.superuserPassword,
        });
        await promote.connect();
        await promote.query('SELECT pg_promote(true)');
        await promote.end();
        // The clerk goes on from the same screen; the steps done on the primary are all there.
        while (dto.step !== 'completed') dto = await advance(call, reader, dto);
        const after = await core.db()!.get<{ n: number; status: string }>(
          `SELECT count(*) AS n, min(p.status) AS status FROM procedure_journal j
           JOIN procedures p ON p.id = j.procedure_id WHERE j.procedure_id = ?`,
          [dto.procedureId],
        );
        expect(before!.n).toBeGreaterThan(0);
        expect(after!.n).toBeGreaterThan(before!.n);
        expect(after!.status).toBe('completed');
      } finally {
        await core.close();
        for (const s of servers) await s.stop();
        rmSync(folder, { recursive: true, force: true });
      }
    },
  );
});
