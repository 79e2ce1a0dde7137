// A supervisor approves at the clerk's side: their login is checked on the spot, then the approval
// is recorded and audited under the clerk who asked for it.
import type { ApprovalDto } from '../../preload/contract/dto';
import { appendAudit } from '../audit/audit-log';
import type { Clock } from '../db/clock';
import type { Db } from '../db/connection';
import { recordApproval } from './approvals';
import { authenticateOperator } from '../db/repositories/operators';
import { loginRefusal } from './operator-session';

export interface ApprovalRequest {
  /** The operator asking for the approval (the clerk at the counter). */
  readonly requesterId: number;
  readonly action: string;
  readonly procedureId?: string;
  readonly reason: string;
  readonly approverLoginId: string;
  readonly approverPassword: string;
}

export async function approveWithLogin(
  db: Db,
  request: ApprovalRequest,
  now: Clock,
): Promise<ApprovalDto> {
  // Wrong passwords count towards the approver's own lockout, as at the login screen.
  const auth = await authenticateOperator(
    db,
    request.approverLoginId,
    request.approverPassword,
    now,
  );
  if (!auth.ok) throw loginRefusal(auth, { triesLeft: false });
  const approvalId = await db.transaction(async (tx) => {
    const id = await recordApproval(
      tx,
      {
        procedureId: request.procedureId ?? null,
        action: request.action,
        requesterId: request.requesterId,
        approverId: auth.operator.id,
        reason: request.reason,
      },
      now,
    );
    await appendAudit(
      tx,
      {
        operatorId: request.requesterId,
        action: 'approval.recorded',
        details: { approval: id, approver: auth.operator.id, kind: request.action },
      },
      now,
    );
    return id;
  });
  return { approvalId, approverDisplayName: auth.operator.displayName };
}
