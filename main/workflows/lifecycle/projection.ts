// The database side of a LifeProcedureDto, shared by every workflow of the card's later life: the
// resident summary, the card with the serials it replaces / was replaced by, the approver's name.
import type { ResidentSummaryDto } from '../../../preload/contract/issuance';
import type { LifeCardDto, LifeProcedureDto } from '../../../preload/contract/lifecycle';
import type { Queryable } from '../../db/connection';
import { findCard, findReplacementOfCard, getCard, type Card } from '../../db/repositories/cards';
import { getApproval } from '../../db/repositories/approvals';
import { getOperator } from '../../db/repositories/operators';
import { getResident, type Resident } from '../../db/repositories/residents';
import type { Procedure } from '../../db/repositories/journal';
import { ageOn, japanToday } from '../steps/journal';

export function residentSummaryOf(r: Resident, now: Date): ResidentSummaryDto {
  return {
    id: r.id,
    kanjiName: r.kanjiName,
    kanaName: r.kanaName,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, japanToday(now)),
    sex: r.sex,
    address: r.address,
  };
}

export async function residentSummary(
  q: Queryable,
  residentId: number,
  now: Date,
): Promise<ResidentSummaryDto> {
  return residentSummaryOf(await getResident(q, residentId), now);
}

/** A card as the clerk sees it, with its place in a chain of reissues. */
export async function lifeCardOf(q: Queryable, cardOrId: Card | number): Promise<LifeCardDto> {
  const card = typeof cardOrId === 'number' ? await getCard(q, cardOrId) : cardOrId;
  const replaces =
    card.replacesCardId === null ? undefined : await findCard(q, card.replacesCardId);
  const replacedBy = await findReplacementOfCard(q, card.id);
  return {
    id: card.id,
    serial: card.serial,
    state: card.state,
    expiry: card.expiry,
    issuedAt: card.issuedAt,
    terminatedAt: card.terminatedAt,
    destroyedAt: card.destroyedAt,
    replacesSerial: replaces?.serial ?? null,
    replacedBySerial: replacedBy?.serial ?? null,
  };
}

/** The approver's display name of an approval, or null. */
export async function approverName(
  q: Queryable,
  approvalId: number | null,
): Promise<string | null> {
  if (approvalId === null) return null;
  const approval = await getApproval(q, approvalId);
  return (await getOperator(q, approval.approverId)).displayName;
}

/** What the workflow's own state says; everything else comes from the database. */
export type LifeProcedureParts = Pick<LifeProcedureDto, 'step'> &
  Partial<
    Omit<
      LifeProcedureDto,
      'procedureId' | 'kind' | 'resident' | 'card' | 'startedAt' | 'completedAt' | 'approvedBy'
    >
  > & {
    /** The approval recorded in this procedure: its approver's name becomes approvedBy. */
    readonly approvalId?: number | null;
  };

/**
 * The LifeProcedureDto of a procedure row (its resident and card must be set) and the
 * workflow's parts; parts left out are null / false.
 */
export async function projectLifeProcedure(
  q: Queryable,
  procedure: Procedure,
  now: Date,
  parts: LifeProcedureParts,
): Promise<LifeProcedureDto> {
  if (procedure.cardId === null || procedure.residentId === null)
    throw new Error('a procedure of the card’s later life has a card and a resident');
  const { approvalId = null, ...rest } = parts;
  return {
    procedureId: procedure.id,
    kind: procedure.kind as LifeProcedureDto['kind'],
    resident: await residentSummary(q, procedure.residentId, now),
    card: await lifeCardOf(q, procedure.cardId),
    startedAt: procedure.startedAt,
    completedAt: procedure.status === 'open' ? null : procedure.endedAt,
    documents: null,
    faceRequired: false,
    face: null,
    matchedSerial: null,
    needsCard: false,
    plan: null,
    pins: null,
    certificates: null,
    suspension: null,
    revocation: null,
    reissue: null,
    renewal: null,
    notice: null,
    ...rest,
    approvedBy: await approverName(q, approvalId),
  };
}
