// The migrations on PostgreSQL: from empty, from every earlier version, one transaction each, and
// the same tables, columns, indexes and triggers as the sqlite form makes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/connection';
import { DbTooNewError } from '../../main/db/errors';
import { migrate, schemaVersion } from '../../main/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../main/db/migrations';
import { openOfficeDatabase } from '../../main/db/office';
import { openPgDatabase } from '../../main/db/pg-connection';
import { DUPLICATE_CLOSED_REASON } from '../../main/db/migrations/0010-open-procedures';
import { SEEDED, seedAt } from '../fixtures/migration-seed';
import { expectedTwins, seedOpenTwins, twinsAfter } from '../fixtures/open-twins';
import { connectionTo, createTestDatabase, testServer } from '../fixtures/postgres';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function emptyPg(key: string): Promise<Db> {
  const name = await createTestDatabase(`migrations ${key}`, { empty: true });
  const db = await openPgDatabase(connectionTo(testServer(), name));
  cleanups.push(() => db.close());
  return db;
}

async function sqliteAt(version: number): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-parity-'));
  const db = await openDatabase(join(dir, 'parity.sqlite'));
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => db.close(),
  );
  await migrate(db, { target: version });
  return db;
}

interface Shape {
  columns: Map<string, string[]>;
  indexes: string[];
  triggers: string[];
}

async function sqliteShape(db: Db): Promise<Shape> {
  const tables = await db.all<{ name: string }>(
    `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  const columns = new Map<string, string[]>();
  for (const t of tables) {
    const cols = await db.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, [t.name]);
    columns.set(t.name, cols.map((c) => c.name).sort());
  }
  const named = async (type: string) =>
    (
      await db.all<{ name: string }>(
        `SELECT name FROM sqlite_schema WHERE type = ? AND sql IS NOT NULL ORDER BY name`,
        [type],
      )
    ).map((r) => r.name);
  return { columns, indexes: await named('index'), triggers: await named('trigger') };
}

async function pgShape(db: Db): Promise<Shape> {
  const cols = await db.all<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> 'schema_version' ORDER BY 1, 2`,
  );
  const columns = new Map<string, string[]>();
  for (const r of cols) columns.set(r.t, [...(columns.get(r.t) ?? []), r.c]);
  const indexes = (
    await db.all<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()
          AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key' ORDER BY 1`,
    )
  ).map((r) => r.name);
  const triggers = (
    await db.all<{ name: string }>(
      `SELECT DISTINCT tgname AS name FROM pg_trigger WHERE NOT tgisinternal
          AND tgname NOT LIKE '%_no_truncate' ORDER BY 1`,
    )
  ).map((r) => r.name);
  return { columns, indexes, triggers };
}

describe('migrations on PostgreSQL', () => {
  it('every migration has its PostgreSQL form', () => {
    for (const m of MIGRATIONS) expect(m.postgres.trim(), `migration ${m.version}`).not.toBe('');
  });

  it('an empty database is brought to the latest version, with the same schema as sqlite', async () => {
    const db = await emptyPg('empty');
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    const pg = await pgShape(db);
    const lite = await sqliteShape(await sqliteAt(LATEST_SCHEMA_VERSION));
    expect(Object.fromEntries(pg.columns)).toEqual(Object.fromEntries(lite.columns));
    expect(pg.indexes).toEqual(lite.indexes);
    expect(pg.triggers).toEqual(lite.triggers);
  });

  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))(
    'a database at version %i, with rows, is brought to the latest and keeps them',
    async (version) => {
      const db = await emptyPg(`from ${version}`);
      await migrate(db, { target: version });
      expect(await schemaVersion(db)).toBe(version);
      await seedAt(db, version);
      await migrate(db);
      expect(await schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      const op = await db.get<{ id: number; login_id: string }>(
        'SELECT id, login_id FROM operators WHERE login_id = ?',
        [SEEDED.loginId.toLowerCase()],
      );
      expect(op).toEqual({ id: 1, login_id: SEEDED.loginId });
      const journal = await db.get<{ n: number }>('SELECT count(*) AS n FROM procedure_journal');
      expect(journal?.n).toBe(version >= 2 ? 1 : 0);
    },
  );

  it('version 10 on an office database with two open procedures of one thing keeps the newest open', async () => {
    const db = await emptyPg('open twins');
    await migrate(db, { target: 9 });
    await seedOpenTwins(db);
    expect(await migrate(db)).toEqual({ from: 9, to: LATEST_SCHEMA_VERSION });
    expect(await twinsAfter(db)).toEqual(expectedTwins(DUPLICATE_CLOSED_REASON));
  });

  it('a failing migration leaves the database at the version before it, nothing of it applied', async () => {
    const db = await emptyPg('failing');
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      postgres: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);',
      up: () => Promise.resolve(),
    };
    await expect(migrate(db, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow(
      /no_such_table/,
    );
    expect(await schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await db.get(`SELECT to_regclass('half_done') AS t`)).toEqual({ t: null });
  });

  it('a database a newer app migrated is refused before anything is written', async () => {
    const name = await createTestDatabase('migrations newer');
    const db = await openPgDatabase(connectionTo(testServer(), name));
    await db.exec(`UPDATE schema_version SET version = ${LATEST_SCHEMA_VERSION + 1}`);
    await db.close();
    await expect(
      openOfficeDatabase(connectionTo(testServer(), name), { mode: 'production' }),
    ).rejects.toBeInstanceOf(DbTooNewError);
  });

  it('two counters starting at once migrate the office database once', async () => {
    const name = await createTestDatabase('migrations together', { empty: true });
    const options = connectionTo(testServer(), name);
    const [a, b] = await Promise.all([
      openOfficeDatabase(options, { mode: 'production' }),
      openOfficeDatabase(options, { mode: 'production' }),
    ]);
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    expect(await schemaVersion(a)).toBe(LATEST_SCHEMA_VERSION);
    expect(await schemaVersion(b)).toBe(LATEST_SCHEMA_VERSION);
  });
});
