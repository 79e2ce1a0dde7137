// Access 'resident': the resident window works only beside a logged-in counter operator, goes on while
// the clerk's screen is locked, and never counts as the clerk's activity.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionDto } from '../../../preload/contract/dto';
import type { OperatorRole } from '../../../main/db/repositories/operators';
import { createOperator } from '../../../main/operators/operator-accounts';
import {
  AccessError,
  createOperatorSessions,
  roleAllowed,
  type OperatorSessions,
} from '../../../main/operators/operator-session';
import { testHasher } from '../../fixtures/password-cost';
import { openTestDb, type TestDb } from '../db/support/temp-db';

const PASSWORD = 'counter pass 7';
let t: TestDb;
let sessions: OperatorSessions | null = null;
let nowMs = Date.parse('2026-11-25T09:00:00Z');
/** Every session state the sessions announced (auth:changed). */
let changes: SessionDto[] = [];

beforeEach(async () => {
  t = await openTestDb();
  nowMs = Date.parse('2026-11-25T09:00:00Z');
  changes = [];
});
afterEach(async () => {
  sessions?.dispose();
  sessions = null;
  await t.dispose();
});

async function loggedInAs(role: OperatorRole): Promise<OperatorSessions> {
  await createOperator(t.db, testHasher, {
    loginId: `op-${role}`,
    displayName: role,
    role,
    password: PASSWORD,
    createdBy: null,
  });
  sessions = createOperatorSessions({
    db: t.db,
    hasher: testHasher,
    setup: { needsCode: false },
    idleLockMinutes: 5,
    now: () => new Date(nowMs),
    onChange: (s) => void changes.push(s),
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

  it('lets the resident go on while the clerk’s screen is locked; the clerk’s calls stay refused', async () => {
    const s = await loggedInAs('supervisor');
    nowMs += 5 * 60_000;
    // The resident's call finds the session idle: it locks the clerk's screen and goes through.
    expect(await refusal(s.authorize('resident', 'resident'))).toBeNull();
    expect((await s.status()).locked).toBe(true);
    expect(changes.at(-1)?.locked).toBe(true);
    expect(await refusal(s.authorize('resident', 'resident'))).toBeNull();
    expect(await refusal(s.authorize(['clerk', 'supervisor', 'trainer']))).toBe('session-locked');
    expect(await refusal(s.authorize('operator'))).toBe('session-locked');
    // The same operator unlocks; the clerk goes on.
    await s.unlock(PASSWORD);
    expect(await refusal(s.authorize(['clerk', 'supervisor', 'trainer']))).toBeNull();
  });

  it('never counts the resident’s calls as the clerk’s activity', async () => {
    const s = await loggedInAs('trainer');
    // Four minutes of calls from the resident window, every ten seconds: the clerk is still idle.
    for (let i = 0; i < 24; i++) {
      nowMs += 10_000;
      await s.authorize('resident', 'resident');
    }
    nowMs += 60_000;
    expect(await refusal(s.authorize(['clerk', 'supervisor', 'trainer']))).toBe('session-locked');
  });

  it('counts the clerk window’s calls: the same minutes with a clerk call keep the session open', async () => {
    const s = await loggedInAs('clerk');
    nowMs += 4 * 60_000;
    await s.authorize(['clerk', 'supervisor', 'trainer'], 'clerk');
    nowMs += 4 * 60_000;
    expect(await refusal(s.authorize(['clerk', 'supervisor', 'trainer']))).toBeNull();
  });

  it('a call from the resident window does not count even for a channel of other access', async () => {
    // The router refuses such a call before this, by the window check; the session does not rely
    // on it for the idle measure.
    const s = await loggedInAs('clerk');
    nowMs += 4 * 60_000;
    await s.authorize('operator', 'resident');
    nowMs += 60_000;
    expect(await refusal(s.authorize('operator'))).toBe('session-locked');
  });
});

describe('operator session: the idle timer', () => {
  it('fires on time while the resident window keeps calling', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const s = await loggedInAs('clerk');
      for (let i = 0; i < 4; i++) {
        nowMs += 60_000;
        await vi.advanceTimersByTimeAsync(60_000);
        await s.authorize('resident', 'resident');
      }
      expect(changes.some((c) => c.locked)).toBe(false);
      nowMs += 60_000;
      await vi.advanceTimersByTimeAsync(60_000);
      await vi.waitFor(() => expect(changes.at(-1)?.locked).toBe(true));
    } finally {
      vi.useRealTimers();
    }
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
