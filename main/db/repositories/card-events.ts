// SQL of what happens to an issued card: suspensions and releases, revocations, reissues and fees.
import type { CardRevocationReason, ReissueReason } from '../../../preload/contract/rules/reasons';
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import { isConstraintError } from '../connection';
import type { Queryable, Tx } from '../connection';
import { DuplicateRecordError, InvalidTransitionError, RecordNotFoundError } from '../errors';

export type ReportedBy = 'callcentre' | 'police' | 'resident';

export interface Suspension {
  readonly id: number;
  readonly cardId: number;
  readonly reportedBy: ReportedBy;
  readonly reportedAt: string;
  readonly how: string;
  readonly operatorId: number;
  readonly procedureId: string | null;
  readonly recordedAt: string;
  readonly releasedAt: string | null;
  readonly releasedBy: number | null;
}

/** The report of a loss: who reported it, when, and how (phone, counter, letter …). */
export async function recordSuspension(
  tx: Tx,
  s: {
    readonly cardId: number;
    readonly reportedBy: ReportedBy;
    readonly reportedAt: string;
    readonly how: string;
    readonly operatorId: number;
    readonly procedureId?: string | null;
  },
  clock?: Clock,
): Promise<number> {
  try {
    const res = await tx.run(
      `INSERT INTO suspensions (card_id, reported_by, reported_at, how, operator_id, procedure_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        s.cardId,
        s.reportedBy,
        s.reportedAt,
        s.how,
        s.operatorId,
        s.procedureId ?? null,
        isoNow(clock),
      ],
    );
    return res.lastId;
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) throw new DuplicateRecordError('open suspension');
    throw err;
  }
}

export async function findOpenSuspension(
  q: Queryable,
  cardId: number,
): Promise<Suspension | undefined> {
  const r = await q.get<{
    id: number;
    card_id: number;
    reported_by: ReportedBy;
    reported_at: string;
    how: string;
    operator_id: number;
    procedure_id: string | null;
    recorded_at: string;
    released_at: string | null;
    released_by: number | null;
  }>('SELECT * FROM suspensions WHERE card_id = ? AND released_at IS NULL', [cardId]);
  if (!r) return undefined;
  return {
    id: r.id,
    cardId: r.card_id,
    reportedBy: r.reported_by,
    reportedAt: r.reported_at,
    how: r.how,
    operatorId: r.operator_id,
    procedureId: r.procedure_id,
    recordedAt: r.recorded_at,
    releasedAt: r.released_at,
    releasedBy: r.released_by,
  };
}

export async function releaseSuspension(
  tx: Tx,
  cardId: number,
  operatorId: number,
  clock?: Clock,
): Promise<void> {
  const res = await tx.run(
    'UPDATE suspensions SET released_at = ?, released_by = ? WHERE card_id = ? AND released_at IS NULL',
    [isoNow(clock), operatorId, cardId],
  );
  if (res.changes !== 1) throw new InvalidTransitionError('suspension', 'none', 'released');
}

/** A revocation always carries its approval (WORKFLOWS.md: needs a supervisor). */
export async function recordRevocation(
  tx: Tx,
  r: {
    readonly cardId: number;
    readonly reason: CardRevocationReason;
    readonly operatorId: number;
    readonly approvalId: number;
    readonly procedureId?: string | null;
  },
  clock?: Clock,
): Promise<number> {
  const approval = await tx.get<{ approver_id: number; requester_id: number }>(
    'SELECT approver_id, requester_id FROM approvals WHERE id = ?',
    [r.approvalId],
  );
  if (!approval) throw new RecordNotFoundError('approval', r.approvalId);
  try {
    const res = await tx.run(
      `INSERT INTO revocations (card_id, reason, operator_id, approved_by, approval_id, procedure_id, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        r.cardId,
        r.reason,
        r.operatorId,
        approval.approver_id,
        r.approvalId,
        r.procedureId ?? null,
        isoNow(clock),
      ],
    );
    return res.lastId;
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) throw new DuplicateRecordError('revocation');
    throw err;
  }
}

export type Fee =
  | { readonly status: 'paid'; readonly amountYen: number }
  | { readonly status: 'waived'; readonly waiverReason: string };

/** A reissue links the old card to the new application and records its fee in the same step. */
export async function recordReissue(
  tx: Tx,
  r: {
    readonly oldCardId: number;
    readonly applicationId: number;
    readonly reason: ReissueReason;
    readonly express: boolean;
    readonly operatorId: number;
    readonly procedureId?: string | null;
    readonly fee: Fee;
  },
  clock?: Clock,
): Promise<{ reissueId: number; feeId: number }> {
  const now = isoNow(clock);
  let reissueId: number;
  try {
    reissueId = (
      await tx.run(
        `INSERT INTO reissues (old_card_id, application_id, reason, express, operator_id, procedure_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          r.oldCardId,
          r.applicationId,
          r.reason,
          r.express,
          r.operatorId,
          r.procedureId ?? null,
          now,
        ],
      )
    ).lastId;
  } catch (err) {
    if (isConstraintError(err, 'UNIQUE')) throw new DuplicateRecordError('reissue');
    throw err;
  }
  const feeId = (
    await tx.run(
      `INSERT INTO fees (reissue_id, amount_yen, status, waiver_reason, operator_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        reissueId,
        r.fee.status === 'paid' ? r.fee.amountYen : 0,
        r.fee.status,
        r.fee.status === 'waived' ? r.fee.waiverReason : null,
        r.operatorId,
        now,
      ],
    )
  ).lastId;
  return { reissueId, feeId };
}
