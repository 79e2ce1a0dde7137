// SQL of approvals: a second operator, an enabled 責任者, confirms a step; never the requester.
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import type { Queryable, Tx } from '../connection';
import { ApproverNotAllowedError, RecordNotFoundError, SelfApprovalError } from '../errors';

export interface Approval {
  readonly id: number;
  readonly procedureId: string | null;
  /** What was approved, e.g. 'revocation', 'reissue', 'face-check-override', 'pin-reset-without-id'. */
  readonly action: string;
  readonly requesterId: number;
  readonly approverId: number;
  readonly reason: string;
  readonly approvedAt: string;
}

/**
 * Records an approval. The approver must have authenticated on the spot (the caller's job);
 * here the rules of WORKFLOWS.md are enforced: not the requester, and a supervisor.
 */
export async function recordApproval(
  tx: Tx,
  a: {
    readonly procedureId?: string | null;
    readonly action: string;
    readonly requesterId: number;
    readonly approverId: number;
    readonly reason: string;
  },
  clock?: Clock,
): Promise<number> {
  if (a.requesterId === a.approverId) throw new SelfApprovalError();
  const approver = await tx.get<{ role: string; disabled: number }>(
    'SELECT role, disabled FROM operators WHERE id = ?',
    [a.approverId],
  );
  if (!approver) throw new RecordNotFoundError('operator', a.approverId);
  if (approver.role !== 'supervisor' || approver.disabled === 1)
    throw new ApproverNotAllowedError();
  if (a.reason.trim() === '') throw new Error('an approval needs a reason');
  const res = await tx.run(
    `INSERT INTO approvals (procedure_id, action, requester_id, approver_id, reason, approved_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [a.procedureId ?? null, a.action, a.requesterId, a.approverId, a.reason, isoNow(clock)],
  );
  return res.lastId;
}

export async function getApproval(q: Queryable, id: number): Promise<Approval> {
  const r = await q.get<{
    id: number;
    procedure_id: string | null;
    action: string;
    requester_id: number;
    approver_id: number;
    reason: string;
    approved_at: string;
  }>('SELECT * FROM approvals WHERE id = ?', [id]);
  if (!r) throw new RecordNotFoundError('approval', id);
  return {
    id: r.id,
    procedureId: r.procedure_id,
    action: r.action,
    requesterId: r.requester_id,
    approverId: r.approver_id,
    reason: r.reason,
    approvedAt: r.approved_at,
  };
}
