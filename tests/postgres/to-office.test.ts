// db:to-office: a counter's file into the empty office database, counted, its audit chain still
// verifying there with the same key, and never twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardAuditLog } from '../../main/audit/audit-guard';
import type { Db } from '../../main/db/connection';
import { openOfficeDatabase } from '../../main/db/office';
import { openPgDatabase } from '../../main/db/pg-connection';
import { copyCounterToOffice, OfficeCopyError } from '../../main/db/to-office';
import { openKeyedTestDb, writeRows, type KeyedTestDb } from '../unit/audit/support/keyed-db';
import { addResident } from '../unit/db/support/temp-db';
import { connectionTo, createTestDatabase, testServer } from '../fixtures/postgres';

describe('a counter’s file into the office database', () => {
  let counter: KeyedTestDb;
  let office: Db;
  let database: string;

  beforeAll(async () => {
    counter = await openKeyedTestDb({ plainRows: 3 });
    for (let i = 1; i <= 5; i++) await addResident(counter, i);
    await writeRows(counter.keyed, 40, counter.clerk);
    database = await createTestDatabase('to-office');
    office = await openOfficeDatabase(connectionTo(testServer(), database), { mode: 'production' });
  });

  afterAll(async () => {
    await office.close();
    await counter.dispose();
  });

  it('copies every row, counted, and the audit chain verifies in the office database', async () => {
    const report = await copyCounterToOffice(counter.db, office, 'counter-1.sqlite3');
    expect(report.rows.residents).toBe(5);
    expect(report.rows.audit_log).toBeGreaterThanOrEqual(43);
    for (const [table, n] of Object.entries(report.rows)) {
      if (table === 'meta') continue;
      expect(await office.get(`SELECT count(*) AS n FROM ${table}`), table).toEqual({ n });
    }
    const { db, guard } = guardAuditLog(office, counter.protector, {
      mode: 'production',
      anchorsDir: null,
      now: () => new Date(),
      openReader: () => openPgDatabase(connectionTo(testServer(), database)),
    });
    const g = await guard;
    const result = await g.verify('full');
    expect(result.problems).toEqual([]);
    expect(result.rows).toBe(report.auditHead!.seq);
    // New rows continue the copied chain and ids, and it still verifies.
    await writeRows(db, 2, counter.clerk);
    expect((await g.verify('full')).ok).toBe(true);
    await g.close();
  });

  it('refuses to run a second time, and writes nothing', async () => {
    const before = await office.get('SELECT count(*) AS n FROM audit_log');
    await expect(copyCounterToOffice(counter.db, office, 'again.sqlite3')).rejects.toBeInstanceOf(
      OfficeCopyError,
    );
    expect(await office.get('SELECT count(*) AS n FROM audit_log')).toEqual(before);
  });

  it('a new resident in the office database gets an id after the copied ones', async () => {
    const max = await office.get<{ m: number }>('SELECT max(id) AS m FROM residents');
    expect(max?.m).toBe(5);
    const next = await office.get<{ n: number }>(
      `SELECT nextval(pg_get_serial_sequence('residents', 'id')) AS n`,
    );
    expect(next?.n).toBe(6);
  });
});
