// Migrations: from empty, from every earlier version, one transaction each, newer files refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIssuanceDatabase } from '../../../main/db';
import { openDatabase } from '../../../main/db/connection';
import type { Db } from '../../../main/db/connection';
import { DbCorruptError, DbModeMismatchError, DbTooNewError } from '../../../main/db/errors';
import { migrate, schemaVersion } from '../../../main/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../main/db/migrations';
import type { Migration } from '../../../main/db/migrations';
import { DUPLICATE_CLOSED_REASON } from '../../../main/db/migrations/0010-open-procedures';
import { SEEDED, seedAt } from '../../fixtures/migration-seed';
import { expectedTwins, seedOpenTwins, twinsAfter } from '../../fixtures/open-twins';
import { makeTempDir } from './support/temp-db';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function fresh(name: string): Promise<Db> {
  const { dir, cleanup } = makeTempDir();
  const db = await openDatabase(join(dir, `${name}.sqlite`));
  cleanups.push(cleanup, () => db.close());
  return db;
}

/** Every table, index and trigger as sqlite stores it: two schemas are equal when these are. */
async function schemaOf(db: Db): Promise<string[]> {
  const rows = await db.all<{ type: string; name: string; sql: string | null }>(
    `SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
  );
  return rows.map((r) => `${r.type} ${r.name}: ${r.sql ?? ''}`);
}

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps, one file each', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('build the whole schema from an empty file', async () => {
    const db = await fresh('empty');
    expect(await schemaVersion(db)).toBe(0);
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    const tables = (await schemaOf(db))
      .filter((s) => s.startsWith('table '))
      .map((s) => s.split(':')[0]);
    expect(tables).toEqual(
      [
        'approval_tries',
        'approvals',
        'audit_chain',
        'audit_checks',
        'audit_log',
        'audit_seals',
        'authority_certificates',
        'authority_crl_numbers',
        'card_applications',
        'cards',
        'certificates',
        'data_keys',
        'fees',
        'meta',
        'operators',
        'practice_trainees',
        'procedure_journal',
        'procedures',
        'reissues',
        'residents',
        'revocations',
        'scenario_assignments',
        'scenario_runs',
        'suspensions',
        'uncollected_destructions',
      ].map((t) => `table ${t}`),
    );
    // A second run has nothing to do.
    expect(await migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });

  for (let from = 0; from < LATEST_SCHEMA_VERSION; from++) {
    it(`upgrade a version-${from} database to the latest schema, keeping its rows`, async () => {
      const reference = await fresh('reference');
      await migrate(reference);
      const db = await fresh(`v${from}`);
      await migrate(db, { target: from });
      expect(await schemaVersion(db)).toBe(from);
      await seedAt(db, from);
      expect(await migrate(db)).toEqual({ from, to: LATEST_SCHEMA_VERSION });
      expect(await schemaOf(db)).toEqual(await schemaOf(reference));
      if (from >= 1) {
        expect(await db.get('SELECT kanji_name FROM residents')).toEqual({
          kanji_name: SEEDED.kanjiName,
        });
      }
      if (from >= 2) {
        expect(await db.get('SELECT id FROM procedures')).toEqual({ id: SEEDED.procedureId });
        // The journal still points at its procedure, and every key still resolves.
        expect(await db.get('SELECT procedure_id FROM procedure_journal')).toEqual({
          procedure_id: SEEDED.procedureId,
        });
        expect(await db.all('PRAGMA foreign_key_check')).toEqual([]);
      }
    });
  }

  it('take a procedure of a kind the engine knows and the first schema did not', async () => {
    const db = await fresh('kinds');
    await migrate(db);
    await seedAt(db, 2);
    await db.transaction((tx) =>
      tx.run(
        `INSERT INTO procedures (id, kind, status, operator_id, started_at)
         VALUES ('p-2', 'a-new-kind', 'open', 1, '2026-01-01T00:00:00Z')`,
      ),
    );
    expect(await db.get(`SELECT kind FROM procedures WHERE id = 'p-2'`)).toEqual({
      kind: 'a-new-kind',
    });
    // Keys are still enforced on the rebuilt table.
    await expect(
      db.transaction((tx) =>
        tx.run(
          `INSERT INTO procedure_journal (procedure_id, kind, step, status, operator_id, at)
           VALUES ('nobody', 'issuance', 'started', 'completed', 1, '2026-01-01T00:00:00Z')`,
        ),
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('version 10 on a database with two open procedures of one thing keeps the newest open', async () => {
    const db = await fresh('open-twins');
    await migrate(db, { target: 9 });
    await seedOpenTwins(db);
    expect(await migrate(db)).toEqual({ from: 9, to: LATEST_SCHEMA_VERSION });
    expect(await twinsAfter(db)).toEqual(expectedTwins(DUPLICATE_CLOSED_REASON));
  });

  it('a failing migration leaves the database at the version before it, with nothing of it applied', async () => {
    const db = await fresh('failing');
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      postgres: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);',
      async up(tx) {
        await tx.exec('CREATE TABLE half_done (x INTEGER)');
        await tx.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    await expect(migrate(db, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(
      /no_such_table/,
    );
    expect(await schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.get(`SELECT name FROM sqlite_schema WHERE name = 'half_done'`)).toBeUndefined();
  });

  it('refuse a database from a newer app before touching a single byte', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'newer.sqlite');
    const db = await openIssuanceDatabase(path, { mode: 'production' });
    await db.exec(`PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    await db.close();
    const bytes = readFileSync(path);
    const err = await openIssuanceDatabase(path, { mode: 'production' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbTooNewError);
    expect(err).toMatchObject({
      found: LATEST_SCHEMA_VERSION + 1,
      supported: LATEST_SCHEMA_VERSION,
    });
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuse a damaged database that needs migrating before the migration writes a byte', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'older.sqlite');
    const db = await openDatabase(path);
    await migrate(db, { target: LATEST_SCHEMA_VERSION - 1 });
    // Pages the migration never reads, the last one damaged: only the page check can see it.
    await db.transaction(async (tx) => {
      await tx.exec('CREATE TABLE untouched (k TEXT PRIMARY KEY, v BLOB)');
      for (let i = 0; i < 300; i++)
        await tx.run('INSERT INTO untouched VALUES (?, randomblob(200))', [`key-${i}`]);
    });
    await db.close();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x5a, bytes.length - pageSize + 8, bytes.length - pageSize + 208);
    writeFileSync(path, bytes);
    const err = await openIssuanceDatabase(path, {
      mode: 'production',
      integrityCheck: 'skip',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbCorruptError);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('keep practice and production databases apart', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const path = join(dir, 'practice.sqlite');
    const db = await openIssuanceDatabase(path, { mode: 'practice' });
    await db.close();
    await expect(openIssuanceDatabase(path, { mode: 'production' })).rejects.toBeInstanceOf(
      DbModeMismatchError,
    );
    const again = await openIssuanceDatabase(path, { mode: 'practice' });
    await again.close();
  });
});
