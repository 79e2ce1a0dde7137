// Who may approve: an enabled supervisor, never the requester, always with a reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ApproverNotAllowedError,
  RecordNotFoundError,
  SelfApprovalError,
} from '../../../main/db/errors';
import { getApproval } from '../../../main/db/repositories/approvals';
import { setOperatorDisabled } from '../../../main/db/repositories/operators';
import { recordApproval } from '../../../main/operators/approvals';
import { addOperator, openTestDb, type TestDb } from '../db/support/temp-db';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(() => t.dispose());

const approvalCount = async () => t.db.get('SELECT count(*) AS n FROM approvals');

describe('approvals', () => {
  it('nobody approves their own request', async () => {
    const boss = await addOperator(t, 'boss', 'supervisor');
    await expect(
      t.db.transaction((tx) =>
        recordApproval(tx, {
          action: 'revocation',
          requesterId: boss,
          approverId: boss,
          reason: '返納',
        }),
      ),
    ).rejects.toBeInstanceOf(SelfApprovalError);
    expect(await approvalCount()).toEqual({ n: 0 });
  });

  it('only an enabled supervisor approves', async () => {
    const clerk = await addOperator(t, 'clerk', 'clerk');
    const clerk2 = await addOperator(t, 'clerk2', 'clerk');
    const admin = await addOperator(t, 'admin', 'admin');
    const boss = await addOperator(t, 'boss', 'supervisor');
    for (const approverId of [clerk2, admin]) {
      await expect(
        t.db.transaction((tx) =>
          recordApproval(tx, { action: 'reissue', requesterId: clerk, approverId, reason: '紛失' }),
        ),
      ).rejects.toBeInstanceOf(ApproverNotAllowedError);
    }
    const id = await t.db.transaction((tx) =>
      recordApproval(tx, {
        action: 'reissue',
        requesterId: clerk,
        approverId: boss,
        reason: '紛失',
      }),
    );
    expect(await getApproval(t.db, id)).toMatchObject({
      requesterId: clerk,
      approverId: boss,
      action: 'reissue',
    });
    await t.db.transaction((tx) => setOperatorDisabled(tx, boss, true));
    await expect(
      t.db.transaction((tx) =>
        recordApproval(tx, {
          action: 'reissue',
          requesterId: clerk,
          approverId: boss,
          reason: '紛失',
        }),
      ),
    ).rejects.toBeInstanceOf(ApproverNotAllowedError);
  });

  it('an unknown approver and an empty reason are refused, and nothing is stored', async () => {
    const clerk = await addOperator(t, 'clerk', 'clerk');
    const boss = await addOperator(t, 'boss', 'supervisor');
    await expect(
      t.db.transaction((tx) =>
        recordApproval(tx, {
          action: 'reissue',
          requesterId: clerk,
          approverId: boss + 100,
          reason: '紛失',
        }),
      ),
    ).rejects.toBeInstanceOf(RecordNotFoundError);
    await expect(
      t.db.transaction((tx) =>
        recordApproval(tx, {
          action: 'reissue',
          requesterId: clerk,
          approverId: boss,
          reason: ' ',
        }),
      ),
    ).rejects.toThrow(/reason/);
    expect(await approvalCount()).toEqual({ n: 0 });
  });
});
