// Test support: a database the way the app holds it (audit key, guard), rows, raw tampering, the CLI.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { guardAuditLog, type AuditGuard } from '../../../../main/audit/audit-guard';
import { appendAudit } from '../../../../main/audit/audit-log';
import { openDatabase, type Db } from '../../../../main/db/connection';
import { addOperator, openTestDb, type TestDb } from '../../db/support/temp-db';

export interface KeyedTestDb extends TestDb {
  /** The handle the app would use: transactions append keyed rows. */
  readonly keyed: Db;
  readonly guard: AuditGuard;
  /** The key file the CLI needs (FileKeyProtector). */
  readonly keyFile: string;
  readonly clerk: number;
}

export interface KeyedOptions {
  /** Rows appended before the file gets its audit key: a database from before migration 6. */
  readonly plainRows?: number;
  readonly anchorsDir?: string | null;
  readonly mode?: 'production' | 'practice';
}

/** `n` rows of 'card.issued', each with a distinct marker, in one transaction. */
export async function writeRows(db: Db, n: number, operatorId: number | null): Promise<void> {
  const before = (await db.get<{ n: number }>('SELECT count(*) AS n FROM audit_log'))?.n ?? 0;
  await db.transaction(async (tx) => {
    for (let i = 1; i <= n; i++) {
      await appendAudit(tx, {
        operatorId,
        action: 'card.issued',
        details: { marker: `marker-${String(before + i).padStart(5, '0')}` },
      });
    }
  });
}

/** A migrated test database opened with its audit key, as createCore opens it. */
export async function openKeyedTestDb(options: KeyedOptions = {}): Promise<KeyedTestDb> {
  const t = await openTestDb();
  const clerk = await addOperator(t, 'clerk', 'clerk');
  if (options.plainRows) await writeRows(t.db, options.plainRows, clerk);
  const { db, guard } = guardAuditLog(t.db, t.protector, {
    mode: options.mode ?? 'production',
    anchorsDir: options.anchorsDir ?? null,
    now: () => new Date(),
    openReader: () => openDatabase(t.path, { readOnly: true, integrityCheck: 'skip' }),
  });
  const g = await guard;
  return {
    ...t,
    keyed: db,
    guard: g,
    keyFile: t.protector.path,
    clerk,
    async dispose() {
      await g.close();
      await t.dispose();
    },
  };
}

/** Runs SQL on the file through a handle of its own: the attacker with write access to the file. */
export async function tamper(path: string, sql: string, params: unknown[] = []): Promise<void> {
  const raw = await openDatabase(path, { integrityCheck: 'skip' });
  try {
    if (params.length === 0) await raw.exec(sql);
    else await raw.transaction((tx) => tx.run(sql, params as never).then(() => undefined));
  } finally {
    await raw.close();
  }
}

const run = promisify(execFile);

/** `npm run audit:verify -- <args>` as IT runs it: exit code, the JSON line, stderr. */
export async function verifyCli(
  args: readonly string[],
): Promise<{ code: number; result: Record<string, unknown> | null; stderr: string }> {
  const argv = ['--import', 'tsx', 'scripts/audit-verify.ts', ...args, '--quiet'];
  let code = 0;
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await run(process.execPath, argv, { cwd: process.cwd() }));
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    ({ code, stdout, stderr } = e);
  }
  const last = stdout.trim().split('\n').pop();
  return { code, result: last ? (JSON.parse(last) as Record<string, unknown>) : null, stderr };
}
