// 電子証明書の更新 (renewal) as data: both certificates (scope 'both'), or the signing one alone after
// a change of the four facts ('signing-only'); the plan names the secrets of the renewed keys,
// each kept or set anew; the face check only with list B documents.
import { WorkflowRefusal } from '../refusal';
import { requiredKeyKinds } from '../issuance/state';
import { checkKeyPlan } from '../release/state';
import {
  hasListA,
  initialCardProcedure,
  transitionCardProcedure,
  type CardProcedureEvent,
  type CardProcedureRules,
  type CardProcedureState,
} from '../steps/card-procedure-state';
import type { KeyKind } from '../steps/card-work';

export const RENEWAL_RULES: CardProcedureRules = {
  kind: 'renewal',
  faceRequired: (documents) => !hasListA(documents),
  certificateKinds(plan, scope, under15) {
    if (scope === null) throw new WorkflowRefusal('plan-invalid', 'scope');
    if (scope === 'signing-only' && under15)
      throw new WorkflowRefusal('plan-invalid', 'signing-under-15');
    const kinds: readonly KeyKind[] = scope === 'both' ? requiredKeyKinds(under15) : ['signing'];
    checkKeyPlan(plan, kinds);
    return kinds;
  },
};

export type RenewalState = CardProcedureState;

export function initialState(procedureId: string, under15: boolean): RenewalState {
  return initialCardProcedure('renewal', procedureId, under15);
}

export function transition(s: RenewalState, e: CardProcedureEvent): RenewalState {
  return transitionCardProcedure(RENEWAL_RULES, s, e);
}
