// Dates as Japanese municipal forms print them: 令和8年11月25日, in Japan's time zone.
import { DocumentError } from './errors';

const ERA_DATE = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});

const TIME = new Intl.DateTimeFormat('ja-JP', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Tokyo',
});

/**
 * 'YYYY-MM-DD' is a calendar date and printed as that day; a full ISO timestamp is the day it
 * was in Japan (a certificate's notAfter of 14:59:59Z is the end of a Japanese day).
 */
function instantOf(value: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T12:00:00+09:00`)
    : new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new DocumentError('invalid-date', 'a date could not be read');
  return at;
}

/** 令和8年11月25日 (令和元年5月1日 for the first year). */
export function japaneseEraDate(value: string): string {
  return ERA_DATE.format(instantOf(value));
}

/** 令和8年11月25日 9時05分. */
export function japaneseEraDateTime(isoTimestamp: string): string {
  const at = instantOf(isoTimestamp);
  const [h, m] = TIME.format(at).split(':');
  return `${ERA_DATE.format(at)} ${Number(h)}時${m}分`;
}
