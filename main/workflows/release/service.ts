// 一時停止の解除 (release) in main: the suspended card, with the resident and their documents; the
// face check; the PINs kept or set anew; new keys and certificates on the same card; then the held
// certificates revoked (a hold is never lifted), the suspension released and the card issued again.
import { findOpenSuspension, releaseSuspension } from '../../db/repositories/card-events';
import { getCard, transitionCard } from '../../db/repositories/cards';
import { WorkflowRefusal } from '../refusal';
import {
  createCardProcedureWorkflow,
  revokeOldCertificates,
  type CardProcedureDeps,
} from '../steps/card-procedure';
import { RELEASE_RULES } from './state';

export function createReleaseWorkflow(deps: CardProcedureDeps) {
  return createCardProcedureWorkflow(deps, {
    kind: 'release',
    idPrefix: 'rel',
    rules: RELEASE_RULES,
    allowFactsChange: false,
    checkStart(card) {
      // A terminated card is never usable again: only 再交付 remains.
      if (card.state === 'terminated') throw new WorkflowRefusal('card-revoked', 'reissue');
      if (card.state !== 'suspended') throw new WorkflowRefusal('card-not-suspended');
    },
    async finish({ deps: d, card, newSerials, issuer }) {
      // The chip's suspended marker goes too: the card works again everywhere.
      await (await issuer()).setCardState('active');
      const revoked = await revokeOldCertificates(
        d,
        card.id,
        ['signing', 'auth'],
        newSerials,
        'keyCompromise',
      );
      const operatorId = d.operatorId();
      return {
        data: { revoked: revoked.count },
        async effects(tx) {
          await revoked.inTx(tx);
          if (await findOpenSuspension(tx, card.id))
            await releaseSuspension(tx, card.id, operatorId, d.now);
          if ((await getCard(tx, card.id)).state === 'suspended')
            await transitionCard(tx, card.id, 'issued', d.now);
        },
      };
    },
  });
}

export type ReleaseWorkflow = ReturnType<typeof createReleaseWorkflow>;
