// The office database going away under a counter: the step fails whole with db-unavailable, and
// the same handle works again once the server answers (a dropped connection, a restart); a server
// stopped by its PID in the middle of a counter's 交付: the step is refused with nothing written,
// and the 交付 goes on from that step to its end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbUnavailableError } from '../../main/db/errors';
import { migrate } from '../../main/db/migrate';
import { openPgDatabase } from '../../main/db/pg-connection';
import { startPostgres } from '../../scripts/postgres-server';
import {
  adminClient,
  connectionTo,
  createTestDatabase,
  testOfficeKey,
  testServer,
} from '../fixtures/postgres';
import { advance, NOTICE, openIssuance } from '../integration/support/issuance-script';
import { routerCall, startCore } from '../integration/support/router-calls';

const metaCount = (q: { get<T>(sql: string): Promise<T | undefined> }) =>
  q.get<{ n: number }>(`SELECT count(*) AS n FROM meta WHERE key LIKE 'fault-%'`);

describe('the office database going away', () => {
  it('a connection lost inside a step: nothing of the step is kept, the next step works', async () => {
    const database = await createTestDatabase('faults dropped');
    const db = await openPgDatabase(connectionTo(testServer(), database));
    try {
      const step = db.transaction(async (tx) => {
        await tx.run(`INSERT INTO meta (key, value) VALUES ('fault-1', 'half')`);
        const me = await tx.get<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        // What a cut cable does to this counter's connection, from the server's side.
        const admin = adminClient(testServer(), database);
        await admin.connect();
        await admin.query('SELECT pg_terminate_backend($1)', [me!.pid]);
        await admin.end();
        await tx.run(`INSERT INTO meta (key, value) VALUES ('fault-2', 'half')`);
      });
      await expect(step).rejects.toBeInstanceOf(DbUnavailableError);
      expect(await metaCount(db)).toEqual({ n: 0 });
      await db.transaction((tx) => tx.run(`INSERT INTO meta (key, value) VALUES ('fault-3', 'x')`));
      expect(await metaCount(db)).toEqual({ n: 1 });
    } finally {
      await db.close();
    }
  });

  it('a server restart: refused as db-unavailable while down, the same handle works after', async () => {
    const first = await startPostgres({ settings: { fsync: 'off' } });
    const options = {
      ...connectionTo(
        { host: first.host, port: first.port, password: first.superuserPassword },
        'postgres',
      ),
      connectTimeoutMs: 2000,
    };
    const db = await openPgDatabase(options);
    let second: Awaited<ReturnType<typeof startPostgres>> | null = null;
    try {
      await migrate(db);
      await first.stop({ keepData: true });
      await expect(
        db.transaction((tx) => tx.run(`INSERT INTO meta (key, value) VALUES ('fault-4', 'x')`)),
      ).rejects.toBeInstanceOf(DbUnavailableError);
      await expect(metaCount(db)).rejects.toBeInstanceOf(DbUnavailableError);
      second = await startPostgres({
        existingDataDir: first.dataDir,
        port: first.port,
        superuserPassword: first.superuserPassword,
        settings: { fsync: 'off' },
      });
      await db.transaction((tx) => tx.run(`INSERT INTO meta (key, value) VALUES ('fault-5', 'x')`));
      expect(await metaCount(db)).toEqual({ n: 1 });
    } finally {
      await db.close();
      await second?.stop();
      rmSync(dirname(first.dataDir), { recursive: true, force: true });
    }
  });

  it('the server stopped by its PID mid-交付: the step refused, nothing half-written, completes after', async () => {
    const first = await startPostgres({ settings: { fsync: 'off' } });
    const server = { host: first.host, port: first.port, password: first.superuserPassword };
    const connection = { ...connectionTo(server, 'postgres'), connectTimeoutMs: 2000 };
    const core = await startCore(mkdtempSync(join(tmpdir(), 'madoguchi-restart-')), {
      officeConnection: () => Promise.resolve(connection),
      officeKey: testOfficeKey,
      counterNumber: 1,
    });
    let second: Awaited<ReturnType<typeof startPostgres>> | null = null;
    let firstUp = true;
    try {
      const call = routerCall(core);
      let dto = await openIssuance(call);
      await call('clerk', 'sim:insert-application-card', { noticeNumber: NOTICE });
      const reader = core.cards.readers().readers[0]!.name;
      while (dto.step !== 'face') dto = await advance(call, reader, dto);
      const rows = () =>
        core.db()!.get<{ n: number }>(
          `SELECT (SELECT count(*) FROM procedure_journal WHERE procedure_id = ?)
                  + (SELECT count(*) FROM audit_log) AS n`,
          [dto.procedureId],
        );
      const before = await rows();
      process.kill(first.pid, 'SIGINT');
      await first.stop({ keepData: true });
      firstUp = false;
      await expect(advance(call, reader, dto)).rejects.toThrow(/db-unavailable/);
      second = await startPostgres({
        existingDataDir: first.dataDir,
        port: first.port,
        superuserPassword: first.superuserPassword,
        settings: { fsync: 'off' },
      });
      expect(await rows()).toEqual(before);
      // The clerk goes on from the same screen: the face step again, then to the end.
      while (dto.step !== 'completed') dto = await advance(call, reader, dto);
      const db = core.db()!;
      const steps = await db.all<{ journal: number; audit: number; status: string }>(
        `SELECT p.status,
                (SELECT count(*) FROM procedure_journal j WHERE j.procedure_id = p.id) AS journal,
                (SELECT count(*) FROM audit_log a WHERE a.details::json->>'procedure' = p.id
                   AND a.action LIKE 'issuance.%') AS audit
           FROM procedures p WHERE p.id = ?`,
        [dto.procedureId],
      );
      expect(steps).toHaveLength(1);
      expect(steps[0]!.status).toBe('completed');
      // Each journal step has its audit row: nothing half-written by the step the restart refused.
      expect(steps[0]!.audit).toBeGreaterThanOrEqual(steps[0]!.journal);
    } finally {
      await core.close();
      await second?.stop();
      if (firstUp) await first.stop();
      rmSync(dirname(first.dataDir), { recursive: true, force: true });
    }
  });
});
