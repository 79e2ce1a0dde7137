// 顔認証マイナンバーカード: a card switched to face-auth only (no PIN on it, no signing certificate;
// the authentication certificate stays, used by face authentication) or back to a normal card (the
// four secrets set by the resident on their window, the signing certificate issued from 15). One
// kind with both directions, chosen at its start: the same documents, card and face steps, then
// either the switch on the card or the PIN entry; the 追記欄 note (「顔認証」, or its removal) is
// printed either way. Free of charge, the same day too.
import type { CardKind } from '../../../preload/contract/rules/card-kinds';
import type { PinKind } from '../../../preload/contract/dto';
import { getCard } from '../../db/repositories/cards';
import type { ProcedureDeps, StartPlan } from '../procedure/spec';
import { refuse, WorkflowRefusal } from '../refusal';
import { assertSerial, cardRefusal } from '../steps/card-match';
import { recordedCardKind } from '../steps/card-kind-record';
import { cardProcedureSpec, type CardContext } from '../steps/card-steps';
import type { CardRules, CardState } from '../steps/card-state';
import { revokeCertificates } from '../steps/certificate-status';
import { writeCardNote } from '../steps/printed-documents';
import { ISSUANCE_RULES } from './issuance';
import { refuseWhileCertificateProcedureOpen, startOnCard } from './card-start';

export const CARD_KIND_SWITCH_RULES: CardRules = {
  kind: 'card-kind',
  representative: false,
  face: 'without-list-a',
  cardFace: false,
  ownStep: (s) => (s.switchTo === 'face-auth' ? 'switch' : null),
  // Back to a normal card: every secret set anew, as at 交付 (no signing password under 15).
  fixedPlan: (under15) => ISSUANCE_RULES.fixedPlan(under15),
  certificateKinds: (_plan, _scope, under15) => (under15 ? [] : ['signing']),
  handover: false,
  parkOnAuthorityFailure: false,
  setAgainOnResume: false,
};

const ALL_PINS: readonly PinKind[] = ['signing', 'auth', 'juki', 'text'];

/**
 * To face-auth: the signing certificate revoked (the resident gives it up: cessationOfOperation),
 * then off the card with every secret; the authentication certificate stays.
 */
async function switchToFaceAuth(ctx: CardContext, reader: string): Promise<void> {
  const s = ctx.state;
  if (s.step !== 'switch') refuse('step-not-allowed', s.step);
  ctx.preview('kind-switched', {});
  const deps = ctx.deps;
  const card = await getCard(deps.db(), ctx.live.cardId);
  const authority = await deps.authority();
  // The authority first: a certificate that is revoked stays revoked if the card is pulled next.
  const revoked = await revokeCertificates(deps, card.id, 'cessationOfOperation', {
    kinds: ['signing'],
  });
  try {
    await deps.cards.withCard(reader, async (session) => {
      assertSerial(session.serial, card.serial);
      const issuer = await authority.openIssuerSession(session);
      await issuer.clearCertificate('signing');
      for (const kind of ALL_PINS) await issuer.clearPin(kind);
    });
  } catch (e) {
    throw cardRefusal(e);
  }
  await ctx.commit(
    'kind-switched',
    { to: 'face-auth', revoked: revoked.count },
    { effects: revoked.inTx, end: 'completed' },
  );
}

export const cardKindSpec = cardProcedureSpec<{ readonly cardId: number; readonly to: CardKind }>({
  rules: CARD_KIND_SWITCH_RULES,
  idPrefix: 'knd',
  firstRead: { tries: true, factsChange: 'refuse' },
  start: async (deps: ProcedureDeps, { cardId, to }): Promise<StartPlan<CardState>> => {
    const plan = await startOnCard(deps, 'card-kind', cardId, async (card) => {
      if (card.state === 'terminated') refuse('card-revoked', 'reissue');
      if (card.state !== 'issued') refuse('card-not-issued', card.state);
      await refuseWhileCertificateProcedureOpen(deps, card.id, 'card-kind');
      if ((await recordedCardKind(deps.db(), card.id)) === to)
        throw new WorkflowRefusal('card-kind-unchanged', to);
    });
    if (!('open' in plan)) return plan;
    // The direction is the first row's: a restart rebuilds the procedure from it.
    return { ...plan, open: { ...plan.open, data: { ...plan.open.data, to } } };
  },
  header: (s) => [
    'documents',
    'card',
    ...(s.faceRequired ? (['face'] as const) : []),
    ...(s.switchTo === 'face-auth'
      ? (['switch'] as const)
      : s.under15
        ? (['pins'] as const)
        : (['pins', 'certificates'] as const)),
  ],
  async finish() {
    return { data: { to: 'standard' }, effects: async () => undefined };
  },
  allowed: (s) => (s.step === 'completed' ? ['print-card-note'] : []),
  extraActions: {
    switchCardKind: (ctx, { reader }) => switchToFaceAuth(ctx, reader),
    printCardNote: async (ctx) => {
      if (ctx.state.step !== 'completed') refuse('step-not-allowed', 'card-note');
      const written = await writeCardNote(ctx.deps, ctx.live.procedure.id, null);
      await ctx.audit('card-note-printed', { bytes: written.bytes });
      return written;
    },
  },
  extraParts: (s) => ({ cardKindSwitch: s.switchTo ? { to: s.switchTo } : null }),
});
