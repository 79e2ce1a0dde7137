// 暗証番号の初期化・再設定 (PIN reset): the card with the resident and their documents (the face check
// with list B); each chosen secret reset by the authority with a fresh counter ('new'), or changed
// by the resident knowing the value in use ('change': VERIFY, then CHANGE REFERENCE DATA).
import { refuse } from '../refusal';
import { cardProcedureSpec } from '../steps/card-steps';
import type { CardRules } from '../steps/card-state';
import { recordedCardKind } from '../steps/card-kind-record';
import { startOnCard } from './card-start';

export const PIN_RESET_RULES: CardRules = {
  kind: 'pin-reset',
  representative: false,
  face: 'without-list-a',
  cardFace: false,
  fixedPlan: () => null,
  certificateKinds(plan) {
    // Keeping a value is no reset: each chosen secret gets a new value.
    if (plan.some((e) => e.mode === 'current')) refuse('plan-invalid', 'mode');
    return [];
  },
  handover: false,
  parkOnAuthorityFailure: false,
  setAgainOnResume: false,
};

export const pinResetSpec = cardProcedureSpec<{ readonly cardId: number }>({
  rules: PIN_RESET_RULES,
  idPrefix: 'pin',
  firstRead: { tries: true, factsChange: 'refuse' },
  start: (deps, { cardId }) =>
    startOnCard(deps, 'pin-reset', cardId, async (card) => {
      if (card.state === 'terminated') refuse('card-revoked', 'reissue');
      if (card.state !== 'issued') refuse('card-not-issued', card.state);
      // A 顔認証 card holds no PIN: setting one is the switch back to a normal card.
      if ((await recordedCardKind(deps.db(), card.id)) === 'face-auth') refuse('face-auth-card');
    }),
  header: (s) =>
    s.faceRequired
      ? ['documents', 'card', 'face', 'choose', 'pins']
      : ['documents', 'card', 'choose', 'pins'],
  async finish({ ctx }) {
    return {
      data: { kinds: (ctx.state.plan ?? []).map((e) => e.kind) },
      effects: async () => {},
    };
  },
});
