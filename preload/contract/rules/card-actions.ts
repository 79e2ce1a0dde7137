// Which procedures a card allows now, and for those it does not yet, why and from when: one rule
// that main computes for the screens (each card's offers) and checks again when a procedure starts.
import type { CardKind } from './card-kinds';
import { certificateRenewalOpensOn, isRenewalOpen } from './validity';

/** The procedures on a card (返納 is the return-only 廃止 of a card revoked before). */
export const CARD_ACTIONS = [
  'suspension',
  'release',
  'pin-reset',
  'renewal',
  'revocation',
  'return',
  'reissue',
  'card-change', // 券面記載事項の変更 (whether the facts differ only the chip says: the card step checks)
  'to-face-auth', // 顔認証マイナンバーカードへの切替
  'to-standard', // 通常のカードへの切替 (from 顔認証)
] as const;
export type CardActionKey = (typeof CARD_ACTIONS)[number];

/** Why an action that belongs to the card's state is not accepted now (an error code's words). */
export interface CardActionRefusal {
  readonly code: 'renewal-too-early' | 'reissue-exists';
  /** renewal-too-early: the first day (YYYY-MM-DD, Japan) renewal opens; else null. */
  readonly detail: string | null;
}

/** An action of the card: offered (refusal null), or shown with why it is not accepted yet. */
export interface CardActionOffer {
  readonly action: CardActionKey;
  readonly refusal: CardActionRefusal | null;
}

/** What the rule goes by, from the database alone. */
export interface CardActionFacts {
  readonly state: 'received' | 'prepared' | 'issued' | 'suspended' | 'terminated';
  readonly destroyed: boolean;
  /** A 再交付 of this card is recorded (its new card may not have arrived yet). */
  readonly reissueRecorded: boolean;
  /** The card's certificates as recorded: status and last valid instant (ISO). */
  readonly certificates: readonly { readonly status: string; readonly notAfter: string }[];
  /** The card's kind as recorded (rules/card-kinds.ts); a normal card when absent. */
  readonly kind?: CardKind;
}

/**
 * Renewal is refused until the window of the first live certificate to expire opens; an expired
 * one is due now. Null when renewal is open, or when the database knows no live certificate (a
 * card whose certificates it never recorded: the procedure asks the chip later).
 */
export function renewalRefusal(
  certificates: CardActionFacts['certificates'],
  now: Date,
): CardActionRefusal | null {
  if (certificates.some((c) => c.status === 'expired')) return null;
  const first = certificates
    .filter((c) => c.status === 'issued')
    .map((c) => c.notAfter)
    .sort()[0];
  if (first === undefined || isRenewalOpen(new Date(first), now)) return null;
  return { code: 'renewal-too-early', detail: certificateRenewalOpensOn(new Date(first)) };
}

/** The refusal of a 再交付: one per card. */
export function reissueRefusal(reissueRecorded: boolean): CardActionRefusal | null {
  return reissueRecorded ? { code: 'reissue-exists', detail: null } : null;
}

/**
 * The card's actions: 一時停止 and the counter procedures for an issued card; 解除 for a suspended
 * one; 返納 for a terminated card not yet destroyed; 廃止 until terminated; 再交付 once per card.
 * A card before 交付 has none here: its 交付 starts from its application.
 */
export function cardActions(facts: CardActionFacts, now: Date): CardActionOffer[] {
  const offer = (action: CardActionKey, refusal: CardActionRefusal | null = null) => ({
    action,
    refusal,
  });
  const reissue = offer('reissue', reissueRefusal(facts.reissueRecorded));
  switch (facts.state) {
    case 'received':
    case 'prepared':
      return [];
    case 'issued':
      // A 顔認証 card has no PIN to reset or renew keys with: it is switched back first.
      return facts.kind === 'face-auth'
        ? [
            offer('suspension'),
            offer('to-standard'),
            offer('card-change'),
            offer('revocation'),
            reissue,
          ]
        : [
            offer('suspension'),
            offer('pin-reset'),
            offer('renewal', renewalRefusal(facts.certificates, now)),
            offer('card-change'),
            offer('to-face-auth'),
            offer('revocation'),
            reissue,
          ];
    case 'suspended':
      return [offer('release'), offer('revocation'), reissue];
    case 'terminated':
      return [...(facts.destroyed ? [] : [offer('return')]), reissue];
  }
}
