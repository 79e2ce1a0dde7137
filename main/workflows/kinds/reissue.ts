// 再交付 (reissue): reason (特急発行 where the dated rules allow it, with or without certificates) ->
// a supervisor's approval -> the fee paid or
// waived (free-by-rule reasons are waived with the rule as their cause, without a fee step) ->
// completed: the old card revoked if it is not yet, a new 'reissue' application with its notice
// number, the reissues and fees rows, all in the last step's transaction. Then the fee receipt.
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type { FeeDto } from '../../../preload/contract/lifecycle';
import { reissueRefusal } from '../../../preload/contract/rules/card-actions';
import { expressRefusal } from '../../../preload/contract/rules/express';
import { reissueFee } from '../../../preload/contract/rules/fees';
import { ruleSetOn } from '../../../preload/contract/rules/rule-sets';
import { REVOCATION_OF_REISSUE, type ReissueReason } from '../../../preload/contract/rules/reasons';
import type { ProcedureStep } from '../../../preload/contract/procedure';
import type { Tx } from '../../db/connection';
import {
  countApplicationsWithNoticePrefix,
  createApplication,
  findApplicationByNotice,
} from '../../db/repositories/applications';
import { findReissueOfCard, recordReissue } from '../../db/repositories/card-events';
import { getCard } from '../../db/repositories/cards';
import { japanDate } from '../../../preload/contract/rules/validity';
import type { ProcedureDeps, ProcedureSpec, StepContext } from '../procedure/spec';
import { headerOf, stepGuard } from '../procedure/steps';
import { refuse } from '../refusal';
import { procedureApproval } from '../steps/approval';
import { revokeCard } from '../steps/card-revocation';
import { assertServiceOpen } from '../steps/service-hours';
import { writeFeeReceipt } from '../steps/printed-documents';
import { cardForRecord } from './card-start';

/** The rule's own words for a fee waived by rule (fees.waiver_reason). */
const FREE_BY_RULE = 'free-by-rule';

export interface ReissueState {
  readonly step: Extract<ProcedureStep, 'reason' | 'approval' | 'fee' | 'completed' | 'cancelled'>;
  readonly reason: ReissueReason | null;
  readonly express: boolean;
  readonly withCertificates: boolean;
  /** The rule set the fee was computed by (its id), as the reason row recorded it. */
  readonly ruleSet: string | null;
  readonly expressCategory: string | null;
  readonly fee: FeeDto | null;
  readonly approvalId: number | null;
  /** What the last step recorded: paid or waived, the amount, the new notice number. */
  readonly done: {
    readonly status: 'paid' | 'waived';
    readonly waiverReason: string | null;
    readonly notice: string;
  } | null;
}

const OPEN_STEPS: readonly ReissueState['step'][] = ['reason', 'approval', 'fee'];

function isFee(v: unknown): v is FeeDto {
  return typeof v === 'object' && v !== null && typeof (v as FeeDto).amountYen === 'number';
}

export function reissueTransition(
  s: ReissueState,
  row: { readonly step: string; readonly data: Readonly<Record<string, unknown>> },
): ReissueState {
  const at = stepGuard(s.step, OPEN_STEPS);
  const d = row.data;
  switch (row.step) {
    case 'reason': {
      at('reason', 'approval');
      const reason = d.reason as ReissueReason;
      const express = d.express === true;
      const withCertificates = d.withCertificates !== false;
      // The fee as the rule set of the day made it; a row from before the rule table has none.
      const fee = isFee(d.fee) ? d.fee : reissueFee({ reason, express, withCertificates });
      return {
        ...s,
        step: 'approval',
        reason,
        express,
        withCertificates,
        ruleSet: typeof d.ruleSet === 'string' ? d.ruleSet : null,
        expressCategory: typeof d.expressCategory === 'string' ? d.expressCategory : null,
        fee,
      };
    }
    case 'approval':
      at('approval');
      return { ...s, step: 'fee', approvalId: Number(d.approval) };
    case 'fee':
      at('fee');
      return {
        ...s,
        step: 'completed',
        done: {
          status: d.status === 'waived' ? 'waived' : 'paid',
          waiverReason: d.status === 'waived' ? String(d.waiverReason) : null,
          notice: String(d.notice),
        },
      };
    case 'cancelled':
      return { ...s, step: 'cancelled' };
    default:
      return s; // 'start'
  }
}

/** One 再交付 per card: the rule the screens offer it by, checked at start and at each step. */
async function assertNoReissue(deps: ProcedureDeps, cardId: number): Promise<void> {
  const refusal = reissueRefusal((await findReissueOfCard(deps.db(), cardId)) !== undefined);
  if (refusal) refuse(refusal.code);
}

/** The next notice number of reissues this year: MD-<year>-R<nnnn>. */
async function nextNoticeNumber(tx: Tx, year: string): Promise<string> {
  const prefix = `MD-${year}-R`;
  for (let n = (await countApplicationsWithNoticePrefix(tx, prefix)) + 1; ; n += 1) {
    const candidate = `${prefix}${String(n).padStart(4, '0')}`;
    if (!(await findApplicationByNotice(tx, candidate))) return candidate;
  }
}

