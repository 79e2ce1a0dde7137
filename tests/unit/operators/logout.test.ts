// Logout ends the session whatever the disk says; the refused audit row is handed on, not lost.
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../main/audit/audit-log';
import { DbFullError } from '../../../main/db/errors';
import { createOperatorSessions } from '../../../main/operators/operator-session';
import type { SessionDto } from '../../../preload/contract/dto';
import { testHasher } from '../../fixtures/password-cost';
import { openTestDb, type TestDb } from '../db/support/temp-db';

let t: TestDb | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

let clockMs = Date.parse('2026-11-25T08:30:00.000Z');
const now = () => new Date(clockMs);

async function loggedIn(keepAudit?: (entry: AuditEntry, at: Date, e: unknown) => Promise<void>) {
  clockMs = Date.parse('2026-11-25T08:30:00.000Z');
  t = await openTestDb();
  const changes: SessionDto[] = [];
  const sessions = createOperatorSessions({
    db: t.db,
    hasher: testHasher,
    setup: { needsCode: false },
    idleLockMinutes: 5,
    now,
    onChange: (s) => changes.push(s),
    ...(keepAudit ? { keepAudit } : {}),
  });
  await sessions.setupAdmin({
    loginId: 'admin1',
    displayName: '管理 太郎',
    password: 'long-enough-1',
  });
  const id = sessions.currentOperatorId();
  // From here the disk takes no write.
  t.db.refuseWrites(new DbFullError());
  return { sessions, changes, id, db: t.db };
}

describe('logout on a full disk', () => {
  it('ends the session and hands the refused row, with its time, to be kept', async () => {
    const kept: [AuditEntry, Date, unknown][] = [];
    const { sessions, changes, id } = await loggedIn(async (entry, at, e) => {
      kept.push([entry, at, e]);
    });
    const session = await sessions.logout();
    expect(session.operator).toBe(null);
    expect(changes.at(-1)?.operator).toBe(null);
    expect(sessions.currentOperatorId()).toBe(null);
    await expect(sessions.authorize('operator')).rejects.toMatchObject({ code: 'not-logged-in' });
    expect(kept).toEqual([
      [{ operatorId: id, action: 'operator.logout' }, now(), expect.any(DbFullError)],
    ]);
  });

  it('without a keeper the refusal is thrown, but only after the session has ended', async () => {
    const { sessions, changes } = await loggedIn();
    await expect(sessions.logout()).rejects.toBeInstanceOf(DbFullError);
    expect(sessions.currentOperatorId()).toBe(null);
    expect(changes.at(-1)?.operator).toBe(null);
  });
});

describe('the idle lock on a full disk', () => {
  it('locks all the same, and hands its refused row to be kept instead of throwing', async () => {
    const kept: [AuditEntry, Date, unknown][] = [];
    const { sessions, changes, id } = await loggedIn(async (entry, at, e) => {
      kept.push([entry, at, e]);
    });
    clockMs += 5 * 60_000;
    // The call that finds the clerk idle is refused by the lock, not by the disk.
    await expect(sessions.authorize('operator')).rejects.toMatchObject({ code: 'session-locked' });
    expect(changes.at(-1)?.locked).toBe(true);
    expect(kept).toEqual([
      [{ operatorId: id, action: 'operator.idle-locked' }, now(), expect.any(DbFullError)],
    ]);
  });
});
