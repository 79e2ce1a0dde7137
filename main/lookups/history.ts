// Finding a resident at the counter (by the 交付通知書, by a card, by name and birth date) with what
// can be started for them, and the resident's page (history): all their applications, cards,
// certificates, procedures, approvals, suspensions, revocations, reissues and fees.
import {
  APPROVAL_ACTIONS,
  type ApprovalAction,
  type LifeCardDto,
  type LifeCertificateDto,
  type LifeNextAction,
  type ResidentHistoryDto,
  type TimelineEntryDto,
  type TimelineEvent,
} from '../../preload/contract/lifecycle';
import type { ResidentMatchDto } from '../../preload/contract/procedure';
import { isRenewalOpen } from '../../preload/contract/rules/validity';
import { parseIsoDate } from '../card/domain';
import type { Db } from '../db/connection';
import {
  findApplicationByNotice,
  listApplicationsOfResident,
} from '../db/repositories/applications';
import { listApprovalsOfResident } from '../db/repositories/approvals';
import {
  listFeesOfReissue,
  listReissuesOfResident,
  listRevocationsOfResident,
  listSuspensionsOfResident,
} from '../db/repositories/card-events';
import { findCardBySerial, listCardsOfResident, type Card } from '../db/repositories/cards';
import { listCertificatesOfCard, type Certificate } from '../db/repositories/certificates';
import {
  listOpenProceduresOfResident,
  listProceduresOfResident,
  type Procedure,
} from '../db/repositories/journal';
import { listOperators } from '../db/repositories/operators';
import { getResident, searchResidents } from '../db/repositories/residents';
import {
  applicationSummary,
  lifeCardOf,
  otherCounterOf,
  residentSummaryOf,
  takeoversOf,
} from '../workflows/procedure/projection';
import { WorkflowRefusal } from '../workflows/refusal';
import { lookAlikesOf } from './look-alikes';
import type { NoticeLedger } from './notice-ledger';
import { reprintableDocuments } from '../workflows/steps/printed-documents';

export interface LookupDeps {
  db(): Db;
  now(): Date;
  operatorId(): number;
  /** Where a lookup by the 交付通知書 is noted, for the 交付's start to see. */
  readonly ledger?: NoticeLedger;
  /** This counter's number in an office database (undefined on a counter's own file). */
  readonly counterNumber?: number;
}

/** What the clerk should do next with a card, from the database alone. */
export function nextActionsOf(
  card: Card,
  certificates: readonly Certificate[],
  replaced: boolean,
  now: Date,
): LifeNextAction[] {
  switch (card.state) {
    case 'received':
    case 'prepared':
      return ['issue-card'];
    case 'suspended':
      return ['release-suspension'];
    case 'terminated': {
      const out: LifeNextAction[] = [];
      if (card.destroyedAt === null) out.push('record-return');
      if (!replaced) out.push('reissue');
      return out.length > 0 ? out : ['none'];
    }
    case 'issued': {
      const live = certificates.filter((c) => c.status === 'issued' || c.status === 'expired');
      const due = live.some(
        (c) => c.status === 'expired' || isRenewalOpen(new Date(c.notAfter), now),
      );
      return due ? ['renew-certificates'] : ['none'];
    }
  }
}

const CERTIFICATE_EVENT = {
  issued: 'certificate-issued',
  on_hold: 'certificate-on-hold',
  revoked: 'certificate-revoked',
  expired: 'certificate-expired',
} as const satisfies Record<Certificate['status'], TimelineEvent>;

/** An approval's action as recorded, when this build has words for it. */
function approvalAction(action: string): ApprovalAction | undefined {
  return APPROVAL_ACTIONS.find((a) => a === action);
}

/**
 * The card, certificate and application records carry no procedure: each is given the resident's
 * procedure that was open when it was written (on the same card, when the procedure has one), so
 * that one visit reads as one entry.
 */
function withinProcedures(
  entries: readonly TimelineEntryDto[],
  procedures: readonly Procedure[],
  serialOf: ReadonlyMap<number, string>,
): TimelineEntryDto[] {
  // The completing transaction stamps each of its writes with its own read of the clock: a card
  // issued as the procedure ends is a few milliseconds after its end.
  const GRACE_MS = 2_000;
  const endOf = (p: Procedure) =>
    p.endedAt === null ? Infinity : Date.parse(p.endedAt) + GRACE_MS;
  return entries.map((e) => {
    if (e.procedureId !== null) return e;
    const during = procedures.find(
      (p) =>
        p.startedAt <= e.at &&
        Date.parse(e.at) <= endOf(p) &&
        (p.cardId === null || e.cardSerial === null || serialOf.get(p.cardId) === e.cardSerial),
    );
    return during ? { ...e, procedureId: during.id } : e;
  });
}

