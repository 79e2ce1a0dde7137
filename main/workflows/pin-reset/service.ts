// 暗証番号の初期化・再設定 (PIN reset) in main: the card with the resident and their documents (face
// check with list B); the chosen secrets reset by the authority with fresh counters, or changed
// by the resident with the value in use (VERIFY, then CHANGE REFERENCE DATA).
import { WorkflowRefusal } from '../refusal';
import { createCardProcedureWorkflow, type CardProcedureDeps } from '../steps/card-procedure';
import { PIN_RESET_RULES } from './state';

export function createPinResetWorkflow(deps: CardProcedureDeps) {
  return createCardProcedureWorkflow(deps, {
    kind: 'pin-reset',
    idPrefix: 'pin',
    rules: PIN_RESET_RULES,
    allowFactsChange: false,
    checkStart(card) {
      if (card.state === 'terminated') throw new WorkflowRefusal('card-revoked', 'reissue');
      if (card.state !== 'issued') throw new WorkflowRefusal('card-not-issued', card.state);
    },
    async finish({ state }) {
      return { data: { kinds: (state.plan ?? []).map((e) => e.kind) }, effects: async () => {} };
    },
  });
}

export type PinResetWorkflow = ReturnType<typeof createPinResetWorkflow>;
