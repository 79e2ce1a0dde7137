// SQL of approvals and of wrong approver passwords per requesting operator; the rules: main/operators/.
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import type { Queryable, Tx } from '../connection';
import { RecordNotFoundError } from '../errors';

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

interface Row {
  id: number;
  procedure_id: string | null;
  action: string;
  requester_id: number;
  approver_id: number;
  reason: string;
  approved_at: string;
}

function toApproval(r: Row): Approval {
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

/**
 * Stores an approval as given. The table refuses requester = approver; everything else about who
 * may approve is the caller's to check (main/operators/approvals.ts).
 */
export async function insertApproval(
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
  const res = await tx.run(
    `INSERT INTO approvals (procedure_id, action, requester_id, approver_id, reason, approved_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [a.procedureId ?? null, a.action, a.requesterId, a.approverId, a.reason, isoNow(clock)],
  );
  return res.lastId;
}

export async function getApproval(q: Queryable, id: number): Promise<Approval> {
  const r = await q.get<Row>('SELECT * FROM approvals WHERE id = ?', [id]);
  if (!r) throw new RecordNotFoundError('approval', id);
  return toApproval(r);
}

/** The approvals given in the resident's procedures. */
export async function listApprovalsOfResident(
  q: Queryable,
  residentId: number,
): Promise<Approval[]> {
  const rows = await q.all<Row>(
    `SELECT a.* FROM approvals a JOIN procedures p ON p.id = a.procedure_id WHERE p.resident_id = ?`,
    [residentId],
  );
  return rows.map(toApproval);
}

/** Wrong approver passwords in a row at one operator's requests, and until when they are paused. */
export interface ApprovalTries {
  readonly failedAttempts: number;
  /** Null: approvals are not paused. */
  readonly pausedUntil: string | null;
}

export async function getApprovalTries(q: Queryable, requesterId: number): Promise<ApprovalTries> {
  const r = await q.get<{ failed_attempts: number; paused_until: string | null }>(
    'SELECT failed_attempts, paused_until FROM approval_tries WHERE requester_id = ?',
    [requesterId],
  );
  return { failedAttempts: r?.failed_attempts ?? 0, pausedUntil: r?.paused_until ?? null };
}

export async function setApprovalTries(
  tx: Tx,
  requesterId: number,
  tries: ApprovalTries,
): Promise<void> {
  await tx.run(
    `INSERT INTO approval_tries (requester_id, failed_attempts, paused_until) VALUES (?, ?, ?)
     ON CONFLICT (requester_id) DO UPDATE SET failed_attempts = excluded.failed_attempts,
                                              paused_until = excluded.paused_until`,
    [requesterId, tries.failedAttempts, tries.pausedUntil],
  );
}
