// The core's audit guard on a real file: the start-up check finds each attack made while the app was
// closed, the administrator sees it until acknowledged, and the anchors folder never stops the work.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAnchors } from '../../../main/audit/audit-anchors';
import { auditRowHash } from '../../../main/audit/audit-log';
import type { CoreConfig } from '../../../main/config/config';
import { corePaths, createCore, type Core } from '../../../main/core';
import { openDatabase } from '../../../main/db/connection';
import { readAuditRows } from '../../../main/db/repositories/audit';
import type { Channel } from '../../../preload/contract/channels';
import type { AuditStatusDto } from '../../../preload/contract/dto';
import type { Result } from '../../../preload/contract/result';
import { tamper, writeRows } from '../../unit/audit/support/keyed-db';
import { productionConfig, TEST_SETUP_CODE } from '../support/router-calls';

const ORIGIN = 'http://127.0.0.1:1';
const SENDER = { url: `${ORIGIN}/clerk.html`, isMainFrame: true };
const ADMIN = { loginId: 'kanri1', displayName: '管理 一郎', password: 'kanri-password-1' };
const SETUP = { ...ADMIN, setupCode: TEST_SETUP_CODE };
const cores: Core[] = [];

afterEach(async () => {
  while (cores.length) await cores.pop()!.close();
});

const config = productionConfig;

async function call<T>(core: Core, channel: Channel, payload: unknown = {}): Promise<T> {
  const r = (await core.router.handle(SENDER, channel, payload)) as Result<T>;
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
  return r.value;
}

/** A production core, started, with its start-up audit check done and the administrator in. */
async function started(c: CoreConfig, events: string[] = []): Promise<Core> {
  const core = createCore(c);
  cores.push(core);
  core.onEvent((event) => events.push(event));
  await core.start();
  await core.auditChecked();
  const session = await call<{ needsSetup: boolean }>(core, 'auth:get-session');
  if (session.needsSetup) await call(core, 'auth:setup-admin', SETUP);
  else await call(core, 'auth:login', { loginId: ADMIN.loginId, password: ADMIN.password });
  return core;
}

async function stop(core: Core): Promise<void> {
  cores.splice(cores.indexOf(core), 1);
  await core.close();
}

interface Setup {
  readonly dataDir: string;
  readonly anchorsDir: string;
  readonly db: string;
  readonly c: CoreConfig;
}

/** A day's work on a production counter (40 audit rows and more), then the app closed. */
async function aDayThenClosed(): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-audit-'));
  const anchorsDir = mkdtempSync(join(tmpdir(), 'madoguchi-anchors-'));
  const c = config(dataDir, { auditAnchorsDir: anchorsDir });
  const core = await started(c);
  await writeRows(core.db()!, 40, null);
  await stop(core);
  return { dataDir, anchorsDir, db: corePaths(dataDir).database, c };
}

async function rowCount(path: string): Promise<number> {
  const db = await openDatabase(path, { readOnly: true });
  try {
    return (await db.get<{ n: number }>('SELECT max(seq) AS n FROM audit_log'))!.n;
  } finally {
    await db.close();
  }
}

const kinds = (s: AuditStatusDto) =>
  (s.alarm?.problems ?? []).map((p) => `${p.kind}@${p.firstBadSeq ?? '-'}`);

