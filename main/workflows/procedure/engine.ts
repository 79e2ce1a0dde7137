// The one engine of every counter procedure: start, load (the state rebuilt from the journal by the
// kind's pure transition), one clerk action at a time, one transaction per step (effects + journal
// row + audit row), publish to the clerk window, cancel, resume after a restart, and the resident
// window's entry (the card face to confirm, the PINs) through the one hub; and the counter's one resident at a time: an open
// procedure that is not parked (保留) refuses every other resident, and parking is a journal row.
// What differs between kinds is in their specs.
import type { FileWrittenDto, PinKind } from '../../../preload/contract/dto';
import type { OpenProcedureRef } from '../../../preload/contract/errors';
import type { ProcedureDto, ProcedureKind } from '../../../preload/contract/procedure';
import type { Details } from '../../audit/details-guard';
import { getApplication } from '../../db/repositories/applications';
import { findCardBySerial } from '../../db/repositories/cards';
import { isConstraintError, type Queryable } from '../../db/connection';
import {
  findOpenProcedureHolding,
  getProcedure,
  listOpenProcedures,
  listOpenProceduresOfResident,
  listSteps,
  recordStep,
  startProcedure,
  type JournalEntry,
  type Procedure,
} from '../../db/repositories/journal';
import { getOperator } from '../../db/repositories/operators';
import { getResident } from '../../db/repositories/residents';
import { appendAudit } from '../../audit/audit-log';
import { refuse, WorkflowRefusal, WrongCardRefusal } from '../refusal';
import { takeoverApproval } from '../steps/approval';
import type { PinEntryOwner } from '../steps/pin-hub';
import { reprintDocument } from '../steps/printed-documents';
import { auditOnly, commitStep, newProcedureId, type JournalTarget } from './journal';
import {
  applicationSummary,
  approverName,
  lastTakeover,
  lifeCardOf,
  otherCounterOf,
  otherCounterRefusal,
  residentSummaryOf,
} from './projection';
import type {
  ActionAnswer,
  ActionArgs,
  ActionName,
  AnyProcedureSpec,
  BaseState,
  CommitOptions,
  Live,
  NewProcedure,
  ProcedureDeps,
  ProcedureRow,
  StepContext,
} from './spec';

function rowOf(e: JournalEntry): ProcedureRow {
  return { step: e.step, status: e.status, data: e.data as Record<string, unknown>, at: e.at };
}

const CLOSED = new Set(['completed', 'cancelled']);

/**
 * Rows of the engine, not of a kind: 保留, taking the procedure up again, and an office counter
 * taking over another's.
 */
const HOLD_STEPS = new Set(['held', 'taken-up', 'taken-over']);
/** Why a procedure is parked: the clerk, the idle ask, the screen locked, the clerk logged out. */
export type HoldReason = 'clerk' | 'idle' | 'lock' | 'logout';
/**
 * Stops waiting for something outside the counter (後日交付, the 照会書 of a 代理人交付 in the
 * post): they do not hold the counter.
 */
const WAITING = new Set(['parked', 'awaiting-reply']);

/** Held after the rows: a `held` row not followed by `taken-up`. */
function heldAfter(entries: readonly JournalEntry[]): boolean {
  let held = false;
  for (const e of entries) {
    if (e.step === 'held') held = true;
    else if (e.step === 'taken-up') held = false;
  }
  return held;
}

export type ProcedureEngine = ReturnType<typeof createProcedureEngine>;

