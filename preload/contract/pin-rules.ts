// The resident's PIN and password rules (CARD.md Secrets, WORKFLOWS.md 交付 5). Pure: main enforces
// them on every submission; the resident window runs the same checks only for quick feedback.
import type { PinKind } from './dto';

/** Why a value was refused; each is an error code with words in every resident language. */
export const PIN_RULE_VIOLATIONS = [
  'pin-format',
  'pin-same-digits',
  'pin-sequence',
  'pin-birth-date',
  'password-format',
  'password-letter-digit',
  'pin-confirmation-differs',
] as const;
export type PinRuleViolation = (typeof PIN_RULE_VIOLATIONS)[number];

/** The order in which the resident sets the secrets: signing password first (not under 15). */
export function requiredPinKinds(under15: boolean): readonly PinKind[] {
  return under15 ? ['auth', 'juki', 'text'] : ['signing', 'auth', 'juki', 'text'];
}

/** The three 4-digit PINs that may share one value (「3つとも同じ暗証番号にする」). */
export const FOUR_DIGIT_KINDS: readonly PinKind[] = ['auth', 'juki', 'text'];

/** Clients upper-case the signing password as it is typed (CARD.md). */
export function normaliseSigningPassword(typed: string): string {
  return typed.toUpperCase();
}

function isRun(digits: string, step: 1 | -1): boolean {
  for (let i = 1; i < digits.length; i += 1) {
    if (digits.charCodeAt(i) - digits.charCodeAt(i - 1) !== step) return false;
  }
  return true;
}

/**
 * A 4-digit PIN: exactly four digits, not four equal digits, not an ascending or descending run,
 * and not the holder's birth date as MMDD, YYMM or YYYY. `birthDate` is YYYY-MM-DD.
 */
export function checkFourDigitPin(value: string, birthDate: string): PinRuleViolation | null {
  if (!/^\d{4}$/.test(value)) return 'pin-format';
  if (/^(\d)\1{3}$/.test(value)) return 'pin-same-digits';
  if (isRun(value, 1) || isRun(value, -1)) return 'pin-sequence';
  const [yyyy = '', mm = '', dd = ''] = birthDate.split('-');
  const forms = [mm + dd, yyyy.slice(2) + mm, yyyy];
  if (forms.includes(value)) return 'pin-birth-date';
  return null;
}

/** The signing password after upper-casing: 6–16 of A–Z and 0–9 with at least one of each. */
export function checkSigningPassword(value: string): PinRuleViolation | null {
  if (!/^[A-Z0-9]{6,16}$/.test(value)) return 'password-format';
  if (!/[A-Z]/.test(value) || !/[0-9]/.test(value)) return 'password-letter-digit';
  return null;
}

/** One secret with its confirmation: the rule of its kind, then the two entries must agree. */
export function checkPinEntry(
  kind: PinKind,
  value: string,
  confirmation: string,
  birthDate: string,
): PinRuleViolation | null {
  const v = kind === 'signing' ? normaliseSigningPassword(value) : value;
  const c = kind === 'signing' ? normaliseSigningPassword(confirmation) : confirmation;
  const rule = kind === 'signing' ? checkSigningPassword(v) : checkFourDigitPin(v, birthDate);
  if (rule) return rule;
  return v === c ? null : 'pin-confirmation-differs';
}
