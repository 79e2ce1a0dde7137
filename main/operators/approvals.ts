// Who may approve a step: an enabled 責任者 (supervisor), or for a face check's confirmation any
// operator of the counter; never the operator who asked for it.
import { approverRolesOf } from '../../preload/contract/rules/roles';
import type { Clock } from '../db/clock';
import type { Tx } from '../db/connection';
import { ApproverNotAllowedError, SelfApprovalError } from '../db/errors';
import { insertApproval } from '../db/repositories/approvals';
import { getOperator } from '../db/repositories/operators';

export interface ApprovalRequest {
  readonly procedureId?: string | null;
  /** What is approved, e.g. 'revocation', 'reissue', 'face-check-override'. */
  readonly action: string;
  readonly requesterId: number;
  readonly approverId: number;
  /** Why the step needs approving; stored with the approval. */
  readonly reason: string;
}

/**
 * Records an approval once the rules allow it: not the requester, an enabled operator of a role
 * that may give this kind (a supervisor, or any counter role for 'face-check-second'), and a
 * reason. The approver must have authenticated on the spot; that is the caller's job.
 */
export async function recordApproval(tx: Tx, a: ApprovalRequest, clock?: Clock): Promise<number> {
  if (a.requesterId === a.approverId) throw new SelfApprovalError();
  const approver = await getOperator(tx, a.approverId);
  if (!approverRolesOf(a.action).includes(approver.role) || approver.disabled)
    throw new ApproverNotAllowedError();
  if (a.reason.trim() === '') throw new Error('an approval needs a reason');
  return insertApproval(tx, a, clock);
}
