// SQL of what happens to an issued card: suspensions and releases, revocations, reissues and fees.
import type { CardRevocationReason, ReissueReason } from '../../../preload/contract/rules/reasons';
import { isoNow } from '../clock';
import type { Clock } from '../clock';
import { isConstraintError } from '../connection';
import type { Queryable, Tx } from '../connection';
import { DuplicateRecordError, InvalidTransitionError, RecordNotFoundError } from '../errors';

export type ReportedBy = 'callcentre' | 'police' | 'resident';

/** The rows of a resident's cards; the one parameter is the resident's id. */
const OF_RESIDENT_CARDS = 'card_id IN (SELECT id FROM cards WHERE resident_id = ?)';

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

interface SuspensionRow {
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
}

function toSuspension(r: SuspensionRow): Suspension {
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

export async function findOpenSuspension(
  q: Queryable,
  cardId: number,
): Promise<Suspension | undefined> {
  const r = await q.get<SuspensionRow>(
    'SELECT * FROM suspensions WHERE card_id = ? AND released_at IS NULL',
    [cardId],
  );
  return r ? toSuspension(r) : undefined;
}

/** Every suspension of any card of the resident, released or not. */
export async function listSuspensionsOfResident(
  q: Queryable,
  residentId: number,
): Promise<Suspension[]> {
  const rows = await q.all<SuspensionRow>(`SELECT * FROM suspensions WHERE ${OF_RESIDENT_CARDS}`, [
    residentId,
  ]);
  return rows.map(toSuspension);
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

export interface Revocation {
  readonly id: number;
  readonly cardId: number;
  readonly reason: CardRevocationReason;
  readonly operatorId: number;
  /** The approver, as recorded in the approval. */
  readonly approvedBy: number;
  readonly approvalId: number;
  readonly procedureId: string | null;
  readonly revokedAt: string;
  /** 穴あけ: when the returned card was physically destroyed. */
  readonly destroyedAt: string | null;
}

interface RevocationRow {
  id: number;
  card_id: number;
  reason: CardRevocationReason;
  operator_id: number;
  approved_by: number;
  approval_id: number;
  procedure_id: string | null;
  revoked_at: string;
  destroyed_at: string | null;
}

function toRevocation(r: RevocationRow): Revocation {
  return {
    id: r.id,
    cardId: r.card_id,
    reason: r.reason,
    operatorId: r.operator_id,
    approvedBy: r.approved_by,
    approvalId: r.approval_id,
    procedureId: r.procedure_id,
    revokedAt: r.revoked_at,
    destroyedAt: r.destroyed_at,
  };
}

/** A revocation always carries its approval (docs/procedures.md: needs a supervisor). */
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

/** A card is revoked at most once. */
export async function findRevocationOfCard(
  q: Queryable,
  cardId: number,
): Promise<Revocation | undefined> {
  const r = await q.get<RevocationRow>('SELECT * FROM revocations WHERE card_id = ?', [cardId]);
  return r ? toRevocation(r) : undefined;
}

/** The revocations of the resident's cards. */
export async function listRevocationsOfResident(
  q: Queryable,
  residentId: number,
): Promise<Revocation[]> {
  const rows = await q.all<RevocationRow>(`SELECT * FROM revocations WHERE ${OF_RESIDENT_CARDS}`, [
    residentId,
  ]);
  return rows.map(toRevocation);
}

/** 穴あけ of a revoked card; a second call leaves the first time in place. */
export async function recordRevocationDestroyed(
  tx: Tx,
  cardId: number,
  clock?: Clock,
): Promise<void> {
  await tx.run(
    'UPDATE revocations SET destroyed_at = ? WHERE card_id = ? AND destroyed_at IS NULL',
    [isoNow(clock), cardId],
  );
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
    /** The new card gets certificates (the usual case); absent: true. */
    readonly withCertificates?: boolean;
    /** The rule set the fee was computed by; absent: recorded before the rule table. */
    readonly ruleSet?: string | null;
    readonly expressCategory?: string | null;
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
        `INSERT INTO reissues (old_card_id, application_id, reason, express, with_certificates,
                               rule_set, express_category, operator_id, procedure_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          r.oldCardId,
          r.applicationId,
          r.reason,
          r.express,
          r.withCertificates !== false,
          r.ruleSet ?? null,
          r.expressCategory ?? null,
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

export interface Reissue {
  readonly id: number;
  readonly oldCardId: number;
  /** The new application the reissue opened (kind 'reissue'). */
  readonly applicationId: number;
  readonly reason: ReissueReason;
  readonly express: boolean;
  readonly withCertificates: boolean;
  /** The rule set of its fee; null when recorded before the rule table. */
  readonly ruleSet: string | null;
  readonly expressCategory: string | null;
  readonly operatorId: number;
  readonly procedureId: string | null;
  readonly createdAt: string;
}

interface ReissueRow {
  id: number;
  old_card_id: number;
  application_id: number;
  reason: ReissueReason;
  express: number;
  with_certificates: number;
  rule_set: string | null;
  express_category: string | null;
  operator_id: number;
  procedure_id: string | null;
  created_at: string;
}

function toReissue(r: ReissueRow): Reissue {
  return {
    id: r.id,
    oldCardId: r.old_card_id,
    applicationId: r.application_id,
    reason: r.reason,
    express: r.express === 1,
    withCertificates: r.with_certificates !== 0,
    ruleSet: r.rule_set,
    expressCategory: r.express_category,
    operatorId: r.operator_id,
    procedureId: r.procedure_id,
    createdAt: r.created_at,
  };
}

/** A card is reissued at most once. */
export async function findReissueOfCard(
  q: Queryable,
  oldCardId: number,
): Promise<Reissue | undefined> {
  const r = await q.get<ReissueRow>('SELECT * FROM reissues WHERE old_card_id = ?', [oldCardId]);
  return r ? toReissue(r) : undefined;
}

/** The reissue whose new application this is. */
export async function findReissueOfApplication(
  q: Queryable,
  applicationId: number,
): Promise<Reissue | undefined> {
  const r = await q.get<ReissueRow>('SELECT * FROM reissues WHERE application_id = ?', [
    applicationId,
  ]);
  return r ? toReissue(r) : undefined;
}

/** The reissue a procedure recorded in its last step. */
export async function findReissueOfProcedure(
  q: Queryable,
  procedureId: string,
): Promise<Reissue | undefined> {
  const r = await q.get<ReissueRow>('SELECT * FROM reissues WHERE procedure_id = ?', [procedureId]);
  return r ? toReissue(r) : undefined;
}

/** The reissues of the resident's cards. */
export async function listReissuesOfResident(q: Queryable, residentId: number): Promise<Reissue[]> {
  const rows = await q.all<ReissueRow>(
    'SELECT * FROM reissues WHERE old_card_id IN (SELECT id FROM cards WHERE resident_id = ?)',
    [residentId],
  );
  return rows.map(toReissue);
}

export interface FeeRecord {
  readonly id: number;
  readonly reissueId: number;
  readonly amountYen: number;
  readonly status: Fee['status'];
  readonly waiverReason: string | null;
  readonly operatorId: number;
  readonly recordedAt: string;
}

export async function listFeesOfReissue(q: Queryable, reissueId: number): Promise<FeeRecord[]> {
  const rows = await q.all<{
    id: number;
    reissue_id: number;
    amount_yen: number;
    status: Fee['status'];
    waiver_reason: string | null;
    operator_id: number;
    recorded_at: string;
  }>('SELECT * FROM fees WHERE reissue_id = ?', [reissueId]);
  return rows.map((r) => ({
    id: r.id,
    reissueId: r.reissue_id,
    amountYen: r.amount_yen,
    status: r.status,
    waiverReason: r.waiver_reason,
    operatorId: r.operator_id,
    recordedAt: r.recorded_at,
  }));
}
