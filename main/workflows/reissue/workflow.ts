// 再交付: reason (express only for a lost card) -> a supervisor's approval -> the fee paid or waived
// (free-by-rule reasons are waived with the rule as their cause, without a fee step) -> completed:
// the old card revoked if it is not yet, a new 'reissue' application with its notice number,
// the reissues and fees rows, all in the last step's transaction. Then the fee receipt.
import { join } from 'node:path';
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type {
  FeeDto,
  LifeKind,
  LifeProcedureDto,
  LifeStep,
} from '../../../preload/contract/lifecycle';
import { EXPRESS_REISSUE_REASONS, reissueFee } from '../../../preload/contract/rules/fees';
import { REVOCATION_OF_REISSUE, type ReissueReason } from '../../../preload/contract/rules/reasons';
import type { Tx } from '../../db/connection';
import {
  countApplicationsWithNoticePrefix,
  createApplication,
  findApplicationByNotice,
  getApplication,
} from '../../db/repositories/applications';
import {
  findReissueOfCard,
  findReissueOfProcedure,
  recordReissue,
} from '../../db/repositories/card-events';
import { getCard, type Card } from '../../db/repositories/cards';
import { getOperator } from '../../db/repositories/operators';
import { getResident } from '../../db/repositories/residents';
import type { Procedure } from '../../db/repositories/journal';
import type { FeeReceiptData } from '../../documents/fee-receipt';
import {
  assertOpen,
  cancelProcedure,
  checkApproval,
  commitLifeStep,
  lastStep,
  openLifeProcedure,
  journalViews,
  revokeCardRecords,
  cardForStart,
  readJournal,
  type JournalView,
  type LifeRecordsDeps,
} from '../lifecycle/life-steps';
import { projectLifeProcedure } from '../lifecycle/projection';
import { auditOnly, japanToday } from '../steps/journal';
import type { LifeWorkflow } from '../lifecycle/registry';
import { WorkflowRefusal } from '../refusal';

export interface ReissueDeps extends LifeRecordsDeps {
  emitUpdated(dto: LifeProcedureDto): void;
  writeFeeReceiptPdf(path: string, data: FeeReceiptData): Promise<{ bytes: number }>;
  receiptsDir: string;
  practice: boolean;
  municipality: { readonly name: string; readonly code: string };
}

/** The rule's own words for a fee waived by rule (fees.waiver_reason). */
const FREE_BY_RULE = 'free-by-rule';

interface ReissueState {
  readonly step: LifeStep;
  readonly reason: ReissueReason | null;
  readonly express: boolean;
  readonly fee: FeeDto | null;
  readonly approvalId: number | null;
  readonly done: Record<string, unknown> | null;
}

function stateOf(view: JournalView): ReissueState {
  const reasonRow = lastStep(view, 'reason');
  const approval = lastStep(view, 'approval');
  const done = lastStep(view, 'fee');
  const reason = (reasonRow?.reason as ReissueReason | undefined) ?? null;
  const express = reasonRow?.express === true;
  const fee = reason ? reissueFee(reason, express) : null;
  let step: LifeStep;
  if (view.procedure.status === 'completed') step = 'completed';
  else if (view.procedure.status === 'cancelled') step = 'cancelled';
  else if (!reasonRow) step = 'reason';
  else if (!approval) step = 'approval';
  else step = 'fee';
  return {
    step,
    reason,
    express,
    fee,
    approvalId: approval ? Number(approval.approval) : null,
    done,
  };
}

/** The next notice number of reissues this year: MD-<year>-R<nnnn>. */
async function nextNoticeNumber(tx: Tx, year: string): Promise<string> {
  const prefix = `MD-${year}-R`;
  const count = await countApplicationsWithNoticePrefix(tx, prefix);
  for (let n = count + 1; ; n += 1) {
    const candidate = `${prefix}${String(n).padStart(4, '0')}`;
    const taken = await findApplicationByNotice(tx, candidate);
    if (!taken) return candidate;
  }
}

