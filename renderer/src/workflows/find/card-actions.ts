// What the clerk can start for a card found at the counter: the procedures main says it accepts
// now (the card's `actions`), those it does not accept yet with why, and the procedure each next
// action of the resident's page leads to (main checks every start again, by the same rule), and
// those another office counter holds open, to take over instead of starting.
import type { LifeCardDto, LifeNextAction } from '../../../../preload/contract/lifecycle';
import type { CardProcedureKind } from '../../../../preload/contract/procedure';
import type { CardKind } from '../../../../preload/contract/rules/card-kinds';
import type {
  CardActionKey,
  CardActionOffer,
} from '../../../../preload/contract/rules/card-actions';

/**
 * A procedure to start on a card (返納 is the return-only 廃止; a renewal for changed facts skips
 * the window at start), or 交付 of a card not issued yet.
 */
export type CardAction =
  | { readonly kind: 'suspension' }
  | { readonly kind: 'card-kind'; readonly to: CardKind }
  | {
      readonly kind: Exclude<CardProcedureKind, 'suspension' | 'card-kind'>;
      readonly returnOnly?: boolean;
      readonly factsChanged?: boolean;
    }
  | { readonly kind: 'issuance' };

/** The procedure a next action of the resident's page leads to; null for 'none'. */
export function actionOfNext(next: LifeNextAction): CardAction | null {
  switch (next) {
    case 'none':
      return null;
    case 'issue-card':
      return { kind: 'issuance' };
    case 'release-suspension':
      return { kind: 'release' };
    case 'renew-certificates':
      return { kind: 'renewal' };
    case 'reissue':
      return { kind: 'reissue' };
    case 'record-return':
      return { kind: 'revocation', returnOnly: true };
    case 'revoke':
      return { kind: 'revocation' };
  }
}

function actionOf(key: CardActionKey): CardAction {
  if (key === 'return') return { kind: 'revocation', returnOnly: true };
  if (key === 'to-face-auth') return { kind: 'card-kind', to: 'face-auth' };
  if (key === 'to-standard') return { kind: 'card-kind', to: 'standard' };
  return { kind: key };
}

/**
 * Every procedure main accepts on this card now, in its order. A card before 交付 has only 交付
 * (from its application).
 */
export function proceduresOf(card: LifeCardDto): readonly CardAction[] {
  if (card.state === 'received' || card.state === 'prepared') return [{ kind: 'issuance' }];
  return card.actions.filter((o) => o.refusal === null).map((o) => actionOf(o.action));
}

/** The procedures the card's state has that main does not accept yet, each with its reason. */
export function refusedOf(card: LifeCardDto): readonly CardActionOffer[] {
  return card.actions.filter((o) => o.refusal !== null);
}

/** Whether main accepts this action on the card now. */
export function isOffered(card: LifeCardDto, action: CardAction): boolean {
  return proceduresOf(card).some((a) => actionKey(a) === actionKey(action));
}

/** The words key of an action: 返納・廃棄の記録 is the return-only 廃止. */
export function actionKey(action: CardAction): string {
  if (action.kind === 'card-kind') return `to-${action.to}`;
  return action.kind === 'revocation' && action.returnOnly ? 'return' : action.kind;
}

/**
 * The card's procedures open at another office counter that its buttons would reopen (a start of
 * the same kind), and main refuses here: offered to take over instead. 交付 and 代理人交付 are
 * their application's (the search shows them there).
 */
export function openElsewhereOf(card: LifeCardDto): LifeCardDto['openElsewhere'] {
  return card.openElsewhere.filter((o) => o.kind !== 'issuance' && o.kind !== 'representative');
}

/** Whether the action would reopen a procedure another office counter holds. */
export function isElsewhere(card: LifeCardDto, action: CardAction): boolean {
  return openElsewhereOf(card).some((o) => o.kind === action.kind);
}
