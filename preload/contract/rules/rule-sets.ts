// The dated rule table: each entry is the set of numbers the law and J-LIS fix from one day on
// (fees, 特急発行, the PINs a resident sets, validity periods). The rule modules (fees.ts,
// express.ts, pins.ts, validity.ts) read their part of the entry in force on a day, so a new card
// generation or a new fee is a new entry here, not new code.
import type { PinKind } from './pin-kinds';
import type { Label, ReissueReason } from './reasons';

/** Who may ask for 特急発行: the categories the rules list, each with its own window. */
export const EXPRESS_CATEGORIES = ['lost-card', 'under-one', 'arrival-from-abroad'] as const;
export type ExpressCategory = (typeof EXPRESS_CATEGORIES)[number];

export interface FeeRules {
  /** Reasons the resident pays for; the others are free by rule. */
  readonly chargedReissueReasons: readonly ReissueReason[];
  /** The standard reissue: the card, and the certificates when the resident wants them. */
  readonly reissueCardYen: number;
  readonly reissueCertificatesYen: number;
  /** 特急発行 in place of the standard fee, with and without certificates. */
  readonly expressWithCertificatesYen: number;
  readonly expressWithoutCertificatesYen: number;
}

export interface ExpressRules {
  /** Who may ask for it; empty in a rule set without 特急発行. */
  readonly categories: readonly ExpressCategory[];
  /** Days after the event (the loss, the arrival) within which it may be asked for. */
  readonly windowDays: number;
  /** The reissue reasons a lost-card express reissue may have. */
  readonly lostCardReasons: readonly ReissueReason[];
}

export interface PinRules {
  /** The secrets a resident sets, in the order of entry (the signing password first). */
  readonly kinds: readonly PinKind[];
  /** The kinds that need no signing certificate, set by a resident under 15. */
  readonly under15Kinds: readonly PinKind[];
}

export interface ValidityRules {
  /** Certificates run to this birthday after issue (never past the card's expiry). */
  readonly certificateBirthdays: number;
  /** Cards run to this birthday after issue: 18 and over, under 18. */
  readonly cardBirthdaysAdult: number;
  readonly cardBirthdaysMinor: number;
  /** Renewal opens this many calendar months before the last valid day. */
  readonly renewalWindowMonths: number;
}

export interface RuleSet {
  /** The set's name in the 日報 and the audit rows, e.g. `2024-12-02`. */
  readonly id: string;
  /** The first Japan day (YYYY-MM-DD) the set is in force; it stays so until the next one. */
  readonly effectiveFrom: string;
  readonly label: Label;
  readonly fees: FeeRules;
  readonly express: ExpressRules;
  readonly pins: PinRules;
  readonly validity: ValidityRules;
}

/**
 * The rules since 特急発行 began (2024-12-02): reissue ¥1,000 (card ¥800, certificates ¥200),
 * express ¥2,000 (¥1,800 without certificates), four secrets, certificates to the 5th birthday.
 */
export const RULE_SET_2024_12: RuleSet = {
  id: '2024-12-02',
  effectiveFrom: '2024-12-02',
  label: { ja: '2024年12月2日からの規則', en: 'Rules from 2 December 2024' },
  fees: {
    chargedReissueReasons: ['lost', 'damaged', 'own-wish', 'missed-renewal'],
    reissueCardYen: 800,
    reissueCertificatesYen: 200,
    expressWithCertificatesYen: 2000,
    expressWithoutCertificatesYen: 1800,
  },
  express: {
    categories: ['lost-card', 'under-one', 'arrival-from-abroad'],
    windowDays: 30,
    lostCardReasons: ['lost'],
  },
  pins: {
    kinds: ['signing', 'auth', 'juki', 'text'],
    under15Kinds: ['auth', 'juki', 'text'],
  },
  validity: {
    certificateBirthdays: 5,
    cardBirthdaysAdult: 10,
    cardBirthdaysMinor: 5,
    renewalWindowMonths: 3,
  },
};

/** Every rule set, oldest first. The next card generation is appended here with its day. */
export const RULE_SETS: readonly RuleSet[] = [RULE_SET_2024_12];

/**
 * The set in force on a Japan day: the last one that began on or before it. A day before the
 * first set (a record older than the table) takes the first: it is the oldest the app knows.
 */
export function ruleSetOn(day: string, table: readonly RuleSet[] = RULE_SETS): RuleSet {
  const sorted = [...table].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  let found = sorted[0];
  if (!found) throw new RangeError('no rule set');
  for (const set of sorted) if (set.effectiveFrom <= day) found = set;
  return found;
}

/** A set by its id, as a journal row recorded it; unknown ids are an error of the table. */
export function ruleSetById(id: string, table: readonly RuleSet[] = RULE_SETS): RuleSet {
  const found = table.find((s) => s.id === id);
  if (!found) throw new RangeError(`unknown rule set ${id}`);
  return found;
}
