// Audit rows the database refused: written later, first, with their own time; and a spill file that
// cannot be used to forge, repeat or reorder a row.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../main/audit/audit-log';
import type { SpillRefusedError } from '../../../main/audit/audit-spill';
import {
  createAuditSpill,
  KeptRowsDroppedError,
  SPILL_BYTES,
  writesAfterKeptRows,
  type AuditSpill,
} from '../../../main/audit/audit-spill';
import type { Db } from '../../../main/db/connection';
import { DbFullError } from '../../../main/db/errors';
import { FileKeyProtector } from '../../../main/db/key-protector';
import { lastAuditRow } from '../../../main/db/repositories/audit';
import { addOperator, openTestDb, type TestDb } from '../db/support/temp-db';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const LOGOUT_AT = new Date('2026-11-25T08:30:00.000Z');

interface Setup {
  readonly t: TestDb;
  readonly clerk: number;
  readonly path: string;
  /** The database as the app writes it, full or not as the test says. */
  readonly disk: { full: boolean };
  readonly reports: unknown[];
  /** A spill as a new run of the app makes it: loaded from the file, slot prepared. */
  run(protector?: FileKeyProtector): Promise<{ spill: AuditSpill; db: Db }>;
}

/** The database, refusing every write with SQLITE_FULL's error while `disk.full`. */
function onDisk(db: Db, disk: { full: boolean }): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        const transaction: Db['transaction'] = (fn) =>
          disk.full ? Promise.reject(new DbFullError()) : target.transaction(fn);
        return transaction;
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

async function setup(): Promise<Setup> {
  const t = await openTestDb();
  cleanups.push(() => t.dispose());
  const clerk = await addOperator(t, 'madoguchi', 'clerk');
  const disk = { full: false };
  const reports: unknown[] = [];
  const path = join(t.dir, 'audit-pending.bin');
  return {
    t,
    clerk,
    path,
    disk,
    reports,
    async run(protector = t.protector) {
      const spill = createAuditSpill({ path, protector, report: (e) => reports.push(e) });
      await spill.load(t.db);
      return { spill, db: writesAfterKeptRows(onDisk(t.db, disk), spill) };
    },
  };
}

/** A logout on a full disk, as the session does it: the write fails, the row is kept. */
async function logoutOnFullDisk(s: Setup, spill: AuditSpill, db: Db): Promise<void> {
  s.disk.full = true;
  const entry = { operatorId: s.clerk, action: 'operator.logout' };
  const error = await db
    .transaction((tx) => appendAudit(tx, entry, () => LOGOUT_AT))
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DbFullError);
  await spill.keep(db, entry, LOGOUT_AT, error);
}

async function rows(t: TestDb) {
  return t.db.all<{ action: string; at: string; details: string }>(
    'SELECT action, at, details FROM audit_log ORDER BY seq',
  );
}

const login = (s: Setup) => (db: Db) =>
  db.transaction((tx) => appendAudit(tx, { operatorId: s.clerk, action: 'operator.login' }));

describe('audit rows kept through a full disk', () => {
  it('go into the chain before the next write, with their own time; no write passes them', async () => {
    const s = await setup();
    const { spill, db } = await s.run();
    await logoutOnFullDisk(s, spill, db);
    expect(spill.pending()).toBe(1);
    // Still full: the next write is refused, and the kept row is not lost.
    await expect(login(s)(db)).rejects.toBeInstanceOf(DbFullError);
    expect(spill.pending()).toBe(1);

    s.disk.full = false;
    await login(s)(db);
    expect(spill.pending()).toBe(0);
    expect(await rows(s.t)).toEqual([
      { action: 'operator.logout', at: LOGOUT_AT.toISOString(), details: '{"deferred":"db-full"}' },
      expect.objectContaining({ action: 'operator.login' }),
    ]);
    expect(await verifyAuditChain(s.t.db)).toEqual({ ok: true, rows: 2 });
  });

  it('survive the app closing: the next run writes them, once, from the reserved file', async () => {
    const s = await setup();
    const first = await s.run();
    expect(statSync(s.path).size).toBe(SPILL_BYTES);
    await logoutOnFullDisk(s, first.spill, first.db);
    // Keeping the row wrote into the reserved bytes: the file did not grow.
    expect(statSync(s.path).size).toBe(SPILL_BYTES);

    s.disk.full = false;
    const second = await s.run();
    expect(second.spill.pending()).toBe(1);
    await login(s)(second.db);
    const third = await s.run();
    expect(third.spill.pending()).toBe(0);
    await login(s)(third.db);
    expect((await rows(s.t)).map((r) => r.action)).toEqual([
      'operator.logout',
      'operator.login',
      'operator.login',
    ]);
    expect(s.reports).toEqual([]);
  });

  it('only a logout may wait; anything else is handed to the log at once', async () => {
    const s = await setup();
    const { spill, db } = await s.run();
    await spill.keep(
      db,
      { operatorId: s.clerk, action: 'card.issued' },
      LOGOUT_AT,
      new DbFullError(),
    );
    expect(spill.pending()).toBe(0);
    expect(s.reports).toEqual([expect.any(KeptRowsDroppedError)]);
  });

  it('a row the database refuses for good (no such operator) goes to the log, and writes go on', async () => {
    const s = await setup();
    const { spill, db } = await s.run();
    s.disk.full = true;
    await spill.keep(
      db,
      { operatorId: 4242, action: 'operator.logout' },
      LOGOUT_AT,
      new DbFullError(),
    );
    s.disk.full = false;
    await login(s)(db);
    expect((await rows(s.t)).map((r) => r.action)).toEqual(['operator.login']);
    expect(s.reports).toEqual([expect.any(KeptRowsDroppedError)]);
    expect((s.reports[0] as Error).message).toContain('operator.logout operator=4242');
  });
});

