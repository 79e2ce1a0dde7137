// Dates on the printed forms: the Japanese era, the day as it is in Japan.
import { describe, expect, it } from 'vitest';
import { DocumentError, japaneseEraDate, japaneseEraDateTime } from '../../../main/documents';

describe('Japanese era dates', () => {
  it('prints calendar dates in the era of that day', () => {
    expect(japaneseEraDate('2026-11-25')).toBe('令和8年11月25日');
    expect(japaneseEraDate('2019-04-30')).toBe('平成31年4月30日');
    expect(japaneseEraDate('2019-05-01')).toBe('令和元年5月1日');
    expect(japaneseEraDate('1989-01-07')).toBe('昭和64年1月7日');
    expect(japaneseEraDate('1992-07-08')).toBe('平成4年7月8日');
  });

  it('prints a timestamp as the day it is in Japan', () => {
    // A certificate's last second (23:59:59 JST) is still that Japanese day.
    expect(japaneseEraDate('2031-07-08T14:59:59.000Z')).toBe('令和13年7月8日');
    // 15:30 UTC is already the next morning in Japan.
    expect(japaneseEraDate('2026-11-25T15:30:00.000Z')).toBe('令和8年11月26日');
    expect(japaneseEraDateTime('2026-11-25T00:05:00.000Z')).toBe('令和8年11月25日 9時05分');
  });

  it('refuses what is not a date', () => {
    expect(() => japaneseEraDate('not a date')).toThrow(DocumentError);
  });
});
