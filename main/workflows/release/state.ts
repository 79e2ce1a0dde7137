// 一時停止の解除 (release) as data: the card work of the common card procedure with release's rules:
// the face check always; the plan covers the card's key secrets (signing password unless under 15,
// authentication PIN), each kept (entered once) or set anew; both key pairs renewed.
import type { PinPlanEntry } from '../../../preload/contract/lifecycle';
import { WorkflowRefusal } from '../refusal';
import {
  initialCardProcedure,
  transitionCardProcedure,
  type CardProcedureEvent,
  type CardProcedureRules,
  type CardProcedureState,
} from '../steps/card-procedure-state';
import type { KeyKind } from '../steps/card-work';
import { requiredKeyKinds } from '../issuance/state';

/** The plan names exactly the secrets of `kinds`, each 'current' or 'new'. */
export function checkKeyPlan(plan: readonly PinPlanEntry[], kinds: readonly KeyKind[]): void {
  const named = plan.map((e) => e.kind);
  if (named.length !== kinds.length || !kinds.every((k) => named.includes(k)))
    throw new WorkflowRefusal('plan-invalid', 'kinds');
  if (plan.some((e) => e.mode === 'change')) throw new WorkflowRefusal('plan-invalid', 'mode');
}

export const RELEASE_RULES: CardProcedureRules = {
  kind: 'release',
  faceRequired: () => true,
  certificateKinds(plan, _scope, under15) {
    const kinds = requiredKeyKinds(under15);
    checkKeyPlan(plan, kinds);
    return kinds;
  },
};

export type ReleaseState = CardProcedureState;

export function initialState(procedureId: string, under15: boolean): ReleaseState {
  return initialCardProcedure('release', procedureId, under15);
}

export function transition(s: ReleaseState, e: CardProcedureEvent): ReleaseState {
  return transitionCardProcedure(RELEASE_RULES, s, e);
}