describe('the start-up check', () => {
  it('passes on an intact log and anchors it in the folder IT configured', async () => {
    const s = await aDayThenClosed();
    const events: string[] = [];
    const core = await started(s.c, events);
    const status = await call<AuditStatusDto>(core, 'audit:status');
    expect(status).toMatchObject({ startup: 'ok', alarm: null, production: true });
    expect(status.anchors).toMatchObject({ configured: true, failing: false });
    expect(events).toContain('audit:status-changed');
    const { anchors } = parseAnchors(readFileSync(status.anchors.file!, 'utf8'));
    expect(anchors.map((a) => a.source)).toEqual(expect.arrayContaining(['startup', 'shutdown']));
  });

  it('cut short (trigger dropped, last rows deleted): the last anchor names the first missing row', async () => {
    const s = await aDayThenClosed();
    const last = await rowCount(s.db);
    await tamper(
      s.db,
      `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > ${last - 5}`,
    );
    const core = await started(s.c);
    const status = await call<AuditStatusDto>(core, 'audit:status');
    expect(status.startup).toBe('failed');
    expect(kinds(status)).toContain(`truncated@${last - 4}`);
    expect(kinds(status).some((k) => k.startsWith('triggers@'))).toBe(true);
    // The finding is in the log, and the guard is back.
    const db = core.db()!;
    expect(
      await db.get(`SELECT count(*) AS n FROM audit_log WHERE action = 'audit.check-failed'`),
    ).toEqual({ n: 1 });
    await expect(
      db.transaction((tx) => tx.run('DELETE FROM audit_log WHERE seq = 1')),
    ).rejects.toThrow(/append-only/);
  });

  it('consistent rewrite (a row forged, every later hash recomputed in SHA-256) is found at its row', async () => {
    const s = await aDayThenClosed();
    const last = await rowCount(s.db);
    const raw = await openDatabase(s.db, { integrityCheck: 'skip' });
    const rows = await readAuditRows(raw, 0, 10_000);
    const at = last - 10;
    let prev = rows[at - 2]!.hash;
    await raw.exec('DROP TRIGGER audit_log_no_update');
    await raw.transaction(async (tx) => {
      for (const row of rows.slice(at - 1)) {
        const forged = row.seq === at ? { ...row, details: '{"marker":"forged"}' } : row;
        const hash = auditRowHash(prev, forged);
        await tx.run('UPDATE audit_log SET details = ?, hash = ? WHERE seq = ?', [
          forged.details,
          hash,
          row.seq,
        ]);
        prev = hash;
      }
    });
    await raw.close();
    const core = await started(s.c);
    const status = await call<AuditStatusDto>(core, 'audit:status');
    expect(status.startup).toBe('failed');
    expect(kinds(status)).toContain(`rewritten@${at}`);
  });

  it('a dropped trigger is found, put back, and alarms the administrator until acknowledged', async () => {
    const s = await aDayThenClosed();
    await tamper(s.db, 'DROP TRIGGER audit_log_no_update');
    let core = await started(s.c);
    const status = await call<AuditStatusDto>(core, 'audit:status');
    expect(status.alarm?.problems).toEqual([
      expect.objectContaining({
        kind: 'triggers',
        detail: 'audit_log_no_update',
        evidence: 'schema',
      }),
    ]);
    await stop(core);

    // Restarted: the trigger is back, the alarm stays until an administrator has seen it.
    core = await started(s.c);
    const again = await call<AuditStatusDto>(core, 'audit:status');
    expect(again.startup).toBe('ok');
    expect(kinds(again)).toEqual(kinds(status));
    const closed = await call<AuditStatusDto>(core, 'audit:acknowledge-alarm');
    expect(closed.alarm).toBeNull();
    expect(
      await core
        .db()!
        .get(`SELECT count(*) AS n FROM audit_log WHERE action = 'audit.alarm-acknowledged'`),
    ).toEqual({ n: 1 });
  });
});

describe('the downgrade: the key, start, seals and checks deleted, every row plain again', () => {
  it('the app starts a new key, and the last anchor (of the old key) raises the alarm', async () => {
    const s = await aDayThenClosed();
    const raw = await openDatabase(s.db, { integrityCheck: 'skip' });
    const rows = await readAuditRows(raw, 0, 10_000);
    await raw.exec(`
      DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_chain_no_delete;
      DROP TRIGGER audit_seals_no_delete; DROP TRIGGER audit_checks_no_delete;
      DELETE FROM data_keys WHERE purpose = 'audit-chain'; DELETE FROM audit_chain;
      DELETE FROM audit_seals; DELETE FROM audit_checks;`);
    await raw.transaction(async (tx) => {
      let prev: Buffer = Buffer.alloc(32);
      for (const row of rows) {
        prev = auditRowHash(prev, row);
        await tx.run('UPDATE audit_log SET hash = ? WHERE seq = ?', [prev, row.seq]);
      }
    });
    await raw.close();
    const core = await started(s.c);
    const status = await call<AuditStatusDto>(core, 'audit:status');
    expect(status.alarm?.problems.map((p) => p.kind)).toContain('key');
  });
});

describe('the anchors folder', () => {
  it('not configured: the counter works, the administrator is told', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-audit-'));
    const core = await started(config(dataDir));
    const status = await call<AuditStatusDto>(core, 'audit:status');
    expect(status.anchors).toMatchObject({ configured: false, failing: false, file: null });
    expect((await call<{ ok: boolean }>(core, 'audit:verify', { scope: 'full' })).ok).toBe(true);
  });

  it('not writable: every call still works, the administrator sees why, the log keeps it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-audit-'));
    const gone = join(dataDir, 'no-such-share');
    const core = await started(config(dataDir, { auditAnchorsDir: gone }));
    await call(core, 'audit:verify', {});
    const status = await call<AuditStatusDto>(core, 'audit:status');
    expect(status.anchors).toMatchObject({ configured: true, failing: true, error: 'ENOENT' });
    expect(existsSync(gone)).toBe(false);
    expect(
      await core
        .db()!
        .get(`SELECT count(*) AS n FROM audit_log WHERE action = 'audit.anchor-failed'`),
    ).toEqual({ n: 1 });
  });

  it('a check over every row reports its progress to the window', async () => {
    const s = await aDayThenClosed();
    const core = await started(s.c);
    const progress: { checked: number; total: number }[] = [];
    core.onEvent((event, payload) => {
      if (event === 'audit:verify-progress') progress.push(payload as never);
    });
    const r = await call<{ ok: boolean; from: number; rows: number }>(core, 'audit:verify', {
      scope: 'full',
    });
    expect(r).toMatchObject({ ok: true, from: 1 });
    expect(progress.at(-1)).toEqual({ checked: r.rows, total: r.rows });
  });
});
