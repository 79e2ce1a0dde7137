// The screens' date formatter: 西暦 in the current language, the 和暦 year beside it from the one
// era rule, a timestamp taken as its day in Japan, and a value that is no date shown as it came.
import { describe, expect, it } from 'vitest';
import { createAppI18n, type Locale } from '../../../renderer/src/i18n';
import {
  formatDate,
  formatDateWithEra,
  formatJapanTimeToday,
} from '../../../renderer/src/use-format';

function translate(locale: Locale) {
  const i18n = createAppI18n();
  i18n.global.locale.value = locale;
  return (key: string, named: Record<string, unknown>) => i18n.global.t(key, named);
}

describe('formatDateWithEra', () => {
  const ja = translate('ja');
  const en = translate('en');

  it('puts the era year beside the date, in Japanese', () => {
    expect(formatDateWithEra(ja, '1992-07-08')).toBe('1992年7月8日（平成4年）');
    expect(formatDateWithEra(ja, '2035-02-17')).toBe('2035年2月17日（令和17年）');
  });

  it('names the first year of an era 元年, and changes era on its first day', () => {
    expect(formatDateWithEra(ja, '2019-04-30')).toBe('2019年4月30日（平成31年）');
    expect(formatDateWithEra(ja, '2019-05-01')).toBe('2019年5月1日（令和元年）');
    expect(formatDateWithEra(ja, '1989-01-07')).toBe('1989年1月7日（昭和64年）');
    expect(formatDateWithEra(ja, '1989-01-08')).toBe('1989年1月8日（平成元年）');
  });

  it('keeps the Japanese era in English, beside the English date', () => {
    expect(formatDateWithEra(en, '1992-07-08')).toBe('8 July 1992 (平成4年)');
  });

  it('takes a timestamp as its day in Japan', () => {
    // 2029-09-19T15:00Z is already 20 September in Japan.
    expect(formatDateWithEra(ja, '2029-09-19T15:00:00.000Z')).toBe('2029年9月20日（令和11年）');
    expect(formatDateWithEra(ja, '2029-09-20T14:59:59.000Z')).toBe('2029年9月20日（令和11年）');
    // A takeover's time: alone on the same day in Japan, with its date on another.
    const now = new Date('2029-09-20T03:00:00.000Z');
    expect(formatJapanTimeToday(ja, '2029-09-19T15:05:00.000Z', now)).toBe('00:05');
    expect(formatJapanTimeToday(ja, '2029-09-19T14:59:00.000Z', now)).toBe(
      '2029年9月19日 23時59分',
    );
    expect(formatJapanTimeToday(en, 'unknown', now)).toBe('unknown');
  });

  it('shows a value that is no date as it came', () => {
    expect(formatDateWithEra(ja, 'unknown')).toBe('unknown');
    expect(formatDateWithEra(ja, '2029-13-01')).toBe('2029-13-01');
    expect(formatDate(en, '2029-13-01')).toBe('2029-13-01');
  });
});
