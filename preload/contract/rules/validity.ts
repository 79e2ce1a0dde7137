// When certificates and cards stop being valid and when renewal opens, on the counter's calendar.
// Pure: card health, the renewal procedure and the resident's history all ask these functions.
// The periods themselves are dated numbers of the rule table (rule-sets.ts).
import { RULE_SET_2024_12, ruleSetOn, type RuleSet } from './rule-sets';

/** Renewal opens this many calendar months before the last valid day; card expiry warns as early. */
export const RENEWAL_WINDOW_MONTHS = RULE_SET_2024_12.validity.renewalWindowMonths;

/** Japan has no daylight saving: its calendar day is UTC shifted by nine hours. */
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/** A certificate's state by its dates (absent and revoked are for whoever knows more than dates). */
export const CERTIFICATE_VALIDITIES = ['valid', 'expiring', 'expired', 'not-yet-valid'] as const;
export type CertificateValidity = (typeof CERTIFICATE_VALIDITIES)[number];

export type CardExpiryState = 'valid' | 'expiring' | 'expired';

/**
 * The calendar day (YYYY-MM-DD) of an instant at the counter. The holder reads dates on the card
 * and in the notices as Japan dates, so every "on the day" rule here counts in Japan time.
 */
export function japanDate(instant: Date): string {
  return new Date(instant.getTime() + JAPAN_OFFSET_MS).toISOString().slice(0, 10);
}

function parseDay(isoDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError('not a YYYY-MM-DD date');
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * The first day of the renewal window of something valid through `lastValidDay` (YYYY-MM-DD):
 * the same day of the month three months earlier, or that month's last day when it is shorter
 * (May 31 opens on Feb 28, or Feb 29 in a leap year).
 */
export function renewalOpensOn(lastValidDay: string, rules: RuleSet = RULE_SET_2024_12): string {
  const [y, m, d] = parseDay(lastValidDay);
  const monthIndex = m - 1 - rules.validity.renewalWindowMonths;
  const daysInMonth = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, monthIndex, Math.min(d, daysInMonth))).toISOString().slice(0, 10);
}

/** The first day (Japan time) a certificate valid until the instant `notAfter` may be renewed. */
export function certificateRenewalOpensOn(notAfter: Date): string {
  return renewalOpensOn(japanDate(notAfter));
}

/** Whether renewal is open at `now` for a certificate valid until `notAfter` (also once expired). */
export function isRenewalOpen(notAfter: Date, now: Date): boolean {
  return japanDate(now) >= certificateRenewalOpensOn(notAfter);
}

/**
 * A certificate by its validity period: not yet valid before notBefore, expired after notAfter,
 * expiring from the first day of its renewal window, valid before that.
 */
export function certificateValidity(
  notBefore: Date,
  notAfter: Date,
  now: Date,
): CertificateValidity {
  if (now < notBefore) return 'not-yet-valid';
  if (now > notAfter) return 'expired';
  return isRenewalOpen(notAfter, now) ? 'expiring' : 'valid';
}

/**
 * The card by its expiry date (YYYY-MM-DD, the last day it is valid): 'expired' from the next
 * Japan day, 'expiring' from the day its window opens (three months before, as for renewal).
 */
export function cardExpiryState(cardExpiry: string, now: Date): CardExpiryState {
  const today = japanDate(now);
  if (today > cardExpiry) return 'expired';
  return today >= renewalOpensOn(cardExpiry) ? 'expiring' : 'valid';
}

/** Certificates issued on the Japan day `issueDay` run to this birthday after it (rule table). */
export function certificateBirthdaysOn(
  issueDay: string,
  table: readonly RuleSet[] | undefined = undefined,
): number {
  return ruleSetOn(issueDay, table).validity.certificateBirthdays;
}
