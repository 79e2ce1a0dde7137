// 交付 (issuance) in main: runs each step's effects on the card, the database and the authority, with
// the step's journal row and audit row in one transaction, and rebuilds the state from the journal.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FileWrittenDto, PinKind } from '../../../preload/contract/dto';
import type { ErrorCode } from '../../../preload/contract/errors';
import type {
  ApplicationSummaryDto,
  FacePhotosDto,
  IssuanceDto,
  OpenProcedureDto,
  PinCheckDto,
  RepresentativeRelation,
  ResidentPromptDto,
  ResidentSubmitDto,
} from '../../../preload/contract/issuance';
import type { DocumentKind } from '../../../preload/contract/rules/documents';
import { checkPinEntry } from '../../../preload/contract/rules/pins';
import type { Details } from '../../audit/details-guard';
import type { IssuerSession } from '../../authority/issuer-authority';
import type { CardSession } from '../../card/card-service';
import { parseIsoDate, type MyNumber } from '../../card/domain';
import type { Tx } from '../../db/connection';
import {
  findApplicationByNotice,
  getApplication,
  listApplicationsOfResident,
  listIssuableApplications,
  setApplicationStatus,
  type CardApplication,
} from '../../db/repositories/applications';
import { listCertificatesOfCard } from '../../db/repositories/certificates';
import {
  findCardOfApplication,
  getCard,
  transitionCard,
  type Card,
} from '../../db/repositories/cards';
import {
  findOpenProcedureOfApplication,
  listOpenProcedures,
  recordStep,
  setProcedureCard,
  startProcedure,
  type JournalEntry,
  type StepStatus,
} from '../../db/repositories/journal';
import { appendAudit } from '../../audit/audit-log';
import { getOperator } from '../../db/repositories/operators';
import {
  getResident,
  revealMyNumber,
  searchResidents,
  type Resident,
} from '../../db/repositories/residents';
import {
  assertSerial,
  cardNotice,
  matchCardContents as matchContents,
  residentFacts,
} from '../steps/card-match';
import {
  AuthorityFailure,
  certificatePhaseOf,
  myNumberFor,
  runCertificates,
  type CardAccess,
  type CardWorkDeps,
  type Secrets,
} from '../steps/card-work';
import { faceOverrideApproval, readFacePhotos, type PhotoDeps } from '../steps/face-photos';
import {
  ageOn,
  auditOnly,
  commitStep,
  exclusively,
  japanToday,
  newProcedureId,
  readProcedure,
} from '../steps/journal';
import {
  checkSubmitted,
  type PinEntryOwner,
  type PinHub,
  type SubmittedValues,
} from '../steps/pin-hub';
import { setSecret } from '../steps/pin-ops';
import {
  initialState,
  isOpen,
  IssuanceRefusal,
  requiredKeyKinds,
  transition,
  type IssuanceEvent,
  type IssuanceState,
} from './state';
import type { DeferralSlipData, ReceiptData } from '../../documents';

export type { CardAccess, PhotoDeps };
export { ageOn };

/** The printed documents (main/documents, loaded on first use). */
export interface DocumentDeps {
  writeReceiptPdf(path: string, data: ReceiptData): Promise<{ bytes: number }>;
  writeDeferralSlipPdf(path: string, data: DeferralSlipData): Promise<{ bytes: number }>;
}

export interface IssuanceDeps extends CardWorkDeps {
  emitUpdated(dto: IssuanceDto): void;
  emitPrompt(prompt: ResidentPromptDto | null): void;
  /** The resident window's one PIN entry, shared with the later procedures. */
  pinHub: PinHub;
  photos(): Promise<PhotoDeps>;
  documents(): Promise<DocumentDeps>;
  /** Where receipts and slips are written. */
  receiptsDir: string;
  practice: boolean;
  municipality: { readonly name: string; readonly code: string };
}

