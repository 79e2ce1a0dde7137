// Date formatting through the current language's message (2035年2月17日 / 17 February 2035).
import { useI18n } from 'vue-i18n';
import { dateParts, dateTimeParts, japanDateTimeParts } from './i18n';

export function useFormat() {
  const { t } = useI18n();

  /** A YYYY-MM-DD date in words; an unparseable value is shown as it came, never hidden. */
  function date(isoDate: string): string {
    const parts = dateParts(isoDate);
    return parts ? t('date', { ...parts }) : isoDate;
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

  /** In Japan time to the second, for the audit log (rows of one minute told apart). */
  function japanDateTimeSeconds(isoTimestamp: string): string {
    const parts = japanDateTimeParts(isoTimestamp);
    return parts ? t('dateTimeSeconds', { ...parts }) : isoTimestamp;
  }

  /** A file size as KB with the exact byte count. */
  function bytes(n: number): string {
    return t('form.bytes', { kb: (n / 1024).toFixed(1), bytes: n.toLocaleString('en-US') });
  }

  return { date, dateTime, japanDateTime, japanDateTimeSeconds, bytes };
}
