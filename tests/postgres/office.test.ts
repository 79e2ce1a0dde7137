// Many counters on one office database: one audit chain however they interleave, a role that cannot
// change the audit rows, a pinned server certificate, a password file only its owner reads.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardAuditLog, type AuditGuard } from '../../main/audit/audit-guard';
import type { Db } from '../../main/db/connection';
import { FileKeyProtector } from '../../main/db/key-protector';
import { openOfficeDatabase, readPasswordFile } from '../../main/db/office';
import { officeGrantsSql } from '../../main/db/office-roles';
import { certificateMatchesPin, openPgDatabase } from '../../main/db/pg-connection';
import { insertOperator } from '../../main/db/repositories/operators';
import { createResident, kanaKey, searchResidents } from '../../main/db/repositories/residents';
import { MyNumberCipher } from '../../main/db/my-number-crypto';
import { parseIsoDate } from '../../main/card/domain';
import { myNumberFrom } from '../unit/db/support/temp-db';
import { writeRows } from '../unit/audit/support/keyed-db';
import { adminClient, connectionTo, createTestDatabase, testServer } from '../fixtures/postgres';

const dir = mkdtempSync(join(tmpdir(), 'madoguchi-office-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Counter {
  readonly db: Db;
  readonly guard: AuditGuard;
}

/** A counter as the app holds the office database: the audit guard with the office's key. */
async function counter(database: string, protector: FileKeyProtector): Promise<Counter> {
  const raw = await openOfficeDatabase(connectionTo(testServer(), database), {
    mode: 'production',
  });
  const { db, guard } = guardAuditLog(raw, protector, {
    mode: 'production',
    anchorsDir: null,
    now: () => new Date(),
    openReader: () => openPgDatabase(connectionTo(testServer(), database)),
  });
  return { db, guard: await guard };
}

describe('counters sharing the office database', () => {
  let database: string;
  let counters: Counter[];
  let clerk: number;

  beforeAll(async () => {
    database = await createTestDatabase('office counters');
    // The office key IT gives every counter: here one key file for all of them.
    const protector = new FileKeyProtector(join(dir, 'office.key'));
    const first = await counter(database, protector);
    counters = [first, await counter(database, protector), await counter(database, protector)];
    clerk = await first.db.transaction((tx) =>
      insertOperator(tx, {
        loginId: 'clerk',
        displayName: 'clerk',
        role: 'clerk',
        passwordHash: 'x',
      }),
    );
  });

  afterAll(async () => {
    for (const c of counters) {
      await c.guard.close();
      await c.db.close();
    }
  });

  it('appends from three counters at once make one chain that verifies, with no gap', async () => {
    await Promise.all(
      counters.flatMap((c) => Array.from({ length: 10 }, () => writeRows(c.db, 3, clerk))),
    );
    const seqs = await counters[0]!.db.all<{ seq: number }>(
      'SELECT seq FROM audit_log ORDER BY seq',
    );
    expect(seqs.map((r) => r.seq)).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs.length).toBeGreaterThanOrEqual(90);
    for (const c of counters) {
      const result = await c.guard.verify('full');
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it("the counters' role may add audit rows but not change, delete or empty them", async () => {
    const admin = adminClient(testServer(), database);
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE madoguchi_app LOGIN PASSWORD 'app-secret-1'`);
      await admin.query(officeGrantsSql('madoguchi_app'));
    } finally {
      await admin.end();
    }
    const app = await openPgDatabase(
      connectionTo(testServer(), database, 'madoguchi_app', 'app-secret-1'),
    );
    try {
      const before = await app.get<{ n: number }>('SELECT count(*) AS n FROM audit_log');
      await expect(
        app.transaction((tx) => tx.run(`UPDATE audit_log SET action = 'x'`)),
      ).rejects.toThrow(/permission denied/);
      await expect(app.transaction((tx) => tx.run('DELETE FROM audit_log'))).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.exec('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
      await expect(app.exec('ALTER TABLE audit_log DISABLE TRIGGER USER')).rejects.toThrow(
        /must be owner/,
      );
      await expect(app.exec('DROP TABLE audit_seals')).rejects.toThrow(/must be owner/);
      expect(await app.get('SELECT count(*) AS n FROM audit_log')).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('the owner itself is stopped by the append-only triggers', async () => {
    const db = counters[0]!.db;
    await expect(
      db.transaction((tx) => tx.run(`UPDATE audit_log SET action = 'x'`)),
    ).rejects.toThrow(/audit_log is append-only/);
    await expect(db.transaction((tx) => tx.run('DELETE FROM audit_chain'))).rejects.toThrow(
      /audit_chain is append-only/,
    );
    await expect(db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });
});

describe('reaching the office database', () => {
  it('a password file is read only when its owner alone may read it', () => {
    const file = join(dir, 'db.password');
    writeFileSync(file, 'secret-1\n', { mode: 0o600 });
    expect(readPasswordFile(file)).toBe('secret-1');
    chmodSync(file, 0o640);
    expect(() => readPasswordFile(file)).toThrow(/other users/);
  });

  it('the server certificate is compared with its pin, colons and case aside', () => {
    const raw = Buffer.from('certificate bytes');
    const pin = '0f:' + 'a'.repeat(62);
    expect(certificateMatchesPin(raw, pin)).toBe(false);
    const real = createHash('sha256').update(raw).digest('hex');
    expect(certificateMatchesPin(raw, real.toUpperCase().replace(/(..)(?!$)/g, '$1:'))).toBe(true);
  });

  it('a wrong password is refused at open, before anything is written', async () => {
    const database = await createTestDatabase('office wrong password');
    await expect(
      openOfficeDatabase(connectionTo(testServer(), database, 'postgres', 'wrong'), {
        mode: 'production',
      }),
    ).rejects.toThrow(/password authentication failed/);
  });
});

describe('resident searches on the office database', () => {
  it('each kind pages by reading then id, with the total, as on sqlite', async () => {
    const db = await openOfficeDatabase(
      connectionTo(testServer(), await createTestDatabase('office searches')),
      { mode: 'production' },
    );
    try {
      const cipher = new MyNumberCipher(randomBytes(32));
      // Three surnames, readings out of id order, two birth dates.
      const people = Array.from({ length: 24 }, (_, i) => ({
        kanaName: `${['サトウ', 'アベ', 'タナカ'][i % 3]} ${String.fromCharCode(0x30a2 + ((i * 7) % 20))}`,
        kanjiName: `${['佐藤', '阿部', '田中'][i % 3]} 名${i}`,
        birthDate: parseIsoDate(i % 2 ? '1980-01-02' : '1990-03-04'),
        address: '見本県窓口市',
        sex: 'unknown' as const,
        myNumber: myNumberFrom(String(10_000_000_000 + i)),
      }));
      const ids = await db.transaction(async (tx) => {
        const out: number[] = [];
        for (const p of people) out.push(await createResident(tx, cipher, p));
        return out;
      });
      const expected = (keep: (i: number) => boolean) =>
        ids
          .map((id, i) => ({ id, key: kanaKey(people[i]!.kanaName), i }))
          .filter((r) => keep(r.i))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id))
          .map((r) => r.id);
      const cases = [
        [{ kanjiName: '佐藤' }, (i: number) => i % 3 === 0],
        [{ kanaPrefix: 'タナカ' }, (i: number) => i % 3 === 2],
        [{ birthDate: parseIsoDate('1980-01-02') }, (i: number) => i % 2 === 1],
        [{ kanjiName: '阿部', birthDate: parseIsoDate('1990-03-04') }, (i: number) => i % 6 === 4],
      ] as const;
      for (const [criteria, keep] of cases) {
        const want = expected(keep);
        const page2 = await searchResidents(db, criteria, 2, 3);
        expect(page2.total, JSON.stringify(criteria)).toBe(want.length);
        expect(page2.items.map((r) => r.id)).toEqual(want.slice(3, 6));
      }
    } finally {
      await db.close();
    }
  });
});
