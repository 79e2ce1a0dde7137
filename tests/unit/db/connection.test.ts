// The connection: pragmas, one write queue, rollback, and refusing damaged, locked or full files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../main/audit/audit-log';
import { isConstraintError, openDatabase, quickCheck } from '../../../main/db/connection';
import type { Db } from '../../../main/db/connection';
import type { DbError } from '../../../main/db/errors';
import {
  DbClosedError,
  DbCorruptError,
  DbFullError,
  DbLockedError,
  DbNotFoundError,
  DbReferenceError,
  NestedTransactionError,
  TransactionEndedError,
} from '../../../main/db/errors';
import { createApplication } from '../../../main/db/repositories/applications';
import { receiveCard } from '../../../main/db/repositories/cards';
import { createResident } from '../../../main/db/repositories/residents';
import { makeTempDir, openTestDb, residentInput } from './support/temp-db';
import type { TestDb } from './support/temp-db';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function scratch(): Promise<{ dir: string; path: string; db: Db }> {
  const { dir, cleanup } = makeTempDir();
  const path = join(dir, 'scratch.sqlite');
  const db = await openDatabase(path);
  cleanups.push(cleanup, () => db.close());
  await db.transaction((tx) => tx.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL)'));
  return { dir, path, db };
}

async function testDb(): Promise<TestDb> {
  const t = await openTestDb();
  cleanups.push(() => t.dispose());
  return t;
}

/**
 * Lets every other queued callback run (sqlite's answers, other transactions' next steps) before
 * going on: a turn of the event loop, the pause in which a broken write queue would interleave.
 */
const yieldTurn = () => new Promise<void>((r) => setImmediate(r));

/** A transaction that has written its row and waits, open, until `release()`. */
function holdOpen(db: Db, key: string) {
  let release!: () => void;
  let written!: () => void;
  const inserted = new Promise<void>((r) => (written = r));
  const done = db.transaction(async (tx) => {
    await tx.run(`INSERT INTO t VALUES (?, 1)`, [key]);
    written();
    await new Promise<void>((r) => (release = r));
  });
  return { inserted, done, release: () => release() };
}

/** Enough rows and an index that the file has several b-tree pages. */
async function fillWithIndex(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec('CREATE INDEX t_n ON t (n)');
    for (let i = 0; i < 400; i++) await tx.run('INSERT INTO t VALUES (?, ?)', [`key-${i}`, i]);
  });
}

/** Scribbles over the middle of the last page (index or table b-tree), keeping the header intact. */
function damageLastPage(path: string): Buffer {
  const bytes = readFileSync(path);
  const pageSize = bytes.readUInt16BE(16);
  const start = bytes.length - pageSize + 8;
  for (let i = start; i < start + 200; i++) bytes[i] = 0x5a;
  writeFileSync(path, bytes);
  return bytes;
}

