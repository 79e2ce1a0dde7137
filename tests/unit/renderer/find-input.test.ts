// The find screen reads what the clerk types before asking main: the birth date (西暦 or 和暦) and the card serial.
import { describe, expect, it } from 'vitest';
import {
  birthDateProblem,
  parseBirthDate,
  parseSerial,
} from '../../../renderer/src/workflows/find/find-input';

describe('the birth date as typed at the counter', () => {
  it('reads the usual ways of writing it, full-width digits too', () => {
    for (const typed of [
      '1992-07-08',
      '1992/7/8',
      '19920708',
      '1992年7月8日',
      '１９９２／０７／０８',
    ])
      expect(parseBirthDate(typed), typed).toBe('1992-07-08');
  });

  it('reads 和暦 as clerks write it, and refuses a date outside its era', () => {
    expect(parseBirthDate('平成4年7月8日')).toBe('1992-07-08');
    expect(parseBirthDate('H4.7.8')).toBe('1992-07-08');
    expect(parseBirthDate('ｈ０４／０７／０８')).toBe('1992-07-08');
    expect(parseBirthDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(parseBirthDate('平成元年1月8日')).toBe('1989-01-08');
    expect(parseBirthDate('R2.8.14')).toBe('2020-08-14');
    expect(parseBirthDate('大正13年4月1日')).toBe('1924-04-01');
    for (const typed of [
      '昭和64年1月8日',
      '平成31年5月1日',
      '平成元年1月7日',
      '令和0年1月1日',
      'X4.7.8',
    ])
      expect(parseBirthDate(typed), typed).toBeNull();
  });

  it('refuses what is not a real date or not year first', () => {
    for (const typed of ['', '7月8日', '08/07/1992', '1992-02-30', '1992-13-01', '920708'])
      expect(parseBirthDate(typed), typed).toBeNull();
  });

  it('says whether a birth date is missing or unreadable, so the screen asks for the right thing', () => {
    expect(birthDateProblem('  ')).toBe('birthDate');
    expect(birthDateProblem('7月8日')).toBe('badBirthDate');
    expect(birthDateProblem('H4.7.8')).toBeNull();
  });
});

describe('the card serial as typed at the counter', () => {
  it('reads a serial as typed, and refuses a wrong length', () => {
    expect(parseSerial('９９００ ０００００００ ０００２')).toBe('990000000000002');
    expect(parseSerial('99000000000002')).toBeNull();
  });
});
