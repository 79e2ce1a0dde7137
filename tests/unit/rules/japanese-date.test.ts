import { describe, expect, it } from 'vitest';
import { eraDate, eraYear } from '../../../preload/contract/rules/japanese-date';

describe('the 和暦 rule shared by forms and screens', () => {
  it('names the era year, with 元年 for the first year of an era', () => {
    expect(eraYear('1992-07-08')).toBe('平成4年');
    expect(eraYear('2019-05-01')).toBe('令和元年');
    expect(eraYear('2019-04-30')).toBe('平成31年');
    expect(eraYear('1989-01-07')).toBe('昭和64年');
  });

  it('takes a timestamp as the day it was in Japan', () => {
    expect(eraYear('2019-04-30T15:00:00.000Z')).toBe('令和元年');
    expect(eraDate('2031-07-08T14:59:59.000Z')).toBe('令和13年7月8日');
  });

  it('answers null for what is not a date, so a screen can show the value as it came', () => {
    expect(eraYear('not a date')).toBeNull();
    expect(eraDate('2026-13-45')).toBeNull();
  });
});
