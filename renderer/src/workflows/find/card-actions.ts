// What the clerk can start for a card found at the counter: the procedures its state allows, and
// the procedure each next action of the resident's page leads to (main checks every start again).
import type { LifeCardDto, LifeNextAction } from '../../../../preload/contract/lifecycle';
import type { CardProcedureKind } from '../../../../preload/contract/procedure';

/** A procedure to start on a card (返納 is the return-only 廃止), or 交付 of a card not issued yet. */
export type CardAction =
  | { readonly kind: 'suspension' }
  | { readonly kind: Exclude<CardProcedureKind, 'suspension'>; readonly returnOnly?: boolean }
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

/**
 * Every procedure this card's state allows: 一時停止 and the counter ones for an issued card; 解除
 * for a suspended one; 返納 for a terminated card not yet destroyed; 再交付 once per card. A card
 * before 交付 has only 交付.
 */
export function proceduresOf(card: LifeCardDto): readonly CardAction[] {
  const reissue: CardAction[] = card.replacedBySerial ? [] : [{ kind: 'reissue' }];
  switch (card.state) {
    case 'received':
    case 'prepared':
      return [{ kind: 'issuance' }];
    case 'issued':
      return [
        { kind: 'suspension' },
        { kind: 'pin-reset' },
        { kind: 'renewal' },
        { kind: 'revocation' },
        ...reissue,
      ];
    case 'suspended':
      return [{ kind: 'release' }, { kind: 'revocation' }, ...reissue];
    case 'terminated':
      return [
        ...(card.destroyedAt ? [] : [{ kind: 'revocation', returnOnly: true } as const]),
        ...reissue,
      ];
  }
}

/** The words key of an action: 返納・廃棄の記録 is the return-only 廃止. */
export function actionKey(action: CardAction): string {
  return action.kind === 'revocation' && action.returnOnly ? 'return' : action.kind;
}
