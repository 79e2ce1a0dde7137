// Who may ask for 特急発行 (express issue) and until when: a listed category, asked for within
// the rule set's window after the event (the loss, the arrival from abroad), a baby at any time
// before the first birthday. Pure: main checks it at the reissue's reason step, the screen asks
// it only to say so early.
import type { Label, ReissueReason } from './reasons';
import { RULE_SET_2024_12, type ExpressCategory, type RuleSet } from './rule-sets';
import { isChargedReissue } from './fees';

export interface ExpressQuestion {
  readonly category: ExpressCategory;
  readonly reason: ReissueReason;
  /** The loss or the arrival (YYYY-MM-DD, Japan day); not asked for a baby. */
  readonly eventDate: string | null;
  /** The resident's birth date (YYYY-MM-DD). */
  readonly birthDate: string;
  /** The day it is asked for (YYYY-MM-DD, Japan day). */
  readonly today: string;
}

/** Why 特急発行 is refused: the error's detail of `express-not-eligible`. */
export const EXPRESS_REFUSALS = [
  'category',
  'reason',
  'event-date',
  'event-in-future',
  'window-passed',
  'first-birthday-passed',
] as const;
export type ExpressRefusal = (typeof EXPRESS_REFUSALS)[number];

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first birthday of someone born on `birthDate` (29 February: 1 March of a common year). */
export function firstBirthday(birthDate: string): string {
  const y = Number(birthDate.slice(0, 4)) + 1;
  const d = new Date(
    Date.UTC(y, Number(birthDate.slice(5, 7)) - 1, Number(birthDate.slice(8, 10))),
  );
  return d.toISOString().slice(0, 10);
}

/** The last day an event of `eventDate` still allows 特急発行 under `rules`. */
export function expressLastDay(eventDate: string, rules: RuleSet = RULE_SET_2024_12): string {
  return addDays(eventDate, rules.express.windowDays);
}

/** Null when the rules allow 特急発行 for this question, else why not. */
export function expressRefusal(
  q: ExpressQuestion,
  rules: RuleSet = RULE_SET_2024_12,
): ExpressRefusal | null {
  if (!rules.express.categories.includes(q.category)) return 'category';
  if (!isChargedReissue(q.reason, rules)) return 'reason';
  if (q.category === 'lost-card' && !rules.express.lostCardReasons.includes(q.reason))
    return 'reason';
  if (q.category === 'under-one')
    return q.today < firstBirthday(q.birthDate) ? null : 'first-birthday-passed';
  if (!q.eventDate || !/^\d{4}-\d{2}-\d{2}$/.test(q.eventDate)) return 'event-date';
  if (q.eventDate > q.today) return 'event-in-future';
  return q.today <= expressLastDay(q.eventDate, rules) ? null : 'window-passed';
}

export const EXPRESS_CATEGORY_LABELS: Readonly<Record<ExpressCategory, Label>> = {
  'lost-card': { ja: 'カードの紛失', en: 'Lost card' },
  'under-one': { ja: '1歳未満', en: 'Under one year old' },
  'arrival-from-abroad': { ja: '国外からの転入', en: 'Arrival from abroad' },
};
