// The service of the later procedures on a card the resident brings (解除, 初期化・再設定, 更新):
// each step's effects on the card, the database and the authority, with its journal row and audit
// row in one transaction; the state rebuilt from the journal after a restart. Each kind gives its
// rules and its own checks and finish (release/service.ts, pin-reset/service.ts, renewal/service.ts).
import type { PinKind } from '../../../preload/contract/dto';
import type {
  FacePhotosDto,
  PinCheckDto,
  ResidentPromptDto,
  ResidentSubmitDto,
} from '../../../preload/contract/issuance';
import type { DocumentKind } from '../../../preload/contract/rules/documents';
import type {
  LifeKind,
  LifeProcedureDto,
  PinEntryMode,
  PinPlanEntry,
  RenewalScope,
} from '../../../preload/contract/lifecycle';
import type { CrlReason } from '../../../preload/contract/rules/reasons';
import type { Details } from '../../audit/details-guard';
import { UnknownCertificateError, type IssuerSession } from '../../authority/issuer-authority';
import type { CardSession } from '../../card/card-service';
import { readCertificate, selectJpki } from '../../card/apps/jpki';
import { changePin, verifyPinInUse } from '../../card/pins';
import type { Tx } from '../../db/connection';
import { getApplication } from '../../db/repositories/applications';
import { getCard, type Card } from '../../db/repositories/cards';
import {
  listCertificatesOfCard,
  setCertificateStatus,
  type Certificate,
} from '../../db/repositories/certificates';
import {
  getProcedure,
  listOpenProcedures,
  listSteps,
  recordStep,
  startProcedure,
  type JournalEntry,
} from '../../db/repositories/journal';
import { appendAudit } from '../../audit/audit-log';
import { getResident } from '../../db/repositories/residents';
import { projectLifeProcedure } from '../lifecycle/projection';
import { WorkflowRefusal } from '../refusal';
import {
  assertSerial,
  cardNotice,
  cardRefusal,
  matchCardContents,
  residentFacts,
  type Notice,
} from './card-match';
import {
  AuthorityFailure,
  certificatePhaseOf,
  myNumberFor,
  runCertificates,
  serialsOf,
  type CardWorkDeps,
  type KeyKind,
  type Secrets,
} from './card-work';
import {
  initialCardProcedure,
  isOpenProcedure,
  requiredEntries,
  transitionCardProcedure,
  type CardProcedureEvent,
  type CardProcedureKind,
  type CardProcedureRules,
  type CardProcedureState,
} from './card-procedure-state';
import type { PhotoDeps } from './face-photos';
import { faceOverrideApproval, readFacePhotos } from './face-photos';
import {
  ageOn,
  auditOnly,
  commitStep,
  exclusively,
  japanToday,
  newProcedureId,
  readProcedure,
} from './journal';
import {
  checkOne,
  checkSubmitted,
  type PinEntryOwner,
  type PinHub,
  type SubmittedValues,
} from './pin-hub';
import { pinRefusal, readPinTries, refusedCurrentOf, setSecret, type PinTries } from './pin-ops';

export interface CardProcedureDeps extends CardWorkDeps {
  emitUpdated(dto: LifeProcedureDto): void;
  pinHub: PinHub;
  photos(): Promise<PhotoDeps>;
}

/** What the finishing step of a kind needs: the procedure, its card and the new certificates. */
export interface FinishContext {
  readonly deps: CardProcedureDeps;
  readonly state: CardProcedureState;
  readonly card: Card;
  /** Serials (hex) of the certificates issued in this procedure; empty for a PIN reset. */
  readonly newSerials: readonly string[];
  /** The issuer session on the card, for a change of the chip's state. */
  issuer(): Promise<IssuerSession>;
}

