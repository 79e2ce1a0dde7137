// A supervisor's approval used by a step: recorded for this procedure and this action, by someone
// else than the clerk running it (the approval itself was checked when it was recorded: a
// supervisor, never the requester).
import type { ApprovalAction } from '../../../preload/contract/lifecycle';
import type { Queryable } from '../../db/connection';
import { getApproval, type Approval } from '../../db/repositories/approvals';
import type { Procedure } from '../../db/repositories/journal';
import { WorkflowRefusal } from '../refusal';

async function approvalOf(q: Queryable, approvalId: number): Promise<Approval> {
  try {
    return await getApproval(q, approvalId);
  } catch {
    throw new WorkflowRefusal('approval-invalid');
  }
}

/** An approval of `action` for this very procedure, asked by the clerk running it now. */
async function requestedApproval(
  q: Queryable,
  approvalId: number,
  action: ApprovalAction,
  procedureId: string,
  operatorId: number,
): Promise<Approval> {
  const approval = await approvalOf(q, approvalId);
  if (
    approval.action !== action ||
    approval.procedureId !== procedureId ||
    approval.requesterId !== operatorId
  )
    throw new WorkflowRefusal('approval-invalid');
  return approval;
}

/**
 * The approval to continue after a face mismatch: of this very procedure, at the request of the
 * clerk running it.
 */
export function faceOverrideApproval(
  q: Queryable,
  approvalId: number,
  procedureId: string,
  operatorId: number,
): Promise<Approval> {
  return requestedApproval(q, approvalId, 'face-check-override', procedureId, operatorId);
}

/**
 * A second operator's confirmation of the face check's 一致: of this very procedure, asked by the
 * clerk deciding now, and given by someone else (nobody confirms their own check).
 */
export async function secondCheckApproval(
  q: Queryable,
  approvalId: number,
  procedureId: string,
  operatorId: number,
): Promise<Approval> {
  const approval = await requestedApproval(
    q,
    approvalId,
    'face-check-second',
    procedureId,
    operatorId,
  );
  if (approval.approverId === operatorId)
    throw new WorkflowRefusal('approval-invalid', 'self-approval');
  return approval;
}

/**
 * A 責任者's approval to hand another counter's open procedure to this one: of this very
 * procedure, asked by the clerk taking it over.
 */
export function takeoverApproval(
  q: Queryable,
  approvalId: number,
  procedureId: string,
  operatorId: number,
): Promise<Approval> {
  return requestedApproval(q, approvalId, 'counter-takeover', procedureId, operatorId);
}

/**
 * The approval of a 廃止 or a 再交付: recorded for this procedure and this action, and not by its
 * own operator nor by the clerk calling now (nobody approves their own request).
 */
export async function procedureApproval(
  q: Queryable,
  approvalId: number,
  procedure: Procedure,
  action: 'revocation' | 'reissue',
  operatorId: number,
): Promise<Approval> {
  const approval = await approvalOf(q, approvalId);
  if (approval.procedureId !== procedure.id || approval.action !== action)
    throw new WorkflowRefusal('approval-invalid');
  if (approval.approverId === procedure.operatorId || approval.approverId === operatorId)
    throw new WorkflowRefusal('approval-invalid', 'self-approval');
  return approval;
}
