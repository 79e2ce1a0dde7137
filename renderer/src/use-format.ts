// Date formatting through the current language's message (2035年2月17日 / 17 February 2035), with
// the 和暦 beside the 西暦 for the dates of a resident or a card, as the printed forms have it.
import { useI18n } from 'vue-i18n';
import { eraYear } from '../../preload/contract/rules/japanese-date';
import { japanDate } from '../../preload/contract/rules/validity';
import { dateParts, dateTimeParts, japanDateTimeParts } from './i18n';

/** The message function of a composer (`useI18n().t` or `i18n.global.t`). */
type Translate = (key: string, named: Record<string, unknown>) => string;

/** A YYYY-MM-DD date in words; an unparseable value is shown as it came, never hidden. */
export function formatDate(t: Translate, isoDate: string): string {
  const parts = dateParts(isoDate);
  return parts ? t('date', { ...parts }) : isoDate;
}

/**
 * A resident's or a card's date with its era year: 1992年7月8日（平成4年）, in English
 * 8 July 1992 (平成4年). The era stays in Japanese in both languages: it is the name on the
 * resident's documents and the printed forms, and the clerk reads it against them. A timestamp
 * stands for its day in Japan (a certificate's last instant is the end of a Japanese day).
 */
export function formatDateWithEra(t: Translate, isoDateOrTimestamp: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDateOrTimestamp)
    ? isoDateOrTimestamp
    : japanDayOf(isoDateOrTimestamp);
  if (day === null) return isoDateOrTimestamp;
  const era = eraYear(day);
  const date = formatDate(t, day);
  return era ? t('dateWithEra', { date, era }) : date;
}

/**
 * A moment in Japan time: the time alone (14:05) when it falls on `now`'s day there, else with its
 * date (a procedure taken over on an earlier day).
 */
export function formatJapanTimeToday(t: Translate, isoTimestamp: string, now: Date): string {
  const parts = japanDateTimeParts(isoTimestamp);
  if (!parts) return isoTimestamp;
  const today = japanDayOf(isoTimestamp) === japanDate(now);
  return t(today ? 'timeOfDay' : 'dateTime', { ...parts });
}

function japanDayOf(isoTimestamp: string): string | null {
  const at = new Date(isoTimestamp);
  return Number.isNaN(at.getTime()) ? null : japanDate(at);
}

export function useFormat() {
  const { t } = useI18n();

  function date(isoDate: string): string {
    return formatDate(t, isoDate);
  }

  /** For birth dates, card expiries, issue dates and certificate validity: with the 和暦. */
  function dateWithEra(isoDateOrTimestamp: string): string {
    return formatDateWithEra(t, isoDateOrTimestamp);
  }

  function dateTime(isoTimestamp: string): string {
    const parts = dateTimeParts(isoTimestamp);
    return parts ? t('dateTime', { ...parts }) : isoTimestamp;
  }

  /** In Japan time, for lockouts and audit rows (the screen says so next to the value). */
  function japanDateTime(isoTimestamp: string): string {
    const parts = japanDateTimeParts(isoTimestamp);
    return parts ? t('dateTime', { ...parts }) : isoTimestamp;
  }

  /** In Japan time, the time alone (14:05) when it is today there, else with its date. */
  function japanTimeToday(isoTimestamp: string): string {
    return formatJapanTimeToday(t, isoTimestamp, new Date());
  }

  /** In Japan time to the second, for the audit log (rows of one minute told apart). */
  function japanDateTimeSeconds(isoTimestamp: string): string {
    const parts = japanDateTimeParts(isoTimestamp);
    return parts ? t('dateTimeSeconds', { ...parts }) : isoTimestamp;
  }

  /** A file size as KB with the exact byte count. */
  function bytes(n: number): string {
    return t('form.bytes', { kb: (n / 1024).toFixed(1), bytes: n.toLocaleString('en-US') });
  }

  return {
    date,
    dateWithEra,
    dateTime,
    japanDateTime,
    japanTimeToday,
    japanDateTimeSeconds,
    bytes,
  };
}
