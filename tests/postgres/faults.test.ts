// The office database going away under a counter: the step fails whole with db-unavailable, and
// the same handle works again once the server answers (a dropped connection, a restart); a
// procedure waits at its step and goes on from there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProcedureDto, ResidentMatchDto } from '../../preload/contract/procedure';
import { call, raw, startCore } from '../integration/support/router-calls';
import { DbUnavailableError } from '../../main/db/errors';
import { migrate } from '../../main/db/migrate';
import { openPgDatabase } from '../../main/db/pg-connection';
import { startPostgres } from '../../scripts/postgres-server';
import { adminClient, connectionTo, createTestDatabase, testServer } from '../fixtures/postgres';

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

  it('a procedure with the server stopped by its PID: refused, nothing half-written, goes on after', async () => {
    const first = await startPostgres({ settings: { fsync: 'off' } });
    const server = { host: first.host, port: first.port, password: first.superuserPassword };
    const options = { ...connectionTo(server, 'postgres'), connectTimeoutMs: 2000 };
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-faults-core-'));
    const core = await startCore(dataDir, {
      officeConnection: () => Promise.resolve(options),
      counterNumber: 1,
    });
    let second: Awaited<ReturnType<typeof startPostgres>> | null = null;
    try {
      await call(core, 'auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
      const found = await call<ResidentMatchDto>(core, 'lookup:by-notice', {
        noticeNumber: 'MD-2026-0001',
        birthDate: '1992-07-08',
      });
      const { procedureId } = await call<ProcedureDto>(core, 'procedure:start', {
        kind: 'issuance',
        applicationId: found.applications[0]!.id,
      });
      const rows = () =>
        core.db()!.get<{ n: number }>(
          `SELECT (SELECT count(*) FROM procedure_journal WHERE procedure_id = ?)
                  + (SELECT count(*) FROM audit_log) AS n`,
          [procedureId],
        );
      const before = await rows();
      const documents = {
        procedureId,
        kinds: ['driving-licence'],
        guardianship: false,
        representative: null,
      };

      process.kill(first.pid, 'SIGINT');
      await first.stop({ keepData: true });
      const refused = await raw(core, 'procedure:record-documents', documents);
      expect(refused.ok ? 'accepted' : refused.error.code).toBe('db-unavailable');

      second = await startPostgres({
        existingDataDir: first.dataDir,
        port: first.port,
        superuserPassword: first.superuserPassword,
        settings: { fsync: 'off' },
      });
      expect(await rows()).toEqual(before);
      const dto = await call<ProcedureDto>(core, 'procedure:get', { procedureId });
      expect(dto.step).toBe('documents');
      expect(
        (await call<ProcedureDto>(core, 'procedure:record-documents', documents)).step,
      ).not.toBe('documents');
    } finally {
      await core.close();
      await second?.stop();
      rmSync(dirname(first.dataDir), { recursive: true, force: true });
    }
  });
});
