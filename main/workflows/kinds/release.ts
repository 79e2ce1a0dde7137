// 一時停止の解除 (release): the suspended card, with the resident and their documents; the face check
// always; the card's key secrets each kept or set anew; new keys and certificates on the same card;
// then the held certificates revoked (a hold is never lifted), the suspension released and the card
// usable again, on the chip too.
import type { PinPlanEntry } from '../../../preload/contract/lifecycle';
import { findOpenSuspension, releaseSuspension } from '../../db/repositories/card-events';
import { getCard, transitionCard } from '../../db/repositories/cards';
import { refuse } from '../refusal';
import { cardProcedureSpec } from '../steps/card-steps';
import type { CardRules } from '../steps/card-state';
import { requiredKeyKinds, type KeyKind } from '../steps/card-work';
import { revokeCertificates } from '../steps/certificate-status';
import { startOnCard } from './card-start';

/** The plan names exactly the secrets of `kinds`, each kept ('current') or set anew. */
export function checkKeyPlan(plan: readonly PinPlanEntry[], kinds: readonly KeyKind[]): void {
  const named = plan.map((e) => e.kind);
  if (named.length !== kinds.length || !kinds.every((k) => named.includes(k)))
    refuse('plan-invalid', 'kinds');
  if (plan.some((e) => e.mode === 'change')) refuse('plan-invalid', 'mode');
}

export const RELEASE_RULES: CardRules = {
  kind: 'release',
  representative: false,
  face: 'always',
  cardFace: false,
  fixedPlan: () => null,
  certificateKinds(plan, _scope, under15) {
    const kinds = requiredKeyKinds(under15);
    checkKeyPlan(plan, kinds);
    return kinds;
  },
  handover: false,
  parkOnAuthorityFailure: false,
  setAgainOnResume: false,
};

export const releaseSpec = cardProcedureSpec<{ readonly cardId: number }>({
  rules: RELEASE_RULES,
  idPrefix: 'rel',
  firstRead: { tries: true, factsChange: 'refuse' },
  start: (deps, { cardId }) =>
    startOnCard(deps, 'release', cardId, (card) => {
      // A terminated card is never usable again: only 再交付 remains.
      if (card.state === 'terminated') refuse('card-revoked', 'reissue');
      if (card.state !== 'suspended') refuse('card-not-suspended');
    }),
  header: () => ['documents', 'card', 'face', 'choose', 'pins', 'certificates'],
  async finish({ ctx, card, newSerials, issuer }) {
    const deps = ctx.deps;
    // The chip's suspended marker goes too: the card works again everywhere.
    await (await issuer()).setCardState('active');
    const revoked = await revokeCertificates(deps, card.id, 'keyCompromise', {
      kinds: ['signing', 'auth'],
      keep: newSerials,
    });
    const operatorId = deps.operatorId();
    return {
      data: { revoked: revoked.count },
      async effects(tx) {
        await revoked.inTx(tx);
        if (await findOpenSuspension(tx, card.id))
          await releaseSuspension(tx, card.id, operatorId, deps.now);
        if ((await getCard(tx, card.id)).state === 'suspended')
          await transitionCard(tx, card.id, 'issued', deps.now);
      },
    };
  },
});