/** The last step: fee, old card's revocation, new application, reissues and fees rows. */
async function finish(
  ctx: StepContext<ReissueState>,
  status: 'paid' | 'waived',
  waiverReason: string | null,
): Promise<void> {
  const deps = ctx.deps;
  const s = ctx.state;
  const reason = s.reason!;
  const approvalId = s.approvalId!;
  const card = await getCard(deps.db(), ctx.live.cardId);
  const revokeOld = card.state !== 'terminated';
  // Revoking the old card's certificates needs the national service: not outside its hours.
  if (revokeOld) assertServiceOpen(deps);
  // The old card is revoked with the reissue's approval when it is not terminated yet.
  const revocation = revokeOld
    ? await revokeCard(deps, {
        cardId: card.id,
        procedureId: ctx.live.procedure.id,
        reason: REVOCATION_OF_REISSUE[reason],
        approvalId,
      })
    : null;
  const amountYen = status === 'paid' ? s.fee!.amountYen : 0;
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
  await ctx.commit('fee', data, {
    effects: async (tx) => {
      if (revocation) await revocation.effects(tx);
      const notice = await nextNoticeNumber(tx, japanDate(deps.now()).slice(0, 4));
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
          express: s.express,
          withCertificates: s.withCertificates,
          ruleSet: s.ruleSet,
          expressCategory: s.expressCategory,
          operatorId,
          procedureId: ctx.live.procedure.id,
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

export const reissueSpec: ProcedureSpec<ReissueState, { readonly cardId: number }> = {
  kind: 'reissue',
  idPrefix: 'rei',
  initial: () => ({
    step: 'reason',
    reason: null,
    express: false,
    withCertificates: true,
    ruleSet: null,
    expressCategory: null,
    fee: null,
    approvalId: null,
    done: null,
  }),
  transition: reissueTransition,
  reopen: (s) => s,

  async start(deps, { cardId }) {
    const card = await cardForRecord(deps, 'reissue', cardId);
    await assertNoReissue(deps, card.id);
    return { open: { residentId: card.residentId, cardId: card.id, step: 'start', data: {} } };
  },

  // A reason free by rule has no fee to take: no fee step.
  header: (s) =>
    headerOf(s.fee?.freeByRule ? ['reason', 'approval'] : ['reason', 'approval', 'fee'], s.step),

  allowed: (s) =>
    OPEN_STEPS.includes(s.step) ? ['cancel'] : s.step === 'completed' ? ['print-receipt'] : [],

  async view(_deps, l) {
    const s = l.state;
    return {
      approvalId: s.approvalId,
      parts: {
        reissue:
          s.reason && s.fee
            ? {
                reason: s.reason,
                express: s.express,
                expressCategory: s.expressCategory,
                withCertificates: s.withCertificates,
                ruleSet: s.ruleSet,
                fee: s.fee,
                feeStatus: s.done?.status ?? null,
                waiverReason: s.done?.waiverReason ?? null,
                newNoticeNumber: s.done?.notice ?? null,
              }
            : null,
      },
    };
  },

  actions: {
    async setReissueReason(ctx, { reason, express, expressRequest, withCertificates }) {
      const deps = ctx.deps;
      const today = japanDate(deps.now());
      const rules = ruleSetOn(today, deps.ruleSets);
      const withCerts = withCertificates !== false;
      if (express) {
        // Who may ask and until when is the rule set's: checked here, whatever the screen showed.
        if (!expressRequest) refuse('express-not-eligible', 'category');
        const why = expressRefusal(
          { ...expressRequest, reason, birthDate: ctx.live.birthDate, today },
          rules,
        );
        if (why) refuse(why === 'reason' ? 'express-not-allowed' : 'express-not-eligible', why);
      }
      const fee = reissueFee({ reason, express, withCertificates: withCerts }, rules);
      await ctx.commit('reason', {
        reason,
        express,
        withCertificates: withCerts,
        ruleSet: rules.id,
        ...(express && expressRequest
          ? {
              expressCategory: expressRequest.category,
              expressEventDate: expressRequest.eventDate,
            }
          : {}),
        feeYen: fee.amountYen,
        fee: { amountYen: fee.amountYen, lines: [...fee.lines], freeByRule: fee.freeByRule },
      });
    },

    async approve(ctx, { approvalId }) {
      ctx.preview('approval', { approval: approvalId });
      const deps = ctx.deps;
      await procedureApproval(
        deps.db(),
        approvalId,
        ctx.live.procedure,
        'reissue',
        deps.operatorId(),
      );
      await assertNoReissue(deps, ctx.live.cardId);
      await ctx.commit('approval', { approval: approvalId });
      // Free by rule: recorded waived with the rule as its reason; there is no fee to take.
      if (ctx.state.fee!.freeByRule) await finish(ctx, 'waived', FREE_BY_RULE);
    },

    async recordFee(ctx, { status, waiverReason }) {
      ctx.preview('fee', { status });
      const why = waiverReason?.trim() ?? '';
      if (status === 'waived' && why === '') refuse('waiver-reason-required');
      await assertNoReissue(ctx.deps, ctx.live.cardId);
      await finish(ctx, status, status === 'waived' ? why : null);
    },

    async printReceipt(ctx): Promise<FileWrittenDto> {
      const s = ctx.state;
      if (s.step !== 'completed' || !s.done) refuse('step-not-allowed', s.step);
      const written = await writeFeeReceipt(ctx.deps, ctx.live.procedure.id, null);
      // The journal closed with the procedure: a printed receipt is an audit row alone.
      await ctx.audit('receipt-printed', { bytes: written.bytes });
      return written;
    },
  },
};
