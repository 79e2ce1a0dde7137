// Dates as Japanese municipal forms print them: 令和8年11月25日, in Japan's time zone.
import { eraDate, japanInstantOf } from '../../preload/contract/rules/japanese-date';
import { DocumentError } from './errors';

const TIME = new Intl.DateTimeFormat('ja-JP', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Tokyo',
});

function notADate(): never {
  throw new DocumentError('invalid-date', 'a date could not be read');
}

/** 令和8年11月25日 (令和元年5月1日 for the first year). */
export function japaneseEraDate(value: string): string {
  return eraDate(value) ?? notADate();
}

/** 令和8年11月25日 9時05分. */
export function japaneseEraDateTime(isoTimestamp: string): string {
  const at = japanInstantOf(isoTimestamp) ?? notADate();
  const [h, m] = TIME.format(at).split(':');
  return `${japaneseEraDate(isoTimestamp)} ${Number(h)}時${m}分`;
}