describe('connection: opening', () => {
  it('sets WAL, foreign keys, synchronous FULL and a busy timeout', async () => {
    const { db } = await scratch();
    await db.transaction(async (tx) => {
      expect(await tx.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await tx.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
      expect(await tx.get('PRAGMA synchronous')).toEqual({ synchronous: 2 });
      expect(await tx.get('PRAGMA busy_timeout')).toEqual({ timeout: 5000 });
    });
    expect(await db.get('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
  });

  it('does not create a file when asked to open an existing one only', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    await expect(openDatabase(join(dir, 'none.sqlite'), { create: false })).rejects.toBeInstanceOf(
      DbNotFoundError,
    );
  });

  it('refuses a file that is not a database and leaves its bytes as they were', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'notes.sqlite');
    const bytes = Buffer.from('これはデータベースではありません。'.repeat(400), 'utf8');
    writeFileSync(path, bytes);
    await expect(openDatabase(path)).rejects.toBeInstanceOf(DbCorruptError);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses a database whose pages are damaged (integrity_check) and does not overwrite it', async () => {
    const { path, db } = await scratch();
    await fillWithIndex(db);
    await db.close();
    const bytes = damageLastPage(path);
    const err = await openDatabase(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbCorruptError);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('quickCheck after opening: nothing on a sound file, the problems on a damaged one', async () => {
    const { path, db } = await scratch();
    await fillWithIndex(db);
    expect(await quickCheck(db)).toEqual([]);
    await db.close();
    damageLastPage(path);
    const damaged = await openDatabase(path, { integrityCheck: 'skip' });
    cleanups.push(() => damaged.close());
    const problems = await quickCheck(damaged);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems).not.toContain('ok');
  });

  it('reports a database held exclusively by another connection as locked', async () => {
    const { path, db } = await scratch();
    await db.exec('PRAGMA locking_mode = EXCLUSIVE');
    await db.transaction((tx) => tx.run(`INSERT INTO t VALUES ('a', 1)`));
    await expect(openDatabase(path, { busyTimeoutMs: 100 })).rejects.toBeInstanceOf(DbLockedError);
  });

  it('reports a write blocked by another process past the busy timeout as locked', async () => {
    const { path, db } = await scratch();
    const other = await openDatabase(path, { busyTimeoutMs: 100 });
    cleanups.push(() => other.close());
    const held = holdOpen(db, 'held');
    await held.inserted;
    await expect(
      other.transaction((tx) => tx.run(`INSERT INTO t VALUES ('other', 2)`)),
    ).rejects.toBeInstanceOf(DbLockedError);
    held.release();
    await held.done;
    expect(await other.get(`SELECT k FROM t WHERE k = 'other'`)).toBeUndefined();
  });
});

describe('connection: one write queue', () => {
  it('never interleaves transactions across awaits', async () => {
    const { db } = await scratch();
    await db.transaction((tx) => tx.run(`INSERT INTO t VALUES ('counter', 0)`));
    const order: string[] = [];
    // Read-modify-write with a pause in the middle: interleaving would lose increments.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction(async (tx) => {
          order.push(`begin ${i}`);
          const row = await tx.get<{ n: number }>(`SELECT n FROM t WHERE k = 'counter'`);
          await yieldTurn();
          await tx.run(`UPDATE t SET n = ? WHERE k = 'counter'`, [(row?.n ?? 0) + 1]);
          order.push(`end ${i}`);
        }),
      ),
    );
    expect(await db.get(`SELECT n FROM t WHERE k = 'counter'`)).toEqual({ n: 10 });
    expect(order).toEqual(Array.from({ length: 10 }, (_, i) => [`begin ${i}`, `end ${i}`]).flat());
  });

  it('lets reads run beside an open transaction and shows them committed data only', async () => {
    const { db } = await scratch();
    const open = holdOpen(db, 'pending');
    await open.inserted;
    expect(await db.get(`SELECT k FROM t WHERE k = 'pending'`)).toBeUndefined();
    open.release();
    await open.done;
    expect(await db.get(`SELECT k FROM t WHERE k = 'pending'`)).toEqual({ k: 'pending' });
  });

  it('refuses a transaction started inside another instead of waiting on itself forever', async () => {
    const { db } = await scratch();
    await expect(
      db.transaction(async () => db.transaction((tx) => tx.run(`INSERT INTO t VALUES ('x', 1)`))),
    ).rejects.toBeInstanceOf(NestedTransactionError);
    expect(await db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 0 });
  });

  it('rolls back everything when the work throws, and the handle is dead afterwards', async () => {
    const { db } = await scratch();
    let leaked: { run: (sql: string) => Promise<unknown> } | undefined;
    await expect(
      db.transaction(async (tx) => {
        leaked = tx;
        await tx.run(`INSERT INTO t VALUES ('a', 1)`);
        await tx.run(`INSERT INTO t VALUES ('b', 2)`);
        throw new Error('step failed');
      }),
    ).rejects.toThrow('step failed');
    expect(await db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 0 });
    await expect(leaked?.run(`INSERT INTO t VALUES ('c', 3)`)).rejects.toBeInstanceOf(
      TransactionEndedError,
    );
  });

  it('close waits for queued transactions, then refuses new ones', async () => {
    const { db } = await scratch();
    const writes = Array.from({ length: 5 }, (_, i) =>
      db.transaction(async (tx) => {
        await yieldTurn();
        await tx.run('INSERT INTO t VALUES (?, ?)', [`k${i}`, i]);
      }),
    );
    await db.close();
    await Promise.all(writes);
    await expect(db.transaction(async () => undefined)).rejects.toBeInstanceOf(DbClosedError);
    const again = await openDatabase(db.path);
    cleanups.push(() => again.close());
    expect(await again.get('SELECT count(*) AS n FROM t')).toEqual({ n: 5 });
  });
});

