// The card's later life: one entry point for the life:* channels. Each procedure kind is its own
// workflow (main/workflows/<kind>/); this routes a call to the workflow that owns the procedure's
// kind, and refuses a step the procedure does not have.
import type { FacePhotosDto } from '../../../preload/contract/issuance';
import type { DocumentKind } from '../../../preload/contract/rules/documents';
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type {
  LifeKind,
  LifeProcedureDto,
  PinPlanEntry,
  RenewalScope,
  Reporter,
  ReportMethod,
} from '../../../preload/contract/lifecycle';
import type { CardRevocationReason, ReissueReason } from '../../../preload/contract/rules/reasons';
import type { Queryable } from '../../db/connection';
import { getProcedure } from '../../db/repositories/journal';
import { WorkflowRefusal } from '../refusal';

export interface SuspensionReport {
  readonly cardId: number;
  readonly reporter: Reporter;
  readonly method: ReportMethod;
  readonly reportedAt: string;
  readonly note: string;
}

/** What a workflow of the card's later life may implement; a missing step is refused. */
export interface LifeWorkflow {
  readonly kinds: readonly LifeKind[];
  start(kind: LifeKind, cardId: number): Promise<LifeProcedureDto>;
  get(procedureId: string): Promise<LifeProcedureDto>;
  listOpen(): Promise<LifeProcedureDto[]>;
  cancel(procedureId: string, reason: string): Promise<LifeProcedureDto>;
  register?(report: SuspensionReport): Promise<LifeProcedureDto>;
  recordDocuments?(procedureId: string, kinds: readonly DocumentKind[]): Promise<LifeProcedureDto>;
  checkCard?(procedureId: string, reader: string): Promise<LifeProcedureDto>;
  readPhotos?(procedureId: string, reader: string): Promise<FacePhotosDto>;
  recordFace?(procedureId: string, decision: 'match' | 'mismatch'): Promise<LifeProcedureDto>;
  overrideFace?(procedureId: string, approvalId: number): Promise<LifeProcedureDto>;
  choose?(
    procedureId: string,
    plan: readonly PinPlanEntry[],
    scope: RenewalScope | undefined,
  ): Promise<LifeProcedureDto>;
  openPinEntry?(procedureId: string, reader: string): Promise<LifeProcedureDto>;
  setRevocationReason?(
    procedureId: string,
    reason: CardRevocationReason,
    cardPresent: boolean,
  ): Promise<LifeProcedureDto>;
  setReissueReason?(
    procedureId: string,
    reason: ReissueReason,
    express: boolean,
  ): Promise<LifeProcedureDto>;
  approve?(procedureId: string, approvalId: number): Promise<LifeProcedureDto>;
  recordFee?(
    procedureId: string,
    status: 'paid' | 'waived',
    waiverReason: string | undefined,
  ): Promise<LifeProcedureDto>;
  recordDestroyed?(procedureId: string, reader: string | undefined): Promise<LifeProcedureDto>;
  complete?(procedureId: string): Promise<LifeProcedureDto>;
  printReceipt?(procedureId: string): Promise<FileWrittenDto>;
}

type Step = Exclude<keyof LifeWorkflow, 'kinds' | 'start' | 'get' | 'listOpen' | 'cancel'>;

export function createLifeRegistry(db: () => Queryable, workflows: readonly LifeWorkflow[]) {
  const byKind = new Map<LifeKind, LifeWorkflow>();
  for (const w of workflows) for (const k of w.kinds) byKind.set(k, w);

  function workflowOf(kind: LifeKind): LifeWorkflow {
    const w = byKind.get(kind);
    if (!w) throw new WorkflowRefusal('step-not-allowed', kind);
    return w;
  }

  async function owner(procedureId: string): Promise<LifeWorkflow> {
    let kind: string;
    try {
      kind = (await getProcedure(db(), procedureId)).kind;
    } catch {
      throw new WorkflowRefusal('not-found');
    }
    if (kind === 'issuance') throw new WorkflowRefusal('step-not-allowed', 'issuance');
    return workflowOf(kind as LifeKind);
  }

  /** The step of the procedure's workflow, or a refusal when that workflow has no such step. */
  async function step<S extends Step>(
    procedureId: string,
    name: S,
  ): Promise<NonNullable<LifeWorkflow[S]>> {
    const w = await owner(procedureId);
    const f = w[name];
    if (!f) throw new WorkflowRefusal('step-not-allowed', name);
    return (f as (...a: never[]) => unknown).bind(w) as NonNullable<LifeWorkflow[S]>;
  }

  return {
    workflowOf,
    step,
    start: (kind: LifeKind, cardId: number) => workflowOf(kind).start(kind, cardId),
    get: async (procedureId: string) => (await owner(procedureId)).get(procedureId),
    cancel: async (procedureId: string, reason: string) =>
      (await owner(procedureId)).cancel(procedureId, reason),
    async listOpen(): Promise<LifeProcedureDto[]> {
      const all: LifeProcedureDto[] = [];
      for (const w of new Set(byKind.values())) all.push(...(await w.listOpen()));
      return all.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    },
    async register(report: SuspensionReport): Promise<LifeProcedureDto> {
      const w = workflowOf('suspension');
      if (!w.register) throw new WorkflowRefusal('step-not-allowed', 'register');
      return w.register(report);
    },
  };
}

export type LifeRegistry = ReturnType<typeof createLifeRegistry>;
