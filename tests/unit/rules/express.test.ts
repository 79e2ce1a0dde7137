// 特急発行: the listed categories, 30 days after the event, a baby before the first birthday.
import { describe, expect, it } from 'vitest';
import {
  expressLastDay,
  expressRefusal,
  firstBirthday,
  type ExpressQuestion,
} from '../../../preload/contract/rules/express';

const lost: ExpressQuestion = {
  category: 'lost-card',
  reason: 'lost',
  eventDate: '2026-11-10',
  birthDate: '1992-07-08',
  today: '2026-12-07',
};

describe('特急発行 eligibility', () => {
  it('a lost card within 30 days of the loss, to the 30th day inclusive', () => {
    expect(expressRefusal(lost)).toBeNull();
    expect(expressLastDay('2026-11-10')).toBe('2026-12-10');
    expect(expressRefusal({ ...lost, today: '2026-12-10' })).toBeNull();
    expect(expressRefusal({ ...lost, today: '2026-12-11' })).toBe('window-passed');
  });

  it('refuses a missing or future event day, and reasons that are not a loss', () => {
    expect(expressRefusal({ ...lost, eventDate: null })).toBe('event-date');
    expect(expressRefusal({ ...lost, eventDate: '2026-12-08' })).toBe('event-in-future');
    expect(expressRefusal({ ...lost, reason: 'damaged' })).toBe('reason');
    expect(expressRefusal({ ...lost, reason: 'theft' })).toBe('reason');
  });

  it('arrival from abroad counts from the arrival, for any charged reason', () => {
    const arrival: ExpressQuestion = {
      ...lost,
      category: 'arrival-from-abroad',
      reason: 'damaged',
      eventDate: '2026-11-20',
    };
    expect(expressRefusal(arrival)).toBeNull();
    expect(expressRefusal({ ...arrival, eventDate: '2026-10-01' })).toBe('window-passed');
  });

  it('a baby any time before the first birthday, whatever the event', () => {
    const baby: ExpressQuestion = {
      ...lost,
      category: 'under-one',
      eventDate: null,
      birthDate: '2025-12-08',
    };
    expect(firstBirthday('2025-12-08')).toBe('2026-12-08');
    expect(expressRefusal(baby)).toBeNull();
    expect(expressRefusal({ ...baby, today: '2026-12-08' })).toBe('first-birthday-passed');
    expect(firstBirthday('2024-02-29')).toBe('2025-03-01');
  });
});
