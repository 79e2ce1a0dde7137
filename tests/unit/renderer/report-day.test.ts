// The 日報's day is the town hall's, whatever the machine's time zone.
import { describe, expect, it } from 'vitest';
import { japanToday } from '../../../renderer/src/workflows/reports/report-day';

describe('the day of the 日報', () => {
  it('the 日報’s today is Japan’s: 23:30 UTC is already the next day', () => {
    expect(japanToday(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
    expect(japanToday(new Date('2026-11-25T14:59:00Z'))).toBe('2026-11-25');
  });
});
