// Finding cards and residents for the card's later life, and the resident's page (history): all
// their cards, certificates, procedures, approvals, suspensions, revocations, reissues and fees.
import type {
  CardLookupDto,
  LifeCertificateDto,
  LifeKind,
  LifeNextAction,
  ResidentHistoryDto,
  TimelineEntryDto,
} from '../../../preload/contract/lifecycle';
import { isRenewalOpen } from '../../../preload/contract/rules/validity';
import { parseIsoDate } from '../../card/domain';
import type { Db } from '../../db/connection';
import { findCardBySerial, listCardsOfResident, type Card } from '../../db/repositories/cards';
import { listCertificatesOfCard, type Certificate } from '../../db/repositories/certificates';
import { getResident, searchResidents } from '../../db/repositories/residents';
import { WorkflowRefusal } from '../refusal';
import { lifeCardOf, residentSummaryOf } from './projection';

export interface LifeQueryDeps {
  db(): Db;
  now(): Date;
  operatorId(): number;
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

function certificateDto(c: Certificate): LifeCertificateDto {
  return {
    kind: c.kind,
    serial: c.serial,
    notAfter: c.notAfter,
    status: c.status,
    revocationReason: c.revocationReason,
  };
}

export function createLifeQueries(deps: LifeQueryDeps) {
  async function lookup(residentId: number): Promise<CardLookupDto> {
    const db = deps.db();
    const resident = await getResident(db, residentId);
    const cards = await listCardsOfResident(db, residentId);
    return {
      resident: residentSummaryOf(resident, deps.now()),
      cards: await Promise.all(cards.map((c) => lifeCardOf(db, c))),
    };
  }

  async function timeline(residentId: number): Promise<TimelineEntryDto[]> {
    const db = deps.db();
    const names = new Map(
      (
        await db.all<{ id: number; display_name: string }>('SELECT id, display_name FROM operators')
      ).map((o) => [o.id, o.display_name]),
    );
    const who = (id: number | null | undefined) => (id == null ? null : (names.get(id) ?? null));
    const out: TimelineEntryDto[] = [];
    const add = (
      at: string | null,
      kind: TimelineEntryDto['kind'],
      event: string,
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

    for (const a of await db.all<{
      notice_number: string;
      kind: string;
      status: string;
      created_at: string;
      status_changed_at: string;
    }>(
      'SELECT notice_number, kind, status, created_at, status_changed_at FROM card_applications WHERE resident_id = ?',
      [residentId],
    )) {
      add(a.created_at, 'application', `application-${a.kind}`, { detail: a.notice_number });
      if (a.status !== 'pending')
        add(a.status_changed_at, 'application', `application-${a.status}`, {
          detail: a.notice_number,
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
          add(cert.statusChangedAt, 'certificate', `certificate-${cert.status.replace('_', '-')}`, {
            cardSerial,
            detail: cert.revocationReason ? `${cert.kind}:${cert.revocationReason}` : cert.kind,
          });
      }
    }

    for (const p of await db.all<{
      id: string;
      kind: string;
      status: string;
      operator_id: number;
      card_id: number | null;
      started_at: string;
      ended_at: string | null;
    }>(
      'SELECT id, kind, status, operator_id, card_id, started_at, ended_at FROM procedures WHERE resident_id = ?',
      [residentId],
    )) {
      const base = {
        procedureId: p.id,
        operator: who(p.operator_id),
        cardSerial: p.card_id ? (serialOf.get(p.card_id) ?? null) : null,
      };
      add(p.started_at, 'procedure', `procedure-${p.kind}`, { ...base, detail: 'started' });
      if (p.status !== 'open')
        add(p.ended_at, 'procedure', `procedure-${p.kind}`, { ...base, detail: p.status });
    }

    for (const a of await db.all<{
      procedure_id: string;
      action: string;
      approver_id: number;
      approved_at: string;
    }>(
      `SELECT a.procedure_id, a.action, a.approver_id, a.approved_at FROM approvals a
         JOIN procedures p ON p.id = a.procedure_id WHERE p.resident_id = ?`,
      [residentId],
    ))
      add(a.approved_at, 'approval', `approval-${a.action}`, {
        procedureId: a.procedure_id,
        operator: who(a.approver_id),
      });

    const ofCards = `card_id IN (SELECT id FROM cards WHERE resident_id = ?)`;
    for (const s of await db.all<{
      card_id: number;
      reported_by: string;
      how: string;
      recorded_at: string;
      released_at: string | null;
      operator_id: number;
      released_by: number | null;
      procedure_id: string | null;
    }>(`SELECT * FROM suspensions WHERE ${ofCards}`, [residentId])) {
      const cardSerial = serialOf.get(s.card_id) ?? null;
      add(s.recorded_at, 'suspension', 'suspension-registered', {
        cardSerial,
        procedureId: s.procedure_id,
        operator: who(s.operator_id),
        detail: `${s.reported_by}:${s.how}`,
      });
      add(s.released_at, 'suspension', 'suspension-released', {
        cardSerial,
        operator: who(s.released_by),
      });
    }
    for (const r of await db.all<{
      card_id: number;
      reason: string;
      revoked_at: string;
      operator_id: number;
      procedure_id: string | null;
    }>(`SELECT * FROM revocations WHERE ${ofCards}`, [residentId]))
      add(r.revoked_at, 'revocation', 'card-revoked', {
        cardSerial: serialOf.get(r.card_id) ?? null,
        procedureId: r.procedure_id,
        operator: who(r.operator_id),
        detail: r.reason,
      });
    for (const r of await db.all<{
      id: number;
      old_card_id: number;
      reason: string;
      express: number;
      created_at: string;
      operator_id: number;
      procedure_id: string | null;
    }>(`SELECT * FROM reissues WHERE old_card_id IN (SELECT id FROM cards WHERE resident_id = ?)`, [
      residentId,
    ])) {
      const cardSerial = serialOf.get(r.old_card_id) ?? null;
      add(r.created_at, 'reissue', 'reissue-recorded', {
        cardSerial,
        procedureId: r.procedure_id,
        operator: who(r.operator_id),
        detail: r.express ? `${r.reason}:express` : r.reason,
      });
      for (const f of await db.all<{
        amount_yen: number;
        status: string;
        waiver_reason: string | null;
        recorded_at: string;
        operator_id: number;
      }>('SELECT * FROM fees WHERE reissue_id = ?', [r.id]))
        add(f.recorded_at, 'fee', `fee-${f.status}`, {
          cardSerial,
          procedureId: r.procedure_id,
          operator: who(f.operator_id),
          detail: f.status === 'paid' ? String(f.amount_yen) : f.waiver_reason,
        });
    }
    // Newest first; the same instant keeps the order of the card's life reversed.
    return out
      .map((e, i) => ({ e, i }))
      .sort((a, b) => b.e.at.localeCompare(a.e.at) || b.i - a.i)
      .map((x) => x.e);
  }

  return {
    async findBySerial(serial: string): Promise<CardLookupDto> {
      const card = await findCardBySerial(deps.db(), serial.normalize('NFKC').trim());
      if (!card) throw new WorkflowRefusal('not-found', 'card');
      return lookup(card.residentId);
    },

    async search(name: string, birthDate: string): Promise<CardLookupDto[]> {
      let date;
      try {
        date = parseIsoDate(birthDate);
      } catch {
        throw new WorkflowRefusal('validation', 'birthDate');
      }
      const isKana = /^[\u3041-\u30ff\uff66-\uff9f\s\u3000・ー]+$/.test(name);
      const criteria = isKana
        ? { kanaPrefix: name, birthDate: date }
        : { kanjiName: name, birthDate: date };
      const residents = await searchResidents(deps.db(), criteria, 1, 20);
      return Promise.all(residents.items.map((r) => lookup(r.id)));
    },

    async history(residentId: number): Promise<ResidentHistoryDto> {
      const db = deps.db();
      let found;
      try {
        found = await lookup(residentId);
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
            nextActions: nextActionsOf(cards[i]!, certs, dto.replacedBySerial !== null, now),
          };
        }),
      );
      const open = await db.all<{ id: string; kind: LifeKind | 'issuance'; started_at: string }>(
        `SELECT id, kind, started_at FROM procedures WHERE resident_id = ? AND status = 'open' ORDER BY started_at`,
        [residentId],
      );
      return {
        resident: found.resident,
        cards: withMore,
        openProcedures: open.map((p) => ({
          procedureId: p.id,
          kind: p.kind,
          startedAt: p.started_at,
        })),
        timeline: await timeline(residentId),
      };
    },
  };
}