/** A kind's part: its rules, who may start it, its checks of a choice, and what finishing does. */
export interface CardProcedureSpec {
  readonly kind: CardProcedureKind;
  readonly idPrefix: string;
  readonly rules: CardProcedureRules;
  /** Refuses a card the procedure does not apply to (its state in the database). */
  checkStart(card: Card): void;
  /** The four facts on the card may differ from the record (renewal after a move). */
  readonly allowFactsChange: boolean;
  /** Checks of a plan that need the database (renewal: too early, facts unchanged). */
  checkChoice?(
    ctx: { deps: CardProcedureDeps; state: CardProcedureState; card: Card },
    plan: readonly PinPlanEntry[],
    scope: RenewalScope | null,
  ): Promise<void>;
  /** The last step's effects (in its transaction) and journal data. */
  finish(ctx: FinishContext): Promise<{ data: Details; effects(tx: Tx): Promise<void> }>;
  /** What the clerk window shows of this kind beyond the common parts. */
  extraParts?(s: CardProcedureState): Partial<LifeProcedureDto>;
}

interface Live {
  state: CardProcedureState;
  readonly residentId: number;
  readonly cardId: number;
  readonly birthDate: string;
  reader: string | null;
  busy: boolean;
}

/**
 * The old certificates of `kinds` on the card (issued or on hold, not among `keep`), revoked with
 * `reason` by the authority now, and in the database inside the transaction returned. Revoking
 * again with the same reason changes nothing, so a resumed finish is safe. A certificate the
 * authority never issued (seeded practice cards) is revoked in the database only.
 */
export async function revokeOldCertificates(
  deps: Pick<CardProcedureDeps, 'db' | 'authority' | 'now'>,
  cardId: number,
  kinds: readonly KeyKind[],
  keep: readonly string[],
  reason: CrlReason,
): Promise<{ count: number; inTx(tx: Tx): Promise<void> }> {
  // The database holds serials in lower case.
  const kept = new Set(keep.map((k) => k.toLowerCase()));
  const old = (await listCertificatesOfCard(deps.db(), cardId)).filter(
    (c: Certificate) =>
      kinds.includes(c.kind) &&
      (c.status === 'issued' || c.status === 'on_hold') &&
      !kept.has(c.serial.toLowerCase()),
  );
  const authority = await deps.authority();
  for (const c of old) {
    try {
      await authority.revoke(c.serial, reason, deps.now());
    } catch (e) {
      if (!(e instanceof UnknownCertificateError)) throw e;
      console.warn(
        '[CardProcedure] a certificate unknown to the authority is revoked in the database only',
      );
    }
  }
  return {
    count: old.length,
    inTx: async (tx) => {
      for (const c of old) await setCertificateStatus(tx, c.id, 'revoked', reason, deps.now);
    },
  };
}

