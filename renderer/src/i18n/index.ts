// The i18n instance (Composition API, Japanese first) and date formatting that both languages share.
import { createI18n } from 'vue-i18n';
import { en } from './en';
import { ja, type Messages } from './ja';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function createAppI18n() {
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale: 'ja',
    fallbackLocale: 'ja',
    messages: { ja, en },
    // A missing key is a bug caught by typecheck; at runtime stay quiet rather than log to the console.
    missingWarn: false,
    fallbackWarn: false,
  });
}

export interface DateParts {
  readonly y: string;
  readonly m: string;
  readonly d: string;
  readonly month: string;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Splits an ISO date (YYYY-MM-DD) into message parameters. Parsed by hand, not through Date,
 * so a card expiry never shifts by a day with the machine's time zone.
 */
export function dateParts(isoDate: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const [, y = '', m = '', d = ''] = match;
  const month = MONTHS_EN[Number(m) - 1];
  if (month === undefined) return null;
  return { y, m: String(Number(m)), d: String(Number(d)), month };
}

/** Local date and time of an ISO timestamp, as message parameters. */
export function dateTimeParts(
  isoTimestamp: string,
): (DateParts & { hh: string; mm: string }) | null {
  const at = new Date(isoTimestamp);
  if (Number.isNaN(at.getTime())) return null;
  const month = MONTHS_EN[at.getMonth()] ?? '';
  return {
    y: String(at.getFullYear()),
    m: String(at.getMonth() + 1),
    d: String(at.getDate()),
    month,
    hh: String(at.getHours()).padStart(2, '0'),
    mm: String(at.getMinutes()).padStart(2, '0'),
  };
}

const JAPAN_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * Date and time of an ISO timestamp in Japan time, whatever the machine's zone: a lockout or an
 * audit row is read against the town hall's clock, not a misconfigured PC's.
 */
export function japanDateTimeParts(
  isoTimestamp: string,
): (DateParts & { hh: string; mm: string; ss: string }) | null {
  const at = new Date(isoTimestamp);
  if (Number.isNaN(at.getTime())) return null;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    JAPAN_PARTS.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  const m = Number(part('month'));
  return {
    y: part('year'),
    m: String(m),
    d: String(Number(part('day'))),
    month: MONTHS_EN[m - 1] ?? '',
    hh: part('hour').padStart(2, '0'),
    mm: part('minute').padStart(2, '0'),
    ss: part('second').padStart(2, '0'),
  };
}