/** A 再交付 of the card is recorded or its new card is here: it is not offered again. */
function reissueRecordedOf(card: LifeCardDto): boolean {
  return (
    card.replacedBySerial !== null ||
    card.actions.some((a) => a.action === 'reissue' && a.refusal !== null)
  );
}

function certificateDto(c: Certificate): LifeCertificateDto {
  return {
    kind: c.kind,
    serial: c.serial,
    notAfter: c.notAfter,
    status: c.status,
    revocationReason: c.revocationReason,
  };
}

export function createLookups(deps: LookupDeps) {
  /** The resident with their applications (newest first) and cards; `only`: one application. */
  async function matchOf(residentId: number, only?: number): Promise<ResidentMatchDto> {
    const db = deps.db();
    const now = deps.now();
    const resident = await getResident(db, residentId);
    const apps = (await listApplicationsOfResident(db, residentId))
      .filter((a) => only === undefined || a.id === only)
      .reverse();
    const cards = await listCardsOfResident(db, residentId);
    return {
      resident: residentSummaryOf(resident, now),
      applications: await Promise.all(
        apps.map((a) => applicationSummary(db, a, now, deps.counterNumber)),
      ),
      cards: await Promise.all(cards.map((c) => lifeCardOf(db, c, now, deps.counterNumber))),
      lookAlikes: await lookAlikesOf(db, residentId, now),
    };
  }

  function birthDateOf(text: string) {
    try {
      return parseIsoDate(text);
    } catch {
      throw new WorkflowRefusal('validation', 'birthDate');
    }
  }

  async function timeline(residentId: number): Promise<TimelineEntryDto[]> {
    const db = deps.db();
    const names = new Map((await listOperators(db)).map((o) => [o.id, o.displayName]));
    const who = (id: number | null | undefined) => (id == null ? null : (names.get(id) ?? null));
    const out: TimelineEntryDto[] = [];
    const add = (
      at: string | null,
      kind: TimelineEntryDto['kind'],
      event: TimelineEvent,
      more: Partial<Omit<TimelineEntryDto, 'at' | 'kind' | 'event'>> = {},
    ) => {
      if (!at) return;
      out.push({
        at,
        kind,
        event,
        cardSerial: more.cardSerial ?? null,
        procedureId: more.procedureId ?? null,
        operator: more.operator ?? null,
        detail: more.detail ?? null,
      });
    };

    for (const a of await listApplicationsOfResident(db, residentId)) {
      add(a.createdAt, 'application', `application-${a.kind}`, { detail: a.noticeNumber });
      if (a.status !== 'pending')
        add(a.statusChangedAt, 'application', `application-${a.status}`, {
          detail: a.noticeNumber,
        });
    }

    const cards = await listCardsOfResident(db, residentId);
    const serialOf = new Map(cards.map((c) => [c.id, c.serial]));
    for (const c of cards) {
      const cardSerial = c.serial;
      add(c.receivedAt, 'card', 'card-received', { cardSerial });
      add(c.issuedAt, 'card', 'card-issued', { cardSerial });
      add(c.terminatedAt, 'card', 'card-terminated', { cardSerial });
      add(c.destroyedAt, 'card', 'card-destroyed', { cardSerial });
      for (const cert of await listCertificatesOfCard(db, c.id)) {
        add(cert.notBefore, 'certificate', 'certificate-issued', { cardSerial, detail: cert.kind });
        if (cert.status !== 'issued')
          add(cert.statusChangedAt, 'certificate', CERTIFICATE_EVENT[cert.status], {
            cardSerial,
            detail: cert.revocationReason ? `${cert.kind}:${cert.revocationReason}` : cert.kind,
          });
      }
    }

    const procedures = await listProceduresOfResident(db, residentId);
    for (const p of procedures) {
      const base = {
        procedureId: p.id,
        operator: who(p.operatorId),
        cardSerial: p.cardId ? (serialOf.get(p.cardId) ?? null) : null,
      };
      add(p.startedAt, 'procedure', `procedure-${p.kind}`, { ...base, detail: 'started' });
      if (p.status !== 'open')
        add(p.endedAt, 'procedure', `procedure-${p.kind}`, { ...base, detail: p.status });
    }

    for (const a of await listApprovalsOfResident(db, residentId)) {
      const action = approvalAction(a.action);
      // The channel accepts only the known actions: another comes from a newer build's database.
      if (!action) continue;
      add(a.approvedAt, 'approval', `approval-${action}`, {
        procedureId: a.procedureId,
        operator: who(a.approverId),
      });
    }

    for (const s of await listSuspensionsOfResident(db, residentId)) {
      const cardSerial = serialOf.get(s.cardId) ?? null;
      add(s.recordedAt, 'suspension', 'suspension-registered', {
        cardSerial,
        procedureId: s.procedureId,
        operator: who(s.operatorId),
        detail: `${s.reportedBy}:${s.how}`,
      });
      add(s.releasedAt, 'suspension', 'suspension-released', {
        cardSerial,
        operator: who(s.releasedBy),
      });
    }
    for (const r of await listRevocationsOfResident(db, residentId))
      add(r.revokedAt, 'revocation', 'card-revoked', {
        cardSerial: serialOf.get(r.cardId) ?? null,
        procedureId: r.procedureId,
        operator: who(r.operatorId),
        detail: r.reason,
      });
    for (const r of await listReissuesOfResident(db, residentId)) {
      const cardSerial = serialOf.get(r.oldCardId) ?? null;
      add(r.createdAt, 'reissue', 'reissue-recorded', {
        cardSerial,
        procedureId: r.procedureId,
        operator: who(r.operatorId),
        detail: r.express ? `${r.reason}:express` : r.reason,
      });
      for (const f of await listFeesOfReissue(db, r.id))
        add(f.recordedAt, 'fee', `fee-${f.status}`, {
          cardSerial,
          procedureId: r.procedureId,
          operator: who(f.operatorId),
          detail: f.status === 'paid' ? String(f.amountYen) : f.waiverReason,
        });
    }
    // Newest first; the same instant keeps the order of the card's life reversed.
    return withinProcedures(out, procedures, serialOf)
      .map((e, i) => ({ e, i }))
      .sort((a, b) => b.e.at.localeCompare(a.e.at) || b.i - a.i)
      .map((x) => x.e);
  }

  return {
    /** The 交付通知書 number and the birth date: both must match; the answer never says which did not. */
    async byNotice(noticeNumber: string, birthDate: string): Promise<ResidentMatchDto> {
      const db = deps.db();
      const app = await findApplicationByNotice(db, noticeNumber);
      if (!app) throw new WorkflowRefusal('application-not-found');
      const resident = await getResident(db, app.residentId);
      if (resident.birthDate !== birthDate) throw new WorkflowRefusal('application-not-found');
      // The number was entered: this 交付 may start even beside a look-alike.
      deps.ledger?.record(deps.operatorId(), app.id);
      return matchOf(resident.id, app.id);
    },

    async bySerial(serial: string): Promise<ResidentMatchDto> {
      const card = await findCardBySerial(deps.db(), serial.normalize('NFKC').trim());
      if (!card) throw new WorkflowRefusal('not-found', 'card');
      return matchOf(card.residentId);
    },

    /** Part of the name (kana or kanji) and the birth date, never the name alone. */
    async byName(name: string, birthDate: string): Promise<ResidentMatchDto[]> {
      const date = birthDateOf(birthDate);
      const isKana = /^[\u3041-\u30ff\uff66-\uff9f\s\u3000・ー]+$/.test(name);
      const criteria = isKana
        ? { kanaPrefix: name, birthDate: date }
        : { kanjiName: name, birthDate: date };
      const residents = await searchResidents(deps.db(), criteria, 1, 20);
      return Promise.all(residents.items.map((r) => matchOf(r.id)));
    },

    async history(residentId: number): Promise<ResidentHistoryDto> {
      const db = deps.db();
      let found;
      try {
        found = await matchOf(residentId);
      } catch {
        throw new WorkflowRefusal('not-found', 'resident');
      }
      const now = deps.now();
      const cards = await listCardsOfResident(db, residentId);
      const withMore = await Promise.all(
        found.cards.map(async (dto, i) => {
          const certs = await listCertificatesOfCard(db, dto.id);
          return {
            ...dto,
            certificates: certs.map(certificateDto),
            nextActions: nextActionsOf(cards[i]!, certs, reissueRecordedOf(dto), now),
          };
        }),
      );
      const open = await listOpenProceduresOfResident(db, residentId);
      return {
        resident: found.resident,
        cards: withMore,
        openProcedures: open.map((p) => ({
          procedureId: p.id,
          kind: p.kind,
          startedAt: p.startedAt,
          otherCounter: otherCounterOf(p.counterNumber, deps.counterNumber),
        })),
        timeline: await timeline(residentId),
        reprints: await reprintableDocuments(db, await listProceduresOfResident(db, residentId)),
        takeovers: await takeoversOf(db, { residentId }),
      };
    },
  };
}
