// Domain validators: the 個人番号 check digit, serials, PINs, the signing password, dates.
import { describe, expect, it } from 'vitest';
import {
  InvalidValueError,
  isValidMyNumber,
  myNumberCheckDigit,
  parseCardSerial,
  parseIsoDate,
  parseMunicipalityCode,
  parseMyNumber,
  parsePin,
  parseSexCode,
  parseSigningPassword,
  secretBytes,
} from '../../../main/card/domain';

describe('domain: 個人番号 check digit', () => {
  it('the published test number 537686677188 is valid (check digit 8)', () => {
    expect(myNumberCheckDigit('53768667718')).toBe(8);
    expect(isValidMyNumber('537686677188')).toBe(true);
  });

  it('any one wrong digit fails', () => {
    const good = '537686677188';
    for (let i = 0; i < 12; i++) {
      const d = (Number(good[i]) + 1) % 10;
      const bad = good.slice(0, i) + d + good.slice(i + 1);
      expect(isValidMyNumber(bad), bad).toBe(false);
    }
  });

  it('follows the weights of docs/card.md on a hand-computed case', () => {
    // 00000000001: P1 = 1, Q1 = 2, s = 2, r = 2 -> 9.  00000100000: P6 = 1, Q6 = 7 -> 11 - 7 = 4.
    expect(myNumberCheckDigit('00000000001')).toBe(9);
    expect(myNumberCheckDigit('00000100000')).toBe(4);
    // P7 = 1, Q7 = 2 -> 9.  P5 + P1: 6 + 2 = 8 -> 3.
    expect(myNumberCheckDigit('00001000000')).toBe(9);
    expect(myNumberCheckDigit('00000010001')).toBe(3);
    // r <= 1 gives 0: P6 + P3 = 7 + 4 = 11 (r 0), P6 + P4 = 7 + 5 = 12 (r 1).
    expect(myNumberCheckDigit('00000100100')).toBe(0);
    expect(myNumberCheckDigit('00000101000')).toBe(0);
  });

  it('parseMyNumber rejects without echoing the number', () => {
    expect(() => parseMyNumber('537686677189')).toThrow(InvalidValueError);
    try {
      parseMyNumber('537686677189');
    } catch (e) {
      expect((e as Error).message).not.toContain('5376');
    }
    expect(parseMyNumber('537686677188')).toBe('537686677188');
  });
});

describe('domain: validators', () => {
  it('card serial is 15 digits', () => {
    expect(parseCardSerial('400000012719843')).toBe('400000012719843');
    expect(() => parseCardSerial('40000001271984')).toThrow(InvalidValueError);
    expect(() => parseCardSerial('40000001271984A')).toThrow(InvalidValueError);
  });

  it('municipality code is 5 digits', () => {
    expect(parseMunicipalityCode('13221')).toBe('13221');
    expect(() => parseMunicipalityCode('1322')).toThrow(InvalidValueError);
  });

  it('PIN is exactly 4 digits', () => {
    expect(parsePin('0000')).toBe('0000');
    for (const bad of ['123', '12345', '12a4', '１２３４']) {
      expect(() => parsePin(bad), bad).toThrow(InvalidValueError);
    }
  });

  it('signing password: 6-16 of A-Z0-9, a letter and a digit, upper-cased', () => {
    expect(parseSigningPassword('abc123')).toBe('ABC123');
    expect(parseSigningPassword('A1B2C3D4E5F6G7H8')).toBe('A1B2C3D4E5F6G7H8');
    for (const bad of ['AB123', 'ABCDEFG', '1234567', 'A1B2C3D4E5F6G7H8I', 'ABC-123']) {
      expect(() => parseSigningPassword(bad), bad).toThrow(InvalidValueError);
    }
  });

  it('secret bytes are the ASCII the card compares', () => {
    expect(Array.from(secretBytes(parsePin('1234')))).toEqual([0x31, 0x32, 0x33, 0x34]);
  });

  it('dates must exist on the calendar', () => {
    expect(parseIsoDate('19800217')).toBe('1980-02-17');
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(() => parseIsoDate('20230229')).toThrow(InvalidValueError);
    expect(() => parseIsoDate('19801317')).toThrow(InvalidValueError);
  });

  it('sex codes follow JIS X 0303', () => {
    expect(['1', '2', '9', '0'].map(parseSexCode)).toEqual([
      'male',
      'female',
      'not-applicable',
      'unknown',
    ]);
    expect(() => parseSexCode('3')).toThrow(InvalidValueError);
  });
});