export function createReissueWorkflow(deps: ReissueDeps): LifeWorkflow {
  async function load(procedureId: string) {
    const view = await readJournal(deps, procedureId);
    if (view.procedure.kind !== 'reissue') throw new WorkflowRefusal('not-found');
    return { view, state: stateOf(view) };
  }

  async function dto(procedureId: string): Promise<LifeProcedureDto> {
    const { view, state } = await load(procedureId);
    const done = state.done;
    return projectLifeProcedure(deps.db(), view.procedure, deps.now(), {
      step: state.step,
      reissue:
        state.reason && state.fee
          ? {
              reason: state.reason,
              express: state.express,
              fee: state.fee,
              feeStatus: done ? (done.status as 'paid' | 'waived') : null,
              waiverReason: done && done.status === 'waived' ? String(done.waiverReason) : null,
              newNoticeNumber: done ? String(done.notice) : null,
            }
          : null,
      approvalId: state.approvalId,
    });
  }

  const views = journalViews(deps, 'reissue', dto);
  const publish = views.publish;

  /** The last step: fee, old card's revocation, new application, reissues and fees rows. */
  async function finish(
    procedure: Procedure,
    state: ReissueState,
    status: 'paid' | 'waived',
    waiverReason: string | null,
  ): Promise<void> {
    const reason = state.reason!;
    const approvalId = state.approvalId!;
    const card = await getCard(deps.db(), procedure.cardId!);
    const revokeOld = card.state !== 'terminated';
    // The old card is revoked with the reissue's approval when it is not terminated yet.
    const revocation = revokeOld
      ? await revokeCardRecords(deps, procedure, REVOCATION_OF_REISSUE[reason], approvalId)
      : null;
    const amountYen = status === 'paid' ? state.fee!.amountYen : 0;
    const operatorId = deps.operatorId();
    // The notice number is chosen inside the step's transaction, so it is written with the step.
    const data: Record<string, string | number | boolean | null> = {
      status,
      amountYen,
      waiverReason,
      notice: '',
      oldCardRevoked: revokeOld,
      certificates: revocation?.count ?? 0,
    };
    await commitLifeStep(deps, procedure, 'fee', data, {
      effects: async (tx) => {
        if (revocation) await revocation.effects(tx);
        const notice = await nextNoticeNumber(tx, japanToday(deps.now()).slice(0, 4));
        data.notice = notice;
        const applicationId = await createApplication(
          tx,
          { noticeNumber: notice, residentId: card.residentId, kind: 'reissue' },
          deps.now,
        );
        await recordReissue(
          tx,
          {
            oldCardId: card.id,
            applicationId,
            reason,
            express: state.express,
            operatorId,
            procedureId: procedure.id,
            fee:
              status === 'paid'
                ? { status, amountYen }
                : { status, waiverReason: waiverReason ?? FREE_BY_RULE },
          },
          deps.now,
        );
      },
      end: 'completed',
    });
  }

  async function assertNoReissue(card: Card): Promise<void> {
    const existing = await findReissueOfCard(deps.db(), card.id);
    if (existing) throw new WorkflowRefusal('reissue-exists');
  }

  return {
    kinds: ['reissue'] as const satisfies readonly LifeKind[],

    async start(_kind: LifeKind, cardId: number): Promise<LifeProcedureDto> {
      const card = await cardForStart(deps, 'reissue', cardId);
      await assertNoReissue(card);
      const id = await openLifeProcedure(deps, 'reissue', card, 'start', {});
      return publish(id);
    },

    get: views.get,
    listOpen: views.listOpen,

    async cancel(procedureId: string, reason: string): Promise<LifeProcedureDto> {
      await cancelProcedure(deps, (await load(procedureId)).view, reason);
      return publish(procedureId);
    },

    async setReissueReason(procedureId, reason, express): Promise<LifeProcedureDto> {
      const { view, state } = await load(procedureId);
      assertOpen(view);
      if (!['reason', 'approval'].includes(state.step))
        throw new WorkflowRefusal('step-not-allowed', state.step);
      if (express && !EXPRESS_REISSUE_REASONS.includes(reason))
        throw new WorkflowRefusal('express-not-allowed');
      const fee = reissueFee(reason, express);
      await commitLifeStep(deps, view.procedure, 'reason', {
        reason,
        express,
        feeYen: fee.amountYen,
      });
      return publish(procedureId);
    },

    async approve(procedureId, approvalId): Promise<LifeProcedureDto> {
      const { view, state } = await load(procedureId);
      assertOpen(view);
      if (state.step !== 'approval') throw new WorkflowRefusal('step-not-allowed', state.step);
      await checkApproval(deps, view.procedure, approvalId, 'reissue');
      await assertNoReissue(await getCard(deps.db(), view.procedure.cardId!));
      await commitLifeStep(deps, view.procedure, 'approval', { approval: approvalId });
      const after = stateOf(await readJournal(deps, procedureId));
      // Free by rule: recorded waived with the rule as its reason; there is no fee to take.
      if (after.fee!.freeByRule) await finish(view.procedure, after, 'waived', FREE_BY_RULE);
      return publish(procedureId);
    },

    async recordFee(procedureId, status, waiverReason): Promise<LifeProcedureDto> {
      const { view, state } = await load(procedureId);
      assertOpen(view);
      if (state.step !== 'fee') throw new WorkflowRefusal('step-not-allowed', state.step);
      const why = waiverReason?.trim() ?? '';
      if (status === 'waived' && why === '') throw new WorkflowRefusal('waiver-reason-required');
      await assertNoReissue(await getCard(deps.db(), view.procedure.cardId!));
      await finish(view.procedure, state, status, status === 'waived' ? why : null);
      return publish(procedureId);
    },

    async printReceipt(procedureId): Promise<FileWrittenDto> {
      const { view, state } = await load(procedureId);
      if (state.step !== 'completed' || !state.done)
        throw new WorkflowRefusal('step-not-allowed', state.step);
      const card = await getCard(deps.db(), view.procedure.cardId!);
      const resident = await getResident(deps.db(), card.residentId);
      const operator = await getOperator(deps.db(), deps.operatorId());
      const reissue = await findReissueOfProcedure(deps.db(), procedureId);
      const application = await getApplication(deps.db(), reissue!.applicationId);
      const data: FeeReceiptData = {
        municipalityName: deps.municipality.name,
        municipalityCode: deps.municipality.code,
        noticeNumber: application.noticeNumber,
        residentName: resident.kanjiName,
        residentKana: resident.kanaName,
        oldCardSerial: card.serial,
        reason: state.reason!,
        express: state.express,
        fee: state.fee!,
        status: state.done.status as 'paid' | 'waived',
        waiverReason: state.done.status === 'waived' ? String(state.done.waiverReason) : null,
        operatorName: operator.displayName,
        recordedAt: view.procedure.endedAt ?? deps.now().toISOString(),
        practice: deps.practice,
        procedureId,
      };
      const path = join(deps.receiptsDir, `reissue-fee-${procedureId}.pdf`);
      const { bytes } = await deps.writeFeeReceiptPdf(path, data);
      // The journal closed with the procedure: a printed receipt is an audit row alone.
      await auditOnly(
        deps,
        {
          procedureId,
          prefix: 'reissue',
          residentId: card.residentId,
          cardId: card.id,
        },
        'receipt-printed',
        { bytes },
      );
      return { path, bytes };
    },
  };
}
