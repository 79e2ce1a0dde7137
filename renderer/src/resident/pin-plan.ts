// The order of the resident's entries for a prompt: which secrets, how each is entered, and whether one PIN serves three.
import type { PinKind } from '../../../preload/contract/dto';
import type { ResidentPromptDto } from '../../../preload/contract/issuance';
import {
  FOUR_DIGIT_KINDS,
  parsePinRefusal,
  PIN_LENGTH,
  SIGNING_PASSWORD_LENGTH,
} from '../../../preload/contract/rules/pins';

/** A secret entered on its own, or 'shared': one 4-digit PIN for auth, juki and text together. */
export type EntryTarget = PinKind | 'shared';

/** How a secret is entered (the prompt's modes): a new value twice, the value in use, or both. */
export type EntryMode = 'new' | 'current' | 'change';

/**
 * The screens of one target, in order. current: the value in use, once. first and confirm: a new
 * value and its confirmation.
 */
export type EntryStage = 'current' | 'first' | 'confirm';

export type Purpose = ResidentPromptDto['purpose'];

/** A secret the prompt does not name a mode for is set anew, as issuance asks every secret. */
export function modeOf(modes: ResidentPromptDto['modes'], target: EntryTarget): EntryMode {
  return target === 'shared' ? 'new' : (modes[target] ?? 'new');
}

/**
 * Whether the resident may be offered 「3つの暗証番号を同じ数字にする」: all three are required and
 * all three are set anew (a value in use cannot be made common to three).
 */
export function offersShared(
  required: readonly PinKind[],
  modes: ResidentPromptDto['modes'] = {},
): boolean {
  return FOUR_DIGIT_KINDS.every((k) => required.includes(k) && modeOf(modes, k) === 'new');
}

/**
 * The entries in order. `shared` null means the resident has not answered the offer yet: the plan
 * then ends before the first 4-digit PIN, where the offer is shown.
 */
export function entryPlan(
  required: readonly PinKind[],
  shared: boolean | null,
  modes: ResidentPromptDto['modes'] = {},
): EntryTarget[] {
  const plan: EntryTarget[] = required.includes('signing') ? ['signing'] : [];
  const fourDigit = required.filter((k) => k !== 'signing');
  if (offersShared(required, modes)) {
    if (shared === null) return plan;
    if (shared) return [...plan, 'shared'];
  }
  return [...plan, ...fourDigit];
}

/** The screens a target goes through: 'change' asks the value in use before the new one. */
export function stagesOf(mode: EntryMode): readonly EntryStage[] {
  if (mode === 'current') return ['current'];
  if (mode === 'change') return ['current', 'first', 'confirm'];
  return ['first', 'confirm'];
}

/** The kinds a target's value is set for. */
export function kindsOf(target: EntryTarget): readonly PinKind[] {
  return target === 'shared' ? FOUR_DIGIT_KINDS : [target];
}

export function isPassword(target: EntryTarget): boolean {
  return target === 'signing';
}

/** Shortest and longest value of a target: a PIN has 4 digits, the password 6 to 16 characters. */
export function lengthsOf(target: EntryTarget): { min: number; max: number } {
  return isPassword(target) ? { ...SIGNING_PASSWORD_LENGTH } : { min: PIN_LENGTH, max: PIN_LENGTH };
}

/** What main answered about a value in use (resident:submit-pins error pin-wrong / pin-locked). */
export interface CurrentRefusal {
  readonly secret: PinKind;
  /** Tries left on the card after the wrong entry; 0 when locked. */
  readonly triesLeft: number;
}

/**
 * Reads main's error: pin-wrong with the secret and its tries left, pin-locked with the secret.
 * Anything else (or a detail that does not parse) is not such an answer: null.
 */
export function currentRefusalOf(error: {
  readonly code: string;
  readonly detail?: string;
}): CurrentRefusal | null {
  const refused = parsePinRefusal(error);
  return refused ? { secret: refused.kind, triesLeft: refused.triesLeft } : null;
}
