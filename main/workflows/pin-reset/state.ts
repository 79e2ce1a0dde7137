// 暗証番号の初期化・再設定 (PIN reset) as data: any of the four secrets, each reset by the authority
// ('new': a fresh value and counter) or changed by the resident knowing the value in use
// ('change': CHANGE REFERENCE DATA); the face check only with list B documents; no certificates.
import { WorkflowRefusal } from '../refusal';
import {
  hasListA,
  initialCardProcedure,
  transitionCardProcedure,
  type CardProcedureEvent,
  type CardProcedureRules,
  type CardProcedureState,
} from '../steps/card-procedure-state';

export const PIN_RESET_RULES: CardProcedureRules = {
  kind: 'pin-reset',
  faceRequired: (documents) => !hasListA(documents),
  certificateKinds(plan) {
    // Keeping a value is no reset: each chosen secret gets a new value.
    if (plan.some((e) => e.mode === 'current')) throw new WorkflowRefusal('plan-invalid', 'mode');
    return [];
  },
};

export type PinResetState = CardProcedureState;

export function initialState(procedureId: string, under15: boolean): PinResetState {
  return initialCardProcedure('pin-reset', procedureId, under15);
}

export function transition(s: PinResetState, e: CardProcedureEvent): PinResetState {
  return transitionCardProcedure(PIN_RESET_RULES, s, e);
}
