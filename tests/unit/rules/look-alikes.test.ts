// The look-alike rule's pure parts: which household application is at the counter, and when two
// of one household count as applying together (days in Japan time).
import { describe, expect, it } from 'vitest';
import {
  atTheCounter,
  householdTogether,
  needsNoticeMatch,
} from '../../../preload/contract/rules/look-alikes';

const today = { start: '2026-11-24T15:00:00.000Z', end: '2026-11-25T15:00:00.000Z' };

describe('look-alikes', () => {
  it('an application is at the counter while ready, or on the day it was issued', () => {
    expect(atTheCounter({ status: 'ready', statusChangedAt: '2026-01-01T00:00:00Z' }, today)).toBe(
      true,
    );
    expect(atTheCounter({ status: 'issued', statusChangedAt: '2026-11-25T02:00:00Z' }, today)).toBe(
      true,
    );
    expect(atTheCounter({ status: 'issued', statusChangedAt: '2026-11-24T14:59:59Z' }, today)).toBe(
      false,
    );
    expect(
      atTheCounter({ status: 'pending', statusChangedAt: '2026-11-25T02:00:00Z' }, today),
    ).toBe(false);
  });

  it('applied the same Japanese day counts, across the UTC midnight', () => {
    // 2026-08-24 08:30 and 23:50 in Japan: one day there, two days in UTC.
    const own = { createdAt: '2026-08-23T23:30:00Z' };
    expect(householdTogether(own, { createdAt: '2026-08-24T14:50:00Z', handledToday: false })).toBe(
      true,
    );
    expect(householdTogether(own, { createdAt: '2026-08-24T15:10:00Z', handledToday: false })).toBe(
      false,
    );
  });

  it('applied apart counts once the other one was handled at the counter today', () => {
    const own = { createdAt: '2026-06-15T00:00:00Z' };
    expect(householdTogether(own, { createdAt: '2026-07-16T00:00:00Z', handledToday: true })).toBe(
      true,
    );
  });

  it('a look-alike means the notice number, none means the name is enough', () => {
    expect(needsNoticeMatch([])).toBe(false);
    expect(
      needsNoticeMatch([
        {
          reason: 'same-name',
          residentId: 2,
          kanjiName: '山田　優子',
          kanaName: 'ヤマダ　ユウコ',
          birthDate: '1990-04-12',
          noticeNumber: 'MD-2026-0033',
        },
      ]),
    ).toBe(true);
  });
});
