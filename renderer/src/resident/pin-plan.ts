// The order of the resident's entries for a prompt: which secrets, and whether one PIN serves three.
import type { PinKind } from '../../../preload/contract/dto';
import { FOUR_DIGIT_KINDS } from '../../../preload/contract/pin-rules';

/** A secret entered on its own, or 'shared': one 4-digit PIN for auth, juki and text together. */
export type EntryTarget = PinKind | 'shared';

/** Whether the resident may be offered 「3つの暗証番号を同じ数字にする」: all three are required. */
export function offersShared(required: readonly PinKind[]): boolean {
  return FOUR_DIGIT_KINDS.every((k) => required.includes(k));
}

/**
 * The entries in order. `shared` null means the resident has not answered the offer yet: the plan
 * then ends before the first 4-digit PIN, where the offer is shown.
 */
export function entryPlan(required: readonly PinKind[], shared: boolean | null): EntryTarget[] {
  const plan: EntryTarget[] = required.includes('signing') ? ['signing'] : [];
  const fourDigit = required.filter((k) => k !== 'signing');
  if (offersShared(required)) {
    if (shared === null) return plan;
    if (shared) return [...plan, 'shared'];
  }
  return [...plan, ...fourDigit];
}

/** The kinds a target's value is set for. */
export function kindsOf(target: EntryTarget): readonly PinKind[] {
  return target === 'shared' ? FOUR_DIGIT_KINDS : [target];
}

export function isPassword(target: EntryTarget): boolean {
  return target === 'signing';
}

/** Shortest and longest value of a target (CARD.md: PIN 4 digits; password 6–16). */
export function lengthsOf(target: EntryTarget): { min: number; max: number } {
  return isPassword(target) ? { min: 6, max: 16 } : { min: 4, max: 4 };
}
