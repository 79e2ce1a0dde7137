// db:to-office: a counter's file into the empty office database, counted, its keys sealed under
// the office key, its audit chain still verifying there with the same key, and never twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardAuditLog } from '../../main/audit/audit-guard';
import type { Db } from '../../main/db/connection';
import { openOfficeDatabase } from '../../main/db/office';
import { newOfficeKey, officeKeyProtector } from '../../main/db/office-key';
import { collectRecoveryKeys } from '../../main/db/recovery';
import { openPgDatabase } from '../../main/db/pg-connection';
import { copyCounterToOffice, OfficeCopyError } from '../../main/db/to-office';
import { openKeyedTestDb, writeRows, type KeyedTestDb } from '../unit/audit/support/keyed-db';
import { addResident } from '../unit/db/support/temp-db';
import { connectionTo, createTestDatabase, testServer } from '../fixtures/postgres';

describe('a counter’s file into the office database', () => {
  let counter: KeyedTestDb;
  let office: Db;
  let database: string;
  const officeKey = officeKeyProtector(newOfficeKey());
  const keysOf = async (c: KeyedTestDb) => ({
    counterKeys: await collectRecoveryKeys(c.db, c.protector),
    officeKey,
  });

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
    // Another counter's recovery package does not belong to this file: nothing is copied.
    const other = await openKeyedTestDb({ plainRows: 0 });
    try {
      await addResident(other, 1);
      await expect(
        copyCounterToOffice(counter.db, office, 'counter-1.sqlite3', await keysOf(other)),
      ).rejects.toThrow(/not this file/);
    } finally {
      await other.dispose();
    }
    expect(await office.get('SELECT count(*) AS n FROM residents')).toEqual({ n: 0 });
    const report = await copyCounterToOffice(
      counter.db,
      office,
      'counter-1.sqlite3',
      await keysOf(counter),
    );
    expect(report.rows.residents).toBe(5);
    expect(report.rows.audit_log).toBeGreaterThanOrEqual(43);
    for (const [table, n] of Object.entries(report.rows)) {
      if (table === 'meta') continue;
      expect(await office.get(`SELECT count(*) AS n FROM ${table}`), table).toEqual({ n });
    }
    // The keys are the office key's now: the counter's own protector no longer opens them.
    const wrapped = await office.all<{ wrapped: Buffer }>('SELECT wrapped FROM data_keys');
    expect(wrapped).toHaveLength(2);
    for (const { wrapped: w } of wrapped) expect(() => counter.protector.unprotect(w)).toThrow();
    const { db, guard } = guardAuditLog(office, officeKey, {
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
    await expect(
      copyCounterToOffice(counter.db, office, 'again.sqlite3', await keysOf(counter)),
    ).rejects.toBeInstanceOf(OfficeCopyError);
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
