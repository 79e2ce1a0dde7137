// 交付 (issuance): the application's prepared card handed to the resident. Documents (with the legal
// representative under 15 or under guardianship), the card matched, the face check, every secret
// set anew on the resident window, keys and certificates, then the handover with the old cards
// collected; 後日交付 when the authority cannot issue. The receipt and the slip are printed here.
import type { FileWrittenDto } from '../../../preload/contract/dto';
import type { Details } from '../../audit/details-guard';
import { needsNoticeMatch } from '../../../preload/contract/rules/look-alikes';
import { requiredPinKinds } from '../../../preload/contract/rules/pins';
import {
  getApplication,
  setApplicationStatus,
  type CardApplication,
} from '../../db/repositories/applications';
import { findCardOfApplication, getCard, transitionCard } from '../../db/repositories/cards';
import { findOpenProcedureOfApplication } from '../../db/repositories/journal';
import { getResident } from '../../db/repositories/residents';
import { lookAlikesOf } from '../../lookups/look-alikes';
import { isUnder15 } from '../procedure/projection';
import type { ProcedureDeps } from '../procedure/spec';
import { refuse, WorkflowRefusal } from '../refusal';
import type { ProcedureAction } from '../../../preload/contract/procedure';
import type { Tx } from '../../db/connection';
import type { Card } from '../../db/repositories/cards';
import type { ActionHandlers, NewProcedure } from '../procedure/spec';
import { cardProcedureSpec, type CardContext } from '../steps/card-steps';
import { writeDeferralSlip, writeHandoverReceipt } from '../steps/printed-documents';
import type { CardRules, CardState } from '../steps/card-state';
import { requiredKeyKinds } from '../steps/card-work';

export const ISSUANCE_RULES: CardRules = {
  kind: 'issuance',
  representative: true,
  face: 'always',
  cardFace: true,
  fixedPlan: (under15) => requiredPinKinds(under15).map((kind) => ({ kind, mode: 'new' })),
  certificateKinds: (_plan, _scope, under15) => requiredKeyKinds(under15),
  handover: true,
  parkOnAuthorityFailure: true,
  setAgainOnResume: true,
};

/** The application's card, if the application can be issued now. */
async function issuableCard(deps: ProcedureDeps, app: CardApplication) {
  if (app.status === 'issued') refuse('application-issued');
  if (app.status === 'cancelled') refuse('application-cancelled');
  if (app.status !== 'ready') refuse('application-not-ready');
  const card = await findCardOfApplication(deps.db(), app.id);
  if (!card) refuse('application-not-ready');
  if (card.state !== 'received' && card.state !== 'prepared') refuse('card-not-issuable');
  return card;
}

/** The application to issue, or application-not-found. */
export async function applicationToIssue(
  deps: ProcedureDeps,
  applicationId: number,
): Promise<CardApplication> {
  try {
    return await getApplication(deps.db(), applicationId);
  } catch {
    throw new WorkflowRefusal('application-not-found');
  }
}

/**
 * The first row of a new 交付 of the application (in person or to a representative): the card
 * issuable now, the resident's age, and beside a look-alike the 交付通知書 number entered.
 */
export async function newIssuance(
  deps: ProcedureDeps,
  app: CardApplication,
): Promise<NewProcedure> {
  const db = deps.db();
  const card = await issuableCard(deps, app);
  const resident = await getResident(db, app.residentId);
  const under15 = isUnder15(resident.birthDate, deps.now());
  // Beside a namesake or a household applying together, a name is not enough: the 交付通知書
  // number must have been entered for this very application.
  const lookAlikes = await lookAlikesOf(db, resident.id, deps.now());
  let matched: Details = {};
  if (needsNoticeMatch(lookAlikes)) {
    if (deps.noticePresented?.(app.id) !== true)
      refuse('notice-match-required', lookAlikes[0]!.reason);
    matched = { matchedBy: 'notice', lookAlikes: [...new Set(lookAlikes.map((l) => l.reason))] };
  }
  return {
    residentId: resident.id,
    cardId: card.id,
    applicationId: app.id,
    step: 'started',
    data: { under15, ...matched },
    audit: { notice: app.noticeNumber, under15, ...matched },
  };
}

/** The prepared card is the procedure's once matched. */
export async function prepareMatched(ctx: CardContext, card: Card, tx: Tx): Promise<void> {
  if (card.state === 'received') await transitionCard(tx, card.id, 'prepared', ctx.deps.now);
}

