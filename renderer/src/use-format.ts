// Date formatting through the current language's message (2035年2月17日 / 17 February 2035).
import { useI18n } from 'vue-i18n';
import { dateParts, dateTimeParts } from './i18n';

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

  return { date, dateTime };
}
