// The one engine of every counter procedure: start, load (the state rebuilt from the journal by the
// kind's pure transition), one clerk action at a time, one transaction per step (effects + journal
// row + audit row), publish to the clerk window, cancel, resume after a restart, and the resident
// window's PIN entry through the one hub. What differs between kinds is in their specs.
import type { FileWrittenDto, PinKind } from '../../../preload/contract/dto';
import type { ProcedureDto, ProcedureKind } from '../../../preload/contract/procedure';
import type { Details } from '../../audit/details-guard';
import { getApplication } from '../../db/repositories/applications';
import {
  getProcedure,
  listOpenProcedures,
  listSteps,
  recordStep,
  startProcedure,
  type JournalEntry,
  type Procedure,
} from '../../db/repositories/journal';
import { getOperator } from '../../db/repositories/operators';
import { getResident } from '../../db/repositories/residents';
import { appendAudit } from '../../audit/audit-log';
import { refuse, WorkflowRefusal } from '../refusal';
import type { PinEntryOwner } from '../steps/pin-hub';
import { reprintDocument } from '../steps/printed-documents';
import { auditOnly, commitStep, newProcedureId, type JournalTarget } from './journal';
import { applicationSummary, approverName, lifeCardOf, residentSummaryOf } from './projection';
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
    const rows = (await listSteps(db, procedureId)).map(rowOf);
    let state = rows.reduce(
      (s, row) => spec.transition(s, row),
      spec.initial(procedureId, rows[0] ?? null),
    ) as BaseState;
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
    };
    live.set(procedureId, l);
    return l;
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
        : await applicationSummary(db, await getApplication(db, p.applicationId), now);
    return {
      procedureId: p.id,
      kind: p.kind,
      step: l.state.step,
      header: spec.header(l.state),
      actions: spec.allowed(l.state),
      resident: residentSummaryOf(await getResident(db, l.residentId), now),
      application,
      card: await lifeCardOf(db, l.cardId),
      startedAt: p.startedAt,
      startedBy: (await getOperator(db, p.operatorId)).loginId,
      completedAt: p.status === 'open' ? null : p.endedAt,
      documents: null,
      representativeAsked: false,
      faceRequired: false,
      face: null,
      matchedSerial: null,
      needsCard: false,
      plan: null,
      pins: null,
      certificates: null,
      handover: null,
      suspension: null,
      revocation: null,
      reissue: null,
      renewal: null,
      notice: null,
      ...view.parts,
      approvedBy: await approverName(db, view.approvalId),
    };
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
      checkPin: (kind: PinKind, value: string, confirmation: string) =>
        entry.check(contextOf(l), kind, value, confirmation),
      submit: (values) => exclusively(l, () => entry.submit(contextOf(l), values)),
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
    await deps.db().transaction(async (tx) => {
      await startProcedure(
        tx,
        {
          id,
          kind,
          operatorId,
          residentId: p.residentId,
          cardId: p.cardId,
          applicationId: p.applicationId ?? null,
        },
        clock,
      );
      if (p.effects) await p.effects(tx, id);
      await recordStep(
        tx,
        { procedureId: id, step: p.step, status: 'completed', operatorId, data: p.data },
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
    });
    return load(id, true);
  }

  return {
    /** Starts a procedure of `kind` (or reopens the open one of the same thing). */
    async start(kind: ProcedureKind, request: unknown): Promise<ProcedureDto> {
      const plan = await specOf(kind).start(deps, request);
      const l = 'open' in plan ? await open(kind, plan.open) : await load(plan.existing);
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
      const answer = await exclusively(l, () => handler(contextOf(l), args));
      return (answer === undefined ? await publish(l) : answer) as ActionAnswer<K>;
    },

    async cancel(procedureId: string, reason: string): Promise<ProcedureDto> {
      const l = await load(procedureId);
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