describe('the spill file cannot forge a row', () => {
  /** A spill of one kept logout, left by a run that ended while the disk was full. */
  async function leftSpill(): Promise<Setup> {
    const s = await setup();
    const { spill, db } = await s.run();
    await logoutOnFullDisk(s, spill, db);
    s.disk.full = false;
    return s;
  }

  /** The next run refuses the spill: nothing kept, the file put aside for IT, the reason logged. */
  async function expectRefused(s: Setup, reason: string, protector?: FileKeyProtector) {
    const { spill } = await s.run(protector);
    expect(spill.pending()).toBe(0);
    expect(s.reports).toEqual([expect.objectContaining({ name: 'SpillRefusedError', reason })]);
    const keptAs = (s.reports[0] as SpillRefusedError).keptAs;
    expect(existsSync(keptAs)).toBe(true);
    expect(readdirSync(s.t.dir).filter((f) => f.includes('.refused-'))).toHaveLength(1);
    // A fresh slot for this run, empty.
    expect(readFileSync(s.path).readUInt32BE(0)).toBe(0);
  }

  it('a changed row (another operator) fails its MAC', async () => {
    const s = await leftSpill();
    const bytes = readFileSync(s.path);
    const text = bytes.toString('latin1');
    const at = text.indexOf(`\\"operatorId\\":${s.clerk}`);
    expect(at).toBeGreaterThan(0);
    bytes.write(`\\"operatorId\\":9`, at, 'latin1');
    writeFileSync(s.path, bytes);
    await expectRefused(s, 'mac');
    expect(await rows(s.t)).toEqual([]);
  });

  it('a genuine spill copied back after it was written would repeat its row: refused', async () => {
    const s = await leftSpill();
    const copy = readFileSync(s.path);
    const { db } = await s.run();
    await login(s)(db);
    writeFileSync(s.path, copy);
    await expectRefused(s, 'chain-moved');
    expect((await rows(s.t)).map((r) => r.action)).toEqual(['operator.logout', 'operator.login']);
  });

  it('a spill wrapped by another key store is refused', async () => {
    const s = await leftSpill();
    await expectRefused(s, 'key', new FileKeyProtector(join(s.t.dir, 'other.key')));
  });

  it('even with a valid MAC, a spill may only name a logout', async () => {
    const s = await setup();
    await s.run();
    // What someone holding the key store could write: a row of another kind.
    const key = randomBytes(32);
    const last = await lastAuditRow(s.t.db);
    const body = JSON.stringify({
      head: { seq: last?.seq ?? 0, hash: last?.hash.toString('hex') ?? '' },
      rows: [
        {
          operatorId: s.clerk,
          action: 'card.issued',
          at: LOGOUT_AT.toISOString(),
          reason: 'db-full',
        },
      ],
    });
    const record = Buffer.from(
      JSON.stringify({
        v: 1,
        key: s.t.protector.protect(key).toString('base64'),
        body,
        mac: createHmac('sha256', key).update(body).digest('hex'),
      }),
    );
    const slot = Buffer.alloc(SPILL_BYTES);
    slot.writeUInt32BE(record.length);
    record.copy(slot, 4);
    writeFileSync(s.path, slot);
    await expectRefused(s, 'content');
    expect(await rows(s.t)).toEqual([]);
  });
});
