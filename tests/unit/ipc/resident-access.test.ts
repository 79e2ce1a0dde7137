// Access 'resident': the resident window works only beside a logged-in, unlocked counter operator.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOperator, type OperatorRole } from '../../../main/db/repositories/operators';
import {
  AccessError,
  createOperatorSessions,
  roleAllowed,
  type OperatorSessions,
} from '../../../main/operators/operator-session';
import { openTestDb, type TestDb } from '../db/support/temp-db';

const PASSWORD = 'counter pass 7';
let t: TestDb;
let sessions: OperatorSessions | null = null;
let nowMs = Date.parse('2026-11-25T09:00:00Z');

beforeEach(async () => {
  t = await openTestDb();
  nowMs = Date.parse('2026-11-25T09:00:00Z');
});
afterEach(async () => {
  sessions?.dispose();
  sessions = null;
  await t.dispose();
});

async function loggedInAs(role: OperatorRole): Promise<OperatorSessions> {
  await createOperator(t.db, {
    loginId: `op-${role}`,
    displayName: role,
    role,
    password: PASSWORD,
    createdBy: null,
  });
  sessions = createOperatorSessions({
    db: t.db,
    idleLockMinutes: 5,
    now: () => new Date(nowMs),
    onChange: () => undefined,
  });
  await sessions.login(`op-${role}`, PASSWORD);
  return sessions;
}

async function refusal(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof AccessError ? e.code : String(e);
  }
}

describe("operator session: access 'resident'", () => {
  it('is open to the counter roles and closed to the administrator', () => {
    expect(roleAllowed('resident', 'clerk')).toBe(true);
    expect(roleAllowed('resident', 'supervisor')).toBe(true);
    expect(roleAllowed('resident', 'trainer')).toBe(true);
    expect(roleAllowed('resident', 'admin')).toBe(false);
    // The other kinds of access keep their meaning.
    expect(roleAllowed('operator', 'admin')).toBe(true);
    expect(roleAllowed(['admin'], 'clerk')).toBe(false);
  });

  it('lets a resident call through while a clerk is logged in', async () => {
    const s = await loggedInAs('clerk');
    expect((await s.authorize('resident'))?.loginId).toBe('op-clerk');
  });

  it('refuses a resident call with nobody logged in', async () => {
    const s = await loggedInAs('clerk');
    await s.logout();
    expect(await refusal(s.authorize('resident'))).toBe('not-logged-in');
  });

  it('refuses a resident call beside an administrator', async () => {
    const s = await loggedInAs('admin');
    expect(await refusal(s.authorize('resident'))).toBe('forbidden-role');
  });

  it('refuses a resident call once the counter session has locked', async () => {
    const s = await loggedInAs('supervisor');
    nowMs += 5 * 60_000;
    expect(await refusal(s.authorize('resident'))).toBe('session-locked');
  });

  it('counts a resident entering PINs as activity: the session stays open while they type', async () => {
    const s = await loggedInAs('trainer');
    // Four minutes, a PIN checked, four more minutes: eight minutes after login, still open.
    nowMs += 4 * 60_000;
    await s.authorize('resident');
    nowMs += 4 * 60_000;
    expect(await refusal(s.authorize(['clerk', 'supervisor', 'trainer']))).toBeNull();
    s.dispose();
    // And without the resident's call the same eight minutes lock it.
    const quiet = await loggedInAs('clerk');
    nowMs += 8 * 60_000;
    expect(await refusal(quiet.authorize('resident'))).toBe('session-locked');
  });
});

describe('operator session: after dispose', () => {
  it('arms no idle timer for a call still in flight when the core closes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const s = await loggedInAs('clerk');
      expect(vi.getTimerCount()).toBe(1); // the idle lock
      const pending = s.authorize('resident');
      s.dispose();
      await pending;
      await s.activity();
      // A timer left behind would fire later on a closed database.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
