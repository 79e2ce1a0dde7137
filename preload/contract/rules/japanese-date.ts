// The Japanese era (和暦) of a date, in Japan's time zone: one rule for printed forms and screens.

const ERA_DATE = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'Asia/Tokyo',
});

const ERA_YEAR = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: 'Asia/Tokyo',
});

/**
 * 'YYYY-MM-DD' is a calendar date and stands for that day; a full ISO timestamp is the day it
 * was in Japan (a certificate's notAfter of 14:59:59Z is the end of a Japanese day). Null when
 * the value is not a date.
 */
export function japanInstantOf(value: string): Date | null {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T12:00:00+09:00`)
    : new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** 令和8年11月25日 (令和元年5月1日 for the first year); null when the value is not a date. */
export function eraDate(value: string): string | null {
  const at = japanInstantOf(value);
  return at ? ERA_DATE.format(at) : null;
}

/** 平成4年 (令和元年 for the first year): what screens show beside a 西暦 date. */
export function eraYear(value: string): string | null {
  const at = japanInstantOf(value);
  return at ? ERA_YEAR.format(at) : null;
}
