// The database side of what the clerk window shows of a procedure or a lookup: the resident
// summary, an application, a card with the cards it replaces or was replaced by, an approver.
import { recordedCardKind } from '../steps/card-kind-record';
import type { ApplicationSummaryDto, ResidentSummaryDto } from '../../../preload/contract/issuance';
import type { LifeCardDto, TakeoverDto } from '../../../preload/contract/lifecycle';
import type { Queryable } from '../../db/connection';
import { cardActions } from '../../../preload/contract/rules/card-actions';
import { getApproval } from '../../db/repositories/approvals';
import { findReissueOfCard } from '../../db/repositories/card-events';
import type { CardApplication } from '../../db/repositories/applications';
import {
  findCard,
  findCardOfApplication,
  findReplacementOfCard,
  getCard,
  type Card,
} from '../../db/repositories/cards';
import { listCertificatesOfCard } from '../../db/repositories/certificates';
import {
  findOpenProcedureOfApplication,
  listOpenProceduresOfCard,
  listTakeovers,
  type Procedure,
} from '../../db/repositories/journal';
import { getOperator } from '../../db/repositories/operators';
import { getResident, type Resident } from '../../db/repositories/residents';
import { ageOn, isUnder15 as under15On } from '../../../preload/contract/rules/age';
import { japanDate } from '../../../preload/contract/rules/validity';
import { WorkflowRefusal } from '../refusal';

export function residentSummaryOf(r: Resident, now: Date): ResidentSummaryDto {
  return {
    id: r.id,
    kanjiName: r.kanjiName,
    kanaName: r.kanaName,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, japanDate(now)),
    sex: r.sex,
    address: r.address,
  };
}

/** Under 15 on the counter's calendar today: no signing certificate, a representative comes. */
export function isUnder15(birthDate: string, now: Date): boolean {
  return under15On(birthDate, japanDate(now));
}

/**
 * An application as the clerk sees it: the resident, its card, an unfinished 交付 of it and which
 * other office counter holds that (`here`: this counter's number, undefined on its own file).
 */
export async function applicationSummary(
  q: Queryable,
  app: CardApplication,
  now: Date,
  here: number | undefined,
): Promise<ApplicationSummaryDto> {
  const resident = residentSummaryOf(await getResident(q, app.residentId), now);
  const card = await findCardOfApplication(q, app.id);
  const open = await findOpenProcedureOfApplication(q, 'issuance', app.id);
  const delivery = await findOpenProcedureOfApplication(q, 'representative', app.id);
  return {
    id: app.id,
    noticeNumber: app.noticeNumber,
    kind: app.kind,
    status: app.status,
    resident,
    card: card ? { serial: card.serial, state: card.state, expiry: card.expiry } : null,
    under15: resident.age < 15,
    openProcedureId: open?.id ?? null,
    openOtherCounter: open ? otherCounterOf(open.counterNumber, here) : null,
    openDeliveryId: delivery?.id ?? null,
    deliveryOtherCounter: delivery ? otherCounterOf(delivery.counterNumber, here) : null,
  };
}

/**
 * A card as the clerk sees it, with its place in a chain of reissues, what it allows now and its
 * procedures open at another office counter (`here`: this counter, undefined on its own file).
 */
export async function lifeCardOf(
  q: Queryable,
  cardOrId: Card | number,
  now: Date,
  here: number | undefined,
): Promise<LifeCardDto> {
  const card = typeof cardOrId === 'number' ? await getCard(q, cardOrId) : cardOrId;
  const replaces =
    card.replacesCardId === null ? undefined : await findCard(q, card.replacesCardId);
  const replacedBy = await findReplacementOfCard(q, card.id);
  const actions = cardActions(
    {
      state: card.state,
      destroyed: card.destroyedAt !== null,
      reissueRecorded: (await findReissueOfCard(q, card.id)) !== undefined,
      certificates: await listCertificatesOfCard(q, card.id),
      kind: await recordedCardKind(q, card.id),
    },
    now,
  );
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
    actions,
    openElsewhere: (await listOpenProceduresOfCard(q, card.id)).flatMap((p) => {
      const counter = otherCounterOf(p.counterNumber, here);
      return counter === null ? [] : [{ procedureId: p.id, kind: p.kind, counter }];
    }),
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

/**
 * The takeovers from another office counter of one procedure, or of a resident's procedures,
 * oldest first, with the approving 責任者's name.
 */
export async function takeoversOf(
  q: Queryable,
  of: Parameters<typeof listTakeovers>[1],
): Promise<(TakeoverDto & { readonly procedureId: string })[]> {
  const out: (TakeoverDto & { readonly procedureId: string })[] = [];
  for (const r of await listTakeovers(q, of))
    out.push({
      procedureId: r.procedureId,
      fromCounter: r.from,
      toCounter: r.to,
      approvedBy: (await approverName(q, r.approvalId)) ?? '',
      at: r.at,
    });
  return out;
}

/** The takeover that last moved the procedure to another counter, or null when it never moved. */
export async function lastTakeover(q: Queryable, procedureId: string): Promise<TakeoverDto | null> {
  const last = (await takeoversOf(q, { procedureId })).at(-1);
  if (!last) return null;
  const { procedureId: _ofIt, ...takeover } = last;
  return takeover;
}

/**
 * The other office counter that holds an open procedure (its number), or null: this counter holds
 * it, or the file has no counters (`here` undefined and nothing recorded).
 */
export function otherCounterOf(holder: number | null, here: number | undefined): number | null {
  return holder !== null && holder !== (here ?? null) ? holder : null;
}

/**
 * The refusal of a procedure another office counter holds: its number, and the procedure named, so
 * that the clerk's screen can offer a 責任者's takeover of that very procedure.
 */
export async function otherCounterRefusal(
  q: Queryable,
  counter: number,
  p: Procedure,
): Promise<WorkflowRefusal> {
  const resident = p.residentId === null ? null : await getResident(q, p.residentId);
  return new WorkflowRefusal('other-counter-open', String(counter), {
    openProcedure: {
      procedureId: p.id,
      kind: p.kind,
      residentName: resident?.kanjiName ?? '',
      startedAt: p.startedAt,
    },
  });
}
