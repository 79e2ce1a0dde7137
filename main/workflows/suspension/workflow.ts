// 一時停止: a reported loss or theft recorded without the card; the card suspended, its certificates
// put on hold with the authority and in the database. Steps: report, certificates-held.
import type { LifeKind, LifeProcedureDto } from '../../../preload/contract/lifecycle';
import { setCertificateStatus } from '../../db/repositories/certificates';
import { recordSuspension } from '../../db/repositories/card-events';
import { getCard, transitionCard } from '../../db/repositories/cards';
import type { Procedure } from '../../db/repositories/journal';
import {
  assertOpen,
  authorityChange,
  commitLifeStep,
  lastStep,
  liveCertificates,
  openLifeProcedure,
  journalViews,
  readJournal,
  type LifeRecordsDeps,
} from '../lifecycle/life-steps';
import { projectLifeProcedure } from '../lifecycle/projection';
import type { LifeWorkflow, SuspensionReport } from '../lifecycle/registry';
import { WorkflowRefusal } from '../refusal';

export interface SuspensionDeps extends LifeRecordsDeps {
  emitUpdated(dto: LifeProcedureDto): void;
}

export function createSuspensionWorkflow(deps: SuspensionDeps): LifeWorkflow {
  async function dto(procedureId: string): Promise<LifeProcedureDto> {
    const view = await readJournal(deps, procedureId);
    const report = lastStep(view, 'report');
    if (!report) throw new WorkflowRefusal('not-found');
    const held = lastStep(view, 'certificates-held') !== null;
    return projectLifeProcedure(deps.db(), view.procedure, deps.now(), {
      step: held ? 'completed' : 'report',
      suspension: {
        reporter: report.reporter as 'callcentre',
        method: report.method as 'telephone',
        reportedAt: String(report.reportedAt),
        note: String(report.note ?? ''),
      },
    });
  }

  /** The hold with the authority, then in the database with the step's rows; ends the procedure. */
  async function holdCertificates(procedure: Procedure): Promise<void> {
    const certs = await liveCertificates(deps, procedure.cardId!, 'issued');
    await authorityChange(
      await deps.authority(),
      certs.map((c) => c.serial),
      { hold: true },
      deps.now(),
    );
    await commitLifeStep(
      deps,
      procedure,
      'certificates-held',
      { certificates: certs.length },
      {
        effects: async (tx) => {
          for (const c of certs) await setCertificateStatus(tx, c.id, 'on_hold', null, deps.now);
        },
        end: 'completed',
      },
    );
  }

  const views = journalViews(deps, 'suspension', dto);
  const publish = views.publish;

  return {
    kinds: ['suspension'] as const satisfies readonly LifeKind[],

    async start(): Promise<LifeProcedureDto> {
      // A suspension is registered in one call (suspension:register), never started empty.
      throw new WorkflowRefusal('step-not-allowed', 'start');
    },

    get: views.get,
    listOpen: views.listOpen,

    async cancel(): Promise<LifeProcedureDto> {
      // The card is suspended from the first step on: what was recorded stays recorded.
      throw new WorkflowRefusal('step-not-allowed', 'cancel');
    },

    async register(report: SuspensionReport): Promise<LifeProcedureDto> {
      let card;
      try {
        card = await getCard(deps.db(), report.cardId);
      } catch {
        throw new WorkflowRefusal('not-found', 'card');
      }
      if (card.state === 'terminated') throw new WorkflowRefusal('card-revoked');
      if (card.state === 'suspended') throw new WorkflowRefusal('card-already-suspended');
      if (card.state !== 'issued') throw new WorkflowRefusal('card-not-issued');
      const reportedAt = new Date(report.reportedAt);
      if (Number.isNaN(reportedAt.getTime())) throw new WorkflowRefusal('validation', 'reportedAt');
      if (reportedAt.getTime() > deps.now().getTime())
        throw new WorkflowRefusal('report-in-future');

      const operatorId = deps.operatorId();
      const data = {
        reporter: report.reporter,
        method: report.method,
        reportedAt: reportedAt.toISOString(),
        note: report.note,
      };
      const id = await openLifeProcedure(
        deps,
        'suspension',
        card,
        'report',
        data,
        async (tx, pid) => {
          await recordSuspension(
            tx,
            {
              cardId: card.id,
              reportedBy: report.reporter,
              reportedAt: data.reportedAt,
              how: report.method,
              operatorId,
              procedureId: pid,
            },
            deps.now,
          );
          await transitionCard(tx, card.id, 'suspended', deps.now);
        },
      );
      await holdCertificates((await readJournal(deps, id)).procedure);
      return publish(id);
    },

    /** After a restart between the two steps: puts the certificates on hold and closes. */
    async complete(procedureId: string): Promise<LifeProcedureDto> {
      const view = await readJournal(deps, procedureId);
      assertOpen(view);
      await holdCertificates(view.procedure);
      return publish(procedureId);
    },
  };
}
