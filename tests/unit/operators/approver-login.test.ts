// A supervisor approves at the clerk's side: their login checked on the spot, the approval audited
// under the clerk, wrong passwords counted towards the supervisor's lockout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getApproval } from '../../../main/db/repositories/approvals';
import { searchAudit } from '../../../main/db/repositories/audit';
import { createOperator, MAX_FAILED_ATTEMPTS } from '../../../main/db/repositories/operators';
import { approveWithLogin } from '../../../main/operators/approver-login';
import { AccessError } from '../../../main/operators/operator-session';
import { openTestDb, type TestDb } from '../db/support/temp-db';

const now = () => new Date('2026-11-25T01:00:00Z');
let t: TestDb;
let clerkId: number;

beforeEach(async () => {
  t = await openTestDb();
  clerkId = await createOperator(t.db, {
    loginId: 'madoguchi',
    displayName: '窓口 花子',
    role: 'clerk',
    password: 'clerk-password',
    createdBy: null,
  });
  await createOperator(t.db, {
    loginId: 'sekinin',
    displayName: '責任 太郎',
    role: 'supervisor',
    password: 'supervisor-password',
    createdBy: null,
  });
});
afterEach(() => t.dispose());

const request = (approverPassword: string) => ({
  requesterId: clerkId,
  action: 'face-check-override',
  reason: '写真と本人の髪型が違うが同一人物と確認',
  approverLoginId: 'sekinin',
  approverPassword,
});

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
    const approved = await approveWithLogin(t.db, request('supervisor-password'), now);
    expect(approved.approverDisplayName).toBe('責任 太郎');
    const approval = await getApproval(t.db, approved.approvalId);
    expect(approval).toMatchObject({ requesterId: clerkId, action: 'face-check-override' });
    const audit = await searchAudit(t.db, { action: 'approval.recorded' });
    expect(audit.items[0]).toMatchObject({ operatorId: clerkId });
  });

  it('refuses a wrong password without saying how many tries are left, then locks', async () => {
    const wrong = await refusal(approveWithLogin(t.db, request('wrong-password'), now));
    expect(wrong?.code).toBe('login-invalid');
    expect(wrong?.detail).toBeUndefined();
    for (let i = 1; i < MAX_FAILED_ATTEMPTS - 1; i += 1) {
      await refusal(approveWithLogin(t.db, request('wrong-password'), now));
    }
    const locked = await refusal(approveWithLogin(t.db, request('wrong-password'), now));
    expect(locked?.code).toBe('login-locked');
    const right = await refusal(approveWithLogin(t.db, request('supervisor-password'), now));
    expect(right?.code).toBe('login-locked');
    expect((await searchAudit(t.db, { action: 'approval.recorded' })).total).toBe(0);
  });
});
