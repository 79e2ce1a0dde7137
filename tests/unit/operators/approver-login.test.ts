// A supervisor approves at the clerk's side: their login checked on the spot, the approval audited
// under the clerk; wrong passwords pause that clerk's approvals and never lock the supervisor out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getApproval } from '../../../main/db/repositories/approvals';
import { searchAudit } from '../../../main/db/repositories/audit';
import { getOperator, getOperatorLogin } from '../../../main/db/repositories/operators';
import { approveWithLogin } from '../../../main/operators/approver-login';
import {
  APPROVAL_PAUSE_MINUTES,
  MAX_APPROVAL_FAILURES,
} from '../../../preload/contract/rules/operator-password';
import { createLoginChecker } from '../../../main/operators/login-check';
import { createOperator } from '../../../main/operators/operator-accounts';
import { AccessError } from '../../../main/operators/operator-session';
import { createPasswordHasher } from '../../../main/operators/password-hash';
import { testHasher } from '../../fixtures/password-cost';
import { openTestDb, type TestDb } from '../db/support/temp-db';

let nowMs = Date.parse('2026-11-25T01:00:00Z');
const now = () => new Date(nowMs);
let t: TestDb;
let clerkId: number;
let otherClerkId: number;
let supervisorId: number;

async function add(loginId: string, role: 'clerk' | 'supervisor', password: string) {
  const o = { loginId, displayName: loginId, role, password, createdBy: null };
  return createOperator(t.db, testHasher, o, now);
}

beforeEach(async () => {
  nowMs = Date.parse('2026-11-25T01:00:00Z');
  t = await openTestDb();
  clerkId = await add('madoguchi', 'clerk', 'clerk-password');
  otherClerkId = await add('tonari', 'clerk', 'clerk-password-2');
  supervisorId = await add('sekinin', 'supervisor', 'supervisor-password');
});
afterEach(() => t.dispose());

const request = (approverPassword: string, requesterId = clerkId, approverLoginId = 'sekinin') => ({
  requesterId,
  action: 'face-check-override',
  reason: '写真と本人の髪型が違うが同一人物と確認',
  approverLoginId,
  approverPassword,
});

const approve = (r: ReturnType<typeof request>) =>
  approveWithLogin({ db: t.db, hasher: testHasher, now }, r);

async function refusal(p: Promise<unknown>): Promise<AccessError | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof AccessError) return e;
    throw e;
  }
}

describe('approval with the approver’s login', () => {
  it('records the approval and audits it under the clerk who asked', async () => {
    const approved = await approve(request('supervisor-password'));
    expect(approved.approverDisplayName).toBe('sekinin');
    const approval = await getApproval(t.db, approved.approvalId);
    expect(approval).toMatchObject({ requesterId: clerkId, action: 'face-check-override' });
    const audit = await searchAudit(t.db, { action: 'approval.recorded' });
    expect(audit.items[0]).toMatchObject({ operatorId: clerkId });
  });

  it('refuses a wrong password without saying how many tries are left; an unknown ID the same', async () => {
    const wrong = await refusal(approve(request('wrong-password')));
    expect(wrong?.code).toBe('login-invalid');
    expect(wrong?.detail).toBeUndefined();
    const unknown = await refusal(approve(request('wrong-password', clerkId, 'nobody')));
    expect({ code: unknown?.code, detail: unknown?.detail }).toEqual({
      code: wrong?.code,
      detail: wrong?.detail,
    });
  });
});

describe('a clerk typing wrong approver passwords on purpose', () => {
  it('pauses only their own approvals; the supervisor logs in and approves for others', async () => {
    for (let i = 1; i < MAX_APPROVAL_FAILURES; i += 1) {
      expect((await refusal(approve(request(`guess-${i}`))))?.code).toBe('login-invalid');
    }
    const paused = await refusal(approve(request('guess-5')));
    expect(paused?.code).toBe('approval-paused');
    expect(paused?.detail).toBe('2026-11-25T01:15:00.000Z');
    // Paused means paused: not even the right password is checked for this clerk meanwhile.
    const right = await refusal(approve(request('supervisor-password')));
    expect(right?.code).toBe('approval-paused');
    expect((await searchAudit(t.db, { action: 'approval.recorded' })).total).toBe(0);

    // The supervisor's own account was never touched: no count, no lock, the login works.
    expect(await getOperator(t.db, supervisorId)).toMatchObject({
      failedAttempts: 0,
      lockedUntil: null,
    });
    const logins = createLoginChecker({ db: () => t.db, hasher: testHasher, now });
    expect(await logins.check('sekinin', 'supervisor-password')).toMatchObject({ ok: true });
    // And approves at another clerk's counter.
    expect(
      (await approve(request('supervisor-password', otherClerkId))).approvalId,
    ).toBeGreaterThan(0);

    // After the pause the clerk's approvals work again, counted from zero.
    nowMs += APPROVAL_PAUSE_MINUTES * 60_000;
    expect((await approve(request('supervisor-password'))).approvalId).toBeGreaterThan(0);
    expect((await refusal(approve(request('guess-6'))))?.code).toBe('login-invalid');
  });

  it('audits every refused try and the pause under the clerk, never the typed password', async () => {
    for (let i = 1; i <= MAX_APPROVAL_FAILURES; i += 1)
      await refusal(approve(request(`guess-${i}`)));
    await refusal(approve(request('supervisor-password')));
    const rows = (await searchAudit(t.db, { operatorId: clerkId }, 1, 50)).items.reverse();
    const trail = rows.map((r) => r.action).filter((a) => a.startsWith('approval.'));
    expect(trail).toEqual([...Array(4).fill('approval.refused'), 'approval.paused']);
    expect(rows.at(-1)?.details).toContain(`"approver":${supervisorId}`);
    expect(JSON.stringify(rows)).not.toMatch(/guess-|supervisor-password/);
  });

  it('counts unknown approver IDs too, so trying other IDs does not get more guesses', async () => {
    for (let i = 1; i < MAX_APPROVAL_FAILURES; i += 1) {
      await refusal(approve(request('x-password', clerkId, `someone-${i}`)));
    }
    expect((await refusal(approve(request('guess', clerkId, 'sekinin'))))?.code).toBe(
      'approval-paused',
    );
  });

  it('a success clears the count', async () => {
    for (let i = 1; i < MAX_APPROVAL_FAILURES; i += 1)
      await refusal(approve(request(`guess-${i}`)));
    await approve(request('supervisor-password'));
    expect((await refusal(approve(request('guess-again'))))?.code).toBe('login-invalid');
  });
});

describe('the approver’s password hash', () => {
  it('is made anew at the current cost when an old one matches', async () => {
    const old = createPasswordHasher({ N: 2 ** 9, r: 8, p: 1 });
    const oldId = await createOperator(
      t.db,
      old,
      {
        loginId: 'furui',
        displayName: '古井',
        role: 'supervisor',
        password: 'old-supervisor',
        createdBy: null,
      },
      now,
    );
    await approve(request('old-supervisor', clerkId, 'furui'));
    expect((await getOperatorLogin(t.db, oldId)).passwordHash).toMatch(/^scrypt\$1024\$/);
  });
});