/** What the clerk may do at 交付's own steps beside cancel. */
export function issuanceAllowed(s: CardState): readonly ProcedureAction[] {
  if (s.step === 'handover') return ['complete'];
  if (s.step === 'parked')
    return s.faceAuth ? ['print-deferral-slip', 'issue-face-auth'] : ['print-deferral-slip'];
  // Before the PINs the resident may still ask for a 顔認証 card (none are set then).
  if (s.step === 'pins' && !s.pins.entryOpen) return ['defer-certificates', 'issue-face-auth'];
  if (s.step === 'completed') return ['print-receipt'];
  return [];
}

/** 交付's own actions: the handover with the old cards collected, the receipt, the slip. */
export const ISSUANCE_ACTIONS: ActionHandlers<CardState> = {
  /**
   * 後日交付 chosen at the PIN step because the certificate service is closed: the procedure
   * parks as when the authority is down, and a later visit resumes it at the PIN step (the
   * existing 後日交付 keeps the journal, the slip and the resume in one mechanism).
   */
  async deferCertificates(ctx) {
    if (ctx.state.step !== 'pins' || ctx.state.pins.entryOpen)
      refuse('step-not-allowed', ctx.state.step);
    const service = ctx.deps.certificateService();
    if (service.open) refuse('step-not-allowed', 'service-open');
    await ctx.commit(
      'parked',
      { code: 'certificate-service-closed', why: service.why, reopensAt: service.reopensAt },
      { status: 'failed' },
    );
  },

  async complete(ctx, { handover }) {
    if (!handover) refuse('validation', 'handover');
    const cardId = ctx.live.cardId;
    const applicationId = (await getCard(ctx.deps.db(), cardId)).applicationId;
    await ctx.commit(
      'handover',
      {
        collectedJukiCard: handover.collectedJukiCard,
        collectedNotificationCard: handover.collectedNotificationCard,
      },
      {
        end: 'completed',
        effects: async (tx) => {
          const card = await getCard(tx, cardId);
          if (card.state === 'received') await transitionCard(tx, cardId, 'prepared', ctx.deps.now);
          await transitionCard(tx, cardId, 'issued', ctx.deps.now);
          await setApplicationStatus(tx, applicationId, 'issued', ctx.deps.now);
        },
      },
    );
  },

  async printReceipt(ctx): Promise<FileWrittenDto> {
    // After 交付を完了する only: the receipt states what was recorded (old cards taken back).
    if (ctx.state.step !== 'completed') refuse('step-not-allowed', ctx.state.step);
    const written = await writeHandoverReceipt(ctx.deps, ctx.live.procedure.id, null);
    await ctx.audit('receipt-printed', { bytes: written.bytes });
    return written;
  },

  async printDeferralSlip(ctx): Promise<FileWrittenDto> {
    if (ctx.state.step !== 'parked') refuse('step-not-allowed', ctx.state.step);
    const written = await writeDeferralSlip(ctx.deps, ctx.live.procedure.id, null);
    await ctx.audit('deferral-slip-printed', { bytes: written.bytes });
    return written;
  },
};

/** The steps 交付's header shows. */
export const ISSUANCE_STEPS = [
  'documents',
  'card',
  'face',
  'card-face',
  'pins',
  'certificates',
  'handover',
] as const;

export const issuanceSpec = cardProcedureSpec<{ readonly applicationId: number }>({
  rules: ISSUANCE_RULES,
  idPrefix: 'iss',
  firstRead: { tries: false, factsChange: 'refuse' },

  /** Starts the issuance of an application, or reopens the one left unfinished (resumes 後日交付). */
  async start(deps, { applicationId }) {
    const app = await applicationToIssue(deps, applicationId);
    const db = deps.db();
    const open = await findOpenProcedureOfApplication(db, 'issuance', applicationId);
    if (open)
      return {
        existing: open.id,
        async afterwards(ctx) {
          if (ctx.state.step === 'parked') await ctx.commit('resumed', {});
        },
      };
    // The representative's 交付 of it is open (its 照会書 may be in the post): cancelled first.
    if (await findOpenProcedureOfApplication(db, 'representative', applicationId))
      refuse('application-in-procedure', 'representative');
    return { open: await newIssuance(deps, app) };
  },

  onMatched: prepareMatched,
  header: () => ISSUANCE_STEPS,
  allowed: issuanceAllowed,
  extraActions: ISSUANCE_ACTIONS,
});