export function createProcedureEngine(deps: ProcedureDeps, specs: readonly AnyProcedureSpec[]) {
  const byKind = new Map<ProcedureKind, AnyProcedureSpec>(specs.map((s) => [s.kind, s]));
  const live = new Map<string, Live<BaseState>>();

  function specOf(kind: ProcedureKind): AnyProcedureSpec {
    const spec = byKind.get(kind);
    if (!spec) refuse('step-not-allowed', kind);
    return spec;
  }

  function target(l: Live<BaseState>): JournalTarget {
    return {
      procedureId: l.procedure.id,
      prefix: l.procedure.kind,
      residentId: l.residentId,
      cardId: l.cardId,
    };
  }

  // ---- loading: the state rebuilt from the journal ----

  /** `started`: the procedure was created by this process just now, so nothing needs reading again. */
  async function load(procedureId: string, started = false): Promise<Live<BaseState>> {
    const cached = live.get(procedureId);
    if (cached) return cached;
    const db = deps.db();
    let procedure: Procedure;
    try {
      procedure = await getProcedure(db, procedureId);
    } catch {
      throw new WorkflowRefusal('not-found', 'procedure');
    }
    if (procedure.residentId === null || procedure.cardId === null)
      throw new WorkflowRefusal('not-found', 'procedure');
    const spec = specOf(procedure.kind);
    const entries = await listSteps(db, procedureId);
    let state = stateOf(spec, procedureId, entries);
    if (procedure.status === 'open') {
      if (!started) state = spec.reopen(state);
    }
    // A procedure closed by a row of a later version: nothing more happens to it.
    else if (!CLOSED.has(state.step)) state = { ...state, step: 'cancelled' };
    const resident = await getResident(db, procedure.residentId);
    const l: Live<BaseState> = {
      state,
      procedure,
      residentId: procedure.residentId,
      cardId: procedure.cardId,
      birthDate: resident.birthDate,
      reader: null,
      busy: false,
      held: procedure.status === 'open' && heldAfter(entries),
      lastActionAt: Date.parse(entries.at(-1)?.at ?? procedure.startedAt),
      counter: procedure.counterNumber,
    };
    live.set(procedureId, l);
    return l;
  }

  /** The state the journal's rows lead to (before a reopen). */
  function stateOf(
    spec: AnyProcedureSpec,
    procedureId: string,
    entries: readonly JournalEntry[],
  ): BaseState {
    const rows = entries.filter((e) => !HOLD_STEPS.has(e.step)).map(rowOf);
    return rows.reduce(
      (s, row) => spec.transition(s, row),
      spec.initial(procedureId, rows[0] ?? null),
    ) as BaseState;
  }

  // ---- the office: a procedure stays at its counter ----

  /**
   * Refuses work on a procedure another office counter holds now (read afresh: a 責任者 may have
   * moved it since it was loaded here). The step's own transaction checks again (journal.ts).
   */
  async function assertHere(l: Live<BaseState>): Promise<void> {
    if (deps.counterNumber === undefined) return;
    const p = await getProcedure(deps.db(), l.procedure.id);
    const { counterNumber, status } = p;
    l.counter = counterNumber;
    if (status !== 'open' || counterNumber === null || counterNumber === deps.counterNumber) return;
    // What this counter knew of it goes stale while the other one works on it.
    live.delete(l.procedure.id);
    throw await otherCounterRefusal(deps.db(), counterNumber, p);
  }

  /**
   * Inside the start's transaction: the resident is not at another office counter now (an open
   * procedure there that is neither parked nor waiting for something outside). The office write
   * lock orders the transactions, so two counters starting the same resident cannot both pass.
   */
  async function assertResidentNotElsewhere(q: Queryable, residentId: number): Promise<void> {
    if (deps.counterNumber === undefined) return;
    for (const p of await listOpenProceduresOfResident(q, residentId)) {
      const spec = byKind.get(p.kind);
      if (!spec || p.counterNumber === null || p.counterNumber === deps.counterNumber) continue;
      const entries = await listSteps(q, p.id);
      const step = stateOf(spec, p.id, entries).step;
      if (heldAfter(entries) || CLOSED.has(step) || WAITING.has(step)) continue;
      throw await otherCounterRefusal(q, p.counterNumber, p);
    }
  }

  /** A start the one-open-procedure indexes refused: the procedure that won, named. */
  async function refusalOfConflict(kind: ProcedureKind, p: NewProcedure, err: unknown) {
    if (!isConstraintError(err, 'UNIQUE')) return err;
    const winner = await findOpenProcedureHolding(deps.db(), {
      kind,
      cardId: p.cardId,
      applicationId: p.applicationId ?? null,
    });
    if (!winner) return err;
    if (winner.counterNumber !== null && winner.counterNumber !== (deps.counterNumber ?? null))
      return otherCounterRefusal(deps.db(), winner.counterNumber, winner);
    // This counter's own second start of the same thing (two clicks): the first one goes on.
    return new WorkflowRefusal('procedure-busy', kind);
  }

  /** Runs one clerk action on a procedure, refusing a second one while it runs. */
  async function exclusively<T>(l: Live<BaseState>, work: () => Promise<T>): Promise<T> {
    if (l.busy) throw new WorkflowRefusal('procedure-busy');
    l.busy = true;
    try {
      return await work();
    } finally {
      l.busy = false;
    }
  }

  // ---- what the clerk window sees ----

  async function dtoOf(l: Live<BaseState>): Promise<ProcedureDto> {
    const db = deps.db();
    const spec = specOf(l.procedure.kind);
    const view = await spec.view(deps, l);
    const p = await getProcedure(db, l.procedure.id);
    const now = deps.now();
    const application =
      p.applicationId === null
        ? null
        : await applicationSummary(
            db,
            await getApplication(db, p.applicationId),
            now,
            deps.counterNumber,
          );
    return {
      procedureId: p.id,
      kind: p.kind,
      step: l.state.step,
      header: spec.header(l.state),
      actions: spec.allowed(l.state),
      resident: residentSummaryOf(await getResident(db, l.residentId), now),
      application,
      card: await lifeCardOf(db, l.cardId, now, deps.counterNumber),
      startedAt: p.startedAt,
      startedBy: (await getOperator(db, p.operatorId)).loginId,
      completedAt: p.status === 'open' ? null : p.endedAt,
      documents: null,
      representativeAsked: false,
      faceRequired: false,
      face: null,
      faceSecondOperator: false,
      faceCheckedBy: null,
      matchedSerial: null,
      cardFace: null,
      needsCard: false,
      plan: null,
      pins: null,
      certificates: null,
      handover: null,
      suspension: null,
      revocation: null,
      reissue: null,
      renewal: null,
      delivery: null,
      cardChange: null,
      cardKindSwitch: null,
      faceAuthAtIssue: false,
      notice: null,
      ...view.parts,
      approvedBy: await approverName(db, view.approvalId),
      held: l.held,
      otherCounter:
        p.status === 'open' ? otherCounterOf(p.counterNumber, deps.counterNumber) : null,
      takenOver: await lastTakeover(db, p.id),
      idleAskAt: holdsCounter(l)
        ? new Date(l.lastActionAt + deps.idleMinutes * 60_000).toISOString()
        : null,
    };
  }

  // ---- one resident at a time ----

  /** Open, not parked, not waiting for the authority: the resident at the counter now. */
  function holdsCounter(l: Live<BaseState>): boolean {
    return !l.held && !CLOSED.has(l.state.step) && !WAITING.has(l.state.step);
  }

  /**
   * The procedures holding this counter now, oldest first (one, unless data from before the rule).
   * In an office database the other counters' procedures are open too: they hold their own.
   */
  async function holding(): Promise<Live<BaseState>[]> {
    const out: Live<BaseState>[] = [];
    for (const p of await listOpenProcedures(deps.db())) {
      if (!byKind.has(p.kind) || p.residentId === null || p.cardId === null) continue;
      const l = await load(p.id);
      l.counter = p.counterNumber;
      if (l.counter !== (deps.counterNumber ?? null)) continue;
      if (holdsCounter(l)) out.push(l);
    }
    return out;
  }

  async function refOf(l: Live<BaseState>): Promise<OpenProcedureRef> {
    const resident = await getResident(deps.db(), l.residentId);
    return {
      procedureId: l.procedure.id,
      kind: l.procedure.kind,
      residentName: resident.kanjiName,
      startedAt: l.procedure.startedAt,
    };
  }

  /**
   * Refuses anything about `residentId` (a start, a lookup, a card) while a procedure of another
   * resident holds the counter; the refusal names that procedure and is audited on it.
   */
  async function assertCounterFor(
    residentId: number,
    what: string,
    cardHolder?: string | null,
  ): Promise<void> {
    const other = (await holding()).filter((l) => l.residentId !== residentId).at(-1);
    if (!other) return;
    await auditOnly(deps, target(other), 'other-resident-refused', {
      refused: what,
      resident: residentId,
    });
    throw new WorkflowRefusal('other-resident-open', what, {
      openProcedure: await refOf(other),
      ...(cardHolder === undefined ? {} : { cardHolder }),
    });
  }

  /** A parked procedure taken up: the counter must be free of others, and the card is read again. */
  async function takeUp(l: Live<BaseState>): Promise<void> {
    if (!l.held) return;
    await assertCounterFor(l.residentId, 'take-up');
    await commitStep(deps, target(l), { step: 'taken-up', status: 'completed', data: {} });
    l.held = false;
    // Whatever was in the reader while it was parked is not known to be its card any more; a PIN
    // entry still open goes on (its submission checks the card's serial again).
    const spec = specOf(l.procedure.kind);
    if (!spec.pinEntry?.isOpen(l.state)) l.state = spec.reopen(l.state);
  }

  async function hold(l: Live<BaseState>, reason: HoldReason): Promise<void> {
    if (l.held || !holdsCounter(l)) return;
    await commitStep(deps, target(l), { step: 'held', status: 'completed', data: { reason } });
    l.held = true;
  }

  /** A card not of the procedure: refused with its holder's name (or unknown here), audited. */
  async function nameWrongCard(l: Live<BaseState>, e: WrongCardRefusal): Promise<never> {
    const card = await findCardBySerial(deps.db(), e.readSerial);
    const holder = card ? (await getResident(deps.db(), card.residentId)).kanjiName : null;
    await auditOnly(deps, target(l), 'wrong-card-refused', {
      serial: e.readSerial,
      holder: card ? card.residentId : null,
    });
    throw new WorkflowRefusal('wrong-card', e.detail, { ...e.facts, cardHolder: holder });
  }

  async function publish(l: Live<BaseState>): Promise<ProcedureDto> {
    const dto = await dtoOf(l);
    deps.emitUpdated(dto);
    return dto;
  }

  // ---- the context a spec's steps work in ----

  function contextOf(l: Live<BaseState>): StepContext<BaseState> {
    const spec = specOf(l.procedure.kind);
    const preview = (step: string, data: Details, at = deps.now()) =>
      spec.transition(l.state, { step, status: 'completed', data, at: at.toISOString() });
    const ctx: StepContext<BaseState> = {
      deps,
      live: l,
      get state() {
        return l.state;
      },
      preview: (step, data) => preview(step, data),
      async commit(step: string, data: Details, more: CommitOptions = {}) {
        const at = deps.now();
        const status = more.status ?? 'completed';
        const row = () => ({ step, status, data, at: at.toISOString() });
        // Refused before anything is written; worked out again after the effects, which may
        // complete the data inside the transaction (a notice number chosen there).
        spec.transition(l.state, row());
        let next: BaseState = l.state;
        await commitStep(deps, target(l), {
          step,
          status,
          data,
          at,
          ...(more.effects ? { effects: more.effects } : {}),
          ...(more.end ? { end: more.end } : {}),
          ...(more.audit ? { audit: more.audit } : {}),
          check: () => {
            next = spec.transition(l.state, row());
          },
        });
        l.state = next;
      },
      async set(state) {
        l.state = state;
        await publish(l);
      },
      audit: (action, details) => auditOnly(deps, target(l), action, details),
      publish: () => publish(l),
      claimEntry: () => deps.pinHub.claim(ownerOf(l)),
      entryChanged: () => deps.pinHub.changed(ownerOf(l)),
    };
    return ctx;
  }

  /** The hub's view of a procedure's PIN entry. */
  function ownerOf(l: Live<BaseState>): PinEntryOwner {
    const entry = specOf(l.procedure.kind).pinEntry;
    if (!entry) refuse('step-not-allowed', 'pins');
    return {
      procedureId: l.procedure.id,
      isOpen: () => entry.isOpen(l.state),
      isBusy: () => l.busy,
      prompt: () => entry.prompt(l),
      checkPin: (kind: PinKind, value: string, confirmation: string) => {
        l.lastActionAt = deps.now().getTime();
        return entry.check(contextOf(l), kind, value, confirmation);
      },
      submit: (values) => {
        l.lastActionAt = deps.now().getTime();
        return exclusively(l, () => entry.submit(contextOf(l), values));
      },
      awaitsCardFace: () => entry.awaitsCardFace(l.state),
      confirmCardFace: (answer) => {
        l.lastActionAt = deps.now().getTime();
        return exclusively(l, () => entry.confirmCardFace(contextOf(l), answer));
      },
      closeStale: async () => {
        l.state = entry.closeStale(l.state);
        await publish(l);
      },
    };
  }

  // ---- starting ----

  async function open(kind: ProcedureKind, p: NewProcedure): Promise<Live<BaseState>> {
    const spec = specOf(kind);
    const id = newProcedureId(spec.idPrefix);
    const operatorId = deps.operatorId();
    const at = deps.now();
    const clock = () => at;
    await deps
      .db()
      .transaction(async (tx) => {
        await assertResidentNotElsewhere(tx, p.residentId);
        await startProcedure(
          tx,
          {
            id,
            kind,
            operatorId,
            residentId: p.residentId,
            cardId: p.cardId,
            applicationId: p.applicationId ?? null,
            counterNumber: deps.counterNumber ?? null,
          },
          clock,
        );
        if (p.effects) await p.effects(tx, id);
        // The counter goes in the first row's data, beside what the kind records there.
        const data =
          deps.counterNumber === undefined ? p.data : { ...p.data, counter: deps.counterNumber };
        await recordStep(
          tx,
          { procedureId: id, step: p.step, status: 'completed', operatorId, data },
          clock,
        );
        await appendAudit(
          tx,
          {
            operatorId,
            action: `${kind}.${p.step}`,
            residentId: p.residentId,
            cardId: p.cardId,
            details: { procedure: id, ...(p.audit ?? p.data) },
          },
          clock,
        );
      })
      .catch(async (err: unknown) => {
        throw await refusalOfConflict(kind, p, err);
      });
    return load(id, true);
  }

  return {
    /** Starts a procedure of `kind` (or reopens the open one of the same thing). */
    async start(kind: ProcedureKind, request: unknown): Promise<ProcedureDto> {
      const plan = await specOf(kind).start(deps, request);
      let l: Live<BaseState>;
      if ('open' in plan) {
        await assertCounterFor(plan.open.residentId, 'start');
        l = await open(kind, plan.open);
      } else {
        l = await load(plan.existing);
        await assertHere(l);
        await assertCounterFor(l.residentId, 'start');
        await takeUp(l);
      }
      l.lastActionAt = deps.now().getTime();
      if (plan.afterwards) await exclusively(l, () => plan.afterwards!(contextOf(l)));
      return publish(l);
    },

    async get(procedureId: string): Promise<ProcedureDto> {
      return dtoOf(await load(procedureId));
    },

    /** Every unfinished procedure, oldest first (what a restart reopens). */
    async listOpen(): Promise<ProcedureDto[]> {
      const out: ProcedureDto[] = [];
      for (const p of await listOpenProcedures(deps.db())) {
        if (!byKind.has(p.kind) || p.residentId === null || p.cardId === null) continue;
        out.push(await dtoOf(await load(p.id)));
      }
      return out;
    },

    /** One action of the clerk on the procedure, refused when its kind has no such step. */
    async act<K extends ActionName>(
      procedureId: string,
      name: K,
      args: ActionArgs[K],
    ): Promise<ActionAnswer<K>> {
      const l = await load(procedureId);
      const handler = specOf(l.procedure.kind).actions[name] as
        ((ctx: StepContext<BaseState>, a: ActionArgs[K]) => Promise<unknown>) | undefined;
      if (!handler) refuse('step-not-allowed', name);
      // Busy from the first await on: the checks below read the database, and a second action
      // sent meanwhile must be refused, not run after them.
      const answer = await exclusively(l, async () => {
        await assertHere(l);
        await assertCounterFor(l.residentId, name);
        await takeUp(l);
        l.lastActionAt = deps.now().getTime();
        try {
          return await handler(contextOf(l), args);
        } catch (e) {
          if (e instanceof WrongCardRefusal) await nameWrongCard(l, e);
          throw e;
        }
      });
      return (answer === undefined ? await publish(l) : answer) as ActionAnswer<K>;
    },

    /** 保留: the clerk parks the procedure; it stays open, and frees the counter for another resident. */
    async hold(procedureId: string, reason: HoldReason): Promise<ProcedureDto> {
      const l = await load(procedureId);
      if (CLOSED.has(l.state.step)) refuse('procedure-closed', l.state.step);
      await assertHere(l);
      await hold(l, reason);
      return publish(l);
    },

    /** The clerk answers the idle ask: the procedure goes on (audited), its idle time counted anew. */
    async keep(procedureId: string): Promise<ProcedureDto> {
      const l = await load(procedureId);
      await assertHere(l);
      if (!holdsCounter(l)) refuse('step-not-allowed', 'keep');
      l.lastActionAt = deps.now().getTime();
      await auditOnly(deps, target(l), 'idle-continued', {});
      return publish(l);
    },

    /** Parks whatever holds the counter: the screen locks or the clerk logs out. */
    async holdAll(reason: 'lock' | 'logout'): Promise<void> {
      for (const l of await holding()) {
        await hold(l, reason);
        await publish(l);
      }
    },

    /** Refuses `residentId` while another resident's procedure holds the counter (lookups, cards). */
    assertCounterFor,

    async cancel(procedureId: string, reason: string): Promise<ProcedureDto> {
      const l = await load(procedureId);
      await assertHere(l);
      const spec = specOf(l.procedure.kind);
      return exclusively(l, async () => {
        spec.checkCancel?.(l.state);
        const wasOpen = spec.pinEntry?.isOpen(l.state) ?? false;
        await contextOf(l).commit(
          'cancelled',
          { reason },
          { status: 'cancelled', end: 'cancelled' },
        );
        if (wasOpen) deps.pinHub.changed(ownerOf(l));
        return publish(l);
      });
    },

    /**
     * An office counter takes over another counter's open procedure, which that counter cannot
     * finish (closed, its clerk gone): with a 責任者's approval of this very procedure, the
     * procedure moves here in one transaction with its journal row and audit row. The card is
     * read again here; the other counter is refused from then on, naming this one.
     */
    async takeOver(procedureId: string, approvalId: number): Promise<ProcedureDto> {
      const here = deps.counterNumber;
      if (here === undefined) refuse('step-not-allowed', 'take-over');
      // Whatever this counter knew of it is stale: the other counter worked on it since.
      live.delete(procedureId);
      const l = await load(procedureId);
      if (CLOSED.has(l.state.step)) refuse('procedure-closed', l.state.step);
      const from = (await getProcedure(deps.db(), procedureId)).counterNumber;
      if (from === here) return publish(l);
      const approval = await takeoverApproval(
        deps.db(),
        approvalId,
        procedureId,
        deps.operatorId(),
      );
      await assertCounterFor(l.residentId, 'take-over');
      return exclusively(l, async () => {
        await commitStep(deps, target(l), {
          step: 'taken-over',
          status: 'completed',
          data: { from, to: here, approval: approval.id },
          movesFrom: from,
        });
        l.counter = here;
        l.lastActionAt = deps.now().getTime();
        return publish(l);
      });
    },

    /** 再発行 of a document from the history open for the resident (printed-documents.ts). */
    reprint(request: Parameters<typeof reprintDocument>[1]): Promise<FileWrittenDto> {
      return reprintDocument(deps, request);
    },

    /** Forgets every in-memory state (practice reset: the database was replaced). */
    forget(): void {
      live.clear();
      deps.pinHub.forget();
    },
  };
}
