// The SQL of operators and approvals: rows as given (hashes, counts, locks), approvals stored as given.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateRecordError, RecordNotFoundError } from '../../../main/db/errors';
import { getApproval, insertApproval } from '../../../main/db/repositories/approvals';
import { searchAudit } from '../../../main/db/repositories/audit';
import {
  countOperators,
  findOperatorLogin,
  getOperator,
  getOperatorLogin,
  insertOperator,
  replacePasswordHash,
  resetOperatorPassword,
  setLoginFailures,
  setOperatorDisabled,
} from '../../../main/db/repositories/operators';
import { createOperator } from '../../../main/operators/operator-accounts';
import { testHasher } from '../../fixtures/password-cost';
import { addOperator, openTestDb } from './support/temp-db';
import type { TestDb } from './support/temp-db';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.dispose());

const PASSWORD = 'correct horse 7';

describe('operators', () => {
  it('first start: none; the first administrator is created and audited as themself', async () => {
    expect(await countOperators(t.db)).toBe(0);
    const id = await createOperator(t.db, testHasher, {
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
      createOperator(t.db, testHasher, {
        loginId: 'ADMIN',
        displayName: 'x',
        role: 'clerk',
        password: PASSWORD,
        createdBy: id,
      }),
    ).rejects.toBeInstanceOf(DuplicateRecordError);
  });

  it('stores the hash as given, never the password, and finds the row by a full-width login id', async () => {
    const hash = await testHasher.hash(PASSWORD);
    const id = await t.db.transaction((tx) =>
      insertOperator(tx, {
        loginId: 'sato',
        displayName: '佐藤',
        role: 'clerk',
        passwordHash: hash,
      }),
    );
    expect(await findOperatorLogin(t.db, 'ｓａｔｏ ')).toMatchObject({ id, passwordHash: hash });
    expect(await findOperatorLogin(t.db, 'nobody')).toBeUndefined();
    const raw = await t.db.all<{ password_hash: string }>('SELECT password_hash FROM operators');
    expect(JSON.stringify(raw)).not.toContain(PASSWORD);
    // The operator as the rest of main sees it carries no hash.
    expect(Object.keys(await getOperator(t.db, id))).not.toContain('passwordHash');
  });

  it('a reset clears the count and the lock and asks for a new password; a rehash changes nothing else', async () => {
    const id = await addOperator(t, 'sato', 'clerk');
    await t.db.transaction((tx) => setLoginFailures(tx, id, 0, '2026-11-25T09:15:00.000Z'));
    const before = await t.db.get<{ at: string }>(
      'SELECT password_changed_at AS at FROM operators WHERE id = ?',
      [id],
    );
    await t.db.transaction((tx) => replacePasswordHash(tx, id, 'scrypt$2$1$1$AA==$AA=='));
    expect(await getOperatorLogin(t.db, id)).toMatchObject({
      passwordHash: 'scrypt$2$1$1$AA==$AA==',
      lockedUntil: '2026-11-25T09:15:00.000Z',
      mustChangePassword: false,
    });
    expect(
      await t.db.get('SELECT password_changed_at AS at FROM operators WHERE id = ?', [id]),
    ).toEqual(before);
    await t.db.transaction((tx) => resetOperatorPassword(tx, id, 'scrypt$2$1$1$AQ==$AQ=='));
    expect(await getOperator(t.db, id)).toMatchObject({
      failedAttempts: 0,
      lockedUntil: null,
      mustChangePassword: true,
    });
    await t.db.transaction((tx) => setOperatorDisabled(tx, id, true));
    expect((await getOperator(t.db, id)).disabled).toBe(true);
    await expect(
      t.db.transaction((tx) => setLoginFailures(tx, id + 100, 1, null)),
    ).rejects.toBeInstanceOf(RecordNotFoundError);
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
