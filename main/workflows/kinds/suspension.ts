// 一時停止 (suspension): a reported loss or theft recorded without the card (who reported it, when,
// how); the card suspended, then its certificates put on hold with the authority and in the
// database. Steps: report, certificates-held. Nothing recorded is undone: it cannot be cancelled;
// 解除 at the counter ends it.
import type { Reporter, ReportMethod } from '../../../preload/contract/lifecycle';
import { recordSuspension } from '../../db/repositories/card-events';
import { transitionCard } from '../../db/repositories/cards';
import type { ProcedureSpec, StepContext } from '../procedure/spec';
import { headerOf } from '../procedure/steps';
import { refuse } from '../refusal';
import { holdCertificates } from '../steps/certificate-status';
import { cardOf } from './card-start';

/** Who reported the loss, how and when, and the clerk's note. */
export interface SuspensionReport {
  readonly reporter: Reporter;
  readonly method: ReportMethod;
  readonly reportedAt: string;
  readonly note: string;
}

export interface SuspensionState {
  readonly step: 'report' | 'completed' | 'cancelled';
  readonly report: SuspensionReport | null;
}

/** The hold with the authority, then in the database with the step's rows; ends the procedure. */
async function hold(ctx: StepContext<SuspensionState>): Promise<void> {
  const held = await holdCertificates(ctx.deps, ctx.live.cardId);
  await ctx.commit(
    'certificates-held',
    { certificates: held.count },
    { effects: held.inTx, end: 'completed' },
  );
}

export const suspensionSpec: ProcedureSpec<
  SuspensionState,
  { readonly cardId: number; readonly report: SuspensionReport }
> = {
  kind: 'suspension',
  idPrefix: 'sus',
  initial: () => ({ step: 'report', report: null }),
  transition(s, row) {
    if (s.step !== 'report') refuse('procedure-closed', s.step);
    const d = row.data;
    switch (row.step) {
      case 'report':
        return {
          step: 'report',
          report: {
            reporter: d.reporter as Reporter,
            method: d.method as ReportMethod,
            reportedAt: String(d.reportedAt),
            note: String(d.note ?? ''),
          },
        };
      case 'certificates-held':
        return { ...s, step: 'completed' };
      case 'cancelled':
        return { ...s, step: 'cancelled' };
      default:
        return s;
    }
  },
  reopen: (s) => s,

  async start(deps, { cardId, report }) {
    const card = await cardOf(deps, cardId);
    if (card.state === 'terminated') refuse('card-revoked');
    if (card.state === 'suspended') refuse('card-already-suspended');
    if (card.state !== 'issued') refuse('card-not-issued');
    const reportedAt = new Date(report.reportedAt);
    if (Number.isNaN(reportedAt.getTime())) refuse('validation', 'reportedAt');
    if (reportedAt.getTime() > deps.now().getTime()) refuse('report-in-future');
    const operatorId = deps.operatorId();
    const data = {
      reporter: report.reporter,
      method: report.method,
      reportedAt: reportedAt.toISOString(),
      note: report.note,
    };
    return {
      open: {
        residentId: card.residentId,
        cardId: card.id,
        step: 'report',
        data,
        async effects(tx, procedureId) {
          await recordSuspension(
            tx,
            {
              cardId: card.id,
              reportedBy: report.reporter,
              reportedAt: data.reportedAt,
              how: report.method,
              operatorId,
              procedureId,
            },
            deps.now,
          );
          await transitionCard(tx, card.id, 'suspended', deps.now);
        },
      },
      afterwards: hold,
    };
  },

  // The card is suspended from the first step on: what was recorded stays recorded.
  checkCancel: () => refuse('step-not-allowed', 'cancel'),

  header: (s) => headerOf(['report'], s.step),
  // Open only after a restart between its two steps: the hold is what is left.
  allowed: (s) => (s.step === 'report' ? ['complete'] : []),
  async view(_deps, l) {
    return { approvalId: null, parts: { suspension: l.state.report } };
  },

  actions: {
    /** After a restart between the two steps: puts the certificates on hold and closes. */
    complete: (ctx) => hold(ctx),
  },
};
