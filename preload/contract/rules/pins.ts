// The resident's PIN and password rules: the formats of new values and of values in use, which
// secrets a resident sets, and the pin-wrong answer's detail. Pure: main enforces them on every
// submission; the resident window runs the same checks only for quick feedback.
import { PIN_KINDS, type PinKind } from '../dto';
import { RULE_SET_2024_12, type RuleSet } from './rule-sets';

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

/**
 * The order in which the resident sets the secrets under a rule set: signing password first (not
 * under 15). The cards in use today are of the first set's generation.
 */
export function requiredPinKinds(
  under15: boolean,
  rules: RuleSet = RULE_SET_2024_12,
): readonly PinKind[] {
  return under15 ? rules.pins.under15Kinds : rules.pins.kinds;
}

/** The three 4-digit PINs that may share one value (「3つとも同じ暗証番号にする」). */
export const FOUR_DIGIT_KINDS: readonly PinKind[] = ['auth', 'juki', 'text'];

/** Digits of a PIN, and the shortest and longest signing password. */
export const PIN_LENGTH = 4;
export const SIGNING_PASSWORD_LENGTH = { min: 6, max: 16 } as const;

const PIN_FORMAT = new RegExp(`^\\d{${PIN_LENGTH}}$`);
const PASSWORD_FORMAT = new RegExp(
  `^[A-Z0-9]{${SIGNING_PASSWORD_LENGTH.min},${SIGNING_PASSWORD_LENGTH.max}}$`,
);

export function isPinKind(value: unknown): value is PinKind {
  return typeof value === 'string' && (PIN_KINDS as readonly string[]).includes(value);
}

/** Clients upper-case the signing password as it is typed, so the card only ever holds capitals. */
export function normaliseSigningPassword(typed: string): string {
  return typed.toUpperCase();
}

/** A value as typed, the way the card holds it: the signing password upper-cased, PINs as they are. */
export function normaliseSecret(kind: PinKind, typed: string): string {
  return kind === 'signing' ? normaliseSigningPassword(typed) : typed;
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
  if (!PIN_FORMAT.test(value)) return 'pin-format';
  if (/^(\d)\1{3}$/.test(value)) return 'pin-same-digits';
  if (isRun(value, 1) || isRun(value, -1)) return 'pin-sequence';
  const [yyyy = '', mm = '', dd = ''] = birthDate.split('-');
  const forms = [mm + dd, yyyy.slice(2) + mm, yyyy];
  if (forms.includes(value)) return 'pin-birth-date';
  return null;
}

/** The signing password after upper-casing: 6–16 of A–Z and 0–9 with at least one of each. */
export function checkSigningPassword(value: string): PinRuleViolation | null {
  if (!PASSWORD_FORMAT.test(value)) return 'password-format';
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
  const v = normaliseSecret(kind, value);
  const c = normaliseSecret(kind, confirmation);
  const rule = kind === 'signing' ? checkSigningPassword(v) : checkFourDigitPin(v, birthDate);
  if (rule) return rule;
  return v === c ? null : 'pin-confirmation-differs';
}

/**
 * A value in use (after upper-casing, like checkSigningPassword), by its format only: the card
 * decides whether it is right, and the rules for new values (runs, birth date) may not have
 * applied when it was set. A signing password has always had a letter and a digit.
 */
export function checkCurrentFormat(kind: PinKind, value: string): PinRuleViolation | null {
  if (kind === 'signing') return checkSigningPassword(value);
  return PIN_FORMAT.test(value) ? null : 'pin-format';
}

/** The facts of a pin-wrong refusal: which secret was wrong, and the tries the card has left. */
export interface PinWrongDetail {
  readonly kind: PinKind;
  /** At least 1: with none left the refusal is pin-locked, whose detail is the kind alone. */
  readonly triesLeft: number;
}

function isTriesLeft(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 99;
}

/** The detail string of a pin-wrong refusal ("<kind>:<tries left>", e.g. "auth:2"). */
export function pinWrongDetail(d: PinWrongDetail): string {
  if (!isPinKind(d.kind) || !isTriesLeft(d.triesLeft))
    throw new RangeError('not a pin-wrong detail');
  return `${d.kind}:${d.triesLeft}`;
}

/** Reads a pin-wrong refusal's detail; null when it is not one (a wrong kind, no tries left). */
export function parsePinWrongDetail(detail: string | undefined): PinWrongDetail | null {
  const m = /^([a-z]+):(\d{1,2})$/.exec(detail ?? '');
  if (!m || !isPinKind(m[1])) return null;
  const triesLeft = Number(m[2]);
  return isTriesLeft(triesLeft) ? { kind: m[1], triesLeft } : null;
}

/**
 * A refusal about a value in use, from its code and detail: pin-wrong with the tries left, or
 * pin-locked (detail: the kind) with none. Null for any other refusal or a detail that does not
 * read.
 */
export function parsePinRefusal(error: {
  readonly code: string;
  readonly detail?: string | undefined;
}): { readonly kind: PinKind; readonly triesLeft: number } | null {
  if (error.code === 'pin-locked')
    return isPinKind(error.detail) ? { kind: error.detail, triesLeft: 0 } : null;
  return error.code === 'pin-wrong' ? parsePinWrongDetail(error.detail) : null;
}