describe('connection: disk full', () => {
  it('a write that hits SQLITE_FULL fails as DbFullError and records nothing of its transaction', async () => {
    const t = await testDb();
    const before = await t.db.transaction(async (tx) => {
      const r = await createResident(tx, t.cipher, residentInput(1));
      await appendAudit(tx, { operatorId: null, action: 'resident.created', residentId: r });
      return r;
    });
    const pages = (await t.db.get<{ page_count: number }>('PRAGMA page_count'))?.page_count ?? 0;
    // The page limit stands in for a full disk: sqlite answers SQLITE_FULL either way.
    await t.db.exec(`PRAGMA max_page_count = ${pages + 2}`);
    const err = await t.db
      .transaction(async (tx) => {
        for (let i = 2; i < 200; i++) {
          const r = await createResident(
            tx,
            t.cipher,
            residentInput(i, { address: `架空市${'長い住所'.repeat(60)}${i}` }),
          );
          const a = await createApplication(tx, { noticeNumber: `N${i}`, residentId: r });
          await receiveCard(tx, {
            serial: String(400000000000000 + i),
            applicationId: a,
            expiry: '2035-02-17',
          });
          await appendAudit(tx, { operatorId: null, action: 'card.received', residentId: r });
        }
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbFullError);
    expect(await t.db.get('SELECT count(*) AS n FROM residents')).toEqual({ n: 1 });
    expect(await t.db.get('SELECT count(*) AS n FROM card_applications')).toEqual({ n: 0 });
    expect(await t.db.get('SELECT count(*) AS n FROM cards')).toEqual({ n: 0 });
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, rows: 1 });
    // Space again: the next procedure goes through on the same connection.
    await t.db.exec('PRAGMA max_page_count = 1073741823');
    await t.db.transaction((tx) => createResident(tx, t.cipher, residentInput(500)));
    expect(await t.db.get('SELECT count(*) AS n FROM residents')).toEqual({ n: 2 });
    expect(before).toBe(1);
  });
});

describe('connection: a file found damaged after opening', () => {
  it('holds writes until the verdict; a damaged verdict refuses them and every later one, the file untouched', async () => {
    const { path, db } = await scratch();
    await db.transaction((tx) => tx.run(`INSERT INTO t VALUES ('before', 1)`));
    let verdict!: (v: DbError | null) => void;
    db.holdWrites(new Promise<DbError | null>((r) => (verdict = r)));
    let ran = false;
    const held = db
      .transaction(async (tx) => {
        ran = true;
        await tx.run(`INSERT INTO t VALUES ('held', 1)`);
      })
      .catch((e: unknown) => e);
    // Reads go on while the write waits.
    expect(await db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 1 });
    await yieldTurn();
    expect(ran).toBe(false);
    const bytes = readFileSync(path);
    verdict(new DbCorruptError(path, ['page 3: damaged']));
    expect(await held).toBeInstanceOf(DbCorruptError);
    expect(ran).toBe(false);
    await expect(db.exec(`INSERT INTO t VALUES ('later', 1)`)).rejects.toBeInstanceOf(
      DbCorruptError,
    );
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(await db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 1 });
  });
});

describe('connection: a missing reference', () => {
  it('a FOREIGN KEY failure is a DbReferenceError; the transaction is rolled back whole', async () => {
    const { db } = await scratch();
    await db.transaction(async (tx) => {
      await tx.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
      await tx.exec('CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id))');
    });
    const err = await db
      .transaction(async (tx) => {
        await tx.run(`INSERT INTO t VALUES ('kept?', 1)`);
        await tx.run('INSERT INTO child VALUES (42)');
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbReferenceError);
    expect(isConstraintError(err, 'FOREIGN KEY')).toBe(true);
    expect(isConstraintError(err, 'UNIQUE')).toBe(false);
    expect(await db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 0 });
  });
});