interface Live {
  state: IssuanceState;
  readonly applicationId: number;
  readonly residentId: number;
  readonly cardId: number;
  readonly noticeNumber: string;
  readonly birthDate: string;
  readonly startedAt: string;
  readonly operatorId: number;
  /** The reader the PIN entry was opened for: the values go to the card in it. */
  reader: string | null;
  busy: boolean;
}

export type IssuanceWorkflow = ReturnType<typeof createIssuanceWorkflow>;

export function createIssuanceWorkflow(deps: IssuanceDeps) {
  const live = new Map<string, Live>();

  // ---- reading the database ----

  async function summary(app: CardApplication): Promise<ApplicationSummaryDto> {
    const db = deps.db();
    const resident = await getResident(db, app.residentId);
    const card = await findCardOfApplication(db, app.id);
    const open = await findOpenProcedureOfApplication(db, 'issuance', app.id);
    const age = ageOn(resident.birthDate, japanToday(deps.now()));
    return {
      id: app.id,
      noticeNumber: app.noticeNumber,
      kind: app.kind,
      status: app.status,
      resident: {
        id: resident.id,
        kanjiName: resident.kanjiName,
        kanaName: resident.kanaName,
        birthDate: resident.birthDate,
        age,
        sex: resident.sex,
        address: resident.address,
      },
      card: card ? { serial: card.serial, state: card.state, expiry: card.expiry } : null,
      under15: age < 15,
      openProcedureId: open?.id ?? null,
    };
  }

  function toDto(l: Live, application: ApplicationSummaryDto): IssuanceDto {
    const s = l.state;
    return {
      procedureId: s.procedureId,
      step: s.kind,
      application,
      documents: s.documents
        ? {
            kinds: s.documents.kinds,
            guardianship: s.documents.guardianship,
            representative: s.documents.representative,
          }
        : null,
      matchedSerial: s.matchedSerial,
      face: s.face,
      pins: {
        required: s.pins.required,
        entryOpen: s.pins.entryOpen,
        current: s.pins.current,
        attempts: s.pins.attempts,
        accepted: s.pins.accepted,
      },
      certificates: { phase: s.phase, signing: !s.under15 },
      needsCard: s.needsCard,
      notice: s.notice ? { ...s.notice } : null,
      handover: s.handover,
    };
  }

  async function dtoOf(l: Live): Promise<IssuanceDto> {
    return toDto(l, await summary(await getApplication(deps.db(), l.applicationId)));
  }

  async function publish(l: Live): Promise<IssuanceDto> {
    const dto = await dtoOf(l);
    deps.emitUpdated(dto);
    return dto;
  }

  /** Replays the journal: each row is the fact of one step, in order. */
  function replay(id: string, under15: boolean, entries: readonly JournalEntry[]): IssuanceState {
    let s = initialState(id, under15);
    const apply = (e: IssuanceEvent) => {
      s = transition(s, e);
    };
    for (const row of entries) {
      const d = row.data as Record<string, unknown>;
      const phase = certificatePhaseOf(row.step, d);
      if (phase) {
        apply(phase);
        continue;
      }
      switch (row.step) {
        case 'documents':
          apply({
            type: 'documents-recorded',
            kinds: d.kinds as DocumentKind[],
            guardianship: d.guardianship === true,
            representative: (d.representative ?? null) as {
              relation: RepresentativeRelation;
              kinds: DocumentKind[];
            } | null,
          });
          break;
        case 'card':
          apply({ type: 'card-matched', serial: String(d.serial) });
          break;
        case 'face':
          apply({ type: 'face-decided', decision: d.decision === 'match' ? 'match' : 'mismatch' });
          break;
        case 'face-override':
          apply({ type: 'face-overridden' });
          break;
        case 'pins':
          if (s.needsCard && s.matchedSerial)
            apply({ type: 'card-matched', serial: s.matchedSerial });
          apply({ type: 'pin-entry-opened' });
          apply({ type: 'pins-submitted' });
          apply({ type: 'pins-set' });
          break;
        case 'certificates': {
          // The card work stopped; before its 'pins' row (pulled while the PINs were set) the
          // procedure never left the PIN step.
          const notice = { code: String(d.code) as ErrorCode };
          if (s.kind === 'certificates') apply({ type: 'card-failed', notice });
          else if (s.kind === 'pins') apply({ type: 'needs-card', notice });
          break;
        }
        case 'parked':
          apply({ type: 'authority-failed', notice: { code: String(d.code) as ErrorCode } });
          break;
        case 'resumed':
          apply({ type: 'resumed' });
          break;
        case 'handover':
          apply({
            type: 'handed-over',
            at: row.at,
            collectedJukiCard: d.collectedJukiCard === true,
            collectedNotificationCard: d.collectedNotificationCard === true,
          });
          break;
        case 'cancelled':
          apply({ type: 'cancelled' });
          break;
        default:
          break; // 'started' and rows of later versions carry no state of this one
      }
    }
    return s;
  }

  async function load(procedureId: string): Promise<Live> {
    const cached = live.get(procedureId);
    if (cached) return cached;
    const db = deps.db();
    const {
      procedure: p,
      rows: entries,
      under15,
    } = await readProcedure(db, procedureId, 'issuance');
    if (p.applicationId === null || p.residentId === null)
      throw new IssuanceRefusal('not-found', 'procedure');
    let state = replay(procedureId, under15, entries);
    // Nothing about the card in the reader is known after a restart: it is read again first.
    if (p.status === 'open') {
      if (state.kind === 'certificates' || ['face', 'face-mismatch', 'pins'].includes(state.kind))
        state = transition(state, { type: 'needs-card' });
    } else if (state.kind !== 'completed' && state.kind !== 'cancelled') {
      state = transition(state, { type: 'cancelled' });
    }
    const app = await getApplication(db, p.applicationId);
    const resident = await getResident(db, p.residentId);
    const card = await findCardOfApplication(db, p.applicationId);
    const l: Live = {
      state,
      applicationId: p.applicationId,
      residentId: p.residentId,
      cardId: p.cardId ?? card?.id ?? 0,
      noticeNumber: app.noticeNumber,
      birthDate: resident.birthDate,
      startedAt: p.startedAt,
      operatorId: p.operatorId,
      reader: null,
      busy: false,
    };
    live.set(procedureId, l);
    return l;
  }

  async function exclusive<T>(procedureId: string, work: (l: Live) => Promise<T>): Promise<T> {
    return exclusively(await load(procedureId), work);
  }

  /** One step: its effects, its journal row and its audit row in one transaction. */
  async function commit(
    l: Live,
    step: string,
    status: StepStatus,
    data: Details,
    effects?: (tx: Tx) => Promise<void>,
    end?: 'completed' | 'cancelled',
    /** What the audit row says, when not the journal data (no key or certificate bytes). */
    auditDetails: Details = data,
  ): Promise<void> {
    await commitStep(deps, target(l), {
      step,
      status,
      data,
      audit: auditDetails,
      ...(effects ? { effects } : {}),
      ...(end ? { end } : {}),
    });
  }

  function target(l: Live) {
    return {
      procedureId: l.state.procedureId,
      prefix: 'issuance',
      residentId: l.residentId,
      cardId: l.cardId || null,
    };
  }

  function promptOf(l: Live): ResidentPromptDto {
    return {
      procedureId: l.state.procedureId,
      required: l.state.pins.required,
      resume: l.state.pins.resume,
      purpose: 'issuance',
      modes: Object.fromEntries(l.state.pins.required.map((k) => [k, 'new' as const])),
      triesLeft: {},
    };
  }

  /** The procedure that owns the resident window's open entry, when it is an issuance. */
  function openEntry(): Live | null {
    for (const l of live.values()) if (l.state.kind === 'pins' && l.state.pins.entryOpen) return l;
    return null;
  }

  function closePromptIf(wasOpen: boolean, l: Live): void {
    if (wasOpen && !(l.state.kind === 'pins' && l.state.pins.entryOpen)) deps.emitPrompt(null);
  }

  /** The hub's view of one issuance's entry. */
  function ownerOf(l: Live): PinEntryOwner {
    return {
      procedureId: l.state.procedureId,
      isOpen: () => l.state.kind === 'pins' && l.state.pins.entryOpen,
      isBusy: () => l.busy,
      prompt: () => promptOf(l),
      checkPin: (kind, value, confirmation) => checkPin(l, kind, value, confirmation),
      submit: (values) => submitPins(l, values),
      closeStale: async () => {
        l.state = transition(l.state, { type: 'needs-card' });
        await publish(l);
      },
    };
  }

  async function dbCard(l: Live): Promise<Card> {
    return getCard(deps.db(), l.cardId);
  }

  const myNumberOf = (l: Live, purpose: string) => myNumberFor(deps, l.residentId, purpose);

  /** 照合番号A on the text application: the card proves it holds this resident's 個人番号. */
  async function matchCardContents(ch: CardSession, l: Live): Promise<void> {
    const resident = await getResident(deps.db(), l.residentId);
    const myNumber = await myNumberOf(l, 'issuance-card-match');
    if ((await matchContents(ch, residentFacts(resident), myNumber)) !== 'match')
      throw new IssuanceRefusal('card-facts-mismatch', 'facts');
  }

  // ---- the certificate step: PINs, keys, certificates, read-back, test signatures ----

  async function setPhase(l: Live, e: IssuanceEvent): Promise<void> {
    l.state = transition(l.state, e);
    await publish(l);
  }

  async function runCardWork(l: Live, reader: string, secrets: Secrets): Promise<void> {
    const card = await dbCard(l);
    const resident = await getResident(deps.db(), l.residentId);
    const holder = residentFacts(resident);
    const authority = await deps.authority();
    await deps.cards.withCard(reader, async (session) => {
      assertSerial(session.serial, card.serial);
      const issuer: IssuerSession = await authority.openIssuerSession(session);
      for (const kind of l.state.pins.required) {
        const value = secrets[kind];
        if (value === undefined) throw new IssuanceRefusal('pin-format', kind);
        await setSecret(issuer, kind, value);
      }
      await commit(l, 'pins', 'completed', { kinds: [...l.state.pins.required] });
      await setPhase(l, { type: 'pins-set' });

      await runCertificates({
        session,
        issuer,
        authority,
        kinds: requiredKeyKinds(l.state.under15),
        journaledKeys: l.state.keys,
        secrets,
        label: `交付 ${l.state.procedureId}`,
        db: deps.db(),
        procedureId: l.state.procedureId,
        holder,
        card,
        offline: () => deps.authorityOffline(),
        now: () => deps.now(),
        commit: (step, data, more = {}) =>
          commit(l, step, 'completed', data, more.effects, undefined, more.audit ?? data),
        phase: (e) => setPhase(l, e),
      });
    });
  }

  // ---- the resident's entry (routed here by the PIN hub) ----

  async function checkPin(
    l: Live,
    kind: PinKind,
    value: string,
    confirmation: string,
  ): Promise<PinCheckDto> {
    if (!l.state.pins.required.includes(kind)) throw new IssuanceRefusal('step-not-allowed', kind);
    const violation = checkPinEntry(kind, value, confirmation, l.birthDate);
    l.state = transition(l.state, { type: 'pin-attempt', kind, violation });
    await publish(l);
    return { violation };
  }

  async function submitPins(l: Live, values: SubmittedValues): Promise<ResidentSubmitDto> {
    if (l.busy) throw new IssuanceRefusal('procedure-busy');
    const secrets: Secrets = {};
    for (const kind of l.state.pins.required) {
      const checked = checkSubmitted(kind, 'new', values[kind], l.birthDate);
      if (!checked.ok) {
        l.state = transition(l.state, { type: 'pin-attempt', kind, violation: checked.violation });
        await publish(l);
        throw new IssuanceRefusal(checked.violation, kind);
      }
      secrets[kind] = checked.value;
    }
    const reader = l.reader;
    if (!reader) throw new IssuanceRefusal('pin-entry-not-open');
    l.busy = true;
    try {
      l.state = transition(l.state, { type: 'pins-submitted' });
      deps.emitPrompt(null);
      await publish(l);
      try {
        await runCardWork(l, reader, secrets);
      } catch (e) {
        if (e instanceof AuthorityFailure) {
          await commit(l, 'parked', 'failed', { code: e.code });
          l.state = transition(l.state, { type: 'authority-failed', notice: { code: e.code } });
        } else if (e instanceof IssuanceRefusal && e.code === 'certificate-check-failed') {
          await commit(l, 'parked', 'failed', { code: e.code, check: e.detail ?? '' });
          l.state = transition(l.state, { type: 'authority-failed', notice: { code: e.code } });
        } else {
          const notice = cardNotice(e);
          console.warn(`[Issuance] card work stopped: ${notice.code}`);
          await commit(l, 'certificates', 'failed', { code: notice.code }).catch(() => undefined);
          if (l.state.kind === 'certificates')
            l.state = transition(l.state, { type: 'card-failed', notice });
        }
      } finally {
        for (const k of Object.keys(secrets) as PinKind[]) delete secrets[k];
      }
      await publish(l);
      return { done: l.state.kind === 'handover' };
    } finally {
      l.busy = false;
    }
  }

  // ---- the public operations ----

  async function requireIssuable(app: CardApplication): Promise<Card> {
    if (app.status === 'issued') throw new IssuanceRefusal('application-issued');
    if (app.status === 'cancelled') throw new IssuanceRefusal('application-cancelled');
    if (app.status !== 'ready') throw new IssuanceRefusal('application-not-ready');
    const card = await findCardOfApplication(deps.db(), app.id);
    if (!card) throw new IssuanceRefusal('application-not-ready');
    if (card.state !== 'received' && card.state !== 'prepared')
      throw new IssuanceRefusal('card-not-issuable');
    return card;
  }

  return {
    async findByNotice(noticeNumber: string, birthDate: string): Promise<ApplicationSummaryDto> {
      const db = deps.db();
      const app = await findApplicationByNotice(db, noticeNumber);
      // Both must match; the answer never tells which one did not.
      if (!app) throw new IssuanceRefusal('application-not-found');
      const resident = await getResident(db, app.residentId);
      if (resident.birthDate !== birthDate) throw new IssuanceRefusal('application-not-found');
      return summary(app);
    },

    async search(name: string, birthDate: string): Promise<ApplicationSummaryDto[]> {
      const db = deps.db();
      const isKana = /^[\u3041-\u30ff\uff66-\uff9f\s\u3000・ー]+$/.test(name);
      const criteria = isKana
        ? { kanaPrefix: name, birthDate: parseIsoDate(birthDate) }
        : { kanjiName: name, birthDate: parseIsoDate(birthDate) };
      const residents = await searchResidents(db, criteria, 1, 20);
      const out: ApplicationSummaryDto[] = [];
      for (const r of residents.items) {
        for (const app of await listApplicationsOfResident(db, r.id)) {
          if (out.length >= 20) return out;
          out.push(await summary(app));
        }
      }
      return out;
    },

    async listOpen(): Promise<OpenProcedureDto[]> {
      const db = deps.db();
      const out: OpenProcedureDto[] = [];
      for (const p of await listOpenProcedures(db)) {
        if (p.kind !== 'issuance' || p.applicationId === null || p.residentId === null) continue;
        const l = await load(p.id);
        const app = await getApplication(db, p.applicationId);
        const resident = await getResident(db, p.residentId);
        const operator = await getOperator(db, p.operatorId);
        out.push({
          procedureId: p.id,
          kind: 'issuance',
          step: l.state.kind,
          noticeNumber: app.noticeNumber,
          residentName: resident.kanjiName,
          startedAt: p.startedAt,
          operatorLoginId: operator.loginId,
        });
      }
      return out;
    },

    /** Starts the issuance of an application, or reopens the one left unfinished (resumes 後日交付). */
    async start(applicationId: number): Promise<IssuanceDto> {
      const db = deps.db();
      let app: CardApplication;
      try {
        app = await getApplication(db, applicationId);
      } catch {
        throw new IssuanceRefusal('application-not-found');
      }
      const open = await findOpenProcedureOfApplication(db, 'issuance', applicationId);
      if (open) {
        return exclusive(open.id, async (l) => {
          if (l.state.kind === 'parked') {
            await commit(l, 'resumed', 'completed', {});
            l.state = transition(l.state, { type: 'resumed' });
          }
          return publish(l);
        });
      }
      const card = await requireIssuable(app);
      const resident = await getResident(db, app.residentId);
      const under15 = ageOn(resident.birthDate, japanToday(deps.now())) < 15;
      const id = newProcedureId('iss');
      const operatorId = deps.operatorId();
      await db.transaction(async (tx) => {
        await startProcedure(
          tx,
          {
            id,
            kind: 'issuance',
            operatorId,
            residentId: resident.id,
            applicationId,
            cardId: card.id,
          },
          deps.now,
        );
        await recordStep(
          tx,
          { procedureId: id, step: 'started', status: 'completed', operatorId, data: { under15 } },
          deps.now,
        );
        await appendAudit(
          tx,
          {
            operatorId,
            action: 'issuance.started',
            residentId: resident.id,
            cardId: card.id,
            details: { procedure: id, notice: app.noticeNumber, under15 },
          },
          deps.now,
        );
      });
      return publish(await load(id));
    },

    async get(procedureId: string): Promise<IssuanceDto> {
      return dtoOf(await load(procedureId));
    },

    async recordDocuments(
      procedureId: string,
      r: {
        kinds: readonly DocumentKind[];
        guardianship: boolean;
        representative: { relation: RepresentativeRelation; kinds: readonly DocumentKind[] } | null;
      },
    ): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const next = transition(l.state, {
          type: 'documents-recorded',
          kinds: r.kinds,
          guardianship: r.guardianship,
          representative: r.representative,
        });
        // Which kinds were shown; never a document number or a copy.
        await commit(l, 'documents', 'completed', {
          kinds: [...r.kinds],
          guardianship: r.guardianship,
          representative: r.representative
            ? { relation: r.representative.relation, kinds: [...r.representative.kinds] }
            : null,
        });
        l.state = next;
        return publish(l);
      });
    },

    /** Reads the card in `reader`: the first time it is matched to the application, later re-read. */
    async checkCard(procedureId: string, reader: string): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        if (l.state.kind === 'documents')
          throw new IssuanceRefusal('step-not-allowed', 'documents');
        if (!isOpen(l.state)) throw new IssuanceRefusal('procedure-closed');
        const card = await dbCard(l);
        const first = l.state.kind === 'card';
        try {
          await deps.cards.withCard(reader, async (session) => {
            // The serial first: another card is refused before any secret is tried on it.
            assertSerial(session.serial, card.serial);
            if (first) await matchCardContents(session, l);
          });
        } catch (e) {
          if (e instanceof IssuanceRefusal) throw e;
          const notice = cardNotice(e);
          throw new IssuanceRefusal(notice.code, notice.detail);
        }
        const next = transition(l.state, { type: 'card-matched', serial: card.serial });
        if (first) {
          await commit(l, 'card', 'completed', { serial: card.serial }, async (tx) => {
            await setProcedureCard(tx, procedureId, card.id);
            if (card.state === 'received') await transitionCard(tx, card.id, 'prepared', deps.now);
          });
        }
        l.state = next;
        return publish(l);
      });
    },

    async readPhotos(procedureId: string, reader: string): Promise<FacePhotosDto> {
      return exclusive(procedureId, async (l) => {
        if (!['face', 'face-mismatch'].includes(l.state.kind))
          throw new IssuanceRefusal('step-not-allowed', l.state.kind);
        const card = await dbCard(l);
        return readFacePhotos({
          cards: deps.cards,
          reader,
          serial: card.serial,
          myNumber: await myNumberOf(l, 'issuance-face-photo'),
          noticeNumber: l.noticeNumber,
          photos: await deps.photos(),
        });
      });
    },

    async recordFace(procedureId: string, decision: 'match' | 'mismatch'): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const next = transition(l.state, { type: 'face-decided', decision });
        await commit(l, 'face', decision === 'match' ? 'completed' : 'failed', { decision });
        l.state = next;
        return publish(l);
      });
    },

    async overrideFace(procedureId: string, approvalId: number): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const next = transition(l.state, { type: 'face-overridden' });
        const approval = await faceOverrideApproval(
          deps.db(),
          approvalId,
          procedureId,
          deps.operatorId(),
        );
        await commit(l, 'face-override', 'completed', {
          approval: approval.id,
          approver: approval.approverId,
        });
        l.state = next;
        return publish(l);
      });
    },

    async openPinEntry(procedureId: string, reader: string): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        await deps.pinHub.claim(ownerOf(l));
        if (l.state.kind === 'parked') {
          await commit(l, 'resumed', 'completed', {});
          l.state = transition(l.state, { type: 'resumed' });
        }
        if (l.state.needsCard) {
          // Read again before the resident types anything: the values go to this card only.
          const card = await dbCard(l);
          try {
            await deps.cards.withCard(reader, async (s) => assertSerial(s.serial, card.serial));
          } catch (e) {
            const n = cardNotice(e);
            throw new IssuanceRefusal(n.code, n.detail);
          }
          l.state = transition(l.state, { type: 'card-matched', serial: card.serial });
        }
        l.state = transition(l.state, { type: 'pin-entry-opened' });
        l.reader = reader;
        await audit(l, 'pin-entry-opened', {});
        deps.emitPrompt(promptOf(l));
        return publish(l);
      });
    },

    async complete(
      procedureId: string,
      r: { collectedJukiCard: boolean; collectedNotificationCard: boolean },
    ): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const at = deps.now().toISOString();
        const next = transition(l.state, { type: 'handed-over', at, ...r });
        await commit(
          l,
          'handover',
          'completed',
          {
            collectedJukiCard: r.collectedJukiCard,
            collectedNotificationCard: r.collectedNotificationCard,
          },
          async (tx) => {
            const card = await getCard(tx, l.cardId);
            if (card.state === 'received') await transitionCard(tx, l.cardId, 'prepared', deps.now);
            await transitionCard(tx, l.cardId, 'issued', deps.now);
            await setApplicationStatus(tx, l.applicationId, 'issued', deps.now);
          },
          'completed',
        );
        l.state = next;
        return publish(l);
      });
    },

    async cancel(procedureId: string, reason: string): Promise<IssuanceDto> {
      return exclusive(procedureId, async (l) => {
        const wasOpen = l.state.kind === 'pins' && l.state.pins.entryOpen;
        const next = transition(l.state, { type: 'cancelled' });
        await commit(l, 'cancelled', 'cancelled', { reason }, undefined, 'cancelled');
        l.state = next;
        closePromptIf(wasOpen, l);
        return publish(l);
      });
    },

    async printReceipt(procedureId: string): Promise<FileWrittenDto> {
      const l = await load(procedureId);
      // After 交付を完了する only: the receipt states what was recorded (old cards taken back).
      if (l.state.kind !== 'completed') throw new IssuanceRefusal('step-not-allowed', l.state.kind);
      const db = deps.db();
      const resident = await getResident(db, l.residentId);
      const card = await dbCard(l);
      const certs = (await listCertificatesOfCard(db, l.cardId)).filter(
        (c) => c.status === 'issued',
      );
      const signing = certs.filter((c) => c.kind === 'signing').at(-1);
      const auth = certs.filter((c) => c.kind === 'auth').at(-1);
      if (!auth) throw new IssuanceRefusal('step-not-allowed', 'certificates');
      const operator = await getOperator(db, deps.operatorId());
      const docs = await deps.documents();
      mkdirSync(deps.receiptsDir, { recursive: true });
      const path = join(deps.receiptsDir, `receipt-${l.noticeNumber}-${procedureId}.pdf`);
      const result = await docs.writeReceiptPdf(path, {
        municipalityName: deps.municipality.name,
        municipalityCode: deps.municipality.code,
        noticeNumber: l.noticeNumber,
        residentName: resident.kanjiName,
        residentKana: resident.kanaName,
        birthDate: resident.birthDate,
        cardSerial: card.serial,
        cardExpiry: card.expiry,
        certificates: {
          signing: signing ? { notAfter: signing.notAfter } : null,
          auth: { notAfter: auth.notAfter },
        },
        collectedJukiCard: l.state.handover?.collectedJukiCard ?? false,
        collectedNotificationCard: l.state.handover?.collectedNotificationCard ?? false,
        operatorName: operator.displayName,
        issuedAt: l.state.handover?.completedAt ?? deps.now().toISOString(),
        practice: deps.practice,
        procedureId,
      });
      await audit(l, 'receipt-printed', { bytes: result.bytes });
      return { path, bytes: result.bytes };
    },

    async printDeferralSlip(procedureId: string): Promise<FileWrittenDto> {
      const l = await load(procedureId);
      if (l.state.kind !== 'parked') throw new IssuanceRefusal('step-not-allowed', l.state.kind);
      const db = deps.db();
      const resident = await getResident(db, l.residentId);
      const operator = await getOperator(db, deps.operatorId());
      const docs = await deps.documents();
      mkdirSync(deps.receiptsDir, { recursive: true });
      const path = join(deps.receiptsDir, `deferral-${l.noticeNumber}-${procedureId}.pdf`);
      const result = await docs.writeDeferralSlipPdf(path, {
        municipalityName: deps.municipality.name,
        noticeNumber: l.noticeNumber,
        residentName: resident.kanjiName,
        reasonCode: l.state.notice?.code ?? 'authority-unavailable',
        operatorName: operator.displayName,
        at: deps.now().toISOString(),
        practice: deps.practice,
        procedureId,
      });
      await audit(l, 'deferral-slip-printed', { bytes: result.bytes });
      return { path, bytes: result.bytes };
    },

    /** Practice: the ready applications whose card a trainer can put in the simulated reader. */
    async applicationCards(): Promise<{ noticeNumber: string; residentName: string }[]> {
      const db = deps.db();
      const out: { noticeNumber: string; residentName: string }[] = [];
      for (const app of await listIssuableApplications(db)) {
        const r = await getResident(db, app.residentId);
        out.push({ noticeNumber: app.noticeNumber, residentName: r.kanjiName });
      }
      return out;
    },

    /** Practice: the facts to build the card of an application (the 個人番号 reveal is audited). */
    async applicationCardFacts(noticeNumber: string): Promise<{
      name: string;
      address: string;
      birthDate: string;
      sex: Resident['sex'];
      myNumber: MyNumber;
      serial: string;
      cardExpiry: string;
    }> {
      const db = deps.db();
      const app = await findApplicationByNotice(db, noticeNumber);
      if (!app) throw new IssuanceRefusal('application-not-found');
      const card = await findCardOfApplication(db, app.id);
      if (app.status !== 'ready' || !card || !['received', 'prepared'].includes(card.state))
        throw new IssuanceRefusal('application-not-ready');
      const r = await getResident(db, app.residentId);
      const myNumber = await revealMyNumber(
        db,
        deps.cipher(),
        { residentId: r.id, operatorId: deps.operatorId(), purpose: 'practice-card' },
        deps.now,
      );
      return {
        name: r.kanjiName,
        address: r.address,
        birthDate: r.birthDate,
        sex: r.sex,
        myNumber,
        serial: card.serial,
        cardExpiry: card.expiry,
      };
    },

    /** Forgets every in-memory state (practice reset: the database was replaced). */
    forget(): void {
      const hadPrompt = openEntry() !== null;
      live.clear();
      if (hadPrompt) deps.pinHub.forget();
    },
  };

  async function audit(l: Live, action: string, details: Details): Promise<void> {
    await auditOnly(deps, target(l), action, details);
  }
}

export { IssuanceRefusal } from './state';