export function createCardProcedureWorkflow(deps: CardProcedureDeps, spec: CardProcedureSpec) {
  const live = new Map<string, Live>();
  const apply = (s: CardProcedureState, e: CardProcedureEvent) =>
    transitionCardProcedure(spec.rules, s, e);

  function target(l: Live) {
    return {
      procedureId: l.state.procedureId,
      prefix: spec.kind,
      residentId: l.residentId,
      cardId: l.cardId,
    };
  }

  async function commit(
    l: Live,
    step: string,
    data: Details,
    more: {
      status?: 'completed' | 'failed' | 'cancelled';
      effects?: (tx: Tx) => Promise<void>;
      end?: 'completed' | 'cancelled';
      audit?: Details;
    } = {},
  ): Promise<void> {
    await commitStep(deps, target(l), {
      step,
      status: more.status ?? 'completed',
      data,
      ...(more.effects ? { effects: more.effects } : {}),
      ...(more.end ? { end: more.end } : {}),
      ...(more.audit ? { audit: more.audit } : {}),
    });
  }

  // ---- the journal ----

  function triesOf(d: Record<string, unknown>): Partial<Record<PinKind, PinTries>> {
    const left = (d.left ?? {}) as Record<string, number>;
    const locked = (d.locked ?? []) as string[];
    const out: Partial<Record<PinKind, PinTries>> = {};
    for (const [k, n] of Object.entries(left))
      out[k as PinKind] = { triesLeft: Number(n), locked: locked.includes(k) };
    return out;
  }

  function triesData(tries: Partial<Record<PinKind, PinTries>>): Details {
    const left: Record<string, number> = {};
    for (const [k, t] of Object.entries(tries)) left[k] = t.triesLeft;
    return {
      left,
      locked: Object.entries(tries)
        .filter(([, t]) => t.locked)
        .map(([k]) => k),
    };
  }

  /** Replays the journal: each row is the fact of one step, in order. */
  function replay(id: string, under15: boolean, rows: readonly JournalEntry[]): CardProcedureState {
    let s = initialCardProcedure(spec.kind, id, under15);
    const on = (e: CardProcedureEvent) => {
      s = apply(s, e);
    };
    // The card work's rows follow a submit; the entry's opening is not journaled.
    const working = () => {
      if (s.step !== 'pins') return;
      if (s.needsCard && s.matchedSerial) on({ type: 'card-matched', serial: s.matchedSerial });
      if (!s.pins.entryOpen) on({ type: 'pin-entry-opened' });
      on({ type: 'pins-submitted' });
    };
    for (const row of rows) {
      const d = row.data as Record<string, unknown>;
      const phase = certificatePhaseOf(row.step, d);
      if (phase) {
        on(phase);
        continue;
      }
      switch (row.step) {
        case 'documents':
          on({ type: 'documents-recorded', kinds: d.kinds as DocumentKind[] });
          break;
        case 'card':
          on({
            type: 'card-matched',
            serial: String(d.serial),
            tries: triesOf(d),
            factsDiffer: d.factsDiffer === true,
            chipCertificateExpiry: typeof d.notAfter === 'string' ? d.notAfter : null,
          });
          break;
        case 'face':
          on({ type: 'face-decided', decision: d.decision === 'match' ? 'match' : 'mismatch' });
          break;
        case 'face-override':
          on({ type: 'face-overridden' });
          break;
        case 'choose':
          on({
            type: 'chosen',
            plan: d.plan as PinPlanEntry[],
            scope: (d.scope ?? null) as RenewalScope | null,
          });
          break;
        case 'wrong-current':
          working();
          on({ type: 'pin-wrong', kind: d.kind as PinKind, triesLeft: Number(d.left) });
          break;
        case 'change-started':
          working();
          on({ type: 'change-started', kind: d.kind as PinKind });
          break;
        case 'secret-set':
          working();
          on({ type: 'pin-done', kind: d.kind as PinKind });
          break;
        case 'secrets-set':
          working();
          on({ type: 'pins-set' });
          break;
        case 'certificates': {
          const notice = { code: String(d.code) } as Notice;
          if (s.step === 'certificates') on({ type: 'card-failed', notice });
          else if (s.step === 'pins') on({ type: 'needs-card', notice });
          break;
        }
        case 'completed':
          on({ type: 'finished' });
          break;
        case 'cancelled':
          on({ type: 'cancelled' });
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
    const { procedure: p, rows, under15 } = await readProcedure(db, procedureId, spec.kind);
    if (p.residentId === null || p.cardId === null)
      throw new WorkflowRefusal('not-found', 'procedure');
    let state = replay(procedureId, under15, rows);
    // Nothing about the card in the reader is known after a restart: it is read again first.
    if (p.status === 'open') {
      if (['face', 'face-mismatch', 'choose', 'pins', 'certificates'].includes(state.step))
        state = apply(state, { type: 'needs-card' });
    } else if (isOpenProcedure(state)) {
      state = apply(state, { type: 'cancelled' });
    }
    const resident = await getResident(db, p.residentId);
    const l: Live = {
      state,
      residentId: p.residentId,
      cardId: p.cardId,
      birthDate: resident.birthDate,
      reader: null,
      busy: false,
    };
    live.set(procedureId, l);
    return l;
  }

  async function exclusive<T>(procedureId: string, work: (l: Live) => Promise<T>): Promise<T> {
    return exclusively(await load(procedureId), work);
  }

  // ---- what the clerk and the resident see ----

  async function dtoOf(l: Live): Promise<LifeProcedureDto> {
    const s = l.state;
    const p = await getProcedure(deps.db(), s.procedureId);
    const approvalRow = (await listSteps(deps.db(), s.procedureId))
      .filter((r) => r.step === 'face-override')
      .at(-1);
    return projectLifeProcedure(deps.db(), p, deps.now(), {
      step: s.step,
      documents: s.documents,
      faceRequired: s.faceRequired,
      face: s.face,
      matchedSerial: s.matchedSerial,
      needsCard: s.needsCard,
      plan: s.plan,
      pins:
        s.plan === null
          ? null
          : {
              entryOpen: s.pins.entryOpen,
              current: s.pins.current,
              attempts: s.pins.attempts,
              accepted: s.pins.accepted,
            },
      certificates:
        s.certificateKinds.length > 0 ? { phase: s.phase, kinds: s.certificateKinds } : null,
      notice: s.notice ? { ...s.notice } : null,
      approvalId: approvalRow ? Number(approvalRow.data.approval) : null,
      ...(spec.extraParts ? spec.extraParts(s) : {}),
    });
  }

  async function publish(l: Live): Promise<LifeProcedureDto> {
    const dto = await dtoOf(l);
    deps.emitUpdated(dto);
    return dto;
  }

  function promptOf(l: Live): ResidentPromptDto {
    const entries = requiredEntries(l.state);
    const modes: Partial<Record<PinKind, PinEntryMode>> = {};
    const triesLeft: Partial<Record<PinKind, number>> = {};
    for (const e of entries) {
      modes[e.kind] = e.mode;
      const t = l.state.tries[e.kind];
      if (e.mode !== 'new' && t) triesLeft[e.kind] = t.triesLeft;
    }
    return {
      procedureId: l.state.procedureId,
      required: entries.map((e) => e.kind),
      resume: l.state.pins.resume,
      purpose: spec.kind,
      modes,
      triesLeft,
    };
  }

  function ownerOf(l: Live): PinEntryOwner {
    return {
      procedureId: l.state.procedureId,
      isOpen: () => l.state.step === 'pins' && l.state.pins.entryOpen,
      isBusy: () => l.busy,
      prompt: () => promptOf(l),
      checkPin: (kind, value, confirmation) => checkPin(l, kind, value, confirmation),
      submit: (values) => submit(l, values),
      closeStale: async () => {
        l.state = apply(l.state, { type: 'needs-card' });
        await publish(l);
      },
    };
  }

  async function dbCard(l: Live): Promise<Card> {
    return getCard(deps.db(), l.cardId);
  }

  const myNumberOf = (l: Live, purpose: string) => myNumberFor(deps, l.residentId, purpose);

  // ---- the resident's entry ----

  async function checkPin(
    l: Live,
    kind: PinKind,
    value: string,
    confirmation: string,
  ): Promise<PinCheckDto> {
    const entry = requiredEntries(l.state).find((e) => e.kind === kind);
    if (!entry) throw new WorkflowRefusal('step-not-allowed', kind);
    const violation = checkOne(kind, entry.mode, value, confirmation, l.birthDate);
    l.state = apply(l.state, { type: 'pin-attempt', kind, violation });
    await publish(l);
    return { violation };
  }

  async function submit(l: Live, values: SubmittedValues): Promise<ResidentSubmitDto> {
    if (l.busy) throw new WorkflowRefusal('procedure-busy');
    const entries = requiredEntries(l.state);
    const secrets: Secrets = {};
    const currents: Secrets = {};
    for (const e of entries) {
      const checked = checkSubmitted(e.kind, e.mode, values[e.kind], l.birthDate);
      if (!checked.ok) {
        l.state = apply(l.state, {
          type: 'pin-attempt',
          kind: e.kind,
          violation: checked.violation,
        });
        await publish(l);
        throw new WorkflowRefusal(checked.violation, e.kind);
      }
      secrets[e.kind] = checked.value;
      if (checked.current) currents[e.kind] = checked.current;
    }
    const reader = l.reader;
    if (!reader) throw new WorkflowRefusal('pin-entry-not-open');
    const owner = ownerOf(l);
    l.busy = true;
    try {
      l.state = apply(l.state, { type: 'pins-submitted' });
      deps.pinHub.changed(owner);
      await publish(l);
      try {
        await runCardWork(l, reader, entries, secrets, currents);
      } catch (e) {
        const refused = refusedCurrentOf(e);
        if (refused) {
          const { kind, triesLeft: left } = refused;
          await commit(l, 'wrong-current', { kind, left }, { status: 'failed' });
          l.state = apply(l.state, { type: 'pin-wrong', kind, triesLeft: left });
          await publish(l);
          deps.pinHub.changed(owner);
          throw pinRefusal(refused);
        }
        const notice: Notice = e instanceof AuthorityFailure ? { code: e.code } : cardNotice(e);
        console.warn(`[CardProcedure] card work stopped: ${notice.code}`);
        await commit(l, 'certificates', { code: notice.code }, { status: 'failed' }).catch(
          () => undefined,
        );
        if (l.state.step === 'certificates')
          l.state = apply(l.state, { type: 'card-failed', notice });
      } finally {
        for (const k of Object.keys(secrets) as PinKind[]) delete secrets[k];
        for (const k of Object.keys(currents) as PinKind[]) delete currents[k];
      }
      await publish(l);
      return { done: l.state.step === 'completed' };
    } finally {
      l.busy = false;
    }
  }

  async function setPhase(l: Live, e: CardProcedureEvent): Promise<void> {
    l.state = apply(l.state, e);
    await publish(l);
  }

  async function runCardWork(
    l: Live,
    reader: string,
    entries: readonly PinPlanEntry[],
    secrets: Secrets,
    currents: Secrets,
  ): Promise<void> {
    const card = await dbCard(l);
    const resident = await getResident(deps.db(), l.residentId);
    const authority = await deps.authority();
    await deps.cards.withCard(reader, async (session) => {
      assertSerial(session.serial, card.serial);
      let issuer: IssuerSession | null = null;
      const issuerSession = async () => (issuer ??= await authority.openIssuerSession(session));

      // Every value in use first: a wrong one stops the work before anything is written.
      for (const e of entries) {
        const current = currents[e.kind];
        if (current) await verifyPinInUse(session, e.kind, current);
      }
      for (const e of entries) {
        if (l.state.pinsDone.includes(e.kind) || e.mode === 'current') continue;
        const value = secrets[e.kind]!;
        if (e.mode === 'new') await setSecret(await issuerSession(), e.kind, value);
        else {
          // Journaled before the card sees it: after a crash in between, the authority sets it.
          await commit(l, 'change-started', { kind: e.kind });
          await setPhase(l, { type: 'change-started', kind: e.kind });
          await changePin(session, e.kind, currents[e.kind]!, value);
        }
        await commit(l, 'secret-set', { kind: e.kind, mode: e.mode });
        await setPhase(l, { type: 'pin-done', kind: e.kind });
      }
      await commit(l, 'secrets-set', { kinds: entries.map((e) => e.kind) });
      await setPhase(l, { type: 'pins-set' });

      let newSerials: string[] = [];
      const kinds = l.state.certificateKinds;
      if (kinds.length > 0) {
        const certs = await runCertificates({
          session,
          issuer: await issuerSession(),
          authority,
          kinds,
          journaledKeys: l.state.keys,
          secrets,
          label: `${spec.kind} ${l.state.procedureId}`,
          db: deps.db(),
          procedureId: l.state.procedureId,
          holder: residentFacts(resident),
          card,
          offline: () => deps.authorityOffline(),
          now: () => deps.now(),
          commit: (step, data, more) => commit(l, step, data, more),
          phase: (e) => setPhase(l, e),
        });
        newSerials = await serialsOf(certs);
      }

      const done = await spec.finish({
        deps,
        state: l.state,
        card,
        newSerials,
        issuer: issuerSession,
      });
      await commit(l, 'completed', done.data, { effects: done.effects, end: 'completed' });
      await setPhase(l, { type: 'finished' });
    });
  }

  /** Reads the card again: it must be the procedure's; the secrets' states come with it. */
  async function reread(l: Live, reader: string): Promise<Partial<Record<PinKind, PinTries>>> {
    const card = await dbCard(l);
    try {
      return await deps.cards.withCard(reader, async (session: CardSession) => {
        assertSerial(session.serial, card.serial);
        return readPinTries(session);
      });
    } catch (e) {
      throw cardRefusal(e);
    }
  }

  // ---- the steps ----

  return {
    kinds: [spec.kind] as readonly LifeKind[],

    async start(_kind: LifeKind, cardId: number): Promise<LifeProcedureDto> {
      const db = deps.db();
      let card: Card;
      try {
        card = await getCard(db, cardId);
      } catch {
        throw new WorkflowRefusal('not-found', 'card');
      }
      spec.checkStart(card);
      // One open procedure of a kind per card: starting again reopens it.
      const open = (await listOpenProcedures(db)).find(
        (p) => p.kind === spec.kind && p.cardId === cardId,
      );
      if (open) return publish(await load(open.id));
      const resident = await getResident(db, card.residentId);
      const under15 = ageOn(resident.birthDate, japanToday(deps.now())) < 15;
      const id = newProcedureId(spec.idPrefix);
      const operatorId = deps.operatorId();
      await db.transaction(async (tx) => {
        await startProcedure(
          tx,
          { id, kind: spec.kind, operatorId, residentId: resident.id, cardId: card.id },
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
            action: `${spec.kind}.started`,
            residentId: resident.id,
            cardId: card.id,
            details: { procedure: id, serial: card.serial },
          },
          deps.now,
        );
      });
      return publish(await load(id));
    },

    async get(procedureId: string): Promise<LifeProcedureDto> {
      return dtoOf(await load(procedureId));
    },

    async listOpen(): Promise<LifeProcedureDto[]> {
      const out: LifeProcedureDto[] = [];
      for (const p of await listOpenProcedures(deps.db()))
        if (p.kind === spec.kind) out.push(await dtoOf(await load(p.id)));
      return out;
    },

    async cancel(procedureId: string, reason: string): Promise<LifeProcedureDto> {
      return exclusive(procedureId, async (l) => {
        const owner = ownerOf(l);
        const wasOpen = owner.isOpen();
        const next = apply(l.state, { type: 'cancelled' });
        await commit(l, 'cancelled', { reason }, { status: 'cancelled', end: 'cancelled' });
        l.state = next;
        if (wasOpen) deps.pinHub.changed(owner);
        return publish(l);
      });
    },

    async recordDocuments(
      procedureId: string,
      kinds: readonly DocumentKind[],
    ): Promise<LifeProcedureDto> {
      return exclusive(procedureId, async (l) => {
        const next = apply(l.state, { type: 'documents-recorded', kinds });
        // Which kinds were shown; never a document number or a copy.
        await commit(l, 'documents', { kinds: [...kinds] });
        l.state = next;
        return publish(l);
      });
    },

    /** Reads the card: the first time it is matched to the procedure's card, later re-read. */
    async checkCard(procedureId: string, reader: string): Promise<LifeProcedureDto> {
      return exclusive(procedureId, async (l) => {
        if (l.state.step === 'documents')
          throw new WorkflowRefusal('step-not-allowed', 'documents');
        if (!isOpenProcedure(l.state)) throw new WorkflowRefusal('procedure-closed');
        const card = await dbCard(l);
        const first = l.state.step === 'card';
        const resident = await getResident(deps.db(), l.residentId);
        const myNumber = first ? await myNumberOf(l, `${spec.kind}-card-match`) : null;
        let read: {
          tries: Partial<Record<PinKind, PinTries>>;
          factsDiffer: boolean;
          notAfter: string | null;
        };
        try {
          read = await deps.cards.withCard(reader, async (session) => {
            // The serial first: another card is refused before any secret is tried on it.
            assertSerial(session.serial, card.serial);
            let factsDiffer = l.state.factsDiffer;
            let notAfter = l.state.chipCertificateExpiry;
            if (myNumber) {
              // Free to read: when the card's certificates expire, for renewal's window.
              await selectJpki(session);
              notAfter = (await readCertificate(session, 'auth'))?.notAfter.toISOString() ?? null;
              const match = await matchCardContents(session, residentFacts(resident), myNumber);
              if (match === 'facts-differ' && !spec.allowFactsChange)
                throw new WorkflowRefusal('card-facts-mismatch', 'facts');
              factsDiffer = match === 'facts-differ';
            }
            return { tries: await readPinTries(session), factsDiffer, notAfter };
          });
        } catch (e) {
          throw cardRefusal(e);
        }
        const next = apply(l.state, {
          type: 'card-matched',
          serial: card.serial,
          tries: read.tries,
          factsDiffer: read.factsDiffer,
          chipCertificateExpiry: read.notAfter,
        });
        if (first)
          await commit(l, 'card', {
            serial: card.serial,
            factsDiffer: read.factsDiffer,
            notAfter: read.notAfter,
            ...triesData(read.tries),
          });
        l.state = next;
        return publish(l);
      });
    },

    async readPhotos(procedureId: string, reader: string): Promise<FacePhotosDto> {
      return exclusive(procedureId, async (l) => {
        if (!['face', 'face-mismatch'].includes(l.state.step))
          throw new WorkflowRefusal('step-not-allowed', l.state.step);
        const card = await dbCard(l);
        const app = await getApplication(deps.db(), card.applicationId);
        return readFacePhotos({
          cards: deps.cards,
          reader,
          serial: card.serial,
          myNumber: await myNumberOf(l, `${spec.kind}-face-photo`),
          noticeNumber: app.noticeNumber,
          photos: await deps.photos(),
        });
      });
    },

    async recordFace(
      procedureId: string,
      decision: 'match' | 'mismatch',
    ): Promise<LifeProcedureDto> {
      return exclusive(procedureId, async (l) => {
        const next = apply(l.state, { type: 'face-decided', decision });
        await commit(
          l,
          'face',
          { decision },
          { status: decision === 'match' ? 'completed' : 'failed' },
        );
        l.state = next;
        return publish(l);
      });
    },

    async overrideFace(procedureId: string, approvalId: number): Promise<LifeProcedureDto> {
      return exclusive(procedureId, async (l) => {
        const next = apply(l.state, { type: 'face-overridden' });
        const approval = await faceOverrideApproval(
          deps.db(),
          approvalId,
          procedureId,
          deps.operatorId(),
        );
        await commit(l, 'face-override', { approval: approval.id, approver: approval.approverId });
        l.state = next;
        return publish(l);
      });
    },

    async choose(
      procedureId: string,
      plan: readonly PinPlanEntry[],
      scope: RenewalScope | undefined,
    ): Promise<LifeProcedureDto> {
      return exclusive(procedureId, async (l) => {
        const next = apply(l.state, { type: 'chosen', plan, scope: scope ?? null });
        if (spec.checkChoice)
          await spec.checkChoice(
            { deps, state: l.state, card: await dbCard(l) },
            plan,
            scope ?? null,
          );
        await commit(l, 'choose', {
          plan: plan.map((e) => ({ kind: e.kind, mode: e.mode })),
          scope: scope ?? null,
        });
        l.state = next;
        return publish(l);
      });
    },

    async openPinEntry(procedureId: string, reader: string): Promise<LifeProcedureDto> {
      return exclusive(procedureId, async (l) => {
        if (l.state.step !== 'pins') throw new WorkflowRefusal('step-not-allowed', l.state.step);
        const owner = ownerOf(l);
        await deps.pinHub.claim(owner);
        // Read again before the resident types anything: the values go to this card only, and
        // the tries left are shown beside a value in use.
        const tries = await reread(l, reader);
        l.state = apply(l.state, {
          type: 'card-matched',
          serial: l.state.matchedSerial ?? '',
          tries,
        });
        for (const e of requiredEntries(l.state))
          if (e.mode !== 'new' && tries[e.kind]?.locked) {
            await publish(l);
            throw new WorkflowRefusal('pin-locked', e.kind);
          }
        l.state = apply(l.state, { type: 'pin-entry-opened' });
        l.reader = reader;
        await auditOnly(deps, target(l), 'pin-entry-opened', {
          modes: Object.fromEntries(requiredEntries(l.state).map((e) => [e.kind, e.mode])),
        });
        deps.pinHub.changed(owner);
        return publish(l);
      });
    },

    /** Forgets every in-memory state (practice reset: the database was replaced). */
    forget(): void {
      live.clear();
    },
  };
}

export type CardProcedureWorkflow = ReturnType<typeof createCardProcedureWorkflow>;
