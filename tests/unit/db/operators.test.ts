// Operators and approvals: scrypt passwords, lock after 5 wrong tries for 15 minutes, approvals stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../main/audit/audit-log';
import { DuplicateRecordError, RecordNotFoundError } from '../../../main/db/errors';
import { getApproval, insertApproval } from '../../../main/db/repositories/approvals';
import { searchAudit } from '../../../main/db/repositories/audit';
import {
  PasswordPolicyError,
  authenticateOperator,
  countOperators,
  createOperator,
  getOperator,
  hashPassword,
  resetOperatorPassword,
  setOperatorDisabled,
  verifyPasswordHash,
} from '../../../main/db/repositories/operators';
import { addOperator, openTestDb } from './support/temp-db';
import type { TestDb } from './support/temp-db';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.dispose());

const PASSWORD = 'correct horse 7';

function clockAt(start: string) {
  let now = new Date(start).getTime();
  return {
    clock: () => new Date(now),
    advanceMinutes: (m: number) => {
      now += m * 60_000;
    },
  };
}

describe('passwords', () => {
  it('are stored as salted scrypt hashes that verify only the right password', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPasswordHash(a, PASSWORD)).toBe(true);
    expect(await verifyPasswordHash(a, 'correct horse 8')).toBe(false);
  });

  it('refuses a password shorter than 8 characters', async () => {
    await expect(hashPassword('short')).rejects.toBeInstanceOf(PasswordPolicyError);
  });
});

describe('operators', () => {
  it('first start: none; the first administrator is created and audited as themself', async () => {
    expect(await countOperators(t.db)).toBe(0);
    const id = await createOperator(t.db, {
      loginId: 'admin',
      displayName: '管理者',
      role: 'admin',
      password: PASSWORD,
      createdBy: null,
    });
    expect(await countOperators(t.db)).toBe(1);
    const audit = await searchAudit(t.db, { action: 'operator.created' });
    expect(audit.items[0]?.operatorId).toBe(id);
    await expect(
      createOperator(t.db, {
        loginId: 'ADMIN',
        displayName: 'x',
        role: 'clerk',
        password: PASSWORD,
        createdBy: id,
      }),
    ).rejects.toBeInstanceOf(DuplicateRecordError);
  });

  it('log in with the right password; an unknown login id looks like a wrong password', async () => {
    await createOperator(t.db, {
      loginId: 'sato',
      displayName: '佐藤',
      role: 'clerk',
      password: PASSWORD,
      createdBy: null,
    });
    const ok = await authenticateOperator(t.db, 'sato', PASSWORD);
    expect(ok).toMatchObject({ ok: true, operator: { loginId: 'sato', role: 'clerk' } });
    expect(await authenticateOperator(t.db, 'nobody', PASSWORD)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('lock after 5 wrong passwords for 15 minutes, refusing even the right one meanwhile', async () => {
    const { clock, advanceMinutes } = clockAt('2026-11-25T09:00:00.000Z');
    const id = await createOperator(t.db, {
      loginId: 'sato',
      displayName: '佐藤',
      role: 'clerk',
      password: PASSWORD,
      createdBy: null,
    });
    for (let i = 1; i <= 4; i++) {
      expect(await authenticateOperator(t.db, 'sato', `wrong password ${i}`, clock)).toEqual({
        ok: false,
        reason: 'invalid',
        triesLeft: 5 - i,
      });
    }
    expect(await authenticateOperator(t.db, 'sato', 'wrong password 5', clock)).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil: '2026-11-25T09:15:00.000Z',
    });
    advanceMinutes(14);
    expect(await authenticateOperator(t.db, 'sato', PASSWORD, clock)).toMatchObject({
      ok: false,
      reason: 'locked',
    });
    advanceMinutes(1);
    expect(await authenticateOperator(t.db, 'sato', PASSWORD, clock)).toMatchObject({ ok: true });
    expect(await getOperator(t.db, id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    const actions = (await searchAudit(t.db, { operatorId: id }, 1, 50)).items
      .map((r) => r.action)
      .reverse();
    expect(actions).toEqual([
      'operator.created',
      ...Array(4).fill('operator.login-failed'),
      'operator.locked',
      'operator.login',
    ]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('a successful login clears the count of wrong tries', async () => {
    await createOperator(t.db, {
      loginId: 'sato',
      displayName: '佐藤',
      role: 'clerk',
      password: PASSWORD,
      createdBy: null,
    });
    for (let i = 0; i < 4; i++) await authenticateOperator(t.db, 'sato', 'wrong password');
    await authenticateOperator(t.db, 'sato', PASSWORD);
    expect(await authenticateOperator(t.db, 'sato', 'wrong password')).toMatchObject({
      triesLeft: 4,
    });
  });

  it('a disabled operator cannot log in; a password reset unlocks and asks for a new password', async () => {
    const id = await createOperator(t.db, {
      loginId: 'sato',
      displayName: '佐藤',
      role: 'clerk',
      password: PASSWORD,
      createdBy: null,
    });
    for (let i = 0; i < 5; i++) await authenticateOperator(t.db, 'sato', 'wrong password');
    expect(await authenticateOperator(t.db, 'sato', PASSWORD)).toMatchObject({ reason: 'locked' });
    const fresh = await hashPassword('temporary 1234');
    await t.db.transaction((tx) => resetOperatorPassword(tx, id, fresh));
    expect(await authenticateOperator(t.db, 'sato', 'temporary 1234')).toMatchObject({
      ok: true,
      operator: { mustChangePassword: true },
    });
    await t.db.transaction((tx) => setOperatorDisabled(tx, id, true));
    expect(await authenticateOperator(t.db, 'sato', 'temporary 1234')).toEqual({
      ok: false,
      reason: 'disabled',
    });
  });
});

describe('approvals', () => {
  it('are stored and read as given: who may approve is decided before, not here', async () => {
    const clerk = await addOperator(t, 'clerk', 'clerk');
    const clerk2 = await addOperator(t, 'clerk2', 'clerk');
    const id = await t.db.transaction((tx) =>
      insertApproval(
        tx,
        { action: 'reissue', requesterId: clerk, approverId: clerk2, reason: '紛失' },
        () => new Date('2026-11-25T09:00:00Z'),
      ),
    );
    expect(await getApproval(t.db, id)).toEqual({
      id,
      procedureId: null,
      action: 'reissue',
      requesterId: clerk,
      approverId: clerk2,
      reason: '紛失',
      approvedAt: '2026-11-25T09:00:00.000Z',
    });
    await expect(getApproval(t.db, id + 1)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('the table refuses a self-approval, whoever writes it', async () => {
    const boss = await addOperator(t, 'boss', 'supervisor');
    await expect(
      t.db.transaction((tx) =>
        insertApproval(tx, {
          action: 'revocation',
          requesterId: boss,
          approverId: boss,
          reason: '返納',
        }),
      ),
    ).rejects.toThrow(/CHECK/);
    await expect(
      t.db.transaction((tx) =>
        tx.run(
          `INSERT INTO approvals (action, requester_id, approver_id, reason, approved_at)
           VALUES ('revocation', ?, ?, 'x', 'now')`,
          [boss, boss],
        ),
      ),
    ).rejects.toThrow(/CHECK/);
    expect(await t.db.get('SELECT count(*) AS n FROM approvals')).toEqual({ n: 0 });
  });
});
